import Foundation
import TestSupport
import Testing

/// Runs the built `hafs-viz` binary (it sits next to the test bundle) and checks exit status,
/// stdout and stderr.
struct CLIRun {
    var status: Int32
    var stdout: String
    var stderr: String

    static let binary: URL = {
        let bundleDirectory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let candidates = [bundleDirectory, Bundle.main.bundleURL, Bundle.main.bundleURL.deletingLastPathComponent()]
        return candidates.map { $0.appendingPathComponent("hafs-viz") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? bundleDirectory.appendingPathComponent("hafs-viz")
    }()

    static let fixtures: String = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures").path

    /// Runs the binary with a time limit (60 s by default); a hang is killed and recorded as a
    /// test failure that names the command, never a blocked CI run.
    init(
        _ arguments: [String], environment: [String: String]? = nil, timeout: Double = 60,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let child = try ChildProcess.run(CLIRun.binary, arguments, environment: environment, timeout: timeout)
        if child.timedOut {
            Issue.record(
                "hafs-viz \(arguments.joined(separator: " ")) did not finish within \(Int(timeout)) s and was killed",
                sourceLocation: sourceLocation)
        }
        status = child.status
        stdout = child.stdout
        stderr = child.stderr
    }

    var json: [String: Any]? {
        (try? JSONSerialization.jsonObject(with: Data(stdout.utf8))) as? [String: Any]
    }
}

@Suite("hafs-viz command line")
struct CLITests {
    func fixture(_ name: String) -> String { CLIRun.fixtures + "/" + name }

    @Test("summary --json on the demo: exit 0 and the documented shape")
    func demoJSON() throws {
        let run = try CLIRun(["summary", "--json", fixture("demo")])
        #expect(run.status == 0, "\(run.stderr)")
        let json = try #require(run.json, "stdout is one JSON object")
        #expect(
            Set(json.keys) == [
                "directory", "files", "generators", "rejection_reasons", "trends", "validation_failures", "drift", "regions", "runs",
            ])
        let failures = try #require(json["validation_failures"] as? [String: Any])
        #expect(failures["count"] as? Int == 33 && failures["left_out"] as? Bool == true)
        #expect(json["directory"] as? String == fixture("demo"))
        let files = try #require(json["files"] as? [String: [String: Any]])
        #expect(Set(files.keys) == ["quality_feedback.json", "active_learning.json", "training_feedback.json"])
        #expect(files.values.allSatisfy { $0["status"] as? String == "ok" && $0["error"] == nil })

        let generators = try #require(json["generators"] as? [[String: Any]])
        #expect(generators.map { $0["name"] as? String ?? "" }.contains("übersetzer"))
        for generator in generators {
            #expect(
                Set(generator.keys) == ["name", "generated", "accepted", "rejected", "acceptance_rate", "avg_quality", "rejection_reasons"])
            #expect(generator["generated"] is NSNumber && generator["acceptance_rate"] is NSNumber)
        }
        let trends = try #require(json["trends"] as? [[String: Any]])
        #expect(!trends.isEmpty)
        #expect(trends.allSatisfy { Set($0.keys) == ["domain", "metric", "count", "mean", "direction"] })
        #expect(trends.allSatisfy { ["improving", "declining", "stable", "insufficient"].contains($0["direction"] as? String ?? "") })
        let allDrift = try #require(json["drift"] as? [[String: Any]])
        let drift = allDrift.filter { $0["metric"] as? String != "validation_failure_rate" }
        #expect(drift.count == trends.count, "one per trend, in trend order")
        #expect(
            drift.allSatisfy {
                Set($0.keys) == [
                    "domain", "metric", "baseline_count", "recent_count", "ks_statistic", "p_value", "q_value", "psi", "status",
                    "direction",
                ]
            })
        let rates = allDrift.filter { $0["metric"] as? String == "validation_failure_rate" }
        #expect(rates.count == 5, "one per domain")
        #expect(
            rates.allSatisfy {
                Set($0.keys) == [
                    "domain", "metric", "baseline_count", "recent_count", "baseline_rate", "recent_rate", "p_value", "q_value", "status",
                    "direction",
                ]
            })
        #expect(
            drift.contains {
                $0["domain"] as? String == "dialogue" && $0["status"] as? String == "drift" && $0["direction"] as? String == "worse"
            })
        let regions = try #require(json["regions"] as? [String: Any])
        #expect(Set(regions.keys) == ["count", "total_samples", "coverage_score", "sparse", "below_mean", "domain_coverage"])
        #expect(regions["count"] as? Int == 50)
        let runs = try #require(json["runs"] as? [[String: Any]])
        #expect(runs.count >= 6)
        let running = try #require(runs.first { $0["running"] as? Bool == true })
        #expect(running["final_loss"] is NSNull, "null stays null")
    }

    @Test("the JSON reproduces hand-computed figures and keeps file order")
    func handComputed() throws {
        let directory = NSTemporaryDirectory() + "hafs-viz-cli-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try #"""
        {"generator_stats": {"zeta": {"samples_accepted": 3, "samples_rejected": 1, "rejection_reasons": {"too_long": 1}},
                             "alpha": {"samples_accepted": 0, "samples_rejected": 0, "avg_quality_score": NaN}},
         "rejection_history": [{"domain": "d", "scores": {"overall": 0.5}}, {"domain": "d", "scores": {"overall": NaN}}]}
        """#.write(toFile: directory + "/quality_feedback.json", atomically: true, encoding: .utf8)
        let run = try CLIRun(["summary", "--json", directory])
        #expect(run.status == 0)
        #expect(
            run.stdout.contains(
                #""generators":[{"name":"zeta","generated":0,"accepted":3,"rejected":1,"acceptance_rate":0.75,"avg_quality":null,"rejection_reasons":{"too_long":1}},{"name":"alpha""#
            ), "\(run.stdout)")
        #expect(run.stdout.contains(#""trends":[{"domain":"d","metric":"overall","count":1,"mean":0.5,"direction":"insufficient"}]"#))
        #expect(run.stdout.contains(#""validation_failures":{"count":0,"left_out":true}"#))
        #expect(
            run.stdout.contains(
                #""drift":[{"domain":"d","metric":"overall","baseline_count":0,"recent_count":1,"ks_statistic":null,"p_value":null,"q_value":null,"psi":null,"status":"insufficient","direction":null},"#
                    + #"{"domain":"d","metric":"validation_failure_rate","baseline_count":0,"recent_count":2,"baseline_rate":null,"recent_rate":null,"p_value":null,"q_value":null,"status":"insufficient","direction":null}]"#
            ), "\(run.stdout)")
        #expect(!run.stdout.contains("\"regions\"") && !run.stdout.contains("\"runs\""), "sections of missing files are left out")
        #expect(run.stdout.contains(#""active_learning.json":{"status":"missing"}"#))
    }

    @Test("the empty fixture: no runs section, zero regions")
    func emptyFixture() throws {
        let run = try CLIRun(["summary", "--json", fixture("empty")])
        #expect(run.status == 0)
        let json = try #require(run.json)
        #expect(json["runs"] == nil)
        #expect((json["regions"] as? [String: Any])?["count"] as? Int == 0)
        #expect((json["files"] as? [String: [String: Any]])?["training_feedback.json"]?["status"] as? String == "missing")
    }

    @Test("a failed source: exit 1, error in the JSON and on stderr, section left out")
    func failedSource() throws {
        let run = try CLIRun(["summary", "--json", fixture("malformed/truncated-mid-string")])
        #expect(run.status == 1)
        let json = try #require(run.json)
        let quality = try #require((json["files"] as? [String: [String: Any]])?["quality_feedback.json"])
        #expect(quality["status"] as? String == "failed")
        #expect((quality["error"] as? String)?.contains("quality_feedback.json:22:22") == true)
        #expect(json["generators"] == nil && json["trends"] == nil && json["drift"] == nil, "failed without an earlier good read: left out")
        #expect(run.stderr.contains("unterminated string"))
    }

    @Test("the table output is readable and keeps non-ASCII names")
    func table() throws {
        let run = try CLIRun(["summary", fixture("demo")])
        #expect(run.status == 0)
        #expect(run.stdout.contains("quality_feedback.json: ok"))
        #expect(run.stdout.contains("übersetzer"))
        #expect(run.stdout.contains("multilingüe"))
        #expect(run.stdout.contains("running"))
    }

    @Test("usage errors and missing directories exit 2 naming the problem")
    func usageErrors() throws {
        let missing = try CLIRun(["summary", "/nonexistent/hafs-viz-dir"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("/nonexistent/hafs-viz-dir"))
        #expect(missing.stdout.isEmpty)

        let file = try CLIRun(["summary", fixture("demo/quality_feedback.json")])
        #expect(file.status == 2)
        #expect(file.stderr.contains("not a directory"))

        let unknownFlag = try CLIRun(["summary", "--bogus", fixture("demo")])
        #expect(unknownFlag.status == 2)
        #expect(unknownFlag.stderr.contains("--bogus"))

        let noArgument = try CLIRun(["summary"])
        #expect(noArgument.status == 2)

        let help = try CLIRun(["--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("summary"))
    }
}
