import Figures
import HafsVizModel
import Terminal

/// F9 or `m` in the terminal: the window's menu bar as one list. Every command the workspace and
/// the terminal have with a menu (`Action.menu`), under its menu's name, checked and enabled as
/// the window shows it; ↑/↓ pick, Enter runs, Esc closes.
struct MenuScreen {
    /// Commands with a menu, grouped by menu in the window's order (File, Data, View, then any other).
    static func items(_ actions: [Action]) -> [Action] {
        let order = ["File", "Data", "View"]
        let withMenu = actions.filter { $0.menu != nil }
        let menus =
            order
            + withMenu.compactMap(\.menu).filter { !order.contains($0) }.reduce(into: [String]()) {
                if !$0.contains($1) { $0.append($1) }
            }
        return menus.flatMap { menu in withMenu.filter { $0.menu == menu } }
    }

    let items: [Action]
    let selected: Int

    func draw(into buffer: inout CellBuffer, _ area: Area) {
        let lines = items.map { action -> (menu: String, title: String, keys: String) in
            let mark = action.isChecked.map { $0() ? "✓ " : "  " } ?? "  "
            return (action.menu ?? "", mark + action.title, action.keyText ?? "")
        }
        let menuWidth = (lines.map(\.menu.count).max() ?? 0) + 3
        let keyWidth = (lines.map(\.keys.count).max() ?? 0) + 2
        let width = min(area.width - 4, max(50, menuWidth + (lines.map(\.title.count).max() ?? 0) + keyWidth + 6))
        let height = min(area.height - 2, lines.count + 3)
        let box = Area(x: area.x + (area.width - width) / 2, y: area.y + (area.height - height) / 2, width: width, height: height)
        buffer.fill(x: box.x, y: box.y, width: box.width, height: box.height, with: Cell(" ", background: TUIStyle.selection))
        buffer.put(
            "Menu (↑/↓ pick, Enter runs, Esc closes)", x: box.x + 2, y: box.y, foreground: TUIStyle.accent, background: TUIStyle.selection,
            bold: true, limit: box.width - 4)
        let rows = max(box.height - 2, 1)
        // The page that holds the selection.
        let first = min(max(selected - rows + 1, 0), max(lines.count - rows, 0))
        for row in 0..<min(rows, lines.count - first) {
            let index = first + row
            let line = lines[index]
            let y = box.y + 1 + row
            let isSelected = index == selected
            let background = isSelected ? TUIStyle.accent : TUIStyle.selection
            let enabled = items[index].isEnabled()
            let color = isSelected ? TUIStyle.background : enabled ? TUIStyle.text : TUIStyle.dim
            buffer.fill(x: box.x + 1, y: y, width: box.width - 2, height: 1, with: Cell(" ", background: background))
            // The menu's name on its first item only, as a heading.
            if index == 0 || items[index - 1].menu != items[index].menu || row == 0 {
                buffer.put(
                    line.menu, x: box.x + 2, y: y, foreground: isSelected ? TUIStyle.background : TUIStyle.dim, background: background)
            }
            buffer.put(
                TextFit.cut(line.title, to: box.width - menuWidth - keyWidth - 3), x: box.x + 1 + menuWidth, y: y, foreground: color,
                background: background)
            buffer.put(
                line.keys, x: box.x + box.width - 2 - line.keys.count, y: y, foreground: isSelected ? TUIStyle.background : TUIStyle.accent,
                background: background)
        }
        if lines.count > rows {
            buffer.put(
                "\(selected + 1) of \(lines.count)", x: box.x + 2, y: box.y + box.height - 1, foreground: TUIStyle.dim,
                background: TUIStyle.selection)
        }
    }
}
