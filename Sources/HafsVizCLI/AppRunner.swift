import Foundation
import HafsVizApp
import HafsVizCore
import ImageIO
import Immediate
import Platform
import Shell

/// Runs the dashboard: in a window, or headless into a PNG.
@MainActor
enum AppRunner {
    /// Prints timings to stderr when HAFS_VIZ_TRACE is set: first frame after launch, and each
    /// reload's duration and longest gap between frames.
    static let tracing = ProcessInfo.processInfo.environment["HAFS_VIZ_TRACE"] != nil

    static func trace(_ text: String) {
        if tracing { FileHandle.standardError.write(Data("hafs-viz: \(text)\n".utf8)) }
    }

    /// `hafs-viz --screenshot FILE [--size WxH] [--panel N] <dir>`: loads synchronously, renders one
    /// frame offscreen, writes the PNG. Succeeds even when a source failed (the picture shows it).
    static func screenshot(directory: String, path: String, size: (Int, Int), panel: Panel?) throws {
        let shell = try Shell(title: "hafs-viz", width: size.0, height: size.1, visible: false)
        let snapshot = try SnapshotLoader(directory: directory).loadNow()
        for error in snapshot.errors {
            FileHandle.standardError.write(Data("hafs-viz: \(directory)/\(error)\n".utf8))
        }
        let dashboard = Dashboard(directory: directory, demoDirectory: DemoLocator.find(), initial: DashboardModel(snapshot: snapshot))
        _ = dashboard.idle(now: 0)
        dashboard.maximize(panel)
        try shell.screenshot(path: path, width: size.0, height: size.1, frame: dashboard.frame)
    }

    /// The interactive window.
    static func run(directory: String, exportDirectory: String?) throws {
        let launch = processStartTime()
        let settingsPath = Settings.path()
        let (settings, problem) = Settings.load(from: settingsPath)
        if let problem { FileHandle.standardError.write(Data("hafs-viz: \(problem)\n".utf8)) }
        let position = settings.windowX.flatMap { x in settings.windowY.map { (x, $0) } }
        let shell = try Shell(title: "hafs-viz — \(directory)", width: settings.windowWidth, height: settings.windowHeight, position: position)
        let dashboard = Dashboard(directory: directory, settings: settings, settingsPath: settingsPath, exportDirectory: exportDirectory,
                                  demoDirectory: DemoLocator.find(), onUpdate: { Window.wake() })
        let window = shell.window
        let start = Date()
        var firstFrame = true
        var firstDataFrame = true
        var reloadFrames: [Double] = []
        var longestFrame = 0.0
        var reloadStarted: Double?
        while !window.shouldClose, !dashboard.quitRequested {
            let now = Date().timeIntervalSince(start)
            if dashboard.idle(now: now) { window.needsRedraw = true }
            let loading = dashboard.reloads.isLoading
            if loading, reloadStarted == nil { reloadStarted = now; reloadFrames = [] }
            if window.needsRedraw || shell.ui.wantsRedraw {
                window.needsRedraw = false
                let frameStart = Date().timeIntervalSince(start)
                shell.drawFrame(dashboard.frame)
                let drawn = Date().timeIntervalSince(start)
                if reloadStarted != nil { longestFrame = max(longestFrame, drawn - frameStart) }
                if firstFrame {
                    firstFrame = false
                    trace(String(format: "first frame %.0f ms after launch", (Date().timeIntervalSince1970 - launch) * 1000))
                }
                if firstDataFrame, dashboard.model.snapshot.generation > 0 {
                    firstDataFrame = false
                    trace(String(format: "first frame with data %.0f ms after launch", (Date().timeIntervalSince1970 - launch) * 1000))
                }
                if reloadStarted != nil { reloadFrames.append(drawn) }
                if dashboard.pngExportRequested { exportPNG(shell, dashboard) }
            }
            if !loading, let began = reloadStarted {
                let gaps = zip(reloadFrames.dropFirst(), reloadFrames).map { $0 - $1 }
                trace(String(format: "reload %.0f ms, %d frames drawn meanwhile, longest gap between frames %.0f ms, longest frame %.0f ms",
                             (now - began) * 1000, reloadFrames.count, (gaps.max() ?? 0) * 1000, longestFrame * 1000))
                reloadStarted = nil
                longestFrame = 0
            }
            // While loading, redraw at ~60 fps for the progress; otherwise sleep until an event,
            // the next file poll, or the status bar's clock needs a frame.
            let timeout = shell.ui.wantsRedraw ? 0 : loading ? 0.016 : dashboard.idleTimeout(now: now)
            window.waitEvents(timeout: timeout)
        }
        var final = dashboard.settings
        let size = window.windowSize
        let origin = window.windowPosition
        final.windowWidth = size.width
        final.windowHeight = size.height
        final.windowX = origin.x
        final.windowY = origin.y
        do {
            try final.save(to: settingsPath)
        } catch {
            FileHandle.standardError.write(Data("hafs-viz: could not save settings to \(settingsPath): \(error.localizedDescription)\n".utf8))
        }
    }

    /// Renders the window's current content offscreen at its framebuffer size and writes a PNG.
    static func exportPNG(_ shell: Shell, _ dashboard: Dashboard) {
        let path = dashboard.nextPNGPath()
        let size = shell.window.framebufferSize
        dashboard.pngExportRequested = false
        do {
            var input = InputState()
            input.framebufferScale = shell.window.contentScale
            let pixels = try shell.renderOffscreen(width: size.width, height: size.height, inputs: [input], frame: dashboard.frame)
            try PNGFile.write(path: path, width: size.width, height: size.height, rgba: pixels)
            dashboard.finishPNGExport(path: path, error: nil)
        } catch {
            dashboard.finishPNGExport(path: path, error: "\(error)")
        }
        shell.window.needsRedraw = true
    }

    /// Seconds since 1970 when this process started (from /proc), for first-frame timing.
    static func processStartTime() -> Double {
        guard let stat = try? String(contentsOfFile: "/proc/self/stat", encoding: .utf8),
              let uptime = try? String(contentsOfFile: "/proc/uptime", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return Date().timeIntervalSince1970 }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 19, let ticks = Double(fields[19]), let up = Double(uptime.split(separator: " ").first ?? "") else {
            return Date().timeIntervalSince1970
        }
        let hertz = Double(sysconf(Int32(_SC_CLK_TCK)))
        return Date().timeIntervalSince1970 - (up - ticks / hertz)
    }
}

/// Finds the bundled demo (`Fixtures/demo`) from the binary's location or the working directory.
enum DemoLocator {
    static func find() -> String? {
        if let explicit = ProcessInfo.processInfo.environment["HAFS_VIZ_DEMO"], !explicit.isEmpty { return explicit }
        var candidates: [URL] = []
        var url = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<5 {
            candidates.append(url.appendingPathComponent("Fixtures/demo"))
            url.deleteLastPathComponent()
        }
        candidates.append(URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent("Fixtures/demo"))
        return candidates.first { FileManager.default.fileExists(atPath: $0.appendingPathComponent("quality_feedback.json").path) }?.standardizedFileURL.path
    }
}
