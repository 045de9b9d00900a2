import Dispatch
import Synchronization

/// Every derived figure of docs/data-format.md, computed once per snapshot from the data shown.
public struct DerivedFigures: Sendable, Equatable {
    /// Per-reason totals over all generators; reasons in first-seen order (generators in file order).
    public var rejectionTotals: [NamedCount] = []
    /// Generator × reason counts.
    public var rejectionMatrix = RejectionMatrix()
    /// Quality trends per (domain, metric), first-seen order: their figures, not their values
    /// (a snapshot lives as long as it is shown; the window builds its lines from the history).
    public var trends: [TrendFigures] = []
    /// Drift of each trend's recent values against its earlier ones, in trend order; q-values
    /// over these tests together.
    public var drift: [DriftResult] = []
    /// Per domain (first-seen order), the drift of its share of validation failures; q-values
    /// over these tests together (a family of their own).
    public var failureRateDrift: [FailureRateDrift] = []
    /// Validation failures in the history, and whether the trends and score drift count them.
    public var validationFailures = 0
    public var includesValidationFailures = false
    /// Embedding-space coverage; nil without active-learning data.
    public var coverage: CoverageFigures?
    /// 2-D PCA map of the region centroids; nil without active-learning data.
    public var regionMap: RegionMap?

    public init() {}

    /// Validation failures are left out of the trends and the score drift, as the window does
    /// (`countingValidationFailures` counts them in).
    public init(quality: QualityFeedback?, activeLearning: ActiveLearningState?, training: TrainingFeedback?) {
        if let quality {
            rejectionMatrix = RejectionMatrix(generators: quality.generators)
            rejectionTotals = rejectionMatrix.totals
            let history = DerivedFigures.history(quality.history, false)
            (drift, failureRateDrift, validationFailures) = (history.drift, history.failureRates, history.failures)
            trends = history.trends
        }
        if let activeLearning {
            coverage = CoverageFigures(regions: activeLearning.regions)
            regionMap = RegionMap(regions: activeLearning.regions, embeddingDim: activeLearning.embeddingDim)
        }
    }
}

extension DerivedFigures {
    /// These figures with the history's (trends, score and failure-rate drift) computed again
    /// counting the validation failures' dummy scores in; the others kept as they are.
    public func countingValidationFailures(in quality: QualityFeedback?) -> DerivedFigures {
        guard let quality else { return self }
        var copy = self
        let history = DerivedFigures.history(quality.history, true)
        (copy.drift, copy.failureRateDrift, copy.validationFailures) = (history.drift, history.failureRates, history.failures)
        copy.trends = history.trends
        copy.includesValidationFailures = true
        return copy
    }

    /// The history's trend figures, score drift and failure-rate drift, each family's q-values
    /// adjusted together, and how many validation failures there are.
    public static func history(_ history: RejectionHistory, _ includeValidationFailures: Bool)
        -> (trends: [TrendFigures], drift: [DriftResult], failureRates: [FailureRateDrift], failures: Int)
    {
        let selection = history.select(HistoryFilter(range: .all, includeValidationFailures: includeValidationFailures))
        // The values alone, read in place: no trend holds a copy of its values.
        let groups = ScoreGroups(history: history, counted: selection.counted)
        let names = groups.layout.pairs.map { pair in
            (domain: history.domains[Int(pair.domain)], metric: history.metrics[Int(pair.metric)])
        }
        let trends = names.indices.map { group in
            TrendFigures(
                domain: names[group].domain, metric: names[group].metric, values: groups.values(of: group),
                nonFiniteCount: groups.layout.nonFiniteCounts[group])
        }
        var drift = DerivedFigures.drift(groups, names: names)
        FalseDiscovery.adjust(&drift)
        // Per domain, its entry count and its failures' positions among its entries (the
        // failures are in file order). A counter per entry, not a flag: this walks every entry.
        var entries = [Int](repeating: 0, count: history.domains.count)
        var failurePositions = [[Int]](repeating: [], count: history.domains.count)
        let failures = selection.validationFailures
        var nextFailure = failures.startIndex
        entries.withUnsafeMutableBufferPointer { entries in
            history.entryDomain.withUnsafeIDs { domains in
                for index in 0..<domains.count {
                    let domain = Int(domains[index])
                    guard domain < entries.count else { continue }
                    if nextFailure < failures.endIndex, failures[nextFailure] == Int32(index) {
                        failurePositions[domain].append(entries[domain])
                        nextFailure += 1
                    }
                    entries[domain] += 1
                }
            }
        }
        var rates = history.domains.indices.filter { entries[$0] > 0 }.map {
            FailureRateDrift(domain: history.domains[$0], entries: entries[$0], failurePositions: failurePositions[$0])
        }
        FalseDiscovery.adjust(&rates)
        return (trends, drift, rates, selection.validationFailures.count)
    }
}

extension DerivedFigures {
    /// Each group's drift, in group order: the groups are independent, so where loads may use
    /// more than one thread (`LoadThreads.allowParallel`) they are tested on several.
    static func drift(_ groups: ScoreGroups, names: [(domain: String, metric: String)]) -> [DriftResult] {
        @Sendable func test(_ group: Int) -> DriftResult {
            let metric = names[group].metric
            return DriftResult(
                domain: names[group].domain, metric: metric, values: groups.values(of: group),
                lowerIsBetter: QualityTrend.isLowerBetter(metric))
        }
        guard LoadThreads.allowParallel, groups.count > 1 else { return (0..<groups.count).map(test) }
        let results = Mutex([DriftResult?](repeating: nil, count: groups.count))
        DispatchQueue.concurrentPerform(iterations: groups.count) { group in
            let result = test(group)
            results.withLock { $0[group] = result }
        }
        return results.withLock { $0 }.enumerated().map { group, result in result ?? test(group) }
    }
}

/// What a report says of one quality trend: its count, mean and direction, without the values.
public struct TrendFigures: Sendable, Equatable {
    public var domain: String
    public var metric: String
    /// Finite values counted.
    public var count: Int
    /// Values that were NaN, ±Infinity or null.
    public var nonFiniteCount: Int
    /// Mean of the finite values; nil when there are none.
    public var mean: Double?
    public var direction: TrendDirection

    public init(_ trend: QualityTrend) {
        self.init(domain: trend.domain, metric: trend.metric, values: trend.values[...], nonFiniteCount: trend.nonFiniteCount)
    }

    /// The figures of a trend's finite `values` (file order).
    public init(domain: String, metric: String, values: ArraySlice<Double>, nonFiniteCount: Int) {
        self.domain = domain
        self.metric = metric
        count = values.count
        self.nonFiniteCount = nonFiniteCount
        mean = QualityTrend.mean(of: values)
        direction = QualityTrend.direction(of: values, lowerIsBetter: QualityTrend.isLowerBetter(metric))
    }
}

/// Generator × reason rejection counts.
public struct RejectionMatrix: Sendable, Equatable {
    public var generators: [String] = []
    /// Union of every generator's reasons, first-seen order.
    public var reasons: [String] = []
    /// `counts[g][r]`: rejections of generator `g` for reason `r` (0 where the file has none).
    public var counts: [[Int]] = []

    public init() {}

    public init(generators stats: [GeneratorStats]) {
        var reasonIndex: [String: Int] = [:]
        for generator in stats {
            for reason in generator.rejectionReasons where reasonIndex[reason.name] == nil {
                reasonIndex[reason.name] = reasons.count
                reasons.append(reason.name)
            }
        }
        generators = stats.map(\.name)
        counts = stats.map { generator in
            var row = [Int](repeating: 0, count: reasons.count)
            for reason in generator.rejectionReasons {
                if let index = reasonIndex[reason.name] { row[index] += reason.count }
            }
            return row
        }
    }

    /// Per-reason sums over all generators.
    public var totals: [NamedCount] {
        reasons.indices.map { r in NamedCount(name: reasons[r], count: counts.reduce(0) { $0 + $1[r] }) }
    }
}

/// Direction of a quality trend (docs/data-format.md).
public enum TrendDirection: String, Sendable, Equatable {
    case improving, declining, stable, insufficient

    /// Which way the values themselves moved, as an arrow: for a lower-is-better metric an
    /// improvement is a fall. ↑ ↓ → , or · with fewer than 5 values.
    public func arrow(lowerIsBetter: Bool) -> String {
        switch self {
        case .improving: lowerIsBetter ? "↓" : "↑"
        case .declining: lowerIsBetter ? "↑" : "↓"
        case .stable: "→"
        case .insufficient: "·"
        }
    }

    /// The arrow, the movement in words, and whether that is better: "↓ falling (better)" for a
    /// risk that fell, "↑ rising (worse)" for one that rose.
    public func describe(lowerIsBetter: Bool) -> String {
        switch self {
        case .improving: lowerIsBetter ? "↓ falling (better)" : "↑ rising (better)"
        case .declining: lowerIsBetter ? "↑ rising (worse)" : "↓ falling (worse)"
        case .stable: "→ stable"
        case .insufficient: "· under 5 values"
        }
    }
}

/// The scores of one (domain, metric) pair over the rejection history.
public struct QualityTrend: Sendable, Equatable {
    public var domain: String
    public var metric: String
    /// Finite values in file order.
    public var values: [Double] = []
    /// Each value's timestamp (seconds, see `TimestampParser`); NaN where the entry had none.
    public var timestamps: [Double] = []
    /// Each value's index in `rejection_history`.
    public var entryIndices: [Int32] = []
    /// Values that were NaN, ±Infinity or null: counted here, never averaged.
    public var nonFiniteCount = 0

    /// Metrics where lower is better; their direction is negated.
    public static let lowerIsBetterMetrics: Set<String> = ["hallucination_risk"]

    public var lowerIsBetter: Bool { QualityTrend.isLowerBetter(metric) }
    /// Whether `metric` is one where lower is better.
    public static func isLowerBetter(_ metric: String) -> Bool { lowerIsBetterMetrics.contains(metric) }
    public var count: Int { values.count }
    /// Mean of the finite values; nil when there are none.
    public var mean: Double? { QualityTrend.mean(of: values[...]) }

    /// Fewer than 5 finite values: insufficient; else d = mean(last 5) − mean(first 5), negated for
    /// lower-is-better metrics; d > 0.05 improving, d < −0.05 declining, otherwise stable.
    public var direction: TrendDirection { QualityTrend.direction(of: values[...], lowerIsBetter: lowerIsBetter) }

    static func mean(of values: ArraySlice<Double>) -> Double? {
        values.isEmpty ? nil : values.reduce(0, +) / Double(values.count)
    }

    static func direction(of values: ArraySlice<Double>, lowerIsBetter: Bool) -> TrendDirection {
        guard values.count >= 5 else { return .insufficient }
        let first = values.prefix(5).reduce(0, +) / 5
        let last = values.suffix(5).reduce(0, +) / 5
        let delta = lowerIsBetter ? first - last : last - first
        if delta > 0.05 { return .improving }
        if delta < -0.05 { return .declining }
        return .stable
    }

    /// Groups the history's scores by (domain, metric) in first-seen order, each value with its
    /// timestamp and entry index. `counted`: one flag per entry (`HistorySelection.counted`); nil
    /// counts every entry.
    public static func compute(from history: RejectionHistory, counted: [Bool]? = nil) -> [QualityTrend] {
        let layout = ScoreGroups.Layout(history: history, counted: counted)
        // Each trend's columns made at their final size and written in place. (Filling flat
        // columns and copying each trend's stretch out was faster but left ~5 MiB more resident
        // after loading the 103 MB file: glibc kept pages of the freed flat columns.)
        let columns = (0..<layout.count).map { TrendColumns(count: layout.finiteCounts[$0]) }
        var filled = [Int](repeating: 0, count: layout.count)
        history.entryTime.withUnsafeBufferPointer { times in
            history.scoreValue.withUnsafeBufferPointer { scores in
                filled.withUnsafeMutableBufferPointer { filled in
                    layout.forEachFiniteScore(in: history, counted: counted) { entry, index, slot in
                        let at = filled[slot]
                        let trend = columns[slot]
                        trend.values[at] = scores[index]
                        trend.timestamps[at] = times[entry]
                        trend.entryIndices[at] = Int32(entry)
                        filled[slot] = at + 1
                    }
                }
            }
        }
        return (0..<layout.count).map { group in
            let pair = layout.pairs[group]
            var trend = QualityTrend(domain: history.domains[Int(pair.domain)], metric: history.metrics[Int(pair.metric)])
            trend.values = columns[group].values
            trend.timestamps = columns[group].timestamps
            trend.entryIndices = columns[group].entryIndices
            trend.nonFiniteCount = layout.nonFiniteCounts[group]
            return trend
        }
    }
}

/// One trend's columns while `QualityTrend.compute` fills them: a class, so a write reaches its
/// array through one reference (writing through an array of arrays checked both for sharing).
private final class TrendColumns {
    var values: [Double]
    var timestamps: [Double]
    var entryIndices: [Int32]

    init(count: Int) {
        values = [Double](repeating: 0, count: count)
        timestamps = [Double](repeating: 0, count: count)
        entryIndices = [Int32](repeating: 0, count: count)
    }
}

/// Coverage of the embedding space by region sample counts (docs/data-format.md).
public struct CoverageFigures: Sendable, Equatable {
    public var regionCount: Int
    public var totalSamples: Int
    /// μ: mean sample count per region (0 without regions).
    public var meanSamples: Double
    /// σ: population standard deviation of the sample counts.
    public var standardDeviation: Double
    /// clamp(1 − σ/μ, 0, 1); 0 without regions or when μ = 0.
    public var coverageScore: Double
    /// Indices of regions with sample_count < 0.5 × μ.
    public var sparseRegions: [Int]
    /// Regions with sample_count < μ (the producers' own count).
    public var belowMeanCount: Int
    /// Σ sample_count of each domain's regions / Σ all; domains in first-seen order.
    public var domainCoverage: [NamedValue]

    public init(regions: [EmbeddingRegion]) {
        regionCount = regions.count
        totalSamples = regions.reduce(0) { $0 + $1.sampleCount }
        guard !regions.isEmpty else {
            meanSamples = 0
            standardDeviation = 0
            coverageScore = 0
            sparseRegions = []
            belowMeanCount = 0
            domainCoverage = []
            return
        }
        let mean = Double(totalSamples) / Double(regions.count)
        let variance =
            regions.reduce(0.0) { $0 + (Double($1.sampleCount) - mean) * (Double($1.sampleCount) - mean) } / Double(regions.count)
        meanSamples = mean
        standardDeviation = variance.squareRoot()
        coverageScore = mean == 0 ? 0 : min(1, max(0, 1 - standardDeviation / mean))
        sparseRegions = regions.indices.filter { Double(regions[$0].sampleCount) < 0.5 * mean }
        belowMeanCount = regions.filter { Double($0.sampleCount) < mean }.count
        var order: [String] = []
        var sums: [String: Int] = [:]
        for region in regions {
            if sums[region.domain] == nil { order.append(region.domain) }
            sums[region.domain, default: 0] += region.sampleCount
        }
        let total = Double(totalSamples)
        domainCoverage = order.map { NamedValue(name: $0, value: total == 0 ? 0 : Double(sums[$0] ?? 0) / total) }
    }
}
