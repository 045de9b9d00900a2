import Figures
import Foundation
import HafsVizModel
import Testing

@testable import HafsVizApp
@testable import HafsVizCore
@testable import Immediate

/// The Runs workspace driven frame by frame (testing font, no GL), on a live feed over a logdir
/// the test writes to.
@Suite("Runs workspace")
struct RunsWorkspaceTests {
    final class Harness {
        let ui = UIContext(font: .testing)
        var collector = InputCollector()
        var time = 0.0
        let workspace: RunsWorkspace

        init(_ workspace: RunsWorkspace) {
            self.workspace = workspace
            collector.setDisplay(size: Vec2(1600, 1000), scale: 1)
        }

        @discardableResult
        func frame(_ events: (inout InputCollector) -> Void = { _ in }) -> DrawData {
            time += 0.5
            collector.setTime(time)
            events(&collector)
            _ = workspace.idle(now: time)
            ui.beginFrame(collector.nextFrame())
            workspace.frame(ui, Rect(min: .zero, max: Vec2(1600, 1000)))
            return ui.endFrame()
        }

        /// Frames until `condition` holds (the feed polls every 0.25 s), at most 10 s.
        func frames(until condition: () -> Bool) -> Bool {
            let deadline = Date().addingTimeInterval(10)
            while Date() < deadline {
                frame()
                if condition() { return true }
                usleep(50_000)
            }
            return false
        }
    }

    func logdir() throws -> String {
        let path = NSTemporaryDirectory() + "hafs-runs-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path + "/a", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: path + "/b", withIntermediateDirectories: true)
        return path
    }

    func append(_ path: String, _ lines: [String]) throws {
        if !FileManager.default.fileExists(atPath: path) { _ = FileManager.default.createFile(atPath: path, contents: nil) }
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data((lines.joined(separator: "\n") + "\n").utf8))
        try handle.close()
    }

    @Test("new points appear without a reload and the chart follows them; pause holds the display, resume catches up")
    func live() throws {
        let root = try logdir()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try append(root + "/a/metrics.jsonl", (0..<10).map { #"{"step": \#($0), "loss": \#(1.0 / Double($0 + 1))}"# })
        let harness = Harness(RunsWorkspace(logdir: root))
        #expect(harness.frames { harness.workspace.model.pointCount == 10 })
        #expect(harness.workspace.model.charts.map(\.tag) == ["loss"])

        try append(root + "/a/metrics.jsonl", (10..<20).map { #"{"step": \#($0), "loss": 0.05}"# })
        #expect(harness.frames { harness.workspace.model.pointCount == 20 }, "appended lines show up")
        harness.frame()
        let state = try #require(harness.ui.plotState("chart:loss"))
        #expect(state.x.max >= 19, "the chart follows the newest step: x up to \(state.x.max)")

        harness.workspace.setPaused(true)
        try append(root + "/a/metrics.jsonl", [#"{"step": 20, "loss": 0.04}"#])
        try append(root + "/b/metrics.jsonl", [#"{"step": 0, "loss": 3.0}"#])
        usleep(800_000)  // the feed reads on: three polls and a rescan
        for _ in 0..<4 { harness.frame() }
        #expect(harness.workspace.model.pointCount == 20, "paused: the display keeps its data")
        harness.workspace.setPaused(false)
        #expect(
            harness.frames { harness.workspace.model.pointCount == 22 && harness.workspace.model.runs.count == 2 },
            "resumed: what was read meanwhile, and the new run")
        harness.workspace.feed?.stop()
    }

    @Test("Ctrl+E writes every point of the shown runs, read anew from the files, atomically next to the logdir")
    func csvExport() throws {
        let parent = NSTemporaryDirectory() + "hafs-runs-csv-" + UUID().uuidString
        let root = parent + "/logs"
        try FileManager.default.createDirectory(atPath: root + "/a", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: root + "/b", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: parent) }
        try append(root + "/a/metrics.jsonl", (0..<1500).map { #"{"step": \#($0), "loss": \#(Double($0) / 8), "acc": NaN}"# })
        try append(root + "/b/metrics.jsonl", [#"{"step": 0, "loss": 1.0}"#])
        let workspace = RunsWorkspace(logdir: root, initial: RunsModel.readOnce(logdir: root))
        final class Host: WorkspaceHost {
            var reports: [String] = []
            func report(_ text: String, isError: Bool) { reports.append(text) }
            func show(_ overlay: Overlay) {}
            func stateChanged() {}
            func copyToClipboard(_ text: String) {}
            func resetViews() {}
            func workspace<T: Workspace>(_ type: T.Type) -> T? { nil }
            func bringForward(_ workspace: Workspace) {}
            func askForDirectory(title: String, initial: String, open: @escaping (String) -> Void) {}
            let place: ExportPlace
            init(_ base: String) { place = ExportPlace(base: base) }
            func makeExportFolder(for name: String) throws -> String { try place.makeFolder(for: name) }
        }
        let host = Host(parent + "/exports")
        workspace.host = host
        workspace.setRunVisible("b", false)
        workspace.exportCSV()
        let deadline = Date().addingTimeInterval(10)
        var now = 0.0
        while host.reports.isEmpty, Date() < deadline {
            now += 1
            _ = workspace.idle(now: now)
            usleep(20_000)
        }
        #expect(host.reports.first?.hasPrefix("wrote 3000 points to \(parent)/exports/logs-export-") == true, "\(host.reports)")
        let folders = try FileManager.default.contentsOfDirectory(atPath: parent + "/exports")
        #expect(folders.count == 1 && folders[0].hasPrefix("logs-export-"))
        let text = try String(contentsOfFile: parent + "/exports/" + (folders.first ?? "") + "/runs.csv", encoding: .utf8)
        let lines = text.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(lines.first == "run,tag,step,wall_time,value")
        #expect(lines.count == 3001, "every point, no cap; run b is hidden")
        #expect(lines.contains("a,loss,1499,,187.375"))
        #expect(lines.contains("a,acc,7,,NaN"), "non-finite values are kept")
    }

    @Test("an unticked run is not drawn; its colour stays its own")
    func hideRun() throws {
        let root = try logdir()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try append(root + "/a/metrics.jsonl", (0..<50).map { #"{"step": \#($0), "loss": \#(Double($0 % 7))}"# })
        try append(root + "/b/metrics.jsonl", (0..<50).map { #"{"step": \#($0), "loss": \#(Double($0 % 5))}"# })
        let harness = Harness(RunsWorkspace(logdir: root, initial: RunsModel.readOnce(logdir: root)))
        let style = Style()
        func drawn(_ color: Color, _ data: DrawData) -> Int {
            let rgb = color.packed & 0x00FF_FFFF
            return data.lists.flatMap(\.vertices).filter { $0.color & 0x00FF_FFFF == rgb }.count
        }
        let both = harness.frame()
        let colorB = harness.workspace.color(of: "b", style)
        #expect(harness.workspace.color(of: "a", style) != colorB)
        let before = drawn(colorB, both)
        #expect(before > 50, "run b's line and swatch")
        harness.workspace.setRunVisible("b", false)
        let one = harness.frame()
        #expect(drawn(colorB, one) < before / 4, "only b's sidebar swatch is left: \(drawn(colorB, one)) of \(before)")
        #expect(drawn(harness.workspace.color(of: "a", style), one) > 50, "run a is still drawn")
    }

    @Test("a model built after a run grew extends its lines (sharing their full chunks) and equals a fresh build; a reset rebuilds")
    func growingModel() {
        func log(_ count: Int, resets: Int = 0) -> RunLog {
            var table = ScalarTable()
            for step in 0..<count { table.append("loss", step: Double(step), value: Double(step % 13) / 13) }
            return RunLog(
                location: RunLocation(name: "r", directory: "/r", format: JSONLFormat(), files: []), displayName: nil, tags: table,
                errors: [], progress: RunProgress(), lastWrite: nil, resets: resets)
        }
        let first = RunsModel(logdir: "/", runs: [log(100_000)])
        let grown = RunsModel(logdir: "/", runs: [log(100_500)], previous: first)
        let fresh = RunsModel(logdir: "/", runs: [log(100_500)])
        let (a, b, c) = (first.charts[0].lines[0], grown.charts[0].lines[0], fresh.charts[0].lines[0])
        #expect(b.raw.count == 100_500)
        #expect(
            Array(b.raw.ys) == Array(c.raw.ys) && Array(b.smoothed.ys).map(\.bitPattern) == Array(c.smoothed.ys).map(\.bitPattern),
            "grown = built whole, smoothed values included")
        let shared = a.raw.ys.chunks[0].withUnsafeBufferPointer { x in
            b.raw.ys.chunks[0].withUnsafeBufferPointer { x.baseAddress == $0.baseAddress }
        }
        #expect(shared, "the first chunk was not copied")
        let reset = RunsModel(logdir: "/", runs: [log(100_500, resets: 1)], previous: first)
        let notShared = a.raw.ys.chunks[0].withUnsafeBufferPointer { x in
            reset.charts[0].lines[0].raw.ys.chunks[0].withUnsafeBufferPointer { x.baseAddress != $0.baseAddress }
        }
        #expect(notShared, "after a reset the line is built again")
    }
}

/// The window around the workspaces: one action table for keys, menus and help; tabs and Ctrl+N.
@Suite("App window")
struct AppWindowTests {
    func window() -> (AppWindow, Dashboard, UIContext, InputCollector) {
        let dashboard = Dashboard(directory: AppHarness.fixtures + "/demo", demoDirectory: AppHarness.fixtures + "/demo")
        dashboard.reloads.waitUntilIdle()
        let runs = RunsWorkspace(logdir: AppHarness.fixtures + "/runs", initial: RunsModel.readOnce(logdir: AppHarness.fixtures + "/runs"))
        var collector = InputCollector()
        collector.setDisplay(size: Vec2(1600, 1000), scale: 1)
        return (AppWindow(workspaces: [dashboard, runs]), dashboard, UIContext(font: .testing), collector)
    }

    @Test("the F1 list is the action table's keys: the window's and the current workspace's, nothing else")
    func helpFromActions() {
        let (window, _, ui, _) = window()
        let lines = window.shortcutLines(window.actions(ui)).map(\.0)
        for key in ["F5, r", "Ctrl+E", "1 – 4", "Esc", "Ctrl+S", "Ctrl+Q", "Ctrl+1 – 2", "Home", "F1"] {
            #expect(lines.contains(key), "\(key) in the Dashboard's help")
        }
        #expect(!lines.contains("Space"), "the Runs key is not listed on the Dashboard")
        window.select(1)
        let runsLines = window.shortcutLines(window.actions(ui)).map(\.0)
        #expect(runsLines.contains("Space") && !runsLines.contains { $0.hasPrefix("F5") })
        // Every action with keys says how to type them, or shares a line with its group.
        for action in window.actions(ui) where !action.keys.isEmpty && action.keyText == nil {
            #expect(
                action.title.hasPrefix("Maximize") || window.workspaces.contains { $0.title == action.title },
                "\(action.title) has keys but no help line")
        }
    }

    @Test("the Training Runs panel opens a run's curves: Enter on the picked run shows Runs with only its logs")
    func dashboardLink() throws {
        var (window, dashboard, ui, collector) = window()
        let runs = try #require(window.workspaces[1] as? RunsWorkspace)
        #expect(dashboard.runHasCurves("run_20251215_52c3"), "the MLflow run named after it")
        #expect(dashboard.runHasCurves("run_20251212_0f2c"), "the Lightning folder under it")
        #expect(!dashboard.runHasCurves("run_unknown"))
        dashboard.select(.run, "run_20251212_0f2c")
        collector.key(KeyPress(.enter))
        ui.beginFrame(collector.nextFrame())
        window.frame(ui)
        _ = ui.endFrame()
        #expect(window.current == 1)
        #expect(runs.focusedOn == "run_20251212_0f2c")
        let shown = runs.model.runs.map(\.name).filter { !runs.hiddenRuns.contains($0) }
        #expect(shown == ["run_20251212_0f2c/lightning_logs/version_0"])
        runs.showAllRuns()
        #expect(runs.hiddenRuns.isEmpty)
    }

    @Test("settings keep each workspace's state by its name, through the settings file")
    func settingsByName() throws {
        let (window, _, _, _) = window()
        let runs = try #require(window.workspaces[1] as? RunsWorkspace)
        runs.setRunVisible("run_20251211_e8c1", false)
        runs.setXAxis(.wallTime)
        runs.restore(["smoothing": "0.9"])
        var settings = Settings()
        window.save(into: &settings)
        #expect(settings.workspaces?["Runs"]?["xAxis"] == "wallTime")
        #expect(settings.workspaces?["Dashboard"]?["autoReload"] == "true", "the Dashboard's options are kept under its name too")
        let directory = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try settings.save(to: directory + "/settings.json")
        let loaded = Settings.load(from: directory + "/settings.json").settings
        let (again, _, _, _) = self.window()
        again.restore(from: loaded)
        let restored = try #require(again.workspaces[1] as? RunsWorkspace)
        #expect(restored.smoothing == 0.9 && restored.xAxis == .wallTime && restored.hiddenRuns == ["run_20251211_e8c1"])
        restored.restore(["smoothing": "NaN", "xAxis": "sideways"])
        #expect(restored.smoothing == 0.9 && restored.xAxis == .wallTime, "bad values are ignored")
    }

    @Test("Ctrl+2 and Ctrl+1 switch workspaces; a workspace's keys act only while it is shown")
    func switching() {
        var (window, dashboard, ui, collector) = window()
        func press(_ key: KeyPress) {
            collector.key(key)
            ui.beginFrame(collector.nextFrame())
            window.frame(ui)
            _ = ui.endFrame()
        }
        press(KeyPress(.character("2"), .control))
        #expect(window.current == 1 && window.workspace.title == "Runs")
        press(KeyPress(.character("3")))
        #expect(dashboard.maximized == nil, "the Dashboard's 3 does nothing on Runs")
        press(KeyPress(.character("1"), .control))
        #expect(window.current == 0)
        press(KeyPress(.character("3")))
        #expect(dashboard.maximized == "coverage")
        press(KeyPress(.escape))
        #expect(dashboard.maximized == nil)
    }

    @Test("R starts a replay (display frozen), the charts draw only up to its cursor, Esc ends it; L toggles the log axis and is saved")
    func replayAndLogY() throws {
        var (window, _, ui, collector) = window()
        window.select(1)
        let runs = try #require(window.workspaces[1] as? RunsWorkspace)
        func press(_ key: KeyPress) {
            collector.key(key)
            ui.beginFrame(collector.nextFrame())
            window.frame(ui)
            _ = ui.endFrame()
        }
        press(KeyPress(.character("r")))
        #expect(runs.replay == 1 && runs.paused, "replay starts at now, with the display frozen")
        let range = try #require(runs.session.replayRange())
        runs.setReplay(0.25)
        // Steps are whole: the cursor is a quarter of the shown runs' step range, rounded down.
        #expect(runs.replayLimit() == (range.min + range.span * 0.25).rounded(.down))
        #expect(window.statusSegments().contains { $0.text == "replay at step \(Format.value(runs.replayLimit()))" })
        runs.setReplayPlaying(true)
        _ = runs.idle(now: 100)
        _ = runs.idle(now: 100 + RunsSession.replaySeconds / 2)
        #expect(abs((runs.replay ?? 0) - 0.75) < 1e-9, "playing moves through the whole history in replaySeconds")
        _ = runs.idle(now: 100 + RunsSession.replaySeconds * 2)
        #expect(runs.replay == 1 && !runs.replayPlaying, "it stops at now")
        press(KeyPress(.escape))
        #expect(runs.replay == nil && !runs.paused, "Esc ends the replay and the display is live again")
        runs.setPaused(true)
        runs.setReplay(0.5)
        runs.setReplay(nil)
        #expect(runs.paused, "a display paused before the replay stays paused after it")

        #expect(!runs.logY)
        press(KeyPress(.character("l")))
        #expect(runs.logY && runs.savedState()["logY"] == "true")
        let other = try #require(self.window().0.workspaces[1] as? RunsWorkspace)
        other.restore(runs.savedState())
        #expect(other.logY)
    }

    @Test("samples/s: from a running sample count over the last two minutes, else the trainer's logged rate, else none")
    func samplesRate() {
        var counted = ScalarTable()
        // 64 samples a step, a step every 2 s: 32 samples/s; the early slow part is older than 120 s.
        counted.append("train/samples", step: 0, value: 0, wallTime: 1000)
        for step in 1...100 {
            counted.append("train/samples", step: Double(step), value: Double(step * 64), wallTime: 1100 + Double(step) * 2)
        }
        counted.append("train/train_samples_per_second", step: 100, value: 5, wallTime: 1300)
        let rate = SamplesRate(counted)
        #expect(
            rate?.value == 32 && rate?.tag == "train/samples" && rate?.isLogged == false,
            "the count wins over a logged rate: \(String(describing: rate))")

        var logged = ScalarTable()
        logged.append("eval/samples_per_second", step: 100, value: 80)
        logged.append("train/train_samples_per_second", step: 300, value: .nan)
        logged.append("train/train_samples_per_second", step: 300, value: 2)
        let fromLog = SamplesRate(logged)
        #expect(
            fromLog == SamplesRate(value: 2, tag: "train/train_samples_per_second", isLogged: true), "training's rate before evaluation's")
        #expect(RunsModel.Run.samplesText(fromLog) == "samples/s 2 (logged as train/train_samples_per_second)")

        var none = ScalarTable()
        none.append("train/loss", step: 1, value: 0.5, wallTime: 10)
        none.append("train/loss", step: 2, value: 0.4, wallTime: 12)
        #expect(SamplesRate(none) == nil)
        #expect(RunsModel.Run.samplesText(nil) == "samples/s — (no sample count in this log)")
    }

    @Test(
        "run and tag filters (regex): charts, lines and the CSV follow them; a bad pattern shows everything and says why; typing in a filter is not a shortcut"
    )
    func filters() throws {
        var (window, _, ui, collector) = window()
        window.select(1)
        let runs = try #require(window.workspaces[1] as? RunsWorkspace)
        func frame(_ events: (inout InputCollector) -> Void = { _ in }) {
            events(&collector)
            ui.beginFrame(collector.nextFrame())
            window.frame(ui)
            _ = ui.endFrame()
        }
        frame()
        let allCharts = runs.model.charts.count
        runs.setTagFilter("^eval/")
        #expect(!runs.shownCharts().isEmpty && runs.shownCharts().allSatisfy { $0.tag.hasPrefix("eval/") })
        #expect(runs.shownCharts().count < allCharts)
        runs.setTagFilter("LOSS")
        #expect(runs.shownCharts().allSatisfy { $0.tag.lowercased().contains("loss") }, "case-insensitive")
        runs.setTagFilter("(")
        #expect(runs.tagFilter.problem != nil && runs.shownCharts().count == allCharts, "a bad pattern shows all")
        runs.setTagFilter("")
        runs.setRunFilter("e8c1$")
        let shown = runs.model.runs.indices.filter(runs.isShown).map { runs.model.runs[$0].name }
        #expect(shown == ["run_20251211_e8c1"])
        #expect(runs.savedState()["runFilter"] == "e8c1$")

        // Typed into the tag filter, "r" and "l" are text, not Replay and Log y.
        runs.setRunFilter("")
        let field = Vec2(280 + 40, 62)  // the tag filter: top left of the chart area
        frame {
            $0.mouseMoved(to: field)
            $0.mouseButton(.left, down: true)
        }
        frame { $0.mouseButton(.left, down: false) }
        #expect(ui.wantsTextInput, "the click focused the tag filter")
        frame {
            $0.key(KeyPress(.character("r")))
            $0.character("r")
        }
        frame {
            $0.key(KeyPress(.character("l")))
            $0.character("l")
        }
        #expect(runs.tagFilter.pattern == "rl" && runs.replay == nil && !runs.logY)
        frame { $0.key(KeyPress(.escape)) }
        #expect(!ui.wantsTextInput && runs.tagFilter.pattern == "rl", "Esc leaves the field and keeps the pattern")
        frame { $0.key(KeyPress(.character("l"))) }
        #expect(runs.logY, "outside the field L is Log y again")
    }
}
