import Foundation
import TestSupport
import Testing

/// `hafs-viz tui` in a real terminal: a detached tmux session of fixed size, keys sent with
/// `send-keys`, the screen read with `capture-pane`. Each test has a tmux server of its own.
@Suite("hafs-viz tui in tmux", .serialized)
struct TUITmuxTests {
    /// One tmux server (its own socket) with one session running a shell script.
    final class Tmux {
        let socket = "hafs-tui-" + UUID().uuidString.prefix(8)
        let folder = NSTemporaryDirectory() + "hafs-tui-" + UUID().uuidString
        let tmux = URL(fileURLWithPath: "/usr/bin/tmux")

        init(width: Int, height: Int, term: String = "xterm-256color", arguments: String, environment: String = "") throws {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            // The script keeps the terminal's settings before and after, and says when hafs-viz ended.
            // Settings go to the test's folder (the terminal keeps them as the window does).
            // No core files from the crash-signal cases, and Swift's crash report printed without
            // its interactive prompt (which waits for a key at a terminal).
            let script = """
                ulimit -c 0
                stty -g > \(folder)/before
                \(environment) SWIFT_BACKTRACE=interactive=no XDG_CONFIG_HOME='\(folder)/config' TERM=\(term) '\(CLIRun.binary.path)' tui \(arguments)
                echo $? > \(folder)/status
                stty -g > \(folder)/after
                sleep 30
                """
            try Data(script.utf8).write(to: URL(fileURLWithPath: folder + "/run.sh"))
            // The server the first command starts inherits the client's open files: the client
            // gets no pipe of ours (reading one would wait for the server to end). Its exit is
            // not waited for long: the screen is polled for what the test needs anyway.
            let start = Process()
            start.executableURL = tmux
            start.arguments = [
                "-L", socket, "-f", "/dev/null", "new-session", "-d", "-x", "\(width)", "-y", "\(height)", "sh \(folder)/run.sh",
            ]
            start.standardInput = FileHandle.nullDevice
            start.standardOutput = FileHandle.nullDevice
            start.standardError = FileHandle.nullDevice
            let exited = DispatchSemaphore(value: 0)
            start.terminationHandler = { _ in exited.signal() }
            try start.run()
            _ = exited.wait(timeout: .now() + 1)
        }

        deinit {
            _ = try? run(["kill-server"])
            try? FileManager.default.removeItem(atPath: folder)
        }

        @discardableResult
        func run(_ arguments: [String]) throws -> String {
            try ChildProcess.run(tmux, ["-L", socket, "-f", "/dev/null"] + arguments, timeout: 10).stdout
        }

        func screen() -> String { (try? run(["capture-pane", "-p"])) ?? "" }
        /// The screen and every line scrolled off it.
        func history() -> String { (try? run(["capture-pane", "-p", "-S", "-"])) ?? "" }

        func keys(_ keys: String...) throws { try run(["send-keys"] + keys) }

        /// Waits up to `seconds` for `test` to hold on the screen; the last screen read.
        func wait(_ seconds: Double = 15, until test: (String) -> Bool) -> (Bool, String) {
            let deadline = Date().addingTimeInterval(seconds)
            var text = screen()
            while !test(text), Date() < deadline {
                usleep(100_000)
                text = screen()
            }
            return (test(text), text)
        }

        /// The file `name` of the script once it exists, within `seconds`.
        func file(_ name: String, within seconds: Double = 10) -> String? {
            let deadline = Date().addingTimeInterval(seconds)
            while Date() < deadline {
                if let data = FileManager.default.contents(atPath: folder + "/" + name), !data.isEmpty {
                    return String(decoding: data, as: UTF8.self)
                }
                usleep(100_000)
            }
            return nil
        }

        /// Whether the pane shows the alternate screen, and whether its cursor is visible.
        func modes() -> (alternate: Bool, cursorVisible: Bool) {
            let text = (try? run(["display-message", "-p", "#{alternate_on} #{cursor_flag}"])) ?? ""
            let flags = text.split(separator: " ").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            return (flags.first == "1", flags.last == "1")
        }

        /// The hafs-viz process under the pane's shell.
        func appPID() -> Int32? {
            guard
                let shell = Int32(
                    (try? run(["display-message", "-p", "#{pane_pid}"]))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "")
            else { return nil }
            let children = (try? ChildProcess.run(URL(fileURLWithPath: "/usr/bin/pgrep"), ["-P", "\(shell)"], timeout: 5).stdout) ?? ""
            return children.split(separator: "\n").compactMap { Int32($0) }.first
        }
    }

    static let demo = CLIRun.fixtures + "/demo"

    @Test("the dashboard shows; 2 maximizes a panel, q goes back, q quits; the terminal is as before")
    func keysAndExit() throws {
        let tmux = try Tmux(width: 120, height: 40, arguments: "'\(TUITmuxTests.demo)'")
        let (shown, screen) = tmux.wait { $0.contains("2 Generator Stats") && $0.contains("overall acceptance 57.5% of 12071 decided") }
        #expect(shown, "the dashboard's headline, from the same model as the window:\n\(screen)")
        #expect(screen.contains("Sources 3/3 · Generators 6 · Regions 50 · Runs 7"))
        try tmux.keys("2")
        let (maximized, alone) = tmux.wait { $0.split(separator: "\n").dropFirst().first?.hasPrefix("2 Generator Stats") == true }
        #expect(maximized && !alone.contains("1 Quality Trends"), "2 shows Generator Stats alone:\n\(alone)")
        try tmux.keys("q")
        let (back, _) = tmux.wait { $0.contains("1 Quality Trends") && $0.contains("4 Training Runs") }
        #expect(back, "q leaves the maximized panel first")
        try tmux.keys("q")
        #expect(tmux.file("status")?.trimmingCharacters(in: .whitespacesAndNewlines) == "0", "q quits with status 0")
        #expect(tmux.file("after") == tmux.file("before"), "stty -g is as it was")
        let (left, last) = tmux.wait(3) { !$0.contains("F1 help · F9 menu · q quit") }
        #expect(left, "the primary screen is back:\n\(last)")
    }

    @Test("a resize lays the panels out again: under 100 columns they stack in one column")
    func resize() throws {
        let tmux = try Tmux(width: 120, height: 40, arguments: "'\(TUITmuxTests.demo)'")
        let (shown, _) = tmux.wait { $0.contains("4 Training Runs") }
        #expect(shown)
        try tmux.run(["resize-window", "-x", "80", "-y", "40"])
        let (stacked, screen) = tmux.wait {
            $0.split(separator: "\n").contains { $0.hasPrefix("2 Generator Stats") }
                && $0.split(separator: "\n").contains { $0.hasPrefix("3 Embedding") }
        }
        #expect(stacked, "one column at 80 wide:\n\(screen)")
        try tmux.keys("q")
        _ = tmux.file("status")
    }

    @Test(
        "SIGTERM, SIGHUP, SIGINT and the crash signals each leave the terminal as it was: stty, the primary screen, the cursor",
        arguments: [SIGTERM, SIGHUP, SIGINT, SIGSEGV, SIGABRT, SIGTRAP, SIGBUS, SIGILL])
    func signals(_ signal: Int32) throws {
        let tmux = try Tmux(width: 100, height: 30, arguments: "'\(TUITmuxTests.demo)'")
        let (shown, _) = tmux.wait { $0.contains("4 Training Runs") }
        #expect(shown)
        #expect(tmux.modes() == (true, false), "running: the alternate screen, the cursor hidden")
        let pid = try #require(tmux.appPID())
        kill(pid, signal)
        let status = tmux.file("status")?.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(status != nil, "hafs-viz ended")
        if [SIGSEGV, SIGABRT, SIGTRAP, SIGBUS, SIGILL].contains(signal) {
            #expect(status == "\(128 + signal)", "a crash signal is raised again after the restore: the shell sees it")
        }
        #expect(tmux.file("after") == tmux.file("before"), "stty -g is as it was after signal \(signal)")
        let (left, last) = tmux.wait(3) { !$0.contains("F1 help · F9 menu · q quit") }
        #expect(left, "the primary screen is back after signal \(signal):\n\(last)")
        #expect(tmux.modes() == (false, true), "after signal \(signal): the primary screen, the cursor visible")
    }

    @Test(
        "a real trap (fatalError after the first frame): its reason and the crash report print on the primary screen, the terminal is as it was"
    )
    func trap() throws {
        let tmux = try Tmux(width: 100, height: 30, arguments: "'\(TUITmuxTests.demo)'", environment: "HAFS_VIZ_TRAP_AFTER_FIRST_FRAME=1")
        let status = tmux.file("status")?.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(status.flatMap(Int.init).map { $0 > 128 } == true, "ended of a signal: \(status ?? "nil")")
        #expect(tmux.file("after") == tmux.file("before"), "stty -g is as it was after the trap")
        #expect(tmux.modes() == (false, true), "after the trap: the primary screen, the cursor visible")
        let (reported, screen) = tmux.wait(5) { $0.contains("Backtrace took") && $0.contains("Illegal instruction") }
        #expect(reported, "Swift's crash report is readable on the primary screen:\n\(screen)")
        // The runtime wrote its reason while the alternate screen was up: kept and written after the restore.
        let history = tmux.history()
        #expect(history.contains("Fatal error: HAFS_VIZ_TRAP_AFTER_FIRST_FRAME: a forced trap"), "the reason:\n\(history)")
    }

    @Test(
        "under TERM xterm-256color, tmux-256color, screen and linux: the dashboard, then q leaves the terminal as it was",
        arguments: ["xterm-256color", "tmux-256color", "screen", "linux"])
    func terms(_ term: String) throws {
        let tmux = try Tmux(width: 100, height: 30, term: term, arguments: "'\(TUITmuxTests.demo)'")
        let (shown, screen) = tmux.wait { $0.contains("4 Training Runs") && $0.contains("overall acceptance 57.5%") }
        #expect(shown, "TERM=\(term):\n\(screen)")
        try tmux.keys("q")
        #expect(tmux.file("status")?.trimmingCharacters(in: .whitespacesAndNewlines) == "0")
        #expect(tmux.file("after") == tmux.file("before"), "stty -g is as it was under TERM=\(term)")
        #expect(tmux.modes() == (false, true), "TERM=\(term): the primary screen, the cursor visible")
    }

    @Test("Ctrl+Z puts the primary screen back while stopped; SIGCONT brings the dashboard back whole")
    func suspendAndResume() throws {
        let tmux = try Tmux(width: 100, height: 30, arguments: "'\(TUITmuxTests.demo)'")
        let (shown, _) = tmux.wait { $0.contains("4 Training Runs") }
        #expect(shown)
        let pid = try #require(tmux.appPID())
        try tmux.keys("C-z")
        let (suspended, while_) = tmux.wait(5) { !$0.contains("F1 help · F9 menu · q quit") }
        #expect(suspended, "stopped: the primary screen is back\n\(while_)")
        kill(pid, SIGCONT)
        let (resumed, after) = tmux.wait { $0.contains("F1 help · F9 menu · q quit") && $0.contains("4 Training Runs") }
        #expect(resumed, "SIGCONT: the dashboard is drawn again\n\(after)")
        try tmux.keys("q")
        #expect(tmux.file("status")?.trimmingCharacters(in: .whitespacesAndNewlines) == "0")
        #expect(tmux.file("after") == tmux.file("before"), "stty -g is as it was")
    }

    @Test(
        "F9 and the wheel pick a menu item; Alt+2: a JSONL run's new line shows live; S and s change the smoothing; Alt+3: a click and N pick a point, 3 labels it in labels.csv, Ctrl+Z undoes it; F1 lists the keys"
    )
    func runsAndLatent() throws {
        let root = NSTemporaryDirectory() + "hafs-tui-work-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: root) }
        let runDir = root + "/logs/sweep_a"
        let latent = root + "/latent"
        try FileManager.default.createDirectory(atPath: runDir, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: latent, withIntermediateDirectories: true)
        let metrics = runDir + "/metrics.jsonl"
        try Data((1...20).map { "{\"step\": \($0 * 10), \"loss\": \(2.0 / Double($0))}\n" }.joined().utf8).write(
            to: URL(fileURLWithPath: metrics))
        // Four points; certainty makes point 2 the least certain.
        try writeNPY(latent + "/latent.npy", shape: [4, 2], doubles: [0, 0, 1, 0, 0, 1, 1, 1])
        try writeNPY(latent + "/certainty.npy", shape: [4], doubles: [0.9, 0.8, 0.1, 0.7])
        let tmux = try Tmux(
            width: 120, height: 40,
            arguments: "'\(TUITmuxTests.demo)' --logdir '\(root)/logs' --latent '\(latent)' --export-dir '\(root)/exports'")
        _ = tmux.wait { $0.contains("4 Training Runs") }
        // F9 opens the menu (File ▸ Export CSV; Data ▸ Reload, Source Details, …); two turns
        // of the wheel (SGR button 65) pick Source Details, Enter runs it.
        try tmux.keys("F9")
        let (menu, menuScreen) = tmux.wait { $0.contains("Menu (↑/↓ pick, Enter runs, Esc closes)") }
        #expect(menu, "F9 shows the menu:\n\(menuScreen)")
        try tmux.run(["send-keys", "-l", "\u{1B}[<65;20;10M\u{1B}[<65;20;10M"])
        try tmux.keys("Enter")
        let (details, detailsScreen) = tmux.wait { $0.contains("Source Details (Esc closes)") }
        #expect(details, "the wheel moved the pick down two items:\n\(detailsScreen)")
        try tmux.keys("Escape")
        // Wait for it to close: Esc and the next key sent together would read as Alt+key.
        _ = tmux.wait { !$0.contains("Source Details (Esc closes)") }
        // Ctrl+E on the Dashboard: the window's CSV files, in a new folder under --export-dir.
        try tmux.keys("C-e")
        let (exported, exportScreen) = tmux.wait { $0.contains("wrote 12 CSV files to") }
        #expect(exported, "the status line says what was written:\n\(exportScreen)")
        let folders = (try? FileManager.default.contentsOfDirectory(atPath: root + "/exports")) ?? []
        let files = folders.first.flatMap { try? FileManager.default.contentsOfDirectory(atPath: root + "/exports/" + $0) } ?? []
        #expect(folders.count == 1 && files.contains("quality-trends.csv") && files.contains("training-runs.csv"), "\(folders) \(files)")
        try tmux.keys("M-2")
        let (listed, runs) = tmux.wait { $0.contains("sweep_a") && $0.contains("step 200") && $0.contains("loss") }
        #expect(listed, "the run, its status (step 200) and its loss chart:\n\(runs)")
        try FileAppend.line("{\"step\": 5000, \"loss\": 0.01}", to: metrics)
        let (grown, after) = tmux.wait { $0.contains("step 5000") }
        #expect(grown, "the appended line is read and shown:\n\(after)")
        try tmux.keys("S")
        let (more, _) = tmux.wait { $0.contains("smoothing 0.8") }
        #expect(more, "Shift+S: one step more smoothing (0.6 → 0.8)")
        try tmux.keys("s", "s")
        let (less, _) = tmux.wait { $0.contains("smoothing 0.3") }
        #expect(less, "s twice: 0.8 → 0.6 → 0.3")
        try tmux.keys("F1")
        let (help, helpScreen) = tmux.wait { $0.contains("Keyboard Shortcuts") && $0.contains("Smoothing one step up") }
        #expect(help, "F1: the session's commands with their help lines:\n\(helpScreen)")
        try tmux.keys("Escape")
        try tmux.keys("M-3")
        let (map, mapScreen) = tmux.wait { $0.contains("No point selected") && $0.contains("4 points") }
        #expect(map, "the Latent workspace:\n\(mapScreen)")
        // A click (SGR mouse, as the terminal sends it) on the map's top-right cell: the point at
        // (1, 1), number 3. The map is the left 79 columns from row 3 (1-based) at 120 wide.
        try tmux.run(["send-keys", "-l", "\u{1B}[<0;79;3M\u{1B}[<0;79;3m"])
        let (clicked, clickScreen) = tmux.wait { $0.contains("Point 3") && $0.contains("certainty 0.700") }
        #expect(clicked, "a click picks the nearest point:\n\(clickScreen)")
        // Esc drops the selection, so N starts from the least certain point of all.
        try tmux.keys("Escape")
        _ = tmux.wait { $0.contains("No point selected") }
        try tmux.keys("N")
        let (picked, _) = tmux.wait { $0.contains("Point 2") && $0.contains("certainty 0.100") }
        #expect(picked, "N: the least certain point")
        try tmux.keys("3")
        let labels = latent + "/labels.csv"
        var saved = ""
        for _ in 0..<50 {
            saved = (try? String(contentsOfFile: labels, encoding: .utf8)) ?? ""
            if saved.contains("2,3") { break }
            usleep(100_000)
        }
        #expect(saved.contains("2,3"), "labels.csv by the window's writer: \(saved)")
        try tmux.keys("C-z")
        for _ in 0..<50 {
            saved = (try? String(contentsOfFile: labels, encoding: .utf8)) ?? ""
            if !saved.contains("2,3") { break }
            usleep(100_000)
        }
        #expect(!saved.contains("2,3"), "Ctrl+Z undid the label (and did not suspend): \(saved)")
        let (stillRunning, _) = tmux.wait(2) { $0.contains("F1 help · F9 menu · q quit") }
        #expect(stillRunning)
        try tmux.keys("q")
        #expect(tmux.file("status")?.trimmingCharacters(in: .whitespacesAndNewlines) == "0")
        let settings = (try? String(contentsOfFile: tmux.folder + "/config/hafs-viz/settings.json", encoding: .utf8)) ?? ""
        #expect(settings.contains("\"smoothing\" : \"0.3\""), "the smoothing is kept in the window's settings: \(settings)")
    }

    @Test("--once and a pipe print one plain frame with no escape bytes")
    func once() throws {
        let run = try CLIRun(["tui", "--once", "--size", "100x24", TUITmuxTests.demo])
        #expect(run.status == 0)
        #expect(!run.stdout.contains("\u{1B}"), "no escape bytes")
        let lines = run.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 25 && lines.allSatisfy { $0.count <= 100 }, "24 rows of at most 100 columns")
        #expect(run.stdout.contains("overall acceptance 57.5%"), "the headline, cut to its panel's width")
        // At 80×24 the panels stack and the lists do not fit: what is left out is counted, never dropped silently.
        let narrow = try CLIRun(["tui", "--once", "--size", "80x24", TUITmuxTests.demo])
        #expect(
            narrow.stdout.contains("+4 more (2 shows them all)") && narrow.stdout.contains("+3 more (4 shows them all)"), "\(narrow.stdout)"
        )
        let small = try CLIRun(["tui", "--once", "--size", "30x8", TUITmuxTests.demo])
        #expect(small.stdout.hasPrefix("terminal too small"), "\(small.stdout)")
        let bad = try CLIRun(["tui", "--once", "--color", "millions", TUITmuxTests.demo])
        #expect(bad.status == 2 && bad.stderr.contains("--color must be truecolor, 256, 16 or none"))
    }

    @Test(
        "a remote data directory and logdir (testhost:/path over a real sshd): the Dashboard reads its files, the run shows under the host's name, and a line appended there shows live"
    )
    func remoteLive() throws {
        let server = try SSHServer()
        let root = NSTemporaryDirectory() + "hafs-tui-remote-" + UUID().uuidString.prefix(8)
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createDirectory(atPath: root + "/logs/sweep_b", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: TUITmuxTests.demo, toPath: root + "/data")
        let latent = root + "/latent map"
        try FileManager.default.createDirectory(atPath: latent, withIntermediateDirectories: true)
        try writeNPY(latent + "/latent.npy", shape: [4, 2], doubles: [0, 0, 1, 0, 0, 1, 1, 1])
        try writeNPY(latent + "/certainty.npy", shape: [4], doubles: [0.9, 0.8, 0.1, 0.7])
        let metrics = root + "/logs/sweep_b/metrics.jsonl"
        try Data((1...20).map { "{\"step\": \($0 * 10), \"loss\": \(2.0 / Double($0))}\n" }.joined().utf8).write(
            to: URL(fileURLWithPath: metrics))
        let tmux = try Tmux(
            width: 120, height: 40, arguments: "'testhost:\(root)/data' --logdir 'testhost:\(root)/logs' --latent 'testhost:\(latent)'",
            environment: "HAFS_VIZ_SSH='\(server.sshCommand)' XDG_CACHE_HOME='\(root)/cache'")
        let (dashboard, screen) = tmux.wait { $0.contains("Sources 3/3 · Generators 6 · Regions 50 · Runs 7") }
        #expect(dashboard && screen.contains("testhost:\(root)/data"), "the Dashboard of the remote folder:\n\(screen)")
        try tmux.keys("M-2")
        let (listed, runs) = tmux.wait { $0.contains("testhost:sweep_b") && $0.contains("step 200") }
        #expect(listed, "the remote run under the host's name, with its status:\n\(runs)")
        try FileAppend.line("{\"step\": 7000, \"loss\": 0.01}", to: metrics)
        let (grown, after) = tmux.wait { $0.contains("step 7000") }
        #expect(grown, "the line appended on the remote side shows:\n\(after)")
        // The remote map: N picks the least certain point, 3 labels it in the remote labels.csv.
        try tmux.keys("M-3")
        let (map, mapScreen) = tmux.wait { $0.contains("No point selected") && $0.contains("4 points") }
        #expect(map, "the remote Latent map:\n\(mapScreen)")
        try tmux.keys("N")
        _ = tmux.wait { $0.contains("Point 2") }
        try tmux.keys("3")
        let labels = latent + "/labels.csv"
        var saved = ""
        for _ in 0..<100 where !saved.contains("2,3") {
            saved = (try? String(contentsOfFile: labels, encoding: .utf8)) ?? ""
            usleep(100_000)
        }
        #expect(saved.contains("2,3"), "labels.csv written on the remote side: \(saved)")
        let left = (try? FileManager.default.contentsOfDirectory(atPath: latent)) ?? []
        #expect(left.sorted() == ["certainty.npy", "labels.csv", "latent.npy"], "no temporary file left there: \(left)")
        // An edit on the remote side is read back.
        try Data("Serial,label\n0,5\n1,5\n".utf8).write(to: URL(fileURLWithPath: labels))
        let (edited, editScreen) = tmux.wait { $0.contains("labels.csv changed outside hafs-viz: read again (2 labels)") }
        #expect(edited, "the remote edit is read again:\n\(editScreen)")
        try tmux.keys("q")
        #expect(tmux.file("after") == tmux.file("before"), "the terminal is as it was")
    }
}
