import Foundation
import HafsVizApp
import HafsVizCore
import Immediate
import Platform
import Shell

/// Runs the Runs workspace in its own window, or headless into a PNG. (The workspace host with
/// the tab strip, shared menus and one loop for every workspace comes next; see ARCHITECTURE.md.)
@MainActor
enum RunsRunner {
    /// `hafs-viz runs <logdir> --screenshot FILE [--size WxH]`: reads the logdir once, renders.
    static func screenshot(logdir: String, path: String, size: (Int, Int)) throws {
        let shell = try Shell(title: "hafs-viz runs", width: size.0, height: size.1, visible: false)
        let workspace = RunsWorkspace(logdir: logdir, initial: RunsFeed.readOnce(logdir: logdir))
        try shell.screenshot(path: path, width: size.0, height: size.1) { ui in
            workspace.frame(ui, Rect(min: .zero, max: ui.input.displaySize))
        }
    }

    /// The live window: the feed tails the logs on its own thread and wakes the window.
    static func run(logdir: String) throws {
        let shell = try Shell(title: "hafs-viz runs — \(logdir)", width: 1600, height: 1000)
        let workspace = RunsWorkspace(logdir: logdir, onUpdate: { Window.wake() })
        let start = Date()
        shell.run(frame: { ui in
            if ui.input.pressed(KeyPress(.character("q"), .control)) { shell.window.shouldClose = true }
            workspace.frame(ui, Rect(min: .zero, max: ui.input.displaySize))
        }, idle: { workspace.idle(now: Date().timeIntervalSince(start)) })
    }
}
