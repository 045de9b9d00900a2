// The Runs workspace's commands: F5, Ctrl+O and Recent, smoothing, the x axis, log y, replay,
// show all, CSV export. Each calls the workspace's state; none needs a UI to run.

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
                host?.askForDirectory(title: "Open Logdir", initial: Dashboard.absolute(model.logdir)) { [weak self] path in
                    self?.open(logdir: path)
                }
            }
        ]
        actions += RecentPaths.actions(recentLogdirs, current: Dashboard.absolute(model.logdir)) { [unowned self] path in
            open(logdir: path)
        }
        actions += [
            Action(
                "Export CSV", menu: "File", keys: [KeyPress(.character("e"), .control)], keyText: "Ctrl+E",
                help: "Export CSV of every point of the shown runs"
            ) { [unowned self] in exportCSV() },
            Action(
                paused ? "Resume" : "Pause", id: "Pause", menu: "View", keys: [KeyPress(.character(" "))], keyText: "Space",
                help: "Pause the display (reading goes on) / resume"
            ) { [unowned self] in setPaused(!paused) },
        ]
        for (index, mode) in RunsXAxis.allCases.enumerated() {
            actions.append(
                Action(
                    "X Axis: \(mode.title)", menu: "View", isChecked: { [unowned self] in xAxis == mode },
                    separatorBefore: index == 0
                ) { [unowned self] in setXAxis(mode) })
        }
        actions.append(
            Action(
                replay == nil ? "Replay" : "End Replay", id: "Replay", menu: "View", keys: [KeyPress(.character("r"))], keyText: "R",
                help: "Replay: scrub the shown runs from their first step to now (Esc ends it)",
                separatorBefore: true
            ) { [unowned self] in setReplay(replay == nil ? 1 : nil) })
        actions.append(
            Action(
                "Log Y Axis", menu: "View", keys: [KeyPress(.character("l"))], keyText: "L",
                help: "Logarithmic y axis on every chart (values ≤ 0 are counted, not drawn)",
                isChecked: { [unowned self] in logY }, separatorBefore: true
            ) { [unowned self] in setLogY(!logY) })
        return actions
    }
}
