import Figures
import Foundation
import HafsVizCore
import HafsVizModel
import Testing

@testable import HafsVizApp
@testable import Immediate

/// Records what the window asks of its host.
final class RecordingHost: AppHost {
    var exports: [String] = []
    var quitCalled = false
    var settingsSaves = 0

    func exportPNG(to path: String, done: @escaping (String?) -> Void) {
        exports.append(path)
        done(nil)
    }

    func quit() { quitCalled = true }
    func saveSettings() { settingsSaves += 1 }
    var appearances: [Appearance] = []
    func apply(_ appearance: Appearance) { appearances.append(appearance) }
}

/// A window driven with synthetic input, one frame at a time (testing font, no GL).
class WindowHarness {
    let ui = UIContext(font: .testing)
    var collector = InputCollector()
    var time = 0.0
    let window: AppWindow
    let host = RecordingHost()

    init(window: AppWindow, size: Vec2) {
        self.window = window
        window.host = host
        collector.setDisplay(size: size, scale: 1)
    }

    @discardableResult
    func frame(_ events: (inout InputCollector) -> Void = { _ in }) -> DrawData {
        time += 0.5
        collector.setTime(time)
        events(&collector)
        _ = window.idle(now: time)
        ui.beginFrame(collector.nextFrame())
        window.frame(ui)
        return ui.endFrame()
    }

    func press(_ key: KeyPress) { frame { $0.key(key) } }
}

/// Drives a Dashboard in its window with synthetic input, one frame at a time (testing font, no GL).
final class AppHarness: WindowHarness {
    let dashboard: Dashboard

    init(directory: String, options: DashboardOptions = DashboardOptions(), exportDirectory: String? = nil) {
        dashboard = Dashboard(directory: directory, options: options, demoDirectory: AppHarness.fixtures + "/demo")
        super.init(window: AppWindow(workspaces: [dashboard]), size: Vec2(1600, 1000))
        if let exportDirectory { window.exportPlace = ExportPlace(base: exportDirectory) }
        waitForLoad()
    }

    static let fixtures: String = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures").path

    func waitForLoad() {
        dashboard.reloads.waitUntilIdle()
        time += 0.1
        _ = dashboard.idle(now: time)
    }

    /// Clicks the status-bar segment starting with `prefix`, found by laying the bar out as the
    /// widget does.
    func clickSegment(_ prefix: String) {
        let font = FontAtlas.testing
        var x = ui.style.padding
        for segment in window.statusSegments() {
            if segment.text.hasPrefix(prefix) { break }
            x += font.measure(segment.text) + font.measure(" · ")
        }
        let point = Vec2(x + 10, 1000 - (ui.style.rowHeight + 2) / 2)
        frame { $0.mouseMoved(to: point) }
        frame { $0.mouseButton(.left, down: true) }
        frame { $0.mouseButton(.left, down: false) }
    }

    func segment(_ prefix: String) -> String? {
        window.statusSegments().map(\.text).first { $0.hasPrefix(prefix) }
    }
}

func temporaryDirectory() -> String {
    let path = NSTemporaryDirectory() + "hafs-app-" + UUID().uuidString
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

func copyDemo(to directory: String) throws {
    for source in Snapshot.sources {
        try FileManager.default.copyItem(
            atPath: AppHarness.fixtures + "/demo/" + source.fileName, toPath: directory + "/" + source.fileName)
    }
}

/// A writable copy of the demo in a temporary directory, opened with auto-reload off (so only F5
/// reloads). The caller removes the directory.
func demoCopyWithoutAutoReload() throws -> (String, AppHarness) {
    let directory = temporaryDirectory()
    try copyDemo(to: directory)
    var options = DashboardOptions()
    options.autoReload = false
    return (directory, AppHarness(directory: directory, options: options))
}

@Suite("Dashboard")
struct DashboardTests {
    @Test("the demo: every panel has data and the status bar counts it")
    func demo() {
        let app = AppHarness(directory: AppHarness.fixtures + "/demo")
        let data = app.frame()
        #expect(data.vertexCount > 10_000)
        #expect(app.segment("Sources") == "Sources 3/3")
        #expect(app.segment("Generators") == "Generators 6")
        #expect(app.segment("Regions") == "Regions 50")
        #expect(app.segment("Runs") == "Runs 7")
        #expect(app.segment("errors") == nil)
        #expect(app.segment("last refresh") == "last refresh just now")
        _ = app.window.idle(now: app.time + 25)
        #expect(app.segment("last refresh") == "last refresh 20s ago")
        _ = app.window.idle(now: app.time + 200)
        #expect(app.segment("last refresh") == "last refresh 3 min ago")
        #expect(app.window.statusSegments().contains { $0.text == AppHarness.fixtures + "/demo" })
        #expect(!app.dashboard.showingMissingDirectory)
    }

    @Test("F5 after a file changes shows the new counts; the old data stays until the new is ready")
    func reloadShowsNewCounts() throws {
        let (directory, app) = try demoCopyWithoutAutoReload()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        app.frame()
        #expect(app.segment("Runs") == "Runs 7")
        // Drop three runs from training_feedback.json.
        let path = directory + "/training_feedback.json"
        var json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
        var runs = try #require(json["training_runs"] as? [String: Any])
        for key in runs.keys.sorted().prefix(3) { runs.removeValue(forKey: key) }
        json["training_runs"] = runs
        try JSONSerialization.data(withJSONObject: json).write(to: URL(fileURLWithPath: path))
        app.frame()
        #expect(app.segment("Runs") == "Runs 7", "nothing changes before F5 (auto-reload is off)")
        app.press(KeyPress(.f(5)))
        app.waitForLoad()
        app.frame()
        #expect(app.segment("Runs") == "Runs 4")
    }

    @Test("a half-written file keeps the last good data, marked stale, with the error counted")
    func staleOnFailure() throws {
        let (directory, app) = try demoCopyWithoutAutoReload()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let text = try String(contentsOfFile: directory + "/quality_feedback.json", encoding: .utf8)
        try String(text.prefix(text.count / 2)).write(toFile: directory + "/quality_feedback.json", atomically: false, encoding: .utf8)
        app.press(KeyPress(.f(5)))
        app.waitForLoad()
        app.frame()
        #expect(app.segment("errors") == "errors: 1 (click for details)")
        #expect(app.segment("Sources") == "Sources 2/3")
        #expect(app.segment("Generators") == "Generators 6", "last good data still counted")
        #expect(app.dashboard.model.snapshot.quality.isStale)
    }

    @Test("keys 1–4 maximize a panel, Esc returns, the same key again returns too")
    func maximize() {
        let app = AppHarness(directory: AppHarness.fixtures + "/demo")
        app.frame()
        #expect(app.dashboard.panels.map(\.id) == ["quality", "generators", "coverage", "runs"])
        for (index, panel) in app.dashboard.panels.enumerated() {
            app.press(KeyPress(.character(Character("\(index + 1)"))))
            #expect(app.dashboard.maximized == panel.id)
            app.press(KeyPress(.escape))
            #expect(app.dashboard.maximized == nil)
        }
        app.press(KeyPress(.character("3")))
        app.press(KeyPress(.character("3")))
        #expect(app.dashboard.maximized == nil)
    }

    @Test("shortcuts: F1 toggles help, Ctrl+Q quits, Ctrl+S asks the host for a PNG")
    func shortcuts() {
        let app = AppHarness(directory: AppHarness.fixtures + "/demo")
        app.press(KeyPress(.f(1)))
        #expect(app.window.overlay == .shortcuts)
        app.press(KeyPress(.escape))
        #expect(app.window.overlay == nil)
        app.press(KeyPress(.character("s"), .control))
        #expect(app.host.exports.count == 1 && app.host.exports[0].hasSuffix(".png"), "the host is asked for the PNG")
        #expect(app.window.notice?.text.hasPrefix("wrote ") == true)
        app.press(KeyPress(.character("q"), .control))
        #expect(app.host.quitCalled)
    }

    @Test("clicking the errors segment opens the details")
    func errorDetails() {
        let app = AppHarness(directory: AppHarness.fixtures + "/malformed/truncated-mid-string")
        app.frame()
        #expect(app.segment("errors") == "errors: 1 (click for details)")
        app.clickSegment("errors")
        #expect(app.window.overlay == .errors)
    }

    @Test("the drift segment counts the alerts and opens their list; unknown counts say —")
    func driftSegment() throws {
        let app = AppHarness(directory: AppHarness.fixtures + "/demo")
        app.frame()
        // Score drift and the validation-failure share, both families.
        let derived = app.dashboard.model.snapshot.derived
        let alerts = derived.drift.filter(\.isAlert)
        let rates = derived.failureRateDrift.filter(\.isAlert)
        let worse = alerts.filter { $0.direction == .worse }.count + rates.filter { $0.direction == .worse }.count
        #expect(!alerts.isEmpty && app.segment("drift:") == "drift: \(alerts.count + rates.count) (\(worse) worse)")
        app.clickSegment("drift:")
        #expect(app.window.overlay == .page("Drift Alerts"))
        let page = try #require(app.dashboard.page("Drift Alerts"))
        #expect(alerts.allSatisfy { page.contains("\($0.domain)/\($0.metric)\t") } && page.contains("Scores: \(alerts.count) of "))
        #expect(rates.allSatisfy { page.contains("\($0.domain)/validation_failure_rate\t") })
        // A directory whose quality file failed: "—", not 0, and no drift segment.
        let failed = AppHarness(directory: AppHarness.fixtures + "/malformed/truncated-mid-string")
        failed.frame()
        #expect(failed.segment("Generators") == "Generators —" && failed.segment("drift:") == nil)
        #expect(failed.dashboard.page("Source Details")?.contains("holds: —") == true)
    }

    @Test("Ctrl+E writes one valid CSV per view's data, atomically, where asked")
    func csvExport() throws {
        let exports = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: exports) }
        let app = AppHarness(directory: AppHarness.fixtures + "/demo", exportDirectory: exports)
        app.press(KeyPress(.character("e"), .control))
        // One folder per export, named after the data directory, holding a file per view.
        let folders = try FileManager.default.contentsOfDirectory(atPath: exports)
        #expect(folders.count == 1 && folders[0].hasPrefix("demo-export-"), "\(folders)")
        let folder = exports + "/" + (folders.first ?? "")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        let expected = app.dashboard.panels.reduce(0) { $0 + $1.csvFiles(app.dashboard.model).count }
        #expect(files.count == expected && expected == 12)
        #expect(files.allSatisfy { $0.hasSuffix(".csv") })
        #expect(app.window.notice?.text == "wrote 12 CSV files to \(folder)/", "the status bar names the folder in full")
        app.press(KeyPress(.character("e"), .control))
        #expect(try FileManager.default.contentsOfDirectory(atPath: exports).count == 2, "a second export gets its own folder")
        func rows(_ part: String) throws -> [[String]] {
            let text = try String(contentsOfFile: folder + "/" + (files.first { $0 == part + ".csv" } ?? ""), encoding: .utf8)
            return text.components(separatedBy: "\r\n").filter { !$0.isEmpty }.dropFirst().map { $0.components(separatedBy: ",") }
        }
        let runs = try String(contentsOfFile: folder + "/" + (files.first { $0.contains("training-runs") } ?? ""), encoding: .utf8)
        let lines = runs.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(lines.first?.hasPrefix("run,model,base_model,samples,final_loss,running") == true)
        #expect(lines.count == 8, "header + 7 runs")
        #expect(lines.contains { $0.contains(",true,") && $0.contains(",,") }, "the running run: empty loss, running true")
        let trends = try String(contentsOfFile: folder + "/" + (files.first { $0.contains("quality-trends") } ?? ""), encoding: .utf8)
        let trendLines = trends.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        // One row per finite score of the demo history: 3099 (counted in Python with math.isfinite).
        #expect(trendLines.count == 3099 + 1)
        #expect(trends.contains("multilingüe,overall,"))
        // The rolling view has one row per counted `overall` (validation failures left out by
        // default), and the reasons add up to the whole history.
        let overall = try rows("quality-trends").filter { $0[1] == "overall" }
        #expect(try rows("quality-rolling").count == overall.filter { $0[5] == "false" }.count)
        #expect(overall.contains { $0[5] == "true" && Double($0[4]) == 0 && $0[6] == "false" }, "failures are marked and not counted")
        #expect(try rows("quality-reasons").reduce(0) { $0 + (Int($1[1]) ?? 0) } == 620)
        #expect(try rows("domain-effectiveness").count == app.dashboard.model.snapshot.training.data?.domainEffectiveness.count)
    }

    @Test("a time range rebuilds the history views off the main thread, keeps the last good model meanwhile, and is saved")
    func timeRange() throws {
        let app = AppHarness(directory: AppHarness.fixtures + "/demo")
        app.frame()
        let before = app.dashboard.model
        #expect(before.selection.inRange == 620 && before.filter.range == .all)
        app.dashboard.setTimeRange(.lastDay)
        #expect(app.dashboard.model === before, "the shown model stays until the new one is built")
        app.waitForLoad()
        app.frame()
        let model = app.dashboard.model
        let history = try #require(model.snapshot.quality.data?.history)
        let newest = try #require(history.timeSpan?.last)
        // Counted by hand: entries within 24 h of the newest timestamp.
        let expected = history.entryTime.filter { !$0.isNaN && $0 >= newest - 86_400 }.count
        #expect(model.filter.range == .lastDay && model.selection.inRange == expected && expected > 0 && expected < 620)
        #expect(
            model.trends.allSatisfy { trend in
                (0..<trend.byIndex.count).allSatisfy { history.timestamp(of: Int(trend.byIndex.xs[$0])) ?? 0 >= newest - 86_400 }
            })
        #expect(app.dashboard.savedState()["timeRange"] == "day")
        app.dashboard.setIncludeValidationFailures(true)
        app.waitForLoad()
        app.frame()
        #expect(app.dashboard.model.selection.countedCount == expected, "failures counted too")
        #expect(app.dashboard.savedState()["validationFailures"] == "included")
    }

    @Test("Ctrl+= / Ctrl+- / Ctrl+0 step the UI scale, themes switch from View; both reach the host and the settings")
    func appearance() {
        let app = AppHarness(directory: AppHarness.fixtures + "/demo")
        app.frame()
        app.press(KeyPress(.character("="), .control))
        app.press(KeyPress(.character("="), .control))
        #expect(app.window.appearance.scale == 1.3 && app.host.appearances.last?.scale == 1.3)
        app.press(KeyPress(.character("-"), .control))
        #expect(app.window.appearance.scale == 1.15)
        for _ in 0..<20 { app.press(KeyPress(.character("-"), .control)) }
        #expect(app.window.appearance.scale == Appearance.steps.first, "clamped at the smallest step")
        app.press(KeyPress(.character("0"), .control))
        #expect(app.window.appearance.scale == 1)
        let theme = app.window.actions(app.ui).first { $0.title == "Light Theme" }
        theme?.perform()
        #expect(app.host.appearances.last == Appearance(scale: 1, theme: .light))
        var settings = Settings()
        app.window.save(into: &settings)
        #expect(settings.theme == "light" && settings.uiScale == nil)
        let restored = AppWindow(workspaces: [Dashboard(directory: "/nonexistent")])
        settings.uiScale = 1.5
        restored.restore(from: settings)
        #expect(restored.appearance == Appearance(scale: 1.5, theme: .light))
        // The light theme's colours differ from the dark one's, and the palettes of all three
        // themes have eight distinct colours.
        #expect(Style(theme: .light).background != Style(theme: .dark).background)
        for theme in Theme.allCases { #expect(Set(Style(theme: theme).seriesColors.prefix(8).map(\.packed)).count == 8) }
    }

    @Test("CSV fields with commas, quotes and newlines are quoted")
    func csvQuoting() {
        #expect(CSVExport.field("plain") == "plain")
        #expect(CSVExport.field("a,b") == "\"a,b\"")
        #expect(CSVExport.field("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(CSVExport.field("two\nlines") == "\"two\nlines\"")
        #expect(CSVExport.number(.nan) == "NaN" && CSVExport.number(nil) == "" && CSVExport.number(-.infinity) == "-inf")
    }

    @Test("a directory that does not exist shows the empty state with the demo button, which works")
    func missingDirectory() {
        let app = AppHarness(directory: "/nonexistent/hafs-viz-dir")
        app.frame()
        #expect(app.dashboard.showingMissingDirectory)
        #expect(app.segment("Sources") == "Sources 0/0")
        app.dashboard.open(directory: AppHarness.fixtures + "/demo")
        app.waitForLoad()
        app.frame()
        #expect(!app.dashboard.showingMissingDirectory)
        #expect(app.segment("Runs") == "Runs 7")
    }

    @Test("view options are saved atomically and read back")
    func settings() throws {
        let directory = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = Settings.path(environment: ["XDG_CONFIG_HOME": directory])
        #expect(path == directory + "/hafs-viz/settings.json")
        #expect(Settings.path(environment: ["HOME": "/home/u"]) == "/home/u/.config/hafs-viz/settings.json")
        var settings = Settings()
        settings.workspaces = ["Dashboard": ["xAxis": "time", "hiddenPanels": "generators"]]
        settings.windowWidth = 1234
        try settings.save(to: path)
        #expect(Settings.load(from: path).settings == settings)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory + "/hafs-viz") == ["settings.json"])
        try "{ not json".write(toFile: path, atomically: true, encoding: .utf8)
        let damaged = Settings.load(from: path)
        #expect(damaged.settings == Settings())
        #expect(damaged.problem?.contains("ignored unreadable settings") == true)
    }

    @Test("hiding a panel from the View menu state changes the grid, and the host saves the choice at once")
    func hidePanels() {
        var options = DashboardOptions()
        options.hiddenPanels = ["quality", "generators", "coverage"]
        let app = AppHarness(directory: AppHarness.fixtures + "/demo", options: options)
        let one = app.frame().vertexCount
        let saves = app.host.settingsSaves
        let coverage = app.window.actions(app.ui).first { $0.menu == "View" && $0.title == "Embedding Coverage" }
        coverage?.perform()
        #expect(app.host.settingsSaves == saves + 1)
        #expect(app.dashboard.savedState()["hiddenPanels"] == "generators,quality")
        let two = app.frame().vertexCount
        app.dashboard.options.hiddenPanels = []
        let four = app.frame().vertexCount
        #expect(one < two && two < four)
    }

    @Test("the Dashboard's options go into the settings under its name and come back; bad values keep the defaults")
    func optionsByName() {
        var options = DashboardOptions()
        options.hiddenPanels = ["runs"]
        options.autoReload = false
        options.xAxisByTime = true
        #expect(DashboardOptions(state: options.state) == options)
        #expect(DashboardOptions(state: ["autoReload": "maybe", "xAxis": "sideways"]) == DashboardOptions())
        let app = AppHarness(directory: AppHarness.fixtures + "/demo", options: options)
        var settings = Settings()
        app.window.save(into: &settings)
        #expect(settings.workspaces?["Dashboard"]?["hiddenPanels"] == "runs")
        #expect(settings.workspaces?["Dashboard"]?["xAxis"] == "time")
        let other = AppHarness(directory: AppHarness.fixtures + "/demo")
        other.window.restore(from: settings)
        var expected = options
        expected.noteRecent(AppHarness.fixtures + "/demo")
        #expect(other.dashboard.options == expected, "the directory shown is the latest recent one")
    }

    @Test("auto-reload: a change is picked up once the file stops changing")
    func fileWatcher() throws {
        let directory = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try copyDemo(to: directory)
        var watcher = FileWatcher()
        watcher.markLoaded(directory: directory)
        let unchanged = watcher.poll(directory: directory, now: 10)
        #expect(!unchanged)
        try "{}".write(toFile: directory + "/training_feedback.json", atomically: false, encoding: .utf8)
        let seen = watcher.poll(directory: directory, now: 11)
        #expect(!seen, "change seen: wait for it to settle")
        let settling = watcher.poll(directory: directory, now: 11.3)
        #expect(!settling)
        let settled = watcher.poll(directory: directory, now: 11.8)
        #expect(settled, "unchanged for 0.6 s: reload")
        let again = watcher.poll(directory: directory, now: 13)
        #expect(!again, "once")
    }
}
