// `hafs-viz tui`: the terminal front end. One loop: wait on the terminal and on the feeds' wake
// pipe, turn bytes into events, bind keys to the model's actions, draw a frame into a cell
// buffer, write only what changed.

import Figures
import Foundation
import HafsVizCore
import HafsVizModel
import Synchronization
import Terminal

#if canImport(Glibc)
    import Glibc
#endif

/// What the terminal opens: the folders of each workspace and the one shown first.
public struct TUIStart: Sendable {
    public var directory: String
    public var logdir: String?
    public var latentDirectory: String?
    public var workspace: WorkspaceKey
    /// Where Ctrl+E writes (`--export-dir`); nil: the working directory, a folder per export.
    public var exportDirectory: String?

    public init(
        directory: String, logdir: String? = nil, latentDirectory: String? = nil, workspace: WorkspaceKey = .dashboard,
        exportDirectory: String? = nil
    ) {
        self.directory = directory
        self.logdir = logdir
        self.latentDirectory = latentDirectory
        self.workspace = workspace
        self.exportDirectory = exportDirectory
    }
}

/// The terminal front end: its workspaces, the keys every one of them has, and the frame
/// around them (the workspace bar, the status line, help).
public final class TUIApp: SessionHost {
    /// The smallest terminal it draws in; a smaller one is told so.
    public static let minimumSize = (width: 40, height: 12)

    /// The workspaces, in the window's tab order (Alt+1 … follow it).
    let screens: [any TUIScreen]
    private(set) var current: Int
    /// Help (F1, ?) is shown over the workspace.
    private(set) var showingHelp = false
    /// The menu (F9, m): the selected item's index into `menuItems()`; nil while it is closed.
    private(set) var menuSelection: Int?
    /// A line the status bar shows for a while (a saved label, a failed export).
    private var message: (text: String, isError: Bool, until: Double)?
    /// Draw with ASCII only (`--ascii`).
    let ascii: Bool
    /// The settings file the window reads too (nil: none is written, as for `--once`).
    private let settingsPath: String?
    /// Set by Quit; the loop ends.
    private(set) var quitRequested = false
    /// Set by Ctrl+Z; the loop suspends the session.
    fileprivate var suspendRequested = false
    fileprivate var redrawAll = false
    private var now: Double = 0

    /// - Parameters:
    ///   - readNow: read every workspace's files on this thread first (`--once`, tests); else
    ///     each reads on threads of its own and `onUpdate` wakes the loop.
    init(
        start: TUIStart, settings: Settings = Settings(), settingsPath: String? = nil, readNow: Bool, ascii: Bool = false,
        onUpdate: @escaping @Sendable () -> Void = {}
    ) {
        self.settingsPath = settingsPath
        self.ascii = ascii
        exportPlace = ExportPlace.forThisProcess(explicit: start.exportDirectory)
        let logdir = WorkspaceFolders.logdir(directory: start.directory, explicit: start.logdir, settings: settings)
        let latent = WorkspaceFolders.latent(directory: start.directory, explicit: start.latentDirectory, settings: settings)
        let dashboard: DashboardScreen
        let runs: RunsScreen
        if readNow {
            let source = FolderSource.dataDirectory(start.directory)
            let snapshot = (try? source.loadSnapshot()) ?? Snapshot(directory: start.directory)
            dashboard = DashboardScreen(source: source, initial: DashboardModel(snapshot: snapshot))
            runs = RunsScreen(session: RunsSession(logdir: logdir, initial: RunsModel.readOnce(logdir: logdir)))
        } else {
            dashboard = DashboardScreen(source: FolderSource.dataDirectory(start.directory), onUpdate: onUpdate)
            runs = RunsScreen(session: RunsSession(logdir: logdir, onUpdate: onUpdate))
        }
        let latentScreen = LatentScreen(directory: latent, readNow: readNow, onUpdate: onUpdate)
        screens = [dashboard, runs, latentScreen]
        current = screens.firstIndex { $0.key == start.workspace } ?? 0
        for screen in screens { screen.restore(settings.state(of: screen.key)) }
        runs.session.host = self
        latentScreen.host = self
        dashboard.host = self
        // The Dashboard's run table opens a run's curves in Runs (Enter), as the window's does.
        dashboard.hasCurves = { [unowned runs] id in runs.session.hasCurves(of: id) }
        dashboard.openRunCurves = { [unowned self, unowned runs] id in
            runs.session.focus(on: id)
            current = screens.firstIndex { $0 === runs } ?? current
        }
    }

    var screen: any TUIScreen { screens[current] }

    // MARK: - SessionHost

    public func report(_ text: String, isError: Bool) { message = (text, isError, now + 30) }

    /// Keeps every workspace's state in the settings file the window reads too (read again
    /// first, so what the window wrote meanwhile is kept).
    public func stateChanged() {
        guard let settingsPath else { return }
        var latest = Settings.load(from: settingsPath).settings
        for screen in screens { latest.setState(screen.savedState(), of: screen.key) }
        do {
            try latest.save(to: settingsPath)
        } catch {
            report("settings not saved: \(error.localizedDescription)", isError: true)
        }
    }

    public func resetViews() { screen.resetViews() }

    /// Where exports go: `--export-dir`, else the working directory (a terminal started it), a
    /// folder per export, as the window files them.
    let exportPlace: ExportPlace

    public func makeExportFolder(for name: String) throws -> String { try exportPlace.makeFolder(for: name) }

    // MARK: - Commands

    /// The terminal's own commands, after the workspace's: quit, back, help, workspaces, redraw, suspend.
    func appActions() -> [Action] {
        var actions = [
            Action(
                "Quit", keys: [KeyPress(.character("q")), KeyPress(.character("c"), .control)], keyText: "q, Ctrl+C",
                help: "Quit (q first closes help or a maximized panel)"
            ) { [unowned self] in
                if showingHelp {
                    showingHelp = false
                } else if !screen.back() {
                    quitRequested = true
                }
            },
            Action("Back", keys: [KeyPress(.escape)], keyText: "Esc", help: "Close help / back to all panels / end a replay or cursor") {
                [unowned self] in
                if showingHelp { showingHelp = false } else { _ = screen.escape() }
            },
            Action("Keyboard Shortcuts", keys: [KeyPress(.f(1)), KeyPress(.character("?"))], keyText: "F1, ?", help: "This list") {
                [unowned self] in showingHelp.toggle()
            },
            Action(
                "Menu", keys: [KeyPress(.f(9)), KeyPress(.character("m"))], keyText: "F9, m",
                help: "The window's menus as a list: every command, with the options it checks"
            ) { [unowned self] in
                showingHelp = false
                menuSelection = menuSelection == nil ? 0 : nil
            },
        ]
        for (index, screen) in screens.enumerated() {
            actions.append(
                Action(
                    screen.key.title, keys: [KeyPress(.character(Character("\(index + 1)")), .alt)],
                    keyText: index == 0 ? "Alt+1 – \(screens.count)" : nil,
                    help: index == 0 ? "Switch workspace (\(screens.map(\.key.title).joined(separator: ", ")))" : nil
                ) { [unowned self] in
                    current = index
                    showingHelp = false
                })
        }
        actions += [
            Action(
                "Follow the Newest Points", keys: [KeyPress(.home)], keyText: "Home", help: "Every chart fits its data and follows it again"
            ) { [unowned self] in resetViews() },
            Action("Redraw", keys: [KeyPress(.character("l"), .control)], keyText: "Ctrl+L", help: "Repaint the whole screen") {
                [unowned self] in redrawAll = true
            },
            Action("Suspend", keys: [KeyPress(.character("z"), .control)], keyText: "Ctrl+Z", help: "Suspend to the shell (fg resumes)") {
                [unowned self] in suspendRequested = true
            },
        ]
        return actions
    }

    /// Runs the action bound to `press`: the workspace's first, then the terminal's. A key the
    /// workspace binds never falls through, even while its action cannot run (Ctrl+Z in Latent
    /// with nothing to undo does not suspend). True when something ran.
    @discardableResult
    func handle(_ press: KeyPress) -> Bool {
        if let selected = menuSelection { return handleMenu(press, selected: selected) }
        if !showingHelp, screen.typing(press) { return true }
        for list in [showingHelp ? [] : screen.actions(), appActions()] {
            guard let action = list.first(where: { $0.keys.contains(press) }) else { continue }
            if action.isEnabled() { action.perform() } else { report("\(action.title): not now", isError: false) }
            return true
        }
        return false
    }

    /// The menu's items: the workspace's commands with a menu, then the terminal's.
    func menuItems() -> [Action] { MenuScreen.items(screen.actions() + appActions()) }

    /// A key while the menu is open: ↑/↓ (Page Up/Down, Home/End) pick, Enter runs the item
    /// and closes the menu, Esc, q, F9 or m close it; any other key is held back.
    private func handleMenu(_ press: KeyPress, selected: Int) -> Bool {
        let items = menuItems()
        let last = max(items.count - 1, 0)
        switch press.key {
        case .up: menuSelection = max(selected - 1, 0)
        case .down: menuSelection = min(selected + 1, last)
        case .pageUp: menuSelection = max(selected - 10, 0)
        case .pageDown: menuSelection = min(selected + 10, last)
        case .home: menuSelection = 0
        case .end: menuSelection = last
        case .enter:
            menuSelection = nil
            guard items.indices.contains(selected) else { return true }
            let action = items[selected]
            if action.isEnabled() { action.perform() } else { report("\(action.title): not now", isError: false) }
        case .escape, .f(9), .character("q"), .character("m"): menuSelection = nil
        default: break
        }
        return true
    }

    /// Takes every workspace's finished background work; true when the screen must be drawn.
    func poll(now: Double) -> Bool {
        self.now = now
        var changed = false
        for screen in screens where screen.poll(now: now) { changed = true }
        if let message, now >= message.until {
            self.message = nil
            changed = true
        }
        return changed
    }

    /// Seconds until the loop must poll again with nothing else happening.
    func pollInterval() -> Double {
        var interval = screens.map { $0.pollInterval() }.min() ?? 1
        if let message { interval = min(interval, max(message.until - now, 0.05)) }
        return interval
    }

    // MARK: - Frame

    /// The whole screen: the workspace bar, the workspace, the status line.
    func frame(width: Int, height: Int) -> CellBuffer {
        var buffer = CellBuffer(width: width, height: height)
        guard width >= TUIApp.minimumSize.width, height >= TUIApp.minimumSize.height else {
            let lines = [
                "terminal too small:", "\(width)×\(height), needs", "\(TUIApp.minimumSize.width)×\(TUIApp.minimumSize.height)",
            ]
            for (row, line) in lines.enumerated() { buffer.put(line, x: 0, y: row, foreground: TUIStyle.warning) }
            return buffer
        }
        var x = buffer.put("hafs-viz ", x: 0, y: 0, foreground: TUIStyle.accent, bold: true)
        for (index, screen) in screens.enumerated() {
            let selected = index == current
            x += buffer.put(
                " \(index + 1) \(screen.key.title) ", x: x, y: 0, foreground: selected ? TUIStyle.background : TUIStyle.dim,
                background: selected ? TUIStyle.accent : nil, bold: selected)
        }
        // The longest hint that fits.
        let hints = ["F1 help · F9 menu · q quit · Alt+1–3 workspaces", "F1 help · F9 menu · q quit", "F1 help"]
        if let hint = hints.first(where: { x + $0.count + 2 < width }) {
            buffer.put(hint, x: width - hint.count, y: 0, foreground: TUIStyle.dim)
        }
        let body = Area(x: 0, y: 1, width: width, height: height - 2)
        screen.draw(into: &buffer, body)
        if showingHelp { HelpScreen(sections: helpSections()).draw(into: &buffer, body) }
        if let menuSelection { MenuScreen(items: menuItems(), selected: menuSelection).draw(into: &buffer, body) }
        var status = screen.statusSegments()
        if let message { status.insert(StatusSegment(message.text, tone: message.isError ? .error : .accent), at: 0) }
        TUIStyle.statusLine(&buffer, status, y: height - 1)
        if ascii { ASCIIFallback.apply(to: &buffer) }
        return buffer
    }

    /// F1's sections: the workspace's commands, then the terminal's.
    func helpSections() -> [(title: String, actions: [Action])] {
        [(screen.key.title, screen.actions()), ("Everywhere", appActions())]
    }

    // MARK: - Running

    /// One frame as plain text (`--once`, a pipe, `TERM=dumb`): no escape bytes.
    public static func once(start: TUIStart, width: Int, height: Int, ascii: Bool = false) -> String {
        let (settings, _) = Settings.load(from: Settings.path())
        return snapshot(start: start, settings: settings, width: width, height: height, ascii: ascii).lines.joined(separator: "\n")
            + "\n"
    }

    /// One frame's cells, every workspace read first: `--once`, and the goldens (with the
    /// default settings and a fixed `now`).
    public static func snapshot(
        start: TUIStart, settings: Settings = Settings(), width: Int, height: Int, ascii: Bool = false, now: Date? = nil,
        keys: [KeyPress] = []
    ) -> CellBuffer {
        let app = TUIApp(start: start, settings: settings, readNow: true, ascii: ascii)
        if let now, let runs = app.screens.first(where: { $0 is RunsScreen }) as? RunsScreen { runs.clock = { now } }
        _ = app.poll(now: 0)
        for key in keys { app.handle(key) }
        return app.frame(width: width, height: height)
    }

    /// The terminal's columns and rows, nil when stdout is not a terminal.
    public static func terminalSize() -> (width: Int, height: Int)? {
        isatty(STDOUT_FILENO) == 1 ? TerminalSession.size() : nil
    }

    /// The interactive terminal: until `q`, or a signal.
    /// - Parameter launch: when the process started (seconds since 1970), for the trace.
    public static func run(start: TUIStart, color: String?, ascii: Bool, launch: Double? = nil) throws {
        // HAFS_VIZ_TRACE: each frame's build and render time and bytes, with the wall clock, on
        // stderr (Scripts/bench-tui reads it), and the first Dashboard frame with data.
        let tracing = ProcessInfo.processInfo.environment["HAFS_VIZ_TRACE"] != nil
        func trace(_ text: String) { if tracing { FileHandle.standardError.write(Data("hafs-viz: \(text)\n".utf8)) } }
        var firstDataFrame = true
        // A real trap after the first frame, for the test that the terminal comes back from one.
        let trapAfterFirstFrame = ProcessInfo.processInfo.environment["HAFS_VIZ_TRAP_AFTER_FIRST_FRAME"] == "1"
        let session = TerminalSession()
        try session.start()
        defer { session.stop() }
        let depth = ColorDepth.detect(flag: color, environment: ProcessInfo.processInfo.environment)
        var renderer = DiffRenderer(depth: depth)
        var parser = InputParser()
        let wake = WakePipe()
        let settingsPath = Settings.path()
        let (settings, problem) = Settings.load(from: settingsPath)
        let app = TUIApp(
            start: start, settings: settings, settingsPath: settingsPath, readNow: false, ascii: ascii, onUpdate: { wake.signal() })
        if let problem { app.report(problem, isError: true) }
        let clock = Date()
        var size = TerminalSession.size()
        var dirty = true
        while !app.quitRequested {
            if session.takeResize() || session.takeResume() {
                size = TerminalSession.size()
                renderer.invalidate()
                dirty = true
            }
            if app.poll(now: Date().timeIntervalSince(clock)) { dirty = true }
            if app.redrawAll {
                app.redrawAll = false
                renderer.invalidate()
                dirty = true
            }
            if dirty {
                let began = Date()
                let frame = app.frame(width: size.width, height: size.height)
                let built = Date()
                let bytes = renderer.render(frame)
                TerminalSession.write(bytes)
                dirty = false
                if trapAfterFirstFrame { fatalError("HAFS_VIZ_TRAP_AFTER_FIRST_FRAME: a forced trap") }
                if tracing {
                    let now = Date()
                    trace(
                        String(
                            format: "tui frame build %.3f ms, render %.3f ms, %d bytes at %.6f", built.timeIntervalSince(began) * 1000,
                            now.timeIntervalSince(built) * 1000, bytes.count, now.timeIntervalSince1970))
                    if firstDataFrame, let dashboard = app.screens.first as? DashboardScreen, !dashboard.loading {
                        firstDataFrame = false
                        if let launch {
                            trace(String(format: "tui first data frame %.1f ms after launch", (now.timeIntervalSince1970 - launch) * 1000))
                        }
                    }
                }
            }
            let bytes = wake.wait(forInputOn: STDIN_FILENO, timeout: parser.hasPending ? 0.05 : app.pollInterval())
            var events = parser.parse(bytes)
            if bytes.isEmpty, parser.hasPending { events += parser.flush() }
            for event in events {
                switch event {
                case .key(let press):
                    if app.handle(press) { dirty = true }
                case .mouse(let button, let x, let y, let pressed):
                    if pressed, button < 64, app.screen.click(x: x, y: y, button: button) { dirty = true }
                    // The wheel (64 up, 65 down) acts as ↑/↓: the run list, a table's rows, the menu.
                    if pressed, button == 64 || button == 65, app.handle(KeyPress(button == 64 ? .up : .down)) { dirty = true }
                case .paste: continue
                }
                if app.suspendRequested {
                    app.suspendRequested = false
                    session.suspend()
                }
                if app.quitRequested { break }
            }
        }
    }
}

/// A pipe the feeds' threads write a byte to when they have something new; the loop waits on
/// it and on the terminal together.
final class WakePipe: Sendable {
    private let descriptors: (read: Int32, write: Int32)

    init() {
        var fds: [Int32] = [-1, -1]
        _ = pipe(&fds)
        for fd in fds { _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) }
        descriptors = (fds[0], fds[1])
    }

    /// From any thread.
    func signal() {
        var byte: UInt8 = 1
        _ = write(descriptors.write, &byte, 1)
    }

    /// Waits until `fd` has input, a wake arrives, or `timeout` seconds pass; the bytes read
    /// from `fd` (empty for a wake or a timeout). Wakes are drained.
    func wait(forInputOn fd: Int32, timeout: Double) -> [UInt8] {
        var fds = [pollfd(fd: fd, events: Int16(POLLIN), revents: 0), pollfd(fd: descriptors.read, events: Int16(POLLIN), revents: 0)]
        guard poll(&fds, 2, Int32(max(timeout, 0) * 1000)) > 0 else { return [] }
        if fds[1].revents != 0 {
            var drain = [UInt8](repeating: 0, count: 64)
            while read(descriptors.read, &drain, drain.count) > 0 {}
        }
        guard fds[0].revents & Int16(POLLIN) != 0 else { return [] }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = read(fd, &buffer, buffer.count)
        return count > 0 ? Array(buffer[0..<count]) : []
    }
}
