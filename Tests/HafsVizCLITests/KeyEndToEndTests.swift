import Figures
import Foundation
import HafsVizApp
import HafsVizCore
import HafsVizModel
import Immediate
import TestSupport
import Testing

/// Every key of every action table, pressed through a real X server (`xdotool key` into Xvfb)
/// into the real GLFW window of the `hafs-viz` binary. The app traces each command it performs
/// (HAFS_VIZ_TRACE: "action <workspace>: <id>"), so a key that GLFW reports but the platform
/// layer does not map, or one that reaches the wrong action, fails here. A few effects are
/// checked on disk as well: the PNG and CSV exports, the UI scale in the settings, labels.csv.
@Suite("Keys end to end (X server → GLFW → actions)", .serialized)
struct KeyEndToEndTests {
    /// One key press (xdotool's name for it) and the command it must perform, in which workspace.
    struct Press {
        var key: String
        var workspace: String
        var action: String
    }

    /// The keys in the order they are pressed. Each leaves the window where the next can act:
    /// the run table shown with a run selected (launched with --view and --select), a point
    /// selected before a label, a lasso drawn before its confirmation.
    static func script(lasso: () -> Void) -> [[Press]] {
        let d = "Dashboard"
        let r = "Runs"
        let l = "Latent"
        return [
            // Dashboard, on the run table with a run selected: Ctrl+C copies its row.
            [
                Press(key: "ctrl+c", workspace: d, action: "Copy the Selected Row"),
                Press(key: "CHECK-ROW-COPIED", workspace: d, action: ""),
                Press(key: "Down", workspace: d, action: "Next Row"), Press(key: "Up", workspace: d, action: "Previous Row"),
                Press(key: "Next", workspace: d, action: "Page Down in the Table"),
                Press(key: "Prior", workspace: d, action: "Page Up in the Table"),
                Press(key: "ctrl+End", workspace: d, action: "Last Row"), Press(key: "ctrl+Home", workspace: d, action: "First Row"),
                Press(key: "slash", workspace: d, action: "Filter the Table"), Press(key: "Escape", workspace: d, action: ""),
                Press(key: "ctrl+f", workspace: d, action: "Filter the Table"),
            ],
            // Esc leaves the filter field (the field takes it: no action); Enter then opens the
            // selected run's curves, which shows Runs.
            [Press(key: "Escape", workspace: d, action: ""), Press(key: "Return", workspace: d, action: "Open the Selected Run's Curves")],
            [
                Press(key: "space", workspace: r, action: "Pause"), Press(key: "space", workspace: r, action: "Pause"),
                Press(key: "r", workspace: r, action: "Replay"), Press(key: "r", workspace: r, action: "Replay"),
                Press(key: "shift+r", workspace: r, action: "Replay"), Press(key: "shift+r", workspace: r, action: "Replay"),
                Press(key: "l", workspace: r, action: "Log Y Axis"), Press(key: "shift+l", workspace: r, action: "Log Y Axis"),
                Press(key: "s", workspace: r, action: "Less Smoothing"), Press(key: "shift+s", workspace: r, action: "More Smoothing"),
                Press(key: "x", workspace: r, action: "Next X Axis"), Press(key: "x", workspace: r, action: "Next X Axis"),
                Press(key: "x", workspace: r, action: "Next X Axis"),
                // The run table: its tag back and forth, the scatter's param, then the charts again.
                Press(key: "t", workspace: r, action: "Run Table"), Press(key: "bracketright", workspace: r, action: "Next Table Tag"),
                Press(key: "bracketleft", workspace: r, action: "Previous Table Tag"),
                Press(key: "p", workspace: r, action: "Next Scatter Param"),
                Press(key: "shift+t", workspace: r, action: "Run Table"),
                Press(key: "ctrl+e", workspace: r, action: "Export CSV"),
                Press(key: "ctrl+o", workspace: r, action: "Open Logdir…"), Press(key: "Escape", workspace: r, action: "Back"),
                Press(key: "ctrl+3", workspace: r, action: "Latent"),
            ],
            // Latent: a point, labels, undo, a lasso.
            [
                Press(key: "shift+n", workspace: l, action: "Next Uncertain Point"),
                Press(key: "n", workspace: l, action: "Next Uncertain Point"),
            ]
                + (0...9).map { Press(key: "\($0)", workspace: l, action: "Label \($0)") }
                + [
                    Press(key: "Delete", workspace: l, action: "Remove Label"), Press(key: "ctrl+z", workspace: l, action: "Undo Label"),
                    Press(key: "BackSpace", workspace: l, action: "Remove Label"), Press(key: "F5", workspace: l, action: "Reload"),
                    Press(key: "ctrl+t", workspace: l, action: "Start Training"),
                    Press(key: "ctrl+o", workspace: l, action: "Open Latent Directory…"),
                    Press(key: "Escape", workspace: l, action: "Back"),
                ],
            [
                Press(key: "LASSO", workspace: l, action: ""), Press(key: "7", workspace: l, action: "Label 7"),
                Press(key: "Return", workspace: l, action: "Confirm Lasso Label"),
                Press(key: "ctrl+1", workspace: l, action: "Dashboard"),
            ],
            // Dashboard: panels, reload, exports, dialogs, help, zoom and scale.
            [
                Press(key: "1", workspace: d, action: "Maximize Quality Trends"),
                Press(key: "2", workspace: d, action: "Maximize Generator Stats"),
                Press(key: "3", workspace: d, action: "Maximize Embedding Coverage"),
                Press(key: "4", workspace: d, action: "Maximize Training Runs"),
                Press(key: "Escape", workspace: d, action: "Back"), Press(key: "F5", workspace: d, action: "Reload"),
                Press(key: "r", workspace: d, action: "Reload"),
                Press(key: "d", workspace: d, action: "Drift Alerts"), Press(key: "Escape", workspace: d, action: "Back"),
                Press(key: "i", workspace: d, action: "Source Details"), Press(key: "Escape", workspace: d, action: "Back"),
                Press(key: "ctrl+e", workspace: d, action: "Export CSV"), Press(key: "ctrl+s", workspace: d, action: "Export PNG"),
                Press(key: "ctrl+o", workspace: d, action: "Open Directory…"), Press(key: "Escape", workspace: d, action: "Back"),
                Press(key: "F1", workspace: d, action: "Keyboard Shortcuts"), Press(key: "F1", workspace: d, action: "Keyboard Shortcuts"),
                Press(key: "Home", workspace: d, action: "Reset All Zoom"),
                Press(key: "ctrl+equal", workspace: d, action: "Larger Text and Controls"),
            ],
            [
                Press(key: "SCALE", workspace: d, action: ""),
                Press(key: "ctrl+shift+equal", workspace: d, action: "Larger Text and Controls"),
                Press(key: "ctrl+KP_Add", workspace: d, action: "Larger Text and Controls"),
                Press(key: "ctrl+shift+KP_Add", workspace: d, action: "Larger Text and Controls"),
                Press(key: "ctrl+minus", workspace: d, action: "Smaller Text and Controls"),
                Press(key: "ctrl+0", workspace: d, action: "Actual Size"),
            ],
            // The clipboard both ways, in the Open Directory field: paste a path put there by
            // xclip and open it (the window's title names it), then copy the field's text.
            [
                Press(key: "SET-CLIPBOARD", workspace: d, action: ""), Press(key: "ctrl+o", workspace: d, action: "Open Directory…"),
                Press(key: "ctrl+a", workspace: d, action: ""), Press(key: "ctrl+v", workspace: d, action: ""),
                Press(key: "Return", workspace: d, action: ""),
                Press(key: "CHECK-TITLE", workspace: d, action: ""),
                Press(key: "ctrl+o", workspace: d, action: "Open Directory…"), Press(key: "ctrl+a", workspace: d, action: ""),
                Press(key: "ctrl+c", workspace: d, action: ""), Press(key: "CHECK-FIELD-COPIED", workspace: d, action: ""),
                Press(key: "Escape", workspace: d, action: "Back"),
                Press(key: "ctrl+2", workspace: d, action: "Runs"), Press(key: "ctrl+q", workspace: r, action: "Quit"),
            ],
        ]
    }

    /// xdotool's name for a key press (X keysyms; `+` is the keypad's, the one GLFW reports as +).
    static func xdotoolName(_ press: KeyPress) -> String {
        var parts: [String] = []
        if press.modifiers.contains(.control) { parts.append("ctrl") }
        if press.modifiers.contains(.alt) { parts.append("alt") }
        if press.modifiers.contains(.shift) { parts.append("shift") }
        let names: [Character: String] = [
            " ": "space", "=": "equal", "-": "minus", "+": "KP_Add", "/": "slash", ".": "period", ",": "comma", "[": "bracketleft",
            "]": "bracketright",
        ]
        switch press.key {
        case .escape: parts.append("Escape")
        case .enter: parts.append("Return")
        case .tab: parts.append("Tab")
        case .backspace: parts.append("BackSpace")
        case .delete: parts.append("Delete")
        case .home: parts.append("Home")
        case .end: parts.append("End")
        case .pageUp: parts.append("Prior")
        case .pageDown: parts.append("Next")
        case .left: parts.append("Left")
        case .right: parts.append("Right")
        case .up: parts.append("Up")
        case .down: parts.append("Down")
        case .f(let n): parts.append("F\(n)")
        case .character(let c): parts.append(names[c] ?? String(c))
        }
        return parts.joined(separator: "+")
    }

    /// A latent directory: a 6×6 grid of points, certainty, and a latent.toml whose "training"
    /// only prints a line.
    static func latentDirectory(in root: String) throws -> String {
        let directory = root + "/latent"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let points = (0..<36).flatMap { [Double($0 % 6), Double($0 / 6)] }
        try writeNPY(directory + "/latent.npy", shape: [36, 2], doubles: points)
        try writeNPY(directory + "/certainty.npy", shape: [36], doubles: (0..<36).map { Double($0) / 36 })
        try Data("command = \"echo trained\"\nepochs = 1\n".utf8).write(to: URL(fileURLWithPath: directory + "/latent.toml"))
        return directory
    }

    /// Every (workspace, action, key) the action tables hold, read from the same workspaces the
    /// binary builds. The window's own commands are listed under "*": any workspace will do.
    static func tables(demo: String, logdir: String, latent: String) throws -> Set<String> {
        let dashboard = Dashboard(directory: demo, initial: DashboardModel(snapshot: try SnapshotLoader(directory: demo).loadNow()))
        let runs = RunsWorkspace(logdir: logdir, initial: RunsModel.readOnce(logdir: logdir))
        let model = try LatentWorkspace.readNow(latent).get()
        let latentSpace = LatentWorkspace(directory: latent, initial: model)
        let window = AppWindow(workspaces: [dashboard, runs, latentSpace])
        let ui = UIContext(font: .testing)
        var keys: Set<String> = []
        for (index, workspace) in window.workspaces.enumerated() {
            window.select(index)
            let own = workspace.actions()
            for action in own { for key in action.keys { keys.insert("\(workspace.title)|\(action.id)|\(xdotoolName(key))") } }
            for action in window.actions(ui).dropFirst(own.count) {
                for key in action.keys { keys.insert("*|\(action.id)|\(xdotoolName(key))") }
            }
        }
        return keys
    }

    /// The X clipboard's text, as `xclip -o` reads it.
    static func readClipboard() throws -> String {
        try ChildProcess.run(URL(fileURLWithPath: "/usr/bin/xclip"), ["-o", "-selection", "clipboard"], timeout: 20).stdout
    }

    static func xdotool(_ arguments: [String]) throws -> String {
        let child = try ChildProcess.run(URL(fileURLWithPath: "/usr/bin/xdotool"), arguments, timeout: 20)
        return child.stdout
    }

    @Test("every key of every action table, typed into the real window, performs its action; exports, scale and labels land on disk")
    func everyKey() throws {
        #expect(ProcessInfo.processInfo.environment["DISPLAY"] != nil, "needs a display: Scripts/test runs the suite under xvfb-run")
        #expect(FileManager.default.isExecutableFile(atPath: "/usr/bin/xdotool"), "xdotool is missing: Scripts/install-deps installs it")
        #expect(FileManager.default.isExecutableFile(atPath: "/usr/bin/xclip"), "xclip is missing: Scripts/install-deps installs it")
        let root = NSTemporaryDirectory() + "hafs-keys-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: root) }
        let exports = root + "/exports"
        let config = root + "/config"
        try FileManager.default.createDirectory(atPath: exports, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: config + "/hafs-viz", withIntermediateDirectories: true)
        let latent = try KeyEndToEndTests.latentDirectory(in: root)
        let demo = CLIRun.fixtures + "/demo"
        let logdir = CLIRun.fixtures + "/runs"
        let pasted = (CLIRun.fixtures as NSString).standardizingPath + "/empty"
        let settings = ["workspaces": ["Latent": ["directory": latent]], "windowWidth": 1400, "windowHeight": 900] as [String: Any]
        try JSONSerialization.data(withJSONObject: settings).write(to: URL(fileURLWithPath: config + "/hafs-viz/settings.json"))

        var environment = ProcessInfo.processInfo.environment
        environment["XDG_CONFIG_HOME"] = config
        environment["HAFS_VIZ_TRACE"] = "1"
        let app = try LiveProcess(
            CLIRun.binary,
            [
                demo, "--logdir", logdir, "--export-dir", exports, "--view", "runs/run-table",
                "--select", "run=run_20251213_80e1",
            ], environment: environment)
        defer { app.stop() }
        let firstFrame = app.waitForLine(timeout: 60) { $0.contains("first frame with data") }
        try #require(firstFrame != nil, "the window never drew its data: \(app.output.suffix(20))")
        let window = try KeyEndToEndTests.xdotool(["search", "--sync", "--onlyvisible", "--pid", "\(app.processIdentifier)"])
            .split(separator: "\n").first.map(String.init)
        let id = try #require(window, "xdotool found no window of pid \(app.processIdentifier)")
        // No window manager under Xvfb: the keyboard goes to the window under the pointer.
        _ = try KeyEndToEndTests.xdotool(["mousemove", "--window", id, "700", "880"])

        var pressed: Set<String> = []
        var clipboardOwner: LiveProcess?
        defer { clipboardOwner?.stop() }
        let lasso = {
            // Shift+drag a box around the middle of the map (its left part; the side panel is right).
            var words = ["mousemove", "--window", id, "250", "250", "keydown", "shift", "mousedown", "1"]
            for (x, y) in [(300, 250), (600, 250), (800, 250), (800, 500), (800, 700), (600, 700), (250, 700), (250, 500), (250, 260)] {
                words += ["sleep", "0.05", "mousemove", "--window", id, "\(x)", "\(y)"]
            }
            words += ["sleep", "0.1", "mouseup", "1", "keyup", "shift", "sleep", "0.2", "mousemove", "--window", id, "700", "880"]
            _ = try? KeyEndToEndTests.xdotool(words)
        }
        for group in KeyEndToEndTests.script(lasso: lasso) {
            for press in group {
                switch press.key {
                case "LASSO":
                    lasso()
                    continue
                case "CHECK-ROW-COPIED":
                    let copied = try KeyEndToEndTests.readClipboard()
                    #expect(
                        copied.hasPrefix("run\t") && copied.contains("\nrun_20251213_80e1\t"), "the run table's selected row: \(copied)")
                    continue
                case "SET-CLIPBOARD":
                    // xclip in the foreground (-quiet) owns the clipboard until it is stopped.
                    try Data(pasted.utf8).write(to: URL(fileURLWithPath: root + "/clip.txt"))
                    clipboardOwner = try LiveProcess(
                        URL(fileURLWithPath: "/usr/bin/xclip"), ["-quiet", "-selection", "clipboard", root + "/clip.txt"])
                    usleep(300_000)
                    continue
                case "CHECK-TITLE":
                    var title = ""
                    for _ in 0..<50 {
                        title = try KeyEndToEndTests.xdotool(["getwindowname", id]).trimmingCharacters(in: .whitespacesAndNewlines)
                        if title.hasSuffix(pasted) { break }
                        usleep(100_000)
                    }
                    #expect(title == "hafs-viz — \(pasted)", "Ctrl+V pasted the path and Enter opened it")
                    continue
                case "CHECK-FIELD-COPIED":
                    usleep(300_000)
                    #expect(try KeyEndToEndTests.readClipboard() == pasted + "/", "Ctrl+A, Ctrl+C in the field copied its text")
                    continue
                case "SCALE":
                    // Ctrl+= was pressed: the settings file says 115 % at once.
                    let data = FileManager.default.contents(atPath: config + "/hafs-viz/settings.json") ?? Data()
                    let saved = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
                    #expect((saved?["uiScale"] as? Double).map { abs($0 - 1.15) < 0.001 } == true, "uiScale after Ctrl+=: \(saved ?? [:])")
                    continue
                default: break
                }
                let before = app.output.count
                _ = try KeyEndToEndTests.xdotool(["key", "--clearmodifiers", press.key])
                if press.action.isEmpty {
                    usleep(300_000)
                    continue
                }
                let line = "hafs-viz: action \(press.workspace): \(press.action)"
                let found = app.waitForLine(from: before, timeout: 15) { $0 == line }
                // The first key that does nothing ends the test: the keys after it depend on it.
                try #require(
                    found != nil, "\(press.key) did not perform \(press.workspace): \(press.action); the app said: \(app.output.suffix(8))")
                pressed.insert("\(press.workspace)|\(press.action)|\(press.key)")
                pressed.insert("*|\(press.action)|\(press.key)")
            }
        }
        #expect(app.waitForExit(timeout: 15) == 0, "Ctrl+Q ends the program with status 0")

        // Every key of every table was pressed (a new action without its key here fails).
        let tables = try KeyEndToEndTests.tables(demo: demo, logdir: logdir, latent: latent)
        let missing = tables.subtracting(pressed).sorted()
        #expect(missing.isEmpty, "keys in the action tables that this test never pressed: \(missing)")

        // Effects on disk.
        // One folder per export: runs.csv (Runs' Ctrl+E), the Dashboard's CSVs, dashboard.png.
        let folders = (try? FileManager.default.contentsOfDirectory(atPath: exports)) ?? []
        let written = folders.flatMap { folder in
            ((try? FileManager.default.contentsOfDirectory(atPath: exports + "/" + folder)) ?? []).map { folder + "/" + $0 }
        }
        #expect(folders.count == 3, "\(folders)")
        #expect(written.contains { $0.hasPrefix("demo-export-") && $0.hasSuffix("/dashboard.png") }, "Ctrl+S wrote a PNG: \(written)")
        #expect(written.contains { $0.hasPrefix("runs-export-") && $0.hasSuffix("/runs.csv") }, "Runs' Ctrl+E: \(written)")
        #expect(written.filter { $0.hasPrefix("demo-export-") && $0.hasSuffix(".csv") }.count == 12, "the Dashboard's Ctrl+E: \(written)")
        let labels = (try? String(contentsOfFile: latent + "/labels.csv", encoding: .utf8)) ?? ""
        #expect(labels.contains(",7"), "the lasso's points were labelled 7: \(labels.prefix(200))")
        #expect(app.output.contains { $0.contains("action Latent: Label 9") })
    }
}
