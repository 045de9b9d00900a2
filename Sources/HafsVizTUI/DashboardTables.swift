// The Dashboard's records and pages in the terminal: a panel's table with the selected record's
// fields beside it, and the Drift Alerts and Source Details pages over the panels.

import Figures
import Foundation
import HafsVizCore
import HafsVizModel
import Terminal

extension DashboardScreen {
    /// A page over the panels: Drift Alerts as its table between the explanation and the counts,
    /// Source Details as text, as the window shows them.
    func drawPage(_ buffer: inout CellBuffer, _ name: String, _ area: Area) {
        buffer.put("\(name) (Esc closes)", x: area.x, y: area.y, foreground: TUIStyle.accent, bold: true)
        var y = area.y + 1
        let bottom = area.y + area.height
        func lines(_ texts: [String], _ color: TermColor) {
            for text in texts where y < bottom {
                buffer.put(TextFit.cut(text, to: area.width), x: area.x, y: y, foreground: color)
                y += 1
            }
        }
        if name == DashboardPages.driftTitle {
            let table = DashboardPages.driftTable(model)
            lines(table.intro, TUIStyle.dim)
            let footerRows = min(table.footer.count, 3)
            if !table.rows.isEmpty, bottom - y - footerRows >= 3 {
                let height = min(table.rows.count + 2, bottom - y - footerRows)
                CellTable.draw(
                    columns: table.columns, rows: table.rows, order: Array(table.rows.indices), selection: nil, filter: "", typing: false,
                    filterable: false, into: &buffer, Area(x: area.x, y: y, width: area.width, height: height))
                y += height
            }
            lines(table.footer, TUIStyle.dim)
        } else {
            lines(
                DashboardPages.sources(model, source: source, autoReload: options.autoReload).components(separatedBy: "\n"),
                TUIStyle.text)
        }
    }

    /// Panel `index`'s records as a table, and beside it (when there is room) every field of
    /// the selected one, as the window's inspector lists them.
    func drawTable(_ buffer: inout CellBuffer, _ index: Int, _ r: (x: Int, y: Int, w: Int, h: Int)) {
        let kind = DashboardScreen.kinds[index]
        let table = model.table(kind)
        let inspectorWidth = r.w >= 110 ? min(48, r.w / 3) : 0
        let area = Area(x: r.x, y: r.y, width: r.w - inspectorWidth - (inspectorWidth > 0 ? 1 : 0), height: r.h)
        let rows = CellTable.draw(
            columns: table.columns, rows: table.rows, order: order(kind), selection: selection[kind], filter: filters[kind] ?? "",
            typing: typingFilter && focus == index + 1,
            into: &buffer, area)
        if focus == index + 1 { pageRows = rows }
        guard inspectorWidth > 0 else { return }
        let x = r.x + r.w - inspectorWidth
        guard let id = selection[kind], let fields = table.fields(id) else {
            buffer.put(TextFit.cut("↓ selects a \(kind.noun): its fields here", to: inspectorWidth), x: x, y: r.y, foreground: TUIStyle.dim)
            return
        }
        buffer.put(TextFit.cut(table.titles[id] ?? id, to: inspectorWidth), x: x, y: r.y, foreground: TUIStyle.text, bold: true)
        var y = r.y + 1
        let nameWidth = min((fields.map(\.name.count).max() ?? 0) + 1, inspectorWidth / 2)
        for field in fields where y < r.y + r.h {
            for (line, text) in field.value.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where y < r.y + r.h {
                if line == 0 { buffer.put(TextFit.cut(field.name, to: nameWidth - 1), x: x, y: y, foreground: TUIStyle.dim) }
                buffer.put(TextFit.cut(String(text), to: inspectorWidth - nameWidth), x: x + nameWidth, y: y, foreground: TUIStyle.text)
                y += 1
            }
        }
    }
}
