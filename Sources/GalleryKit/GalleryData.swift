import Figures
import Foundation
import Immediate

/// Deterministic pseudo-random numbers (xorshift64*), so the gallery and the bench show the same data.
struct SeededRandom {
    var state: UInt64

    init(seed: UInt64) { state = seed == 0 ? 0x9E37_79B9_7F4A_7C15 : seed }

    mutating func next() -> UInt64 {
        state ^= state >> 12
        state ^= state << 25
        state ^= state >> 27
        return state &* 2_685_821_657_736_338_717
    }

    /// Uniform in [0, 1).
    mutating func uniform() -> Double { Double(next() >> 11) * 0x1p-53 }

    /// Standard normal (Box–Muller).
    mutating func normal() -> Double {
        let u = max(uniform(), 1e-300)
        let v = uniform()
        return (-2 * log(u)).squareRoot() * cos(2 * .pi * v)
    }
}

/// The gallery's data: made once, shared by every frame.
public final class GalleryData: Sendable {
    /// A 10M-point random walk with rare spikes: zoom in and every spike is still there.
    public let bigLine: LineSeries
    /// The same walk sampled every 1000 points, then smoothed.
    public let trend: LineSeries
    /// The trend line's x column (shared, not a copy).
    public let bandX: ChunkedColumn
    public let bandLow: [Double]
    public let bandHigh: [Double]
    /// 1M points from five clusters, coloured by cluster.
    public let bigScatter: ScatterSeries
    public let barLabels = ["code", "math", "reasoning", "dialogue", "unknown"]
    public let barValues: [[Double]]
    public let timeLine: LineSeries
    public let timeScatter: ScatterSeries
    /// Every 23rd time of `timeLine`: events marked along the time axis (a rug).
    public let timeMarks: [Double]
    /// Charts page: generators × rejection reasons (counts), reason shares, signed effects,
    /// scores per domain, samples per domain over runs.
    public let generators = ["gen-a", "gen-b", "gen-c", "gen-d", "gen-e", "gen-f"]
    public let reasons = ["too short", "duplicate", "low coherence", "off domain", "toxic"]
    public let reasonCounts: [[Double]]
    public let effects: [Double]
    public let scores: [[Double]]
    public let runDomains: [[Double]]

    public init(linePoints: Int = 10_000_000, scatterPoints: Int = 1_000_000) {
        var random = SeededRandom(seed: 42)
        var ys = [Double](repeating: 0, count: linePoints)
        var xs = [Double](repeating: 0, count: linePoints)
        var value = 0.0
        for i in 0..<linePoints {
            value += random.normal() * 0.01
            var y = value
            if random.next() % 2_000_000 == 0 { y += (random.uniform() < 0.5 ? -1 : 1) * (3 + random.uniform() * 4) }  // a spike
            ys[i] = y
            xs[i] = Double(i)
        }
        bigLine = LineSeries(x: xs, y: ys)
        let step = max(1, linePoints / 2000)
        var tx: [Double] = []
        var ty: [Double] = []
        var low: [Double] = []
        var high: [Double] = []
        var index = 0
        while index < linePoints {
            let end = min(linePoints, index + step)
            let (lo, hi) = bigLine.minMax(index, end)
            let mean = ys[index..<end].reduce(0, +) / Double(end - index)
            tx.append(Double(index + end - 1) / 2)
            ty.append(mean)
            low.append(lo)
            high.append(hi)
            index = end
        }
        trend = LineSeries(x: tx, y: ty)
        bandX = trend.xs
        bandLow = low
        bandHigh = high

        let centers: [(Double, Double, Double)] = [(0, 0, 1), (4, 2, 0.6), (-3, 3, 0.8), (2, -3, 0.5), (-2, -2, 1.4)]
        let palette = Style().seriesColors
        var sx = [Double](repeating: 0, count: scatterPoints)
        var sy = sx
        var colors = [Color](repeating: .white, count: scatterPoints)
        for i in 0..<scatterPoints {
            let c = Int(random.next() % UInt64(centers.count))
            sx[i] = centers[c].0 + random.normal() * centers[c].2
            sy[i] = centers[c].1 + random.normal() * centers[c].2
            colors[i] = palette[c]
        }
        bigScatter = ScatterSeries(x: sx, y: sy, colors: colors)
        barValues = (0..<3).map { _ in (0..<5).map { _ in Double(Int(random.uniform() * 900) + 100) } }

        let start = 1_765_800_000.0  // 2025-12-15
        var times: [Double] = []
        var quality: [Double] = []
        var level = 0.55
        for i in 0..<600 {
            times.append(start + Double(i) * 1000 + random.uniform() * 300)
            level += random.normal() * 0.01 + 0.0004
            quality.append(level + random.normal() * 0.03)
        }
        timeLine = LineSeries(x: times, y: quality)
        timeMarks = stride(from: 5, to: times.count, by: 23).map { times[$0] }
        let picks = stride(from: 0, to: 600, by: 7).map { $0 }
        var counts: [[Double]] = []
        for g in 0..<6 {
            var row: [Double] = []
            for r in 0..<5 {
                let noise: Double = random.uniform() * random.uniform() * 120
                row.append((noise + Double(g * r % 7) * 9).rounded(.down))
            }
            counts.append(row)
        }
        reasonCounts = counts
        var effectValues: [Double] = []
        var scoreValues: [[Double]] = []
        var layers: [[Double]] = []
        for d in 0..<5 {
            effectValues.append((random.uniform() - 0.45) * 0.3)
            var domainScores: [Double] = []
            for _ in 0..<200 {
                let score: Double = 0.55 + Double(d) * 0.06 + random.normal() * 0.12
                domainScores.append(min(1, max(0, score)))
            }
            scoreValues.append(domainScores)
            var layer: [Double] = []
            for run in 0..<12 {
                let base = Double(200 + d * 80) + Double(run) * Double(30 - d * 12)
                layer.append(base + random.uniform() * 60)
            }
            layers.append(layer)
        }
        effects = effectValues
        scores = scoreValues
        runDomains = layers
        timeScatter = ScatterSeries(
            x: picks.map { times[$0] }, y: picks.map { quality[$0] + 0.08 },
            colors: picks.map { palette[$0 % 4 + 1] }, sizes: picks.map { Float(2 + $0 % 5) })
    }
}
