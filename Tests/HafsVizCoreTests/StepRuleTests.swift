import Foundation
import Testing

@testable import HafsVizCore

/// The step rule (a step written again keeps its last value; an earlier step is a restart) and
/// the JSON Lines logs it matters for, with every expected value worked out by hand from the
/// lines the test writes.
@Suite("Step rule")
struct StepRuleTests {
    /// Writes `files` (path under the folder → text) and reads the logdir as `runs` does.
    static func report(_ files: [String: String]) throws -> (RunsReport, TemporaryDirectory) {
        let folder = TemporaryDirectory()
        for (path, text) in files {
            let full = folder.path + "/" + path
            try FileManager.default.createDirectory(
                atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: URL(fileURLWithPath: full))
        }
        return (RunsReport.read([LogdirSource(local: folder.path)]), folder)
    }

    @Test("LLaMA-Factory's trainer_log.jsonl from two ranks: x is current_steps, one point per step, progress from total_steps")
    func llamaFactory() throws {
        // As LLaMA-Factory's LogCallback writes it; both ranks wrote every line.
        let lines = [
            #"{"current_steps": 10, "total_steps": 40, "loss": 1.9, "lr": 5e-05, "epoch": 0.25, "percentage": 25.0, "elapsed_time": "0:00:10", "remaining_time": "0:00:30"}"#,
            #"{"current_steps": 20, "total_steps": 40, "loss": 1.4, "lr": 4e-05, "epoch": 0.5, "percentage": 50.0, "elapsed_time": "0:00:20", "remaining_time": "0:00:20"}"#,
            #"{"current_steps": 20, "total_steps": 40, "eval_loss": 1.6, "epoch": 0.5, "percentage": 50.0, "elapsed_time": "0:00:22", "remaining_time": "0:00:22"}"#,
            #"{"current_steps": 30, "total_steps": 40, "loss": 1.1, "lr": 3e-05, "epoch": 0.75, "percentage": 75.0, "elapsed_time": "0:00:30", "remaining_time": "0:00:10"}"#,
        ]
        let text = lines.flatMap { [$0, $0] }.joined(separator: "\n") + "\n"
        let (report, _) = try StepRuleTests.report(["saves/llama3-8b/lora/sft/trainer_log.jsonl": text])
        let run = try #require(report.runs.first)
        #expect(report.runs.count == 1 && run.name == "saves/llama3-8b/lora/sft" && run.format.id == "jsonl")
        #expect(Set(run.tags.names) == ["loss", "lr", "epoch", "eval_loss"], "progress and times are not tags: \(run.tags.names)")
        #expect(run.tags["loss"]?.steps == [10, 20, 30] && run.tags["loss"]?.values == [1.9, 1.4, 1.1])
        #expect(run.tags["eval_loss"]?.steps == [20] && run.tags["eval_loss"]?.values == [1.6])
        #expect(run.tags["epoch"]?.steps == [10, 20, 30], "one epoch point per step: \(run.tags["epoch"]?.steps ?? [])")
        // Rewritten: the second rank's copy of each training line (3 lines × 3 tags); the eval
        // line's epoch, at the step its training line already wrote (1); and the second rank's
        // copy of the eval line (eval_loss and epoch: 2).
        let rewrites = run.tags.series.reduce(0) { $0 + $1.rewrites }
        #expect(rewrites == 3 * 3 + 1 + 2, "\(rewrites)")
        #expect(run.tags.restarts.isEmpty)
        #expect(run.progress.maxSteps == 40 && run.progress.step == 30 && run.progress.epoch == 0.75)
        #expect(RunStatus(run).fraction == 0.75, "30 of 40 steps")
    }

    @Test("detectron2 appends a resumed run to metrics.json: the later points replace the earlier from the step it went back to")
    func detectronRestart() throws {
        // Iterations 19…99, then a run resumed from its checkpoint at 50 writes 59…119.
        var lines = [19, 39, 59, 79, 99].map { #"{"iteration": \#($0), "total_loss": \#(Double($0) / 10), "lr": 0.02}"# }
        lines += [59, 79, 99, 119].map { #"{"iteration": \#($0), "total_loss": \#(Double($0) / 100), "lr": 0.02}"# }
        let (report, _) = try StepRuleTests.report(["output/metrics.json": lines.joined(separator: "\n") + "\n"])
        let run = try #require(report.runs.first)
        #expect(run.tags["total_loss"]?.steps == [19, 39, 59, 79, 99, 119])
        #expect(run.tags["total_loss"]?.values == [1.9, 3.9, 0.59, 0.79, 0.99, 1.19], "the resumed run's values from 59 on")
        #expect(run.tags.restarts == [59])
        #expect(RunsReport.stepRuleNote(run) == "restarted at step 59")
        let json = try JSONSerialization.jsonObject(with: Data(report.json().serialized().utf8)) as? [String: Any]
        let entry = (json?["runs"] as? [[String: Any]])?.first
        #expect(entry?["restarts"] as? [Double] == [59] && entry?["rewritten_points"] as? Int == 0, "\(entry ?? [:])")
    }

    @Test("a restart that began a new file (TensorBoard's resumed run) goes back across the files, in name order")
    func restartAcrossFiles() {
        var first = ScalarTable()
        for step in 1...5 { first.append("loss", step: Double(step), value: Double(step)) }
        var second = ScalarTable()
        for step in 3...6 { second.append("loss", step: Double(step), value: Double(step) * 10) }
        let merged = ScalarTable.merged([first, second])
        #expect(merged["loss"]?.steps == [1, 2, 3, 4, 5, 6])
        #expect(merged["loss"]?.values == [1, 2, 30, 40, 50, 60])
        #expect(merged.restarts == [3])
    }

    @Test("W&B's structured debug logs are not metric runs; detectron2's metrics.json beside them is")
    func wandbLogsAreNotMetrics() throws {
        let core = [
            #"{"time":"2026-12-05T10:00:00.123+00:00","level":"INFO","msg":"main: starting server","port-filename":"/tmp/port-4711.txt","pid":4711,"log-level":0,"disable-analytics":false}"#,
            #"{"time":"2026-12-05T10:00:00.125+00:00","level":"INFO","msg":"Will exit if parent process dies.","ppid":4700}"#,
            #"{"time":"2026-12-05T10:00:01.000+00:00","level":"INFO","msg":"server is running","idle-timeout":600}"#,
        ]
        let (report, _) = try StepRuleTests.report([
            "wandb/offline-run-20261205_100000-abc123/logs/debug-core.log": core.joined(separator: "\n") + "\n",
            "wandb/offline-run-20261205_100000-abc123/logs/debug-internal.log":
                #"{"time":"2026-12-05T10:00:01Z","level":"DEBUG","msg":"handling record","pid":4712}"# + "\n",
            "detectron/metrics.json": #"{"iteration": 19, "total_loss": 1.5, "time": 0.3}"# + "\n",
        ])
        #expect(report.runs.map(\.name) == ["detectron"], "\(report.runs.map(\.name))")
        #expect(JSONLParser.isMetricLine(#"{"step": 1, "loss": 0.5, "level": 3}"#), "a number named level alone is a metric")
        #expect(!JSONLParser.isMetricLine(#"{"pid": 12, "ppid": 1}"#), "only a process's numbers")
    }
}
