// The Runs workspace's commands: Ctrl+O and Recent, then the session's (CSV export, pause, the x
// axis, replay, log y, smoothing), which the terminal binds too. None needs a UI to run.

import Figures
import Foundation
import HafsVizCore
import HafsVizModel
import Immediate

extension RunsWorkspace {
    /// The workspace's commands: keys, menu items and help lines in one place.
    public func actions() -> [Action] {
        var actions = [
            Action(
                "Open Logdir…", menu: "Data", keys: [KeyPress(.character("o"), .control)], keyText: "Ctrl+O",
                help: "Open another logdir (the path completes with Tab)"
            ) { [unowned self] in
                host?.askForDirectory(
                    title: "Open Logdir", initial: RecentPaths.absolute(LogdirList.split(model.logdir).first ?? model.logdir)
                ) { [weak self] path in
                    self?.open(logdir: path)
                }
            }
        ]
        actions += RecentPaths.actions(recentLogdirs, current: RecentPaths.absolute(model.logdir)) { [unowned self] path in
            open(logdir: path)
        }
        return actions + session.actions()
    }
}
