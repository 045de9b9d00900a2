import Figures
import HafsVizCore

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
        /// No join across x gaps much wider than the series' usual spacing (`maxGap(_:)`).
        public var maxGap: Double
        public var maxGapByTime: Double
        /// Few points: draw each one.
        public var sparse: Bool
        /// Quartiles, whiskers and outliers of the counted values (nil without any).
        public var box: BoxStats?

        /// Which way the values moved (↓ for a falling risk, which is better), → stable, · fewer
        /// than 5 values.
        public var arrow: String { direction.arrow(lowerIsBetter: lowerIsBetter) }
        /// "↓ falling (better)": the movement and whether it is better.
        public var directionText: String { direction.describe(lowerIsBetter: lowerIsBetter) }
        public var lowerIsBetter: Bool { QualityTrend.isLowerBetter(metric) }
    }

    /// Which history entries the history views count (time range, validation failures), and
    /// what that kept.
    public let filter: HistoryFilter
    public let selection: HistorySelection
    /// The whole history's oldest and newest timestamps (the span the file covers).
    public let historySpan: (first: Double, last: Double, timed: Int)?
    /// History entries with no readable timestamp (not placed on a time axis).
    public let entriesWithoutTimestamp: Int
    /// Entries per time bucket over `historySpan` (`timeBuckets` of them), for the time strip.
    public let timeDensity: [Int]
    public static let timeBuckets = 160
    /// Each domain's place in the whole history's first-seen order (its colour), so a time
    /// range does not repaint domains.
    public let domainIndex: [String: Int]
    /// One trend per (domain, metric) over the counted entries.
    public let trends: [Trend]
    /// Per domain (first-seen order): the rolling mean of `overall` and its interquartile band.
    public let rolling: [DomainRolling]
    public static let rollingWindow = 25
    /// Validation failures inside the range, as x positions (by index, by time) with a tooltip.
    public let validationMarks: (byIndex: [Double], byTime: [Double], byIndexDetails: [String], byTimeDetails: [String])
    /// Rejections per reason over the entries inside the range (validation failures included:
    /// they are rejections), first-seen order.
    public let reasonCounts: [NamedCount]
    /// Thresholds that belong to a metric, for the trend panel's dashed lines.
    public let thresholds: [(metric: String, name: String, value: Double)]

    /// A domain's rolling `overall`: the mean line and its band, by entry index and by time.
    public struct DomainRolling: Sendable {
        public var domain: String
        public var mean: LineSeries
        public var meanByTime: LineSeries
        /// The band's x columns are the overall trend line's (shared).
        public var band: (x: ChunkedColumn, lower: [Double], upper: [Double])
        public var bandByTime: (x: ChunkedColumn, lower: [Double], upper: [Double])
        /// Values in the window (and shown).
        public var count: Int
        public var direction: TrendDirection
        public var average: Double?
        /// No join across gaps wider than this (by index, by time).
        public var maxGap: Double
        public var maxGapByTime: Double
    }

    /// Generators sorted by acceptance rate, best first.
    public let generatorsByAcceptance: [GeneratorStats]

    /// PCA map points per domain (first-seen order): positions and marker radii.
    public struct DomainPoints: Sendable {
        public var domain: String
        public var x: [Double]
        public var y: [Double]
        /// Marker radius in pixels at scale 1: 3…12 by √(sample count), so area follows the count.
        public var sizes: [Float]
        public var regionIndices: [Int]
    }
    public let regionMap: [DomainPoints]

    /// Runs with a loss sorted best (lowest) first, then runs without one (running or unknown).
    public let runsBestFirst: [TrainingRun]

    /// Every generator's accepted samples and decided ones (accepted + rejected): the overall
    /// acceptance is accepted / decided, nil when nothing was decided.
    public let overallAcceptance: (accepted: Int, decided: Int, rate: Double?)

    /// The grouped and diverging bar views' figures (Region density; Run comparison, Domain
    /// mix, Domain and Threshold effectiveness); nil density without coverage figures.
    public let regionDensity: RegionDensity?
    public let runComparison: RunComparison
    public let domainMix: DomainMix
    public let domainEffectiveness: EffectivenessBars
    public let thresholdEffectiveness: EffectivenessBars

    /// The run with the lowest finite final loss, how many runs diverged (a final loss that is
    /// not a finite number) and how many are still running.
    public let runCounts: (best: TrainingRun?, diverged: Int, running: Int)

    /// Each kind of record as a table with its inspector fields (the Table tabs).
    public let tables: [RecordKind: RecordTable]
    /// Score drift and failure-rate drift as the window shows them: the snapshot's, or with
    /// validation failures counted in when the filter asks (the same code as `summary`).
    public let drift: [DriftResult]
    public let failureRateDrift: [FailureRateDrift]

    /// Every drift alert of both families, for the status bar.
    public var driftAlerts: (count: Int, worse: Int) {
        let scores = drift.filter(\.isAlert)
        let rates = failureRateDrift.filter(\.isAlert)
        return (scores.count + rates.count, scores.filter { $0.direction == .worse }.count + rates.filter { $0.direction == .worse }.count)
    }

    public init(snapshot: Snapshot, filter: HistoryFilter = HistoryFilter()) {
        self.snapshot = snapshot
        self.filter = filter
        let derived = snapshot.derived
        let history = snapshot.quality.data?.history ?? RejectionHistory()
        if filter.includeValidationFailures, snapshot.quality.data != nil {
            let counted = DerivedFigures.history(history, true)
            drift = counted.drift
            failureRateDrift = counted.failureRates
        } else {
            drift = derived.drift
            failureRateDrift = derived.failureRateDrift
        }
        historySpan = history.timeSpan
        entriesWithoutTimestamp = history.entryTime.reduce(0) { $0 + ($1.isNaN ? 1 : 0) }
        var density = [Int](repeating: 0, count: DashboardModel.timeBuckets)
        if let span = historySpan {
            let width = max(span.last - span.first, 1e-9)
            for time in history.entryTime {
                guard time.isFinite else { continue }
                let bucket = Int((time - span.first) / width * Double(DashboardModel.timeBuckets))
                density[min(max(bucket, 0), DashboardModel.timeBuckets - 1)] += 1
            }
        }
        timeDensity = density
        var order: [String: Int] = [:]
        for trend in derived.trends where order[trend.domain] == nil { order[trend.domain] = order.count }
        domainIndex = order
        let selection = history.select(filter)
        self.selection = selection
        let filtered = QualityTrend.compute(from: history, counted: selection.counted)
        var builder = TrendLines.Builder()
        let lines = filtered.map { builder.lines(for: $0) }
        trends = zip(filtered, lines).map { trend, lines in
            Trend(
                label: "\(trend.domain)/\(trend.metric)", domain: trend.domain, metric: trend.metric,
                byIndex: lines.byIndex, byTime: lines.byTime, withoutTimestamp: trend.values.count - lines.byTime.count,
                direction: trend.direction, mean: trend.mean, nonFinite: trend.nonFiniteCount,
                maxGap: lines.maxGap, maxGapByTime: lines.maxGapByTime,
                sparse: trend.values.count <= DashboardModel.sparseCount, box: BoxStats(trend.values))
        }
        rolling = zip(filtered, lines).filter { $0.0.metric == "overall" }.map { trend, lines in
            // Over the overall trend's columns: the mean shares its xs, the band its arrays.
            let summary = RollingSummary(values: trend.values, window: DashboardModel.rollingWindow)
            let mean =
                LineSeries(x: .sameAs(lines.byIndex), y: .values(summary.mean)) ?? LineSeries(x: lines.byIndex.xs.array, y: summary.mean)
            let meanByTime =
                (lines.timeOrder == nil
                    ? LineSeries(x: .sameAs(lines.byTime), y: .sameAs(mean))
                    : LineSeries(x: .sameAs(lines.byTime), y: .values(lines.inTimeOrder(summary.mean))))
                ?? LineSeries(x: lines.byTime.xs.array, y: lines.inTimeOrder(summary.mean))
            return DomainRolling(
                domain: trend.domain, mean: mean, meanByTime: meanByTime,
                band: (lines.byIndex.xs, summary.lowerQuartile, summary.upperQuartile),
                bandByTime: (lines.byTime.xs, lines.inTimeOrder(summary.lowerQuartile), lines.inTimeOrder(summary.upperQuartile)),
                count: trend.values.count, direction: trend.direction, average: trend.mean,
                maxGap: lines.maxGap, maxGapByTime: lines.maxGapByTime)
        }
        var marks: (byIndex: [Double], byTime: [Double], byIndexDetails: [String], byTimeDetails: [String]) = ([], [], [], [])
        for index in selection.validationFailures.map(Int.init) {
            let domainIndex = Int(history.entryDomain[index])
            let domain = history.domains.indices.contains(domainIndex) ? history.domains[domainIndex] : "—"
            let detail = "entry \(index) · \(history.sampleID(of: index)) · \(domain)"
            marks.byIndex.append(Double(index))
            marks.byIndexDetails.append(detail)
            if let time = history.timestamp(of: index), time.isFinite {
                marks.byTime.append(time)
                marks.byTimeDetails.append(detail + " · " + Format.dateTime(time))
            }
        }
        validationMarks = marks
        reasonCounts = zip(history.reasons, selection.reasonCounts).map { NamedCount(name: $0, count: $1) }.filter { $0.count > 0 }
        let metricOfThreshold = [
            "min_quality_score": "overall", "min_diversity": "diversity",
            "max_hallucination_risk": "hallucination_risk", "min_kg_consistency": "kg_consistency",
            "min_coherence": "coherence",
        ]
        thresholds = (snapshot.quality.data?.thresholds ?? []).compactMap { threshold in
            guard let metric = metricOfThreshold[threshold.name], threshold.value.isFinite else { return nil }
            return (metric, threshold.name, threshold.value)
        }
        generatorsByAcceptance = (snapshot.quality.data?.generators ?? []).enumerated()
            .sorted {
                $0.element.acceptanceRate != $1.element.acceptanceRate
                    ? $0.element.acceptanceRate > $1.element.acceptanceRate : $0.offset < $1.offset
            }
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
            return DomainPoints(domain: domain, x: points.map(\.x), y: points.map(\.y), sizes: sizes, regionIndices: indices)
        }
        let runs = snapshot.training.data?.runs ?? []
        runsBestFirst =
            runs.filter { $0.finalLoss?.isFinite == true }.sorted { ($0.finalLoss ?? 0) < ($1.finalLoss ?? 0) }
            + runs.filter { $0.finalLoss?.isFinite != true }
        regionDensity = derived.coverage.map { RegionDensity(regions: regions, coverage: $0) }
        runComparison = RunComparison(runsBestFirst: runsBestFirst)
        domainMix = DomainMix(runs: runsBestFirst)
        domainEffectiveness = EffectivenessBars.domains(snapshot.training.data)
        thresholdEffectiveness = EffectivenessBars.thresholds(snapshot.training.data)
        let accepted = generatorsByAcceptance.reduce(0) { $0 + $1.samplesAccepted }
        let decided = generatorsByAcceptance.reduce(0) { $0 + $1.samplesAccepted + $1.samplesRejected }
        overallAcceptance = (accepted, decided, decided > 0 ? Double(accepted) / Double(decided) : nil)
        runCounts = (
            runsBestFirst.first { $0.finalLoss?.isFinite == true }, runs.filter { $0.finalLoss.map { !$0.isFinite } ?? false }.count,
            runs.filter(\.isRunning).count
        )
        tables = [
            .run: RecordTables.runs(runsBestFirst),
            .generator: RecordTables.generators(snapshot.quality.data?.generators ?? []),
            .region: RecordTables.regions(regions, coverage: derived.coverage),
            .domain: RecordTables.domains(snapshot: snapshot, trends: trends, drift: drift, domainOrder: order, selection: selection),
        ]
    }

    /// The table of `kind` (empty when its file has no such records).
    public func table(_ kind: RecordKind) -> RecordTable { tables[kind] ?? RecordTable() }

    /// Series with at most this many points are drawn with a marker on each.
    public static let sparseCount = 60

    /// Indices of the finite timestamps, in time order (values without one are not placed on a
    /// time axis).
    public static func timeOrder(_ timestamps: [Double]) -> [Int] {
        timestamps.indices.filter { timestamps[$0].isFinite }.sorted { timestamps[$0] < timestamps[$1] }
    }

    /// Six times the median spacing of sorted `x`: wider gaps are not joined. Infinity for
    /// fewer than three points (nothing to call usual).
    public static func maxGap(_ x: [Double]) -> Double {
        guard x.count >= 3 else { return .infinity }
        var gaps = zip(x.dropFirst(), x).map { $0 - $1 }.filter(\.isFinite)
        guard !gaps.isEmpty else { return .infinity }
        gaps.sort()
        let median = gaps[gaps.count / 2]
        return median > 0 ? 6 * median : .infinity
    }
}

extension DashboardModel {
    /// The `rejection_history` entry a Quality Trends point stands for: in `domain`, at entry
    /// index `x` (the index axis) or at timestamp `x` (the time axis; the first such entry).
    public func historyEntry(domain: String, x: Double, byTime: Bool) -> Int? {
        guard let history = snapshot.quality.data?.history, x.isFinite else { return nil }
        guard let domainIndex = history.domains.firstIndex(of: domain) else { return nil }
        if !byTime {
            let index = Int(x)
            guard Double(index) == x, history.entryDomain.indices.contains(index), Int(history.entryDomain[index]) == domainIndex else {
                return nil
            }
            return index
        }
        return history.entryTime.indices.first { history.entryTime[$0] == x && Int(history.entryDomain[$0]) == domainIndex }
    }

    /// What a hovered history point says: the entry, its time and sample, its domain and reason,
    /// then every score ("entry 521 · Dec 19 14:02 · s-0521\ncode · low_diversity\noverall 0.742 · …").
    public func historyEntryDetails(_ index: Int) -> String? {
        guard let history = snapshot.quality.data?.history, (0..<history.count).contains(index) else { return nil }
        let name = { (names: [String], i: Int32) in names.indices.contains(Int(i)) ? names[Int(i)] : "—" }
        var head = "entry \(index)"
        if let time = history.timestamp(of: index), time.isFinite { head += " · " + Format.dateTime(time) }
        let sample = history.sampleID(of: index)
        if !sample.isEmpty { head += " · " + sample }
        var lines = [head, "\(name(history.domains, history.entryDomain[index])) · \(name(history.reasons, history.entryReason[index]))"]
        if history.isValidationFailure(index) { lines.append("validation failure: dummy scores, not measured quality") }
        let scores = history.scores(of: index).map { "\(name(history.metrics, $0.metric)) \(Format.value($0.value))" }
        if !scores.isEmpty { lines.append(scores.joined(separator: " · ")) }
        return lines.joined(separator: "\n")
    }
}
