import Figures
import Foundation
import HafsVizCore
import HafsVizModel
import Testing

@testable import HafsVizApp
@testable import Immediate

/// The run list and the chart grid with many runs: colours that stay apart, names cut where
/// they differ least, a hovered run emphasized, charts without shown data left out.
@Suite("Runs: many runs")
struct RunsListTests {
    /// A logdir of `count` runs `sweep/run_<i>/metrics.jsonl`; run i logs `loss`, and the
    /// first run alone also logs `eval/acc`.
    func sweep(_ count: Int) throws -> String {
        let root = NSTemporaryDirectory() + "hafs-sweep-" + UUID().uuidString
        for index in 0..<count {
            let folder = root + "/sweep/lightning_logs/version_\(index)"
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            var lines = (0..<5).map { #"{"step": \#($0), "loss": \#(Double(index) + 1 / Double($0 + 1))}"# }
            if index == 0 { lines.append(#"{"step": 5, "eval/acc": 0.5}"#) }
            try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: folder + "/metrics.jsonl"))
        }
        return root
    }

    @Test("the first 36 series colours differ; past the palette's 12, each round also has its own dash pattern")
    func palette() {
        for theme in Theme.allCases {
            let style = Style(theme: theme)
            let colors = (0..<36).map { style.seriesColor($0).packed }
            #expect(Set(colors).count == 36, "\(theme): \(36 - Set(colors).count) repeats")
            #expect((0..<12).allSatisfy { style.seriesDash($0) == nil })
            #expect(Set((12..<48).compactMap { style.seriesDash($0) }).count == 3, "dashed, dotted, long-dashed")
        }
    }

    @Test("18 runs: every run's stroke (colour and dash) is its own, and stays its own when the logdir is read again")
    func eighteenRuns() throws {
        let root = try sweep(18)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let workspace = RunsWorkspace(logdir: root, initial: RunsModel.readOnce(logdir: root))
        let style = Style()
        let strokes = workspace.model.runs.map {
            "\(workspace.color(of: $0.name, style).packed) \(String(describing: workspace.dash(of: $0.name, style)))"
        }
        #expect(Set(strokes).count == 18)
    }

    @Test("names are cut in the middle: the tail that tells sweep runs apart stays")
    func middleCut() {
        let font = FontAtlas.testing
        let name = "sweep/lightning_logs/version_12"
        let cut = font.truncateMiddle(name, toFit: font.measure(name) * 0.6)
        #expect(cut.hasSuffix("version_12") || cut.hasSuffix("ersion_12"), "\(cut)")
        #expect(cut.contains("…") && font.measure(cut) <= font.measure(name) * 0.6)
    }

    @Test("filtered to one run, the charts none of the shown runs logs are hidden, and the grid says how many")
    func emptyChartsHidden() throws {
        let root = try sweep(3)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let workspace = RunsWorkspace(logdir: root, initial: RunsModel.readOnce(logdir: root))
        #expect(workspace.shownCharts().map(\.tag).sorted() == ["eval/acc", "loss"])
        workspace.setRunFilter("version_2$")
        #expect(workspace.shownCharts().map(\.tag) == ["loss"], "run 2 has no eval/acc")
        let ui = UIContext(font: .testing)
        ui.recordsText = true
        var collector = InputCollector()
        collector.setDisplay(size: Vec2(1600, 1000), scale: 1)
        ui.beginFrame(collector.nextFrame())
        workspace.frame(ui, Rect(min: .zero, max: Vec2(1600, 1000)))
        let texts = ui.endFrame().lists[0].recordedTexts ?? []
        #expect(texts.contains { $0.contains("1 charts hidden: no data for the runs shown") }, "\(texts.prefix(20))")
    }

    @Test("hovering a run in the list draws its lines thicker and the others faint")
    func hoverHighlights() throws {
        let root = try sweep(2)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let workspace = RunsWorkspace(logdir: root, initial: RunsModel.readOnce(logdir: root))
        let ui = UIContext(font: .testing)
        var collector = InputCollector()
        collector.setDisplay(size: Vec2(1600, 1000), scale: 1)
        let style = ui.style
        func alphaOf(_ run: String, _ data: DrawData) -> Set<UInt8> {
            let rgb = workspace.color(of: run, style).packed & 0x00FF_FFFF
            // In the chart grid only (the run list's swatches keep full colour).
            return Set(data.lists[0].vertices.filter { $0.color & 0x00FF_FFFF == rgb && $0.position.x > 400 }.map { UInt8($0.color >> 24) })
        }
        func frame(mouse: Vec2?) -> DrawData {
            collector.mouseMoved(to: mouse)
            ui.beginFrame(collector.nextFrame())
            workspace.frame(ui, Rect(min: .zero, max: Vec2(1600, 1000)))
            return ui.endFrame()
        }
        _ = frame(mouse: nil)
        let plain = frame(mouse: nil)
        #expect(workspace.hoveredRun == nil)
        #expect(alphaOf("sweep/lightning_logs/version_1", plain).max() == 255)
        // The first run's row: below the title and the filter field (two rows from the top).
        let rowY = style.padding + style.rowHeight * 2 + style.rowHeight / 2
        _ = frame(mouse: Vec2(40, rowY))
        let hovered = frame(mouse: Vec2(40, rowY))
        #expect(workspace.hoveredRun == "sweep/lightning_logs/version_0")
        #expect(alphaOf("sweep/lightning_logs/version_1", hovered).max().map { $0 < 128 } == true, "the other run is faint")
        #expect(alphaOf("sweep/lightning_logs/version_0", hovered).max() == 255)
    }
}

@Suite("Runs: Open Logdir")
struct OpenLogdirTests {
    @Test("Ctrl+O asks for a folder; the one chosen is read, kept in Recent and in the settings; the old runs, ticks and colours go")
    func openAnother() throws {
        let first = AppHarness.fixtures + "/runs"
        let second = AppHarness.fixtures + "/runs-bad"
        let runs = RunsWorkspace(logdir: first, initial: RunsModel.readOnce(logdir: first))
        let window = AppWindow(workspaces: [runs])
        runs.setRunVisible("run_20251210_c8ee", false)
        #expect(runs.savedState()["logdir"] == "", "the logdir given at start is not pinned")
        runs.actions().first { $0.id == "Open Logdir…" }?.perform()
        let dialog = try #require(window.directoryDialog)
        #expect(dialog.title == "Open Logdir" && dialog.text == (first as NSString).standardizingPath + "/")
        dialog.finish(second)
        let deadline = Date().addingTimeInterval(10)
        while runs.model.runs.isEmpty, Date() < deadline {
            _ = runs.idle(now: 1)
            usleep(50_000)
        }
        #expect(runs.model.logdir == second && !runs.model.runs.isEmpty)
        #expect(runs.hiddenRuns.isEmpty)
        #expect(runs.recentLogdirs == [(second as NSString).standardizingPath, (first as NSString).standardizingPath])
        let state = runs.savedState()
        #expect(state["logdir"] == (second as NSString).standardizingPath)
        // The recent list comes back, the current logdir first.
        let again = RunsWorkspace(logdir: second, initial: RunsModel.readOnce(logdir: second))
        again.restore(state)
        #expect(again.recentLogdirs == runs.recentLogdirs && again.openedLogdir == (second as NSString).standardizingPath)
        #expect(runs.actions().contains { $0.title == "Recent: " + Format.path((first as NSString).standardizingPath) })
    }
}

@Suite("Runs: what x counts")
struct StepUnitTests {
    @Test("a Keras CSV log counts epochs: its charts' x axis says epoch; a mix of formats says so")
    func kerasEpochs() throws {
        let logdir = AppHarness.fixtures + "/runs"
        let runs = RunsWorkspace(logdir: logdir, initial: RunsModel.readOnce(logdir: logdir))
        let keras = try #require(runs.model.runs.firstIndex { $0.format.id == "keras_csv" }, "the bundled logdir has a Keras run")
        #expect(runs.model.runs[keras].format.stepUnit == "epoch")
        let kerasLines = runs.model.charts.flatMap(\.lines).filter { $0.run == keras }
        #expect(!kerasLines.isEmpty && runs.stepUnit(of: kerasLines) == "epoch")
        let other = try #require(runs.model.charts.flatMap(\.lines).first { runs.model.runs[$0.run].format.id == "tfevents" })
        #expect(runs.stepUnit(of: [other]) == "step")
        #expect(runs.stepUnit(of: [other, kerasLines[0]]) == "step or epoch (by run)")
        #expect(runs.model.runs[keras].details.contains("last epoch: "))
    }
}
