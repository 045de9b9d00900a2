import Figures
import HafsVizModel
import Terminal

/// A record table in cells: a header, the rows as filtered and sorted by the window's rule
/// (`TableSort.order`), the selected row highlighted and kept in view, a line saying how many
/// rows pass the filter. Columns get the width their longest text wants; when they do not fit,
/// text columns that may shrink give way first and are cut with an ellipsis.
enum CellTable {
    /// Draws the table into `area`; the rows a page holds (for Page Up/Down).
    @discardableResult
    static func draw(
        columns: [TableColumn], rows tableRows: [TableRow], order: [Int], selection: String?, filter: String, typing: Bool,
        filterable: Bool = true, into buffer: inout CellBuffer, _ area: Area
    ) -> Int {
        guard area.height >= 3, area.width >= 10 else { return 1 }
        let filterText =
            typing ? "/\(filter)▏" : filter.isEmpty ? "/ filters" : "/\(filter)"
        let count = filterable ? "\(order.count) of \(tableRows.count) rows · " + filterText : "\(tableRows.count) rows"
        buffer.put(
            TextFit.cut(count, to: area.width), x: area.x, y: area.y + area.height - 1, foreground: typing ? TUIStyle.accent : TUIStyle.dim)
        let widths = columnWidths(columns: columns, rows: tableRows, order: order, width: area.width)
        var x = area.x
        for (column, width) in zip(columns, widths) where width > 0 {
            put(column.title, numeric: column.numeric, x: x, y: area.y, width: width, &buffer, color: TUIStyle.dim, bold: true)
            x += width + 1
        }
        let rows = area.height - 2
        let selected = selection.flatMap { id in order.firstIndex { tableRows[$0].id == id } }
        let first = selected.map { max(0, min($0 - rows / 2, order.count - rows)) } ?? 0
        for (offset, rowIndex) in order.dropFirst(max(first, 0)).prefix(rows).enumerated() {
            let row = tableRows[rowIndex]
            let y = area.y + 1 + offset
            let isSelected = row.id == selection
            if isSelected { buffer.fill(x: area.x, y: y, width: area.width, height: 1, with: Cell(" ", background: TUIStyle.selection)) }
            var x = area.x
            for (index, width) in widths.enumerated() where width > 0 {
                let text = row.cells.indices.contains(index) ? row.cells[index].text : ""
                put(
                    text, numeric: columns[index].numeric, x: x, y: y, width: width, &buffer, color: TUIStyle.text,
                    background: isSelected ? TUIStyle.selection : nil)
                x += width + 1
            }
        }
        return max(rows, 1)
    }

    /// Each column's width: what its longest text wants, then text columns that shrink give way.
    static func columnWidths(columns: [TableColumn], rows: [TableRow], order: [Int], width: Int) -> [Int] {
        var widths = columns.enumerated().map { index, column in
            order.prefix(500).reduce(column.title.count) { longest, row in
                max(longest, rows[row].cells.indices.contains(index) ? rows[row].cells[index].text.count : 0)
            }
        }
        var excess = widths.reduce(0, +) + max(widths.count - 1, 0) - width
        for index in widths.indices where excess > 0 && columns[index].givesWay {
            let cut = min(excess, max(widths[index] - 6, 0))
            widths[index] -= cut
            excess -= cut
        }
        // Still too wide: the columns at the right are left out.
        var used = 0
        for index in widths.indices {
            if used + widths[index] > width { widths[index] = max(width - used, 0) }
            used += widths[index] + 1
        }
        return widths
    }

    private static func put(
        _ text: String, numeric: Bool, x: Int, y: Int, width: Int, _ buffer: inout CellBuffer, color: TermColor,
        background: TermColor? = nil, bold: Bool = false
    ) {
        let fitted = TextFit.cut(text, to: width)
        let start = numeric ? x + width - fitted.count : x
        buffer.put(fitted, x: start, y: y, foreground: color, background: background, bold: bold, limit: width)
    }
}
