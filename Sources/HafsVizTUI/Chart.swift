import Figures
import Terminal

/// Small pieces of terminal charts: Braille canvases put into cells, eighth-block bars, y scales.
enum Chart {
    /// The canvas's cells into the buffer at (x, y), each in its series' colour (`color` maps
    /// a series index to it; the palette's by default).
    static func blit(
        _ canvas: BrailleCanvas, into buffer: inout CellBuffer, x: Int, y: Int, color: (Int) -> TermColor = { TUIStyle.series($0) }
    ) {
        for row in 0..<canvas.height {
            for column in 0..<canvas.width {
                let cell = canvas.cell(column, row)
                guard cell.series >= 0 else { continue }
                buffer[x + column, y + row] = Cell(String(cell.character), foreground: color(cell.series))
            }
        }
    }

    /// A dotted vertical marker (a cursor) in the cells of a column that hold no dots.
    static func marker(_ buffer: inout CellBuffer, x: Int, y: Int, height: Int, color: TermColor) {
        for row in y..<(y + max(height, 0)) where buffer[x, row].text == " " {
            buffer[x, row] = Cell("┊", foreground: color)
        }
    }

    static let eighths: [Character] = [" ", "▏", "▎", "▍", "▌", "▋", "▊", "▉", "█"]
    static let rising: [Character] = [" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    /// A horizontal bar of `fraction` × `width` cells, to an eighth of a cell.
    static func bar(_ buffer: inout CellBuffer, fraction: Double, x: Int, y: Int, width: Int, color: TermColor) {
        guard width > 0, fraction.isFinite else { return }
        let eighthsLong = Int((min(max(fraction, 0), 1) * Double(width * 8)).rounded())
        for column in 0..<width {
            let filled = min(max(eighthsLong - column * 8, 0), 8)
            if filled > 0 { buffer[x + column, y] = Cell(String(eighths[filled]), foreground: color) }
        }
    }

    /// A vertical column of `fraction` × `height` cells rising from row `bottom`.
    static func column(_ buffer: inout CellBuffer, fraction: Double, x: Int, bottom: Int, height: Int, color: TermColor) {
        guard height > 0, fraction.isFinite else { return }
        let eighthsHigh = Int((min(max(fraction, 0), 1) * Double(height * 8)).rounded())
        for row in 0..<height {
            let filled = min(max(eighthsHigh - row * 8, 0), 8)
            if filled > 0 { buffer[x, bottom - row] = Cell(String(rising[filled]), foreground: color) }
        }
    }

    /// How many of `total` rows to draw in `height`: all when they fit, else one fewer, so the
    /// last row can say how many are left out (nothing is dropped without a word).
    static func rowsShown(_ total: Int, in height: Int) -> Int {
        total <= height ? total : max(height - 1, 0)
    }

    /// "+3 more (2 shows them all)" under the rows drawn, when some were left out.
    static func moreNote(_ buffer: inout CellBuffer, total: Int, shown: Int, panel: Int, x: Int, y: Int, width: Int) {
        guard shown < total else { return }
        buffer.put(TextFit.cut("+\(total - shown) more (\(panel) shows them all)", to: width), x: x, y: y, foreground: TUIStyle.dim)
    }

    /// The range's top and bottom values down the left edge, right-aligned in `width` columns.
    static func yScale(_ buffer: inout CellBuffer, _ range: AxisRange, x: Int, y: Int, height: Int, width: Int) {
        guard height > 0 else { return }
        for (row, value) in [(0, range.max), (height - 1, range.min)] {
            // A value too long for the scale is written in scientific notation, not cut.
            let plain = Format.value(value, significant: 3)
            let text = TextFit.cut(plain.count > width ? Format.scientific(value, 1) : plain, to: width)
            buffer.put(text, x: x + width - text.count, y: y + row, foreground: TUIStyle.dim)
        }
    }
}

/// Text cut to a number of columns, with an ellipsis when it had to be.
enum TextFit {
    /// Cut in the middle: names of one sweep share a prefix and differ at the end (…/version_12).
    static func cutMiddle(_ text: String, to columns: Int) -> String {
        guard columns > 0 else { return "" }
        guard text.count > columns else { return text }
        let tail = (columns - 1) / 2
        return String(text.prefix(columns - 1 - tail)) + "…" + String(text.suffix(tail))
    }

    static func cut(_ text: String, to columns: Int) -> String {
        guard columns > 0 else { return "" }
        guard text.count > columns else { return text }
        return String(text.prefix(max(columns - 1, 0))) + "…"
    }
}
