import Figures
import HafsVizModel
import Terminal

/// F1 in the terminal: every command with a key, listed as the window's Keyboard Shortcuts list
/// them (`Action.shortcutLines`), in a box over the workspace.
struct HelpScreen {
    let sections: [(title: String, actions: [Action])]

    /// The lines of the box: a title per section, then the window's shortcut lines of its commands.
    var lines: [(keys: String, text: String, isTitle: Bool)] {
        sections.flatMap { section in
            [("", section.title, true)] + Action.shortcutLines(section.actions).map { ($0.keys, $0.text, false) }
        }
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
