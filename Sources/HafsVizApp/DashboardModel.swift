import HafsVizCore
import Immediate

/// Everything the panels draw, prepared from a snapshot off the main thread (line series with
/// their pyramids, sorted bars, the PCA scatter), so swapping in a reload costs the UI nothing.
public final class DashboardModel: Sendable {
    public let snapshot: Snapshot

    /// One quality trend, as lines by sample index and by time.
    public struct Trend: Sendable {
        public var label: String
        public var domain: String
        public var metric: String
        public var byIndex: LineSeries
        /// Only values with a timestamp, ordered by time.
        public var byTime: LineSeries
        public var withoutTimestamp: Int
        public var direction: TrendDirection
        public var mean: Double?
        public var nonFinite: Int

        /// ↑ improving, ↓ declining, → stable, · fewer than 5 values.
        public var arrow: String {
            switch direction {
            case .improving: "↑"
            case .declining: "↓"
            case .stable: "→"
            case .insufficient: "·"
            }
        }
    }

    public let trends: [Trend]
    /// History entries with no readable timestamp (not placed on a time axis).
    public let entriesWithoutTimestamp: Int
    /// Moving mean of `overall` over all domains (window `movingWindow`), by index and by time.
    public let overallMean: (byIndex: LineSeries, byTime: LineSeries)?
    public static let movingWindow = 25
    /// Thresholds that belong to a metric, for the trend panel's dashed lines.
    public let thresholds: [(metric: String, name: String, value: Double)]

    /// Generators sorted by acceptance rate, best first.
    public let generatorsByAcceptance: [GeneratorStats]

    /// PCA map points per domain (first-seen order): positions and marker sizes.
    public struct DomainPoints: Sendable {
        public var domain: String
        public var series: ScatterSeries
        public var regionIndices: [Int]
    }
    public let regionMap: [DomainPoints]

    /// Runs with a loss sorted best (lowest) first, then runs without one (running or unknown).
    public let runsBestFirst: [TrainingRun]

    public init(snapshot: Snapshot) {
        self.snapshot = snapshot
        let derived = snapshot.derived
        let history = snapshot.quality.data?.history ?? RejectionHistory()
        trends = derived.trends.map { trend in
            let indexX = trend.entryIndices.map { Double($0) }
            let timed = trend.timestamps.indices.filter { trend.timestamps[$0].isFinite }
                .sorted { trend.timestamps[$0] < trend.timestamps[$1] }
            return Trend(label: "\(trend.domain)/\(trend.metric)", domain: trend.domain, metric: trend.metric,
                         byIndex: LineSeries(x: indexX, y: trend.values),
                         byTime: LineSeries(x: timed.map { trend.timestamps[$0] }, y: timed.map { trend.values[$0] }),
                         withoutTimestamp: trend.values.count - timed.count, direction: trend.direction,
                         mean: trend.mean, nonFinite: trend.nonFiniteCount)
        }
        entriesWithoutTimestamp = history.entries.reduce(0) { $0 + ($1.timestamp == nil ? 1 : 0) }
        overallMean = DashboardModel.movingMean(history)
        let metricOfThreshold = ["min_quality_score": "overall", "min_diversity": "diversity",
                                 "max_hallucination_risk": "hallucination_risk", "min_kg_consistency": "kg_consistency",
                                 "min_coherence": "coherence"]
        thresholds = (snapshot.quality.data?.thresholds ?? []).compactMap { threshold in
            guard let metric = metricOfThreshold[threshold.name], threshold.value.isFinite else { return nil }
            return (metric, threshold.name, threshold.value)
        }
        generatorsByAcceptance = (snapshot.quality.data?.generators ?? []).enumerated()
            .sorted { $0.element.acceptanceRate != $1.element.acceptanceRate ? $0.element.acceptanceRate > $1.element.acceptanceRate : $0.offset < $1.offset }
            .map(\.element)
        let regions = snapshot.activeLearning.data?.regions ?? []
        var byDomain: [String: [Int]] = [:]
        var domainOrder: [String] = []
        for (index, point) in (derived.regionMap?.points ?? []).enumerated() where point != nil {
            let domain = regions[index].domain
            if byDomain[domain] == nil { domainOrder.append(domain) }
            byDomain[domain, default: []].append(index)
        }
        let largest = Double(regions.map(\.sampleCount).max() ?? 1)
        regionMap = domainOrder.map { domain in
            let indices = byDomain[domain] ?? []
            let points = indices.compactMap { derived.regionMap?.points[$0] }
            // Marker radius 3…12 px by √(sample count), so area follows the count.
            let sizes = indices.map { Float(3 + 9 * (Double(max(regions[$0].sampleCount, 0)) / max(largest, 1)).squareRoot()) }
            return DomainPoints(domain: domain, series: ScatterSeries(x: points.map(\.x), y: points.map(\.y), sizes: sizes), regionIndices: indices)
        }
        let runs = snapshot.training.data?.runs ?? []
        runsBestFirst = runs.filter { $0.finalLoss?.isFinite == true }.sorted { ($0.finalLoss ?? 0) < ($1.finalLoss ?? 0) }
            + runs.filter { $0.finalLoss?.isFinite != true }
    }

    /// Moving mean of every finite `overall` score in file order (all domains together).
    static func movingMean(_ history: RejectionHistory) -> (byIndex: LineSeries, byTime: LineSeries)? {
        guard let overall = history.metrics.firstIndex(of: "overall") else { return nil }
        var xs: [Double] = [], ts: [Double] = [], values: [Double] = []
        for index in 0..<history.count {
            for score in history.scores(of: index) where Int(score.metric) == overall && score.value.isFinite {
                xs.append(Double(index))
                ts.append(history.entries[index].timestamp ?? .nan)
                values.append(score.value)
            }
        }
        guard !values.isEmpty else { return nil }
        var means: [Double] = []
        means.reserveCapacity(values.count)
        var sum = 0.0
        for i in values.indices {
            sum += values[i]
            if i >= movingWindow { sum -= values[i - movingWindow] }
            means.append(sum / Double(min(i + 1, movingWindow)))
        }
        let timed = ts.indices.filter { ts[$0].isFinite }.sorted { ts[$0] < ts[$1] }
        return (LineSeries(x: xs, y: means), LineSeries(x: timed.map { ts[$0] }, y: timed.map { means[$0] }))
    }
}
