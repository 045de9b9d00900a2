import Figures
import Foundation
import Testing

@testable import HafsVizCore

/// Time ranges, validation failures and the rolling summary over `rejection_history`.
@Suite("History filter")
struct HistoryFilterTests {
    /// Entries one hour apart from 2025-12-20T00:00, `overall` = i / 100; entries in
    /// `failures` carry the producers' dummy scores, under `reason` (default validation_failed).
    static func history(
        count: Int, failures: Set<Int> = [], failureReason: String = "validation_failed",
        untimed: Set<Int> = []
    ) throws -> RejectionHistory {
        let entries = (0..<count).map { i -> String in
            let scores =
                failures.contains(i)
                ? #"{"diversity": 0, "kg_consistency": 0, "hallucination_risk": 1.0, "coherence": 0, "overall": 0}"#
                : #"{"diversity": 0.5, "kg_consistency": 0.5, "hallucination_risk": 0.2, "coherence": 0.5, "overall": \#(Double(i) / 100)}"#
            let reason = failures.contains(i) ? failureReason : "duplicate"
            let time = untimed.contains(i) ? "" : String(format: #", "timestamp": "2025-12-%02dT%02d:00:00""#, 20 + i / 24, i % 24)
            return
                #"{"sample_id": "s\#(i)", "domain": "\#(i % 2 == 0 ? "even" : "odd")", "generator": "g", "reason": "\#(reason)", "scores": \#(scores)\#(time)}"#
        }
        return try decodeQuality(#"{"rejection_history": ["# + entries.joined(separator: ",") + "]}").history
    }

    @Test("validation failures: by reason, or by the exact dummy scores under another reason; not by a zero score alone")
    func validationFailures() throws {
        let byReason = try HistoryFilterTests.history(count: 6, failures: [2])
        #expect((0..<6).filter(byReason.isValidationFailure) == [2])
        let byScores = try HistoryFilterTests.history(count: 6, failures: [4], failureReason: "other")
        #expect((0..<6).filter(byScores.isValidationFailure) == [4])
        // Entry 0 has overall 0.0 but real other scores: not a failure.
        #expect(!byScores.isValidationFailure(0))
    }

    @Test("validation failures are left out of the trends by default, counted on request, and always listed")
    func failuresInTrends() throws {
        let history = try HistoryFilterTests.history(count: 10, failures: [3, 7])
        let out = history.select(HistoryFilter())
        #expect(out.countedCount == 8 && out.validationFailures == [3, 7] && out.inRange == 10)
        let trends = QualityTrend.compute(from: history, counted: out.counted)
        let oddOverall = try #require(trends.first { $0.domain == "odd" && $0.metric == "overall" })
        #expect(oddOverall.values == [0.01, 0.05, 0.09], "entries 1, 5, 9: 3 and 7 were failures")
        let counted = history.select(HistoryFilter(includeValidationFailures: true))
        #expect(counted.countedCount == 10)
        let all = QualityTrend.compute(from: history, counted: counted.counted)
        #expect(all.first { $0.domain == "odd" && $0.metric == "overall" }?.values == [0.01, 0, 0.05, 0, 0.09])
        // The reason counts cover every entry in range, failures included.
        #expect(zip(history.reasons, out.reasonCounts).first { $0.0 == "validation_failed" }?.1 == 2)
    }

    @Test("a preset counts back from the newest entry, both ends included; untimed entries leave the range")
    func presets() throws {
        // 50 entries, hourly: the newest is hour 49.
        let history = try HistoryFilterTests.history(count: 50, untimed: [48])
        let span = try #require(history.timeSpan)
        #expect(span.last - span.first == 49 * 3600 && span.timed == 49)
        let hour = history.select(HistoryFilter(range: .lastHour))
        // Hours 48…49: 48 has no timestamp, so only 49.
        #expect(hour.inRange == 1 && hour.withoutTimestamp == 1 && hour.counted[49] && !hour.counted[48])
        let day = history.select(HistoryFilter(range: .lastDay))
        // Hours 25…49 are within 24 h of hour 49; entry 48 has no timestamp.
        #expect(day.inRange == 24 && day.withoutTimestamp == 1)
        #expect(history.select(HistoryFilter(range: .lastWeek)).inRange == 49)
        #expect(history.select(HistoryFilter(range: .all)).inRange == 50, "all keeps untimed entries")
        let between = history.select(HistoryFilter(range: .between(start: span.first + 10 * 3600, end: span.first + 12 * 3600)))
        #expect(between.inRange == 3 && between.counted.enumerated().filter(\.element).map(\.offset) == [10, 11, 12])
    }

    @Test("time ranges survive the settings file; bad text is refused")
    func settingText() {
        for range in TimeRange.presets + [.between(start: 1.5e9, end: 1.6e9)] {
            #expect(TimeRange(settingText: range.settingText) == range)
        }
        #expect(TimeRange(settingText: "fortnight") == nil && TimeRange(settingText: "1,nan") == nil)
        #expect(Format.duration(22 * 60) == "22 min" && Format.duration(6.5 * 86_400) == "6.5 d")
    }

    @Test("rolling mean and quartiles match a direct computation over each trailing window")
    func rolling() {
        var x: UInt64 = 7
        let values = (0..<300).map { _ -> Double in
            x = (1_103_515_245 &* x &+ 12345) % 2_147_483_648
            return (Double(x) / 2_147_483_648 * 100).rounded() / 100  // ties on purpose
        }
        let summary = RollingSummary(values: values, window: 25)
        for i in values.indices {
            let window = Array(values[max(0, i - 24)...i])
            let sorted = window.sorted()
            #expect(abs(summary.mean[i] - window.reduce(0, +) / Double(window.count)) < 1e-9, "mean at \(i)")
            #expect(
                summary.lowerQuartile[i] == Quantile.linear(sorted, 0.25) && summary.upperQuartile[i] == Quantile.linear(sorted, 0.75),
                "quartiles at \(i)")
        }
        // numpy: np.percentile([1, 2, 3, 4], [25, 75]) == [1.75, 3.25].
        let four = RollingSummary(values: [4, 1, 3, 2], window: 4)
        #expect(four.lowerQuartile.last == 1.75 && four.upperQuartile.last == 3.25 && four.mean.last == 2.5)
    }
}
