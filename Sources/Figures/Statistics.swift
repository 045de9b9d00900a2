import Foundation

/// Equal-width bins over values, as numpy's `histogram` counts them: bins are half-open
/// [a, b) except the last, which holds its right edge. Non-finite values are counted apart,
/// never binned.
public struct Histogram: Sendable, Equatable {
    /// `counts.count + 1` edges.
    public var edges: [Double]
    public var counts: [Int]
    public var nonFiniteCount: Int

    /// `bins` bins over `range`, or over the finite values' min…max (a single value v gets
    /// v−0.5…v+0.5, as numpy does). Values outside `range` are not counted.
    public init(_ values: [Double], bins: Int, range: AxisRange? = nil) {
        let bins = max(1, bins)
        let finite = values.filter(\.isFinite)
        nonFiniteCount = values.count - finite.count
        var lo = range?.min ?? finite.min() ?? 0
        var hi = range?.max ?? finite.max() ?? 1
        if lo == hi {
            lo -= 0.5
            hi += 0.5
        }
        edges = (0...bins).map { lo + (hi - lo) * Double($0) / Double(bins) }
        edges[bins] = hi
        counts = [Int](repeating: 0, count: bins)
        for value in finite where value >= lo && value <= hi {
            var bin = Int((value - lo) / (hi - lo) * Double(bins))
            bin = min(max(bin, 0), bins - 1)
            // Floating rounding can land a value one bin off its edges: fix it against them.
            if value < edges[bin] { bin -= 1 } else if bin + 1 < bins, value >= edges[bin + 1] { bin += 1 }
            counts[bin] += 1
        }
    }

    /// The centre of each bin.
    public var centers: [Double] { counts.indices.map { (edges[$0] + edges[$0 + 1]) / 2 } }
    public var binWidth: Double { edges.count > 1 ? edges[1] - edges[0] : 1 }
}

/// A five-number summary with Tukey's whiskers: quartiles by linear interpolation between
/// order statistics (numpy's default `percentile`), whiskers at the furthest values within
/// 1.5 × IQR of the box, the rest listed as outliers. Non-finite values are counted apart.
public struct BoxStats: Sendable, Equatable {
    public var count: Int
    public var nonFiniteCount: Int
    public var minimum: Double
    public var q1: Double
    public var median: Double
    public var q3: Double
    public var maximum: Double
    public var mean: Double
    public var whiskerLow: Double
    public var whiskerHigh: Double
    public var outliers: [Double]

    /// nil when no value is finite.
    public init?(_ values: [Double]) {
        let sorted = values.filter(\.isFinite).sorted()
        guard !sorted.isEmpty else { return nil }
        count = sorted.count
        nonFiniteCount = values.count - sorted.count
        minimum = sorted[0]
        maximum = sorted[sorted.count - 1]
        q1 = BoxStats.quantile(sorted, 0.25)
        median = BoxStats.quantile(sorted, 0.5)
        q3 = BoxStats.quantile(sorted, 0.75)
        mean = sorted.reduce(0, +) / Double(sorted.count)
        let reach = 1.5 * (q3 - q1)
        let low = q1 - reach
        let high = q3 + reach
        whiskerLow = sorted.first { $0 >= low } ?? minimum
        whiskerHigh = sorted.last { $0 <= high } ?? maximum
        outliers = sorted.filter { $0 < low || $0 > high }
    }

    /// The p-quantile of sorted values, interpolating linearly between order statistics.
    public static func quantile(_ sorted: [Double], _ p: Double) -> Double {
        guard !sorted.isEmpty else { return .nan }
        let position = Double(sorted.count - 1) * min(max(p, 0), 1)
        let lower = Int(position.rounded(.down))
        let upper = min(lower + 1, sorted.count - 1)
        return sorted[lower] + (sorted[upper] - sorted[lower]) * (position - Double(lower))
    }
}
