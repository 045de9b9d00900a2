import Figures
import HafsVizModel
import Terminal

/// F1 in the terminal: every command with a key, as the window's Keyboard Shortcuts list them,
/// from the same actions (their key text, their help line), in a box over the workspace.
struct HelpScreen {
    let sections: [(title: String, actions: [Action])]

    /// The lines of the box: a title per section, then "keys  help" per command with keys.
    var lines: [(keys: String, text: String, isTitle: Bool)] {
        var lines: [(String, String, Bool)] = []
        for section in sections {
            lines.append(("", section.title, true))
            for action in section.actions where !action.keys.isEmpty {
                // Commands sharing a line ("1 – 4") name their keys once, on the first.
                guard let keys = action.keyText ?? HelpScreen.describe(action.keys[0], alone: action.keys.count == 1) else { continue }
                lines.append((keys, action.help ?? action.title, false))
            }
        }
        return lines
    }

    /// How a key is written in help ("Alt+1", "Shift+S", "F5", "Page Down"); nil for a second
    /// key of a range the first one names.
    static func describe(_ press: KeyPress, alone: Bool) -> String? {
        var parts: [String] = []
        if press.modifiers.contains(.control) { parts.append("Ctrl") }
        if press.modifiers.contains(.alt) { parts.append("Alt") }
        if press.modifiers.contains(.shift) { parts.append("Shift") }
        let name: String
        switch press.key {
        case .escape: name = "Esc"
        case .enter: name = "Enter"
        case .tab: name = "Tab"
        case .backspace: name = "Backspace"
        case .delete: name = "Delete"
        case .home: name = "Home"
        case .end: name = "End"
        case .pageUp: name = "Page Up"
        case .pageDown: name = "Page Down"
        case .left: name = "←"
        case .right: name = "→"
        case .up: name = "↑"
        case .down: name = "↓"
        case .f(let n): name = "F\(n)"
        case .character(" "): name = "Space"
        case .character(let c): name = String(c).uppercased()
        }
        return (parts + [name]).joined(separator: "+")
    }

    func draw(into buffer: inout CellBuffer, _ area: Area) {
        let lines = self.lines
        let keyWidth = min((lines.map(\.keys.count).max() ?? 0) + 2, 22)
        let width = min(area.width - 4, max(60, keyWidth + (lines.map(\.text.count).max() ?? 0) + 4))
        let height = min(area.height - 2, lines.count + 3)
        let box = Area(x: area.x + (area.width - width) / 2, y: area.y + (area.height - height) / 2, width: width, height: height)
        buffer.fill(x: box.x, y: box.y, width: box.width, height: box.height, with: Cell(" ", background: TUIStyle.selection))
        buffer.put(
            "Keyboard Shortcuts (F1 or Esc closes)", x: box.x + 2, y: box.y, foreground: TUIStyle.accent, background: TUIStyle.selection,
            bold: true)
        let rows = box.height - 2
        for (row, line) in lines.prefix(rows).enumerated() {
            let y = box.y + 1 + row
            if line.isTitle {
                buffer.put(line.text, x: box.x + 2, y: y, foreground: TUIStyle.text, background: TUIStyle.selection, bold: true)
            } else {
                buffer.put(line.keys, x: box.x + 3, y: y, foreground: TUIStyle.accent, background: TUIStyle.selection, limit: keyWidth)
                buffer.put(
                    TextFit.cut(line.text, to: box.width - keyWidth - 5), x: box.x + 3 + keyWidth, y: y, foreground: TUIStyle.text,
                    background: TUIStyle.selection)
            }
        }
        if lines.count > rows {
            buffer.put(
                "+\(lines.count - rows) more lines: a taller terminal shows them", x: box.x + 2, y: box.y + box.height - 1,
                foreground: TUIStyle.dim, background: TUIStyle.selection)
        }
    }
}
