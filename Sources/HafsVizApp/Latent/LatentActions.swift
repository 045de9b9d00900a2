// The Latent workspace's commands: digits label, Delete removes, Ctrl+Z undoes, N walks the least
// certain points, Enter confirms a lasso's label, Ctrl+O and F5 read a directory, the colour
// modes, and the training pane's Start/Cancel. They call the `LabelSession`; no UI is needed.

import Figures
import HafsVizModel

extension LatentWorkspace {
    public func actions() -> [Action] {
        var actions: [Action] = []
        let canLabel = { [unowned self] in session.canLabel }
        for digit in 0...9 {
            actions.append(
                Action(
                    "Label \(digit)", keys: [KeyPress(.character(Character("\(digit)")))], keyText: digit == 0 ? "0 – 9" : nil,
                    help: "Label the selected point (or the lasso's points, after a confirmation)", isEnabled: canLabel
                ) { [unowned self] in
                    session.labelKey(digit)
                })
        }
        actions += [
            Action(
                "Remove Label", menu: "Data", keys: [KeyPress(.delete), KeyPress(.backspace)], keyText: "Delete",
                help: "Remove the selected point's label (Backspace too)", isEnabled: canLabel
            ) { [unowned self] in session.removeLabel() },
            Action(
                "Undo Label", menu: "Data", keys: [KeyPress(.character("z"), .control)], keyText: "Ctrl+Z",
                help: "Undo the last labelling (again and again)", isEnabled: { [unowned self] in (session.book?.undoDepth ?? 0) > 0 }
            ) { [unowned self] in session.undo() },
            Action(
                "Next Uncertain Point", menu: "Data", keys: [KeyPress(.character("n"))], keyText: "N",
                help: "Select the unlabelled point with the lowest certainty", isEnabled: { [unowned self] in session.model != nil }
            ) { [unowned self] in
                session.selectNextUncertain()
                thumbnails = nil
            },
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
                host?.askForDirectory(title: "Open Latent Directory", initial: directory) { [unowned self] path in open(path) }
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
