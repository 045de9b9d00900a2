import Foundation
import HafsVizCore
import HafsVizModel
import Testing

/// Which runs and charts the Runs view shows, decided with no UI.
@Suite("Runs selection (no UI)")
struct RunsSelectionTests {
    /// `exp/a` logs loss, `exp/b` logs loss and acc, `other` (MLflow-less JSON Lines) logs acc.
    func logdir() throws -> String {
        let root = NSTemporaryDirectory() + "hafs-selection-" + UUID().uuidString
        for (folder, lines) in [
            ("exp/a", [#"{"step": 1, "loss": 0.5}"#]), ("exp/b", [#"{"step": 1, "loss": 0.4, "acc": 0.7}"#]),
            ("other", [#"{"step": 1, "acc": 0.9}"#]),
        ] {
            try FileManager.default.createDirectory(atPath: root + "/" + folder, withIntermediateDirectories: true)
            try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: root + "/" + folder + "/metrics.jsonl"))
        }
        return root
    }

    @Test("ticks, the run filter, the tag filter and a focus decide the charts shown")
    func charts() throws {
        let root = try logdir()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let model = RunsModel.readOnce(logdir: root)
        #expect(model.runs.map(\.name) == ["exp/a", "exp/b", "other"])
        var selection = RunsSelection()
        #expect(selection.shownCharts(model).map(\.tag).sorted() == ["acc", "loss"])

        // Unticking the only runs that log loss leaves the loss chart out, not drawn empty.
        selection.setRunVisible("exp/a", false)
        selection.setRunVisible("exp/b", false)
        #expect(selection.shownCharts(model).map(\.tag) == ["acc"])
        #expect(selection.matchingCharts(model).count == 2, "the tag filter alone keeps both")

        selection.showAll()
        selection.tagFilter = NameFilter("^lo")
        #expect(selection.shownCharts(model).map(\.tag) == ["loss"])
        selection.tagFilter = NameFilter()
        selection.runFilter = NameFilter("other")
        #expect((0..<3).filter { selection.isShown($0, in: model) } == [2])

        // The Dashboard's link: pipeline run "exp" is the folder and everything under it.
        selection = RunsSelection()
        #expect(RunsSelection.runs(matching: "exp", in: model) == ["exp/a", "exp/b"])
        let focused = selection.focus(on: "exp", in: model)
        #expect(focused && selection.focusedOn == "exp")
        #expect(selection.hiddenRuns == ["other"])
        let missing = selection.focus(on: "missing", in: model)
        #expect(!missing, "a run with no logs changes nothing")
        #expect(selection.focusedOn == "exp")
    }

    @Test("a run MLflow marks deleted is neither listed nor drawn, and counted, until Show Deleted Runs")
    func deletedRuns() throws {
        let root = NSTemporaryDirectory() + "hafs-deleted-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: root) }
        for (id, stage) in [("live", "active"), ("gone", "deleted")] {
            let run = root + "/mlruns/0/" + id
            try FileManager.default.createDirectory(atPath: run + "/metrics", withIntermediateDirectories: true)
            try Data("run_id: \(id)\nlifecycle_stage: \(stage)\nstatus: 3\n".utf8).write(to: URL(fileURLWithPath: run + "/meta.yaml"))
            try Data("1733400000000 0.5 1\n".utf8).write(to: URL(fileURLWithPath: run + "/metrics/loss"))
        }
        let model = RunsModel.readOnce(logdir: root)
        var selection = RunsSelection()
        #expect(selection.listedRuns(model).map(\.name) == ["mlruns/0/live"])
        #expect(selection.shownRuns(model) == model.runs.map { !$0.deleted } && model.runs.count == 2)
        #expect(selection.countText(model) == "1 · 1 deleted hidden")
        selection.showDeleted = true
        #expect(selection.listedRuns(model).count == 2 && selection.shownRuns(model) == [true, true])
        #expect(selection.countText(model) == "2")
        selection.runFilter = NameFilter("gone")
        #expect(selection.countText(model) == "1 of 2")
    }

    @Test("the demo's W&B offline run is linked to its pipeline run by the name wandb.init gave it")
    func wandbLink() {
        let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/runs").path
        let model = RunsModel.readOnce(logdir: fixtures)
        let linked = RunsSelection.runs(matching: "run_20251215_52c3", in: model)
        // The MLflow fixture carries the same run_name: both logs of that run open together.
        #expect(linked.contains { $0.hasPrefix("wandb/offline-run-") } && linked.count == 2, "\(linked)")
    }
}
