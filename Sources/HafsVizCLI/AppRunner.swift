import Foundation
import HafsVizApp
import HafsVizCore
import HafsVizModel
import ImageIO
import Immediate
import Platform
import Shell

/// Runs the window (every workspace: Dashboard, Runs): interactive, or headless into a PNG.
@MainActor
enum AppRunner {
    /// Prints timings to stderr when HAFS_VIZ_TRACE is set: first frame after launch, and each
    /// reload's duration and longest gap between frames.
    static let tracing = ProcessInfo.processInfo.environment["HAFS_VIZ_TRACE"] != nil

    static func trace(_ text: String) {
        if tracing { FileHandle.standardError.write(Data("hafs-viz: \(text)\n".utf8)) }
    }

    /// Which workspace a window opens on, and the Dashboard's maximized panel (an id; nil: the grid).
    struct Start {
        var workspace: WorkspaceKey
        var maximized: String?

        static func dashboard(maximized: String?) -> Start { Start(workspace: Dashboard.key, maximized: maximized) }
        static let runs = Start(workspace: RunsWorkspace.key)
        static let latent = Start(workspace: LatentWorkspace.key)
    }

    /// What a screenshot of the Latent workspace shows: the point selected, the colour mode.
    struct LatentView {
        var selected: Int?
        var color: LatentColorMode?
    }

    /// `--screenshot FILE [--size WxH]`: loads synchronously, renders one frame offscreen, writes
    /// the PNG. Succeeds even when a source failed (the picture shows it).
    static func screenshot(
        directory: String, logdir: String?, path: String, size: (Int, Int), start: Start, view: String? = nil,
        selections: [(RecordKind, String)] = [], timeRange: TimeRange? = nil, appearance: Appearance = Appearance(),
        latentDirectory: String? = nil, latentView: LatentView = LatentView()
    ) throws {
        let shell = try Shell(title: "hafs-viz", width: size.0, height: size.1, visible: false)
        if appearance != Appearance() { shell.setAppearance(uiScale: appearance.scale, theme: appearance.theme) }
        var explicit: [WorkspaceKey: String] = [:]
        if let logdir { explicit[RunsWorkspace.key] = logdir }
        if let latentDirectory { explicit[LatentWorkspace.key] = latentDirectory }
        let context = WorkspaceContext(
            directory: directory, explicit: explicit, start: start.workspace, readNow: true, demoDirectory: DemoLocator.find(),
            problem: { FileHandle.standardError.write(Data("hafs-viz: \($0)\n".utf8)) })
        let window = AppWindow(context)
        if let dashboard = window.workspace(Dashboard.self) {
            if let timeRange {
                // The model is built again on a thread for the range: wait for it before drawing.
                dashboard.setTimeRange(timeRange)
                dashboard.reloads.waitUntilIdle()
                _ = dashboard.idle(now: 0)
            }
            for (kind, id) in selections { dashboard.select(kind, id) }
            if start.workspace == Dashboard.key {
                dashboard.maximize(start.maximized)
                if let view { dashboard.showView(view, in: shell.ui) }
            }
        }
        if start.workspace == LatentWorkspace.key, let latent = window.workspace(LatentWorkspace.self) {
            if let color = latentView.color { latent.setColorMode(color) }
            latent.select(latentView.selected)
        }
        try shell.screenshot(path: path, width: size.0, height: size.1, frame: window.frame)
    }

    /// The interactive window.
    static func run(
        directory: String, logdir explicitLogdir: String?, exportDirectory: String?, start: Start, view: String? = nil,
        selections: [(RecordKind, String)] = [], timeRange: TimeRange? = nil, theme: Theme? = nil, uiScale: Float? = nil,
        latentDirectory explicitLatent: String? = nil
    ) throws {
        let launch = processStartTime()
        let mainStarted = Date().timeIntervalSince1970
        let settingsPath = Settings.path()
        let (settings, problem) = Settings.load(from: settingsPath)
        if let problem { FileHandle.standardError.write(Data("hafs-viz: \(problem)\n".utf8)) }
        let position = settings.windowX.flatMap { x in settings.windowY.map { (x, $0) } }
        var explicit: [WorkspaceKey: String] = [:]
        if let explicitLogdir { explicit[RunsWorkspace.key] = explicitLogdir }
        if let explicitLatent { explicit[LatentWorkspace.key] = explicitLatent }
        // The workspaces first: their loads start on their threads now and run while GLFW makes
        // the window (GLFW is initialised first, so a finished load can wake the loop).
        try Window.initialize()
        let window = AppWindow(
            WorkspaceContext(
                directory: directory, explicit: explicit, settings: settings, start: start.workspace, readNow: false,
                onUpdate: { Window.wake() }, demoDirectory: DemoLocator.find()))
        let shell = try Shell(
            title: "hafs-viz — \(directory)", width: settings.windowWidth, height: settings.windowHeight, position: position)
        guard let dashboard = window.workspace(Dashboard.self), let runs = window.workspace(RunsWorkspace.self),
            let latent = window.workspace(LatentWorkspace.self)
        else { throw CLIFailure(status: 1, message: "the window lacks one of its workspaces (WorkspaceKinds.all)") }
        if start.workspace == Dashboard.key { dashboard.maximize(start.maximized) }
        window.exportPlace = ExportPlace.forThisProcess(explicit: exportDirectory)
        if tracing { window.onPerform = { workspace, action in trace("action \(workspace): \(action.id)") } }
        window.restore(from: settings)
        if let timeRange { dashboard.setTimeRange(timeRange) }
        if let view { _ = dashboard.showView(view, in: shell.ui) }
        for (kind, id) in selections { dashboard.select(kind, id) }
        let content = WindowContent(shell: shell, window: window, dashboard: dashboard, settings: settings, settingsPath: settingsPath)
        window.host = content
        if theme != nil || uiScale != nil {
            // Applies it (and keeps it, as a menu choice would).
            window.setAppearance(Appearance(scale: uiScale ?? window.appearance.scale, theme: theme ?? window.appearance.theme))
        } else {
            content.apply(window.appearance)
        }
        var firstFrame = true
        var firstDataFrame = true
        var firstMapFrame = true
        var reloadFrames: [Double] = []
        var longestFrame = 0.0
        var reloadStarted: Double?
        try shell.run(content) { frameStart, drawn in
            // Runs: each frame's duration and the points it showed, with the wall clock, so a
            // benchmark can time a written point to the frame that shows it (Scripts/bench-runs).
            if tracing, window.workspace === runs {
                trace(
                    String(
                        format: "runs frame %.2f ms (build %.2f, render %.2f), %d points at %.6f", (drawn - frameStart) * 1000,
                        shell.lastFrameTimes.build * 1000, shell.lastFrameTimes.render * 1000, runs.model.pointCount,
                        Date().timeIntervalSince1970))
            } else if tracing {
                // Every other frame too, so a benchmark can count frames while it drags (Scripts/bench-app).
                trace(
                    String(
                        format: "frame %.2f ms (build %.2f, render %.2f) at %.6f", (drawn - frameStart) * 1000,
                        shell.lastFrameTimes.build * 1000, shell.lastFrameTimes.render * 1000, Date().timeIntervalSince1970))
            }
            if tracing, drawn - frameStart > 0.1 {
                trace(
                    String(
                        format: "slow frame %.0f ms: build %.0f ms, render and swap %.0f ms", (drawn - frameStart) * 1000,
                        shell.lastFrameTimes.build * 1000, shell.lastFrameTimes.render * 1000))
            }
            let loading = dashboard.reloads.isLoading
            if loading, reloadStarted == nil {
                reloadStarted = frameStart
                reloadFrames = []
            }
            if reloadStarted != nil {
                longestFrame = max(longestFrame, drawn - frameStart)
                reloadFrames.append(drawn)
            }
            if firstFrame {
                firstFrame = false
                // What startup's threads freed (the font's fontconfig and FreeType work) sits in
                // their malloc arenas until trimmed.
                FreedMemory.giveBack()
                trace(String(format: "first frame %.0f ms after launch", (Date().timeIntervalSince1970 - launch) * 1000))
                // Where the time went: process start to main, the shell's steps, the frame itself.
                let steps = shell.startupTimes.map { String(format: "%@ %.1f ms", $0.step, $0.seconds * 1000) }.joined(separator: ", ")
                trace(
                    String(
                        format: "startup: process start to window setup %.1f ms; %@; first frame built %.1f ms, rendered and shown %.1f ms",
                        (mainStarted - launch) * 1000, steps, shell.lastFrameTimes.build * 1000, shell.lastFrameTimes.render * 1000))
            }
            if firstDataFrame, dashboard.model.snapshot.generation > 0 {
                firstDataFrame = false
                let now = Date().timeIntervalSince1970
                trace(String(format: "first frame with data %.0f ms after launch (at %.6f)", (now - launch) * 1000, now))
            }
            if firstMapFrame, window.workspace === latent, latent.session.model != nil {
                firstMapFrame = false
                trace(
                    String(
                        format: "first map frame %.0f ms after launch (%d points)", (Date().timeIntervalSince1970 - launch) * 1000,
                        latent.session.model?.dataset.points ?? 0))
            }
            if tracing, window.workspace === latent, drawn - frameStart > 0.033 {
                trace(
                    String(
                        format: "latent frame %.0f ms: build %.0f ms, render and swap %.0f ms", (drawn - frameStart) * 1000,
                        shell.lastFrameTimes.build * 1000, shell.lastFrameTimes.render * 1000))
            }
            if !loading, let began = reloadStarted {
                let gaps = zip(reloadFrames.dropFirst(), reloadFrames).map { $0 - $1 }
                trace(
                    String(
                        format: "reload %.0f ms, %d frames drawn meanwhile, longest gap between frames %.0f ms, longest frame %.0f ms",
                        (drawn - began) * 1000, reloadFrames.count, (gaps.max() ?? 0) * 1000, longestFrame * 1000))
                reloadStarted = nil
                longestFrame = 0
            }
        }
        // Every label on disk and no training left running before the process ends.
        latent.shutdown()
        if let problem = content.writeSettings() {
            FileHandle.standardError.write(Data("hafs-viz: \(problem)\n".utf8))
        }
    }

    /// Seconds since 1970 when this process started (from /proc), for first-frame timing.
    nonisolated static func processStartTime() -> Double {
        guard let stat = try? String(contentsOfFile: "/proc/self/stat", encoding: .utf8),
            let uptime = try? String(contentsOfFile: "/proc/uptime", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return Date().timeIntervalSince1970 }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 19, let ticks = Double(fields[19]), let up = Double(uptime.split(separator: " ").first ?? "") else {
            return Date().timeIntervalSince1970
        }
        let hertz = Double(sysconf(Int32(_SC_CLK_TCK)))
        return Date().timeIntervalSince1970 - (up - ticks / hertz)
    }
}

/// The window's content in the shell's loop, and its host: PNG exports run after the frame that
/// asked for them, quit ends the loop.
@MainActor
final class WindowContent: ShellContent, @MainActor AppHost {
    let shell: Shell
    let window: AppWindow
    let dashboard: Dashboard
    /// The settings as loaded; each save puts the window's and workspaces' current state in.
    private var settings: Settings
    let settingsPath: String
    private var pendingExports: [(path: String, done: (String?) -> Void)] = []
    private(set) var quitRequested = false

    init(shell: Shell, window: AppWindow, dashboard: Dashboard, settings: Settings, settingsPath: String) {
        self.shell = shell
        self.window = window
        self.dashboard = dashboard
        self.settings = settings
        self.settingsPath = settingsPath
    }

    func saveSettings() {
        if let problem = writeSettings() { window.report(problem, isError: true) }
    }

    /// Writes every workspace's state and the window's frame to the settings file (atomically);
    /// nil or what went wrong.
    func writeSettings() -> String? {
        window.save(into: &settings)
        let size = shell.window.windowSize
        let origin = shell.window.windowPosition
        settings.windowWidth = size.width
        settings.windowHeight = size.height
        settings.windowX = origin.x
        settings.windowY = origin.y
        do {
            try settings.save(to: settingsPath)
            return nil
        } catch {
            return "could not save settings to \(settingsPath): \(error.localizedDescription)"
        }
    }

    private var shownDirectory: String?

    func frame(_ ui: UIContext) {
        window.frame(ui)
        // The title names the directory shown (Open Directory… changes it).
        if shownDirectory != dashboard.directory {
            shownDirectory = dashboard.directory
            shell.window.setTitle("hafs-viz — \(dashboard.directory)")
        }
    }
    func idle(now: Double) -> Bool { window.idle(now: now) }
    func idleTimeout(now: Double) -> Double { window.idleTimeout(now: now) }
    /// While the dashboard loads, the status bar shows progress.
    var animating: Bool { dashboard.reloads.isLoading }

    func exportPNG(to path: String, done: @escaping (String?) -> Void) {
        pendingExports.append((path, done))
        shell.window.needsRedraw = true
    }

    func quit() { quitRequested = true }

    func apply(_ appearance: Appearance) {
        shell.setAppearance(uiScale: appearance.scale, theme: appearance.theme)
    }

    func frameDone() {
        let exports = pendingExports
        pendingExports = []
        for export in exports {
            done(export, error: AppRunner.writePNG(shell, frame: window.frame, to: export.path))
        }
        if !exports.isEmpty { shell.window.needsRedraw = true }
    }

    private func done(_ export: (path: String, done: (String?) -> Void), error: String?) {
        export.done(error)
    }
}

extension AppRunner {
    /// Renders `frame` offscreen at the window's framebuffer size and writes a PNG; nil or the error.
    static func writePNG(_ shell: Shell, frame: (UIContext) -> Void, to path: String) -> String? {
        let size = shell.window.framebufferSize
        do {
            var input = InputState()
            input.framebufferScale = shell.window.contentScale
            let pixels = try shell.renderOffscreen(width: size.width, height: size.height, inputs: [input], frame: frame)
            try PNGFile.write(path: path, width: size.width, height: size.height, rgba: pixels)
            return nil
        } catch {
            return "\(error)"
        }
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
        return candidates.first { FileManager.default.fileExists(atPath: $0.appendingPathComponent("quality_feedback.json").path) }?
            .standardizedFileURL.path
    }
}
