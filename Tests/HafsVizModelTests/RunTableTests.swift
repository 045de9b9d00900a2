import Foundation
import HafsVizCore
import HafsVizModel
import Testing

/// The run table and the param-vs-best scatter, with every figure worked out by hand from the
/// points the test writes, and the same answer from the window's session and `runs --json`.
@Suite("Run table and scatter")
struct RunTableTests {
    /// An MLflow sweep: three learning rates, a run whose lr is text, one with no lr, one that
    /// never logged eval/accuracy. loss is logged at steps 0, 1, 2; eval/accuracy at step 1 only.
    static func sweep() throws -> String {
        let root = NSTemporaryDirectory() + "hafs-sweep-" + UUID().uuidString
        let runs: [(id: String, lr: String?, loss: [Double], accuracy: Double?)] = [
            ("a", "0.1", [2.0, 1.5, 1.7], 0.6),  // best loss 1.5 (step 1), last 1.7
            ("b", "0.01", [2.0, 1.2, 1.1], 0.8),  // best 1.1 = last
            ("c", "0.001", [2.0, 1.9, 1.8], nil),  // no eval/accuracy
            ("d", "auto", [2.0, 1.0, 1.0], 0.9),  // lr is text
            ("e", nil, [2.0, 1.3, 1.4], 0.7),  // no lr
        ]
        for run in runs {
            let folder = root + "/mlruns/0/" + run.id
            try FileManager.default.createDirectory(atPath: folder + "/metrics/eval", withIntermediateDirectories: true)
            try FileManager.default.createDirectory(atPath: folder + "/params", withIntermediateDirectories: true)
            try Data("run_id: \(run.id)\nstatus: 3\nlifecycle_stage: active\n".utf8).write(to: URL(fileURLWithPath: folder + "/meta.yaml"))
            if let lr = run.lr { try Data(lr.utf8).write(to: URL(fileURLWithPath: folder + "/params/lr")) }
            let loss = run.loss.enumerated().map { "17334000\($0.offset)0000 \($0.element) \($0.offset)\n" }.joined()
            try Data(loss.utf8).write(to: URL(fileURLWithPath: folder + "/metrics/loss"))
            if let accuracy = run.accuracy {
                try Data("1733400010000 \(accuracy) 1\n".utf8).write(to: URL(fileURLWithPath: folder + "/metrics/eval/accuracy"))
            }
        }
        return root
    }

    @Test(
        "last, best by the tag's goal, and the value at the run's last step; a scatter of lr against best loss, with who was left out and why"
    )
    func tableAndScatter() throws {
        let root = try RunTableTests.sweep()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let session = RunsSession(logdir: root, initial: RunsModel.readOnce(logdir: root))
        session.tableTag = "loss"
        let table = session.runTable()
        #expect(table.goal == .lower && table.paramNames == ["lr"])
        let rows = Dictionary(uniqueKeysWithValues: table.rows.map { (String($0.name.suffix(1)), $0.summary) })
        #expect(rows["a"]??.last == 1.7 && rows["a"]??.best == 1.5 && rows["a"]??.atEnd == 1.7)
        #expect(rows["b"]??.best == 1.1 && rows["c"]??.best == 1.8 && rows["d"]??.best == 1.0)

        let scatter = try #require(session.scatter(table))
        #expect(scatter.param == "lr" && scatter.tag == "loss")
        #expect(Set(scatter.points.map { "\($0.run.suffix(1)) \($0.x) \($0.y)" }) == ["a 0.1 1.5", "b 0.01 1.1", "c 0.001 1.8"])
        #expect(scatter.best.map { String($0.run.suffix(1)) } == "b", "lr 0.01 made the best run")
        #expect(Set(scatter.leftOut.map { "\($0.run.suffix(1)): \($0.why)" }) == ["d: lr is text (auto)", "e: no lr"])

        // eval/accuracy: higher is better; logged at step 1 while the runs end at step 2.
        session.tableTag = "eval/accuracy"
        let accuracy = session.runTable()
        #expect(accuracy.goal == .higher)
        let byRun = Dictionary(uniqueKeysWithValues: accuracy.rows.map { (String($0.name.suffix(1)), $0.summary) })
        #expect(byRun["b"]??.best == 0.8 && byRun["b"]??.atEnd == nil, "not logged at the run's last step")
        #expect(byRun["c"]! == nil, "c never logged it")
        let accuracyScatter = try #require(session.scatter(accuracy))
        #expect(accuracyScatter.leftOut.contains { $0.run.hasSuffix("c") && $0.why == "no eval/accuracy" })

        // One answer: runs --json's scatter and figures come from the same code.
        let report = RunsReport.read(logdir: root)
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(report.json(scatter: (param: "lr", tag: "loss")).serialized().utf8))
                as? [String: Any])
        let cli = try #require(json["scatter"] as? [String: Any])
        let cliPoints = (cli["points"] as? [[String: Any]]) ?? []
        #expect(
            Set(cliPoints.map { "\(($0["run"] as? String ?? "").suffix(1)) \($0["x"] as? Double ?? 0) \($0["y"] as? Double ?? 0)" }) == [
                "a 0.1 1.5", "b 0.01 1.1", "c 0.001 1.8",
            ])
        #expect((cli["best_run"] as? String)?.hasSuffix("b") == true && cli["goal"] as? String == "min")
        let runA = (json["runs"] as? [[String: Any]])?.first { ($0["name"] as? String)?.hasSuffix("/a") == true }
        let lossA = (runA?["tags"] as? [String: Any])?["loss"] as? [String: Any]
        #expect(lossA?["best"] as? Double == 1.5 && lossA?["at_end"] as? Double == 1.7 && lossA?["goal"] as? String == "min")
    }

    @Test("which way is best: lower for losses, errors and perplexity, higher for the rest")
    func goals() {
        for tag in ["loss", "train/loss", "eval_loss", "val/error_rate", "wer", "eval/perplexity", "test.mse"] {
            #expect(MetricGoal(tag: tag) == .lower, "\(tag)")
        }
        for tag in ["accuracy", "eval/f1", "bleu", "reward", "eval/lossless_ratio"] {
            #expect(MetricGoal(tag: tag) == .higher, "\(tag)")
        }
    }
}
