// The Latent workspace's commands: the session's labelling keys (digits, Delete, Ctrl+Z, N; the
// terminal binds the same), Enter confirms a lasso's label, Ctrl+O and F5 read a directory, the
// colour modes, and the training pane's Start/Cancel. None needs a UI to run.

import Figures
import HafsVizModel

extension LatentWorkspace {
    public func actions() -> [Action] {
        var actions = session.labellingActions { [unowned self] in thumbnails = nil }
        actions += [
            Action(
                "Confirm Lasso Label", keys: [KeyPress(.enter)], help: "Label the lasso's points",
                isEnabled: { [unowned self] in session.lassoLabelPending != nil }
            ) { [unowned self] in
                session.confirmLasso()
                lassoPath = nil
            },
            Action(
                "Open Latent Directory…", menu: "Data", keys: [KeyPress(.character("o"), .control)], keyText: "Ctrl+O",
                help: "Open another latent directory", separatorBefore: true
            ) { [unowned self] in
                host?.askForDirectory(title: "Open Latent Directory", initial: directory) { [unowned self] path in
                    open(path)
                }
            },
            Action("Reload", menu: "Data", keys: [KeyPress(.f(5))], keyText: "F5", help: "Read the latent directory again") {
                [unowned self] in
                reload()
            },
        ]
        for mode in session.availableColorModes {
            actions.append(
                Action(
                    "Colour by \(mode.title)", menu: "View", isChecked: { [unowned self] in session.colorMode == mode },
                    separatorBefore: mode == .labels
                ) { [unowned self] in setColorMode(mode) })
        }
        actions += training.actions(
            canStart: { [unowned self] in session.book != nil }, beforeStart: { [unowned self] in session.book?.flush() })
        return actions
    }
}
