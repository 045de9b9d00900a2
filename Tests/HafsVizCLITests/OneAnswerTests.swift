import Foundation
import HafsVizApp
import HafsVizCore
import HafsVizModel
import TestSupport
import Testing

/// The window and `summary --json` answer the same question the same way: each (domain,
/// metric)'s direction, with validation failures left out by default and counted in by the
/// checkbox or `--include-validation-failures`.
@Suite("One answer: the window and summary --json")
struct OneAnswerTests {
    /// summary --json's trends as "domain/metric" → direction, and its validation-failure count.
    func summary(_ directory: String, include: Bool) throws -> (directions: [String: String], failures: Int?, leftOut: Bool?) {
        let run = try CLIRun(["summary", "--json"] + (include ? ["--include-validation-failures"] : []) + [directory])
        let json = try #require(run.json, "\(run.stderr)")
        let trends = try #require(json["trends"] as? [[String: Any]])
        var directions: [String: String] = [:]
        for trend in trends {
            directions["\(trend["domain"] as? String ?? "")/\(trend["metric"] as? String ?? "")"] = trend["direction"] as? String
        }
        let failures = json["validation_failures"] as? [String: Any]
        return (directions, failures?["count"] as? Int, failures?["left_out"] as? Bool)
    }

    /// The window's directions for the same filter: every trend (the legend's arrows come from
    /// the `overall` ones, via the rolling view), and how many failures it left out.
    func window(_ directory: String, include: Bool) throws -> (directions: [String: String], rolling: [String: String], failures: Int) {
        let snapshot = try SnapshotLoader(directory: directory).loadNow()
        let model = DashboardModel(snapshot: snapshot, filter: HistoryFilter(range: .all, includeValidationFailures: include))
        var directions: [String: String] = [:]
        for trend in model.trends { directions["\(trend.domain)/\(trend.metric)"] = trend.direction.rawValue }
        var rolling: [String: String] = [:]
        for domain in model.rolling { rolling["\(domain.domain)/overall"] = domain.direction.rawValue }
        return (directions, rolling, model.selection.validationFailures.count)
    }

    @Test("the demo: every direction and the failure count agree, with failures left out and counted in")
    func demo() throws {
        let demo = CLIRun.fixtures + "/demo"
        for include in [false, true] {
            let cli = try summary(demo, include: include)
            let gui = try window(demo, include: include)
            #expect(cli.directions == gui.directions, "include \(include): \(cli.directions) vs \(gui.directions)")
            #expect(gui.rolling.allSatisfy { cli.directions[$0.key] == $0.value }, "the Trends legend's arrows")
            #expect(cli.failures == gui.failures && cli.failures == 33 && cli.leftOut == !include)
        }
        // The question the issue asked: reasoning/overall, the same either way now.
        #expect(
            try summary(demo, include: false).directions["reasoning/overall"]
                == (try window(demo, include: false)).rolling["reasoning/overall"])
    }

    @Test("a history whose failures' dummy zeros would make a steady domain look improving: stable in both, improving in both when counted")
    func dummyZeros() throws {
        let directory = NSTemporaryDirectory() + "hafs-one-answer-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        // Five validation failures (the producers' dummy scores), then ten steady entries.
        let failure =
            #"{"domain": "cpp", "reason": "validation_failed", "scores": {"diversity": 0.0, "kg_consistency": 0.0, "hallucination_risk": 1.0, "coherence": 0.0, "overall": 0.0}}"#
        let steady = #"{"domain": "cpp", "reason": "low_quality", "scores": {"overall": 0.6}}"#
        let entries = Array(repeating: failure, count: 5) + Array(repeating: steady, count: 10)
        try Data(#"{"rejection_history": [\#(entries.joined(separator: ", "))]}"#.utf8).write(
            to: URL(fileURLWithPath: directory + "/quality_feedback.json"))
        let leftOut = try summary(directory, include: false)
        let counted = try summary(directory, include: true)
        #expect(leftOut.directions["cpp/overall"] == "stable" && counted.directions["cpp/overall"] == "improving")
        #expect(try window(directory, include: false).directions["cpp/overall"] == "stable")
        #expect(try window(directory, include: true).directions["cpp/overall"] == "improving")
        #expect(leftOut.failures == 5 && leftOut.leftOut == true && counted.leftOut == false)
    }
}
