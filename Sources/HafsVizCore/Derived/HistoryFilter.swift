import Figures
import Foundation

/// A span of `rejection_history` by time. The presets count back from the newest timestamp in
/// the history (not from the clock: a file from last month still shows its last day).
public enum TimeRange: Sendable, Hashable {
    case all, lastHour, lastDay, lastWeek
    /// From `start` to `end`, seconds since 1970 (a range dragged on the time strip).
    case between(start: Double, end: Double)

    /// The presets, in menu order.
    public static let presets: [TimeRange] = [.all, .lastHour, .lastDay, .lastWeek]

    /// As said in titles and menus ("last day"); `between` gives its dates.
    public var name: String {
        switch self {
        case .all: "all time"
        case .lastHour: "last hour"
        case .lastDay: "last day"
        case .lastWeek: "last week"
        case .between(let start, let end): "\(Format.shortDateTime(start))–\(Format.shortDateTime(end))"
        }
    }

    /// How long a preset counts back; nil for `all` and `between`.
    public var seconds: Double? {
        switch self {
        case .lastHour: 3600
        case .lastDay: 86_400
        case .lastWeek: 7 * 86_400
        case .all, .between: nil
        }
    }

    /// The window in seconds for a history whose newest timestamp is `newest`; nil: everything.
    public func window(newest: Double?) -> ClosedRange<Double>? {
        switch self {
        case .all: return nil
        case .between(let start, let end): return min(start, end)...max(start, end)
        case .lastHour, .lastDay, .lastWeek:
            guard let newest, let seconds else { return nil }
            return (newest - seconds)...newest
        }
    }

    /// For the settings file: "all", "hour", "day", "week" or "<start>,<end>".
    public var settingText: String {
        switch self {
        case .all: "all"
        case .lastHour: "hour"
        case .lastDay: "day"
        case .lastWeek: "week"
        case .between(let start, let end): "\(start),\(end)"
        }
    }

    public init?(settingText text: String) {
        switch text {
        case "all": self = .all
        case "hour": self = .lastHour
        case "day": self = .lastDay
        case "week": self = .lastWeek
        default:
            let parts = text.split(separator: ",").compactMap { Double($0) }
            guard parts.count == 2, parts.allSatisfy(\.isFinite) else { return nil }
            self = .between(start: parts[0], end: parts[1])
        }
    }

}

/// Which `rejection_history` entries the history views count: a time range, and whether
/// validation failures (dummy scores, not measured quality) count.
public struct HistoryFilter: Sendable, Hashable {
    public var range: TimeRange
    public var includeValidationFailures: Bool

    public init(range: TimeRange = .all, includeValidationFailures: Bool = false) {
        self.range = range
        self.includeValidationFailures = includeValidationFailures
    }
}

/// The entries a `HistoryFilter` keeps, worked out once per model.
public struct HistorySelection: Sendable, Equatable {
    /// Per entry: counted by the history views.
    public var counted: [Bool]
    public var countedCount: Int
    /// Validation failures inside the range (counted or not), for their marks.
    public var validationFailures: [Int32]
    /// Entries inside the range (validation failures included).
    public var inRange: Int
    /// The range's window in seconds; nil when the range is `all`.
    public var window: ClosedRange<Double>?
    /// Entries left out because the range needs a timestamp they do not have.
    public var withoutTimestamp: Int
    /// Entries inside the range per reason (indexed like `RejectionHistory.reasons`),
    /// validation failures included: they are rejections too.
    public var reasonCounts: [Int]
    /// Entries inside the range per domain (indexed like `RejectionHistory.domains`).
    public var domainCounts: [Int]
}

extension RejectionHistory {
    /// The reason producers log a validation failure under.
    public static let validationFailureReason = "validation_failed"
    /// The dummy scores producers log for a validation failure (docs/data-format.md).
    public static let validationFailureScores: [String: Double] =
        ["diversity": 0, "kg_consistency": 0, "hallucination_risk": 1, "coherence": 0, "overall": 0]

    /// A validation failure: logged under `validation_failed`, or carrying exactly the dummy
    /// scores (all five, and nothing else), whatever the reason says.
    public func isValidationFailure(_ index: Int) -> Bool { ValidationFailureRule(self).matches(index, in: self) }

    /// `isValidationFailure` of every entry, with the names looked up once.
    public func validationFailureFlags() -> [Bool] {
        let rule = ValidationFailureRule(self)
        return (0..<count).map { rule.matches($0, in: self) }
    }

    /// The oldest and newest readable timestamps, and how many entries have one; nil when none do.
    public var timeSpan: (first: Double, last: Double, timed: Int)? {
        var first = Double.infinity
        var last = -Double.infinity
        var timed = 0
        for time in entryTime {
            guard time.isFinite else { continue }
            first = min(first, time)
            last = max(last, time)
            timed += 1
        }
        return timed == 0 ? nil : (first, last, timed)
    }

    /// The entries `filter` keeps. A range other than `all` keeps only entries with a
    /// timestamp inside it.
    public func select(_ filter: HistoryFilter) -> HistorySelection {
        let window = filter.range.window(newest: timeSpan?.last)
        var counted = [Bool](repeating: false, count: count)
        var countedCount = 0
        var inRange = 0
        var withoutTimestamp = 0
        var failures: [Int32] = []
        var reasonCounts = [Int](repeating: 0, count: reasons.count)
        var domainCounts = [Int](repeating: 0, count: domains.count)
        let rule = ValidationFailureRule(self)
        for index in 0..<count {
            if let window {
                let time = entryTime[index]
                guard time.isFinite else {
                    withoutTimestamp += 1
                    continue
                }
                guard window.contains(time) else { continue }
            }
            inRange += 1
            let reason = Int(entryReason[index])
            if reasonCounts.indices.contains(reason) { reasonCounts[reason] += 1 }
            let domain = Int(entryDomain[index])
            if domainCounts.indices.contains(domain) { domainCounts[domain] += 1 }
            let failure = rule.matches(index, in: self)
            if failure { failures.append(Int32(index)) }
            if !failure || filter.includeValidationFailures {
                counted[index] = true
                countedCount += 1
            }
        }
        return HistorySelection(
            counted: counted, countedCount: countedCount, validationFailures: failures, inRange: inRange,
            window: window, withoutTimestamp: withoutTimestamp, reasonCounts: reasonCounts,
            domainCounts: domainCounts)
    }
}

/// A trailing rolling mean and interquartile band over a series, in one pass per point: at
/// point i the window is the last `window` values up to i (fewer at the start).
public struct RollingSummary: Sendable, Equatable {
    public var mean: [Double] = []
    /// 25th and 75th percentiles of the window (linear interpolation, numpy's default).
    public var lowerQuartile: [Double] = []
    public var upperQuartile: [Double] = []

    public init(values: [Double], window: Int) {
        let width = max(1, window)
        var sorted: [Double] = []
        sorted.reserveCapacity(width)
        var sum = 0.0
        for (index, value) in values.enumerated() {
            // Keep the window sorted: insert the new value, drop the one leaving.
            sorted.insert(value, at: RollingSummary.insertionIndex(sorted, value))
            sum += value
            if index >= width {
                let leaving = values[index - width]
                let at = RollingSummary.insertionIndex(sorted, leaving) - 1
                if sorted.indices.contains(at) { sorted.remove(at: at) }
                sum -= leaving
            }
            mean.append(sum / Double(sorted.count))
            lowerQuartile.append(Quantile.linear(sorted, 0.25))
            upperQuartile.append(Quantile.linear(sorted, 0.75))
        }
    }

    /// Index after the last element ≤ value.
    private static func insertionIndex(_ sorted: [Double], _ value: Double) -> Int {
        var lo = 0
        var hi = sorted.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if sorted[mid] <= value { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}

/// `RejectionHistory.isValidationFailure` with the names looked up once per history, not once
/// per entry and score: the failing reason's index, and each metric's dummy value. On a 230k-entry
/// history the per-score dictionary lookups by name were a sixth of `summary`'s derive step.
struct ValidationFailureRule {
    let failingReason: Int32?
    /// The dummy value of each metric index; nil for a metric without one.
    let dummyValue: [Double?]

    init(_ history: RejectionHistory) {
        failingReason = history.reasons.firstIndex(of: RejectionHistory.validationFailureReason).map(Int32.init)
        dummyValue = history.metrics.map { RejectionHistory.validationFailureScores[$0] }
    }

    func matches(_ index: Int, in history: RejectionHistory) -> Bool {
        if let failingReason, history.entryReason[index] == failingReason { return true }
        let scores = history.scoreRange(of: index)
        guard scores.count == RejectionHistory.validationFailureScores.count else { return false }
        return scores.allSatisfy { score in
            let metric = Int(history.scoreMetric[score])
            return dummyValue.indices.contains(metric) && dummyValue[metric] == history.scoreValue[score]
        }
    }
}
