import Figures

extension LabelSession {
    /// The labelling commands every front end binds: 0–9 label the selected point (or the
    /// lasso's), Delete removes its label, Ctrl+Z undoes, N selects the next least-certain point.
    /// - Parameter selectionChanged: after N moved the selection (the window drops its thumbnails).
    public func labellingActions(selectionChanged: @escaping () -> Void = {}) -> [Action] {
        let canLabel = { [unowned self] in self.canLabel }
        var actions: [Action] = []
        for digit in 0...9 {
            actions.append(
                Action(
                    "Label \(digit)", keys: [KeyPress(.character(Character("\(digit)")))], keyText: digit == 0 ? "0 – 9" : nil,
                    help: "Label the selected point (or the lasso's points, after a confirmation)", isEnabled: canLabel
                ) { [unowned self] in
                    labelKey(digit)
                })
        }
        actions += [
            Action(
                "Remove Label", menu: "Data", keys: [KeyPress(.delete), KeyPress(.backspace)], keyText: "Delete",
                help: "Remove the selected point's label (Backspace too)", isEnabled: canLabel
            ) { [unowned self] in removeLabel() },
            Action(
                "Undo Label", menu: "Data", keys: [KeyPress(.character("z"), .control)], keyText: "Ctrl+Z",
                help: "Undo the last labelling (again and again)", isEnabled: { [unowned self] in (book?.undoDepth ?? 0) > 0 }
            ) { [unowned self] in undo() },
            Action(
                "Next Uncertain Point", menu: "Data", keys: [KeyPress(.character("n")), KeyPress(.character("n"), .shift)],
                keyText: "N", help: "Select the unlabelled point with the lowest certainty",
                isEnabled: { [unowned self] in model != nil }
            ) { [unowned self] in
                selectNextUncertain()
                selectionChanged()
            },
        ]
        return actions
    }
}
