import Figures
import Foundation
import HafsVizApp
import HafsVizModel
import ImageIO
import Immediate
import Shell
import Testing

@testable import HafsVizCLI

/// End to end, under Xvfb (`Scripts/test` provides the display): the real binary's screenshots,
/// checked by pixels, and the window-side PNG export.
@Suite("Dashboard window (needs a display: run under xvfb-run)", .serialized)
struct DashboardWindowTests {
    func fixture(_ name: String) -> String { CLIRun.fixtures + "/" + name }

    func temporary() -> String {
        let path = NSTemporaryDirectory() + "hafs-e2e-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Pixels of `image` in quadrant (column, row) that differ clearly from the background.
    func busyPixels(
        _ image: (width: Int, height: Int, rgba: [UInt8]), column: Int, row: Int, matching: ((UInt8, UInt8, UInt8) -> Bool)? = nil
    ) -> Int {
        let background = Style().background
        var count = 0
        let x0 = column * image.width / 2
        let y0 = 30 + row * (image.height - 60) / 2
        for y in y0..<(y0 + (image.height - 60) / 2) {
            for x in x0..<(x0 + image.width / 2) {
                let i = (y * image.width + x) * 4
                let (r, g, b) = (image.rgba[i], image.rgba[i + 1], image.rgba[i + 2])
                if let matching {
                    if matching(r, g, b) { count += 1 }
                } else if abs(Int(r) - Int(background.r)) + abs(Int(g) - Int(background.g)) + abs(Int(b) - Int(background.b)) > 60 {
                    count += 1
                }
            }
        }
        return count
    }

    func isErrorRed(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> Bool { r > 200 && g < 140 && b < 140 }
    func isWarningAmber(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> Bool { r > 200 && g > 150 && g < 210 && b < 110 }

    func screenshot(_ directory: String, _ extra: [String] = []) throws -> (run: CLIRun, image: (width: Int, height: Int, rgba: [UInt8])?) {
        let out = temporary()
        defer { try? FileManager.default.removeItem(atPath: out) }
        let path = out + "/shot.png"
        let run = try CLIRun(["--screenshot", path, "--size", "1200x800"] + extra + [directory])
        return (run, try? PNGFile.read(path: path))
    }

    @Test("the demo renders at the requested size (what each panel draws: PanelPixelTests)")
    func demo() throws {
        let (run, image) = try screenshot(fixture("demo"))
        #expect(run.status == 0, "\(run.stderr)")
        let picture = try #require(image)
        #expect(picture.width == 1200 && picture.height == 800)
        #expect(run.stderr.isEmpty, "no source reported a problem")
    }

    @Test("a failed source: exit 0, the error shown in its panels")
    func malformed() throws {
        let (run, image) = try screenshot(fixture("malformed/truncated-mid-string"))
        #expect(run.status == 0)
        #expect(run.stderr.contains("unterminated string"))
        let picture = try #require(image)
        #expect(busyPixels(picture, column: 0, row: 0, matching: isErrorRed) > 200, "quality panel shows the error in red")
        #expect(busyPixels(picture, column: 1, row: 0, matching: isErrorRed) > 200, "generator panel too")
        #expect(busyPixels(picture, column: 1, row: 1, matching: isWarningAmber) > 30, "runs panel: no file")
    }

    @Test("what pipelines usually leave: empty regions, no training file")
    func empty() throws {
        let (run, image) = try screenshot(fixture("empty"))
        #expect(run.status == 0)
        let picture = try #require(image)
        #expect(busyPixels(picture, column: 1, row: 1, matching: isWarningAmber) > 30, "runs panel says the file is missing")
        #expect(busyPixels(picture, column: 0, row: 1) > 300, "coverage panel says it has no regions")
    }

    @Test("a directory that does not exist: the empty state page, exit 0")
    func missingDirectory() throws {
        let (run, image) = try screenshot("/nonexistent/hafs-viz-e2e")
        #expect(run.status == 0)
        let picture = try #require(image)
        let amber = (0..<2).reduce(0) { $0 + busyPixels(picture, column: $1, row: 0, matching: isWarningAmber) }
        #expect(amber > 100, "the 'No data directory' line")
    }

    @Test("bad --panel and --size values are usage errors (what --panel N shows: PanelPixelTests)")
    func options() throws {
        #expect(try CLIRun(["--screenshot", "/tmp/x.png", "--panel", "0", fixture("demo")]).status == 2)
        #expect(try CLIRun(["--screenshot", "/tmp/x.png", "--panel", "9", fixture("demo")]).status == 2)
        let size = try CLIRun(["--screenshot", "/tmp/x.png", "--size", "huge", fixture("demo")])
        #expect(size.status == 2 && size.stderr.contains("WxH"))
    }

    @Test("without a display: exit 2 and a pointer to --screenshot under xvfb-run")
    func noDisplay() throws {
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "DISPLAY")
        environment.removeValue(forKey: "WAYLAND_DISPLAY")
        let run = try CLIRun([fixture("demo")], environment: environment)
        #expect(run.status == 2)
        #expect(run.stderr.contains("xvfb-run") && run.stderr.contains("--screenshot"))
    }

    @Test(
        "Ctrl+S: the window asks its host, which writes the window at its framebuffer size, atomically, after the frame; options are saved as they change"
    )
    @MainActor
    func pngExport() throws {
        let exports = temporary()
        defer { try? FileManager.default.removeItem(atPath: exports) }
        let shell = try Shell(title: "export test", width: 640, height: 400, visible: false)
        let dashboard = Dashboard(directory: fixture("demo"))
        dashboard.reloads.waitUntilIdle()
        _ = dashboard.idle(now: 1)
        let window = AppWindow(workspaces: [dashboard])
        window.exportPlace = ExportPlace(base: exports)
        let settingsPath = exports + "-settings/settings.json"
        defer { try? FileManager.default.removeItem(atPath: exports + "-settings") }
        let content = WindowContent(shell: shell, window: window, dashboard: dashboard, settings: Settings(), settingsPath: settingsPath)
        window.host = content
        // A changed option is written to the settings file at once, under the workspace's name.
        dashboard.actions().first { $0.title == "X Axis by Time" }?.perform()
        let saved = Settings.load(from: settingsPath)
        #expect(saved.problem == nil && saved.settings.workspaces?["Dashboard"]?["xAxis"] == "time")
        var input = InputState()
        input.displaySize = Vec2(640, 400)
        input.keysPressed = [KeyPress(.character("s"), .control)]
        shell.ui.beginFrame(input)
        window.frame(shell.ui)
        _ = shell.ui.endFrame()
        let made = try FileManager.default.contentsOfDirectory(atPath: exports)
        let inside = try made.first.map { try FileManager.default.contentsOfDirectory(atPath: exports + "/" + $0) }
        #expect(
            made.count == 1 && inside == [],
            "during the frame only the export's folder is made, no picture yet")
        content.frameDone()
        let files = try FileManager.default.contentsOfDirectory(atPath: exports)
        #expect(files.count == 1 && files[0].hasPrefix("demo-export-"), "one folder per export: \(files)")
        let png = exports + "/" + (files.first ?? "") + "/dashboard.png"
        let image = try PNGFile.read(path: png)
        let framebuffer = shell.window.framebufferSize
        #expect(image.width == framebuffer.width && image.height == framebuffer.height)
        #expect(window.notice?.text == "wrote \(png)", "the status bar gives the path in full")
    }
}
