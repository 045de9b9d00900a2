import Figures
import Foundation
import Terminal

/// Bars made of several parts: stacked (parts side by side on one row), diverging (left or
/// right of a zero line), ranges (min to max with a mark at the mean), and their legends.
extension Chart {
    /// The glyph of a stacked bar's part: neighbours alternate between full and dark shade, so
    /// parts stay apart without colour (`--color none`, `--ascii`).
    static func partGlyph(_ part: Int) -> String { part % 2 == 0 ? "█" : "▓" }

    /// Parts side by side from `x`: `scale` is the value that fills `width` cells. A cell belongs
    /// to the part that covers its middle, so a part under half a cell can vanish; the row's
    /// figures say every count.
    static func stackedBar(
        _ buffer: inout CellBuffer, values: [Double], scale: Double, x: Int, y: Int, width: Int, color: (Int) -> TermColor
    ) {
        guard width > 0, scale > 0, scale.isFinite else { return }
        var ends: [Double] = []
        var sum = 0.0
        for value in values {
            sum += value.isFinite ? max(value, 0) : 0
            ends.append(sum / scale * Double(width))
        }
        var part = 0
        for column in 0..<width {
            let middle = Double(column) + 0.5
            while part < ends.count, ends[part] <= middle { part += 1 }
            guard part < ends.count else { return }
            buffer[x + column, y] = Cell(partGlyph(part), foreground: color(part))
        }
    }

    /// A signed value as a bar from the zero column `zero`: right of it to an eighth of a cell
    /// when positive, left of it to half a cell when negative (no left-growing eighth blocks
    /// exist). `limit` is the magnitude that fills `reach` cells on either side.
    static func divergingBar(
        _ buffer: inout CellBuffer, value: Double, limit: Double, zero: Int, y: Int, reach: Int, color: TermColor
    ) {
        guard value.isFinite, limit > 0, reach > 0 else { return }
        let fraction = min(abs(value) / limit, 1)
        if value >= 0 {
            bar(&buffer, fraction: fraction, x: zero + 1, y: y, width: reach, color: color)
            return
        }
        let halves = Int((fraction * Double(reach * 2)).rounded())
        for step in 0..<((halves + 1) / 2) {
            let glyph = step * 2 + 1 == halves ? "▐" : "█"
            buffer[zero - 1 - step, y] = Cell(glyph, foreground: color)
        }
    }

    /// A range from `low` to `high` as a line of "━" over `width` cells spanning `range`, with
    /// "┃" at `mark` (a mean).
    static func rangeBar(
        _ buffer: inout CellBuffer, low: Double, high: Double, mark: Double, range: AxisRange, x: Int, y: Int, width: Int,
        color: TermColor
    ) {
        guard width > 1, range.span > 0, low.isFinite, high.isFinite else { return }
        let column = { (value: Double) in min(max(Int(((value - range.min) / range.span * Double(width - 1)).rounded()), 0), width - 1) }
        for c in column(low)...column(high) { buffer[x + c, y] = Cell("━", foreground: color) }
        if mark.isFinite { buffer[x + column(mark), y] = Cell("┃", foreground: TUIStyle.text, bold: true) }
    }

    /// "█ name  ▓ name …" in each part's colour, wrapped over at most `rows` rows from (x, y);
    /// returns the rows used. Names that do not fit are counted on the last row.
    @discardableResult
    static func legend(
        _ buffer: inout CellBuffer, _ names: [String], glyph: (Int) -> String = partGlyph, color: (Int) -> TermColor, x: Int, y: Int,
        width: Int, rows: Int
    ) -> Int {
        guard rows > 0, width > 4 else { return 0 }
        let entries = names.map { TextFit.cut($0, to: width - 2) }
        var placed: [(index: Int, row: Int, column: Int)] = []
        var row = 0
        var column = 0
        for index in entries.indices {
            let need = entries[index].count + 2
            if column > 0, column + need > width {
                row += 1
                column = 0
            }
            if row >= rows { break }
            placed.append((index, row, column))
            column += need + 2
        }
        var more = ""
        if placed.count < entries.count {
            // Room on the last row for "+N more": drop entries from its end until it fits.
            while let last = placed.last {
                more = "+\(entries.count - placed.count) more"
                let end = last.column + entries[last.index].count + 4
                if last.row < rows - 1 || end + more.count <= width { break }
                placed.removeLast()
            }
            more = "+\(entries.count - placed.count) more"
        }
        for entry in placed {
            buffer.put(glyph(entry.index), x: x + entry.column, y: y + entry.row, foreground: color(entry.index))
            buffer.put(entries[entry.index], x: x + entry.column + 2, y: y + entry.row, foreground: TUIStyle.text)
        }
        if !more.isEmpty {
            let last = placed.last.map { (row: $0.row, column: $0.column + entries[$0.index].count + 4) } ?? (row: 0, column: 0)
            buffer.put(more, x: x + last.column, y: y + last.row, foreground: TUIStyle.dim, limit: width - last.column)
        }
        return (placed.last?.row ?? 0) + 1
    }
}
