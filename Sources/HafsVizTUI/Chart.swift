import Figures
import Foundation
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

    /// A y axis down the left edge: tick labels at the window's "nice" values (`Ticks`),
    /// right-aligned in `width - 1` columns, each with a "┤" at its row. `logY`: the range is in
    /// log10 units and the ticks are powers of ten. With room for fewer than two ticks, the
    /// range's ends are written instead.
    static func yAxis(_ buffer: inout CellBuffer, _ range: AxisRange, logY: Bool = false, x: Int, y: Int, height: Int, width: Int) {
        guard height > 0, width > 1, range.span > 0 else {
            yScale(&buffer, logY ? AxisRange(pow(10, range.min), pow(10, range.max)) : range, x: x, y: y, height: height, width: width)
            return
        }
        let target = max(2, height / 3)
        let ticks: [(value: Double, label: String)]
        if logY {
            ticks = Ticks.log(range, target: target).map { (log10($0.value), $0.label) }
        } else {
            let (values, step) = Ticks.linear(range, target: target)
            ticks = Array(zip(values, Ticks.labels(values, step: step)))
        }
        guard ticks.count >= 2 else {
            yScale(&buffer, logY ? AxisRange(pow(10, range.min), pow(10, range.max)) : range, x: x, y: y, height: height, width: width)
            return
        }
        var taken = Set<Int>()
        for tick in ticks {
            let row = Int(((1 - (tick.value - range.min) / range.span) * Double(height - 1)).rounded())
            guard (0..<height).contains(row), taken.insert(row).inserted else { continue }
            let text = TextFit.cut(tick.label, to: width - 1)
            buffer.put(text, x: x + width - 1 - text.count, y: y + row, foreground: TUIStyle.dim)
            buffer.put("┤", x: x + width - 1, y: y + row, foreground: TUIStyle.border)
        }
    }

    /// An x axis on one row under a plot `width` columns wide at `x`: tick labels at nice values
    /// (whole minutes, hours or days on a time axis), none overlapping another.
    static func xAxis(_ buffer: inout CellBuffer, _ range: AxisRange, isTime: Bool, x: Int, y: Int, width: Int) {
        guard width > 0, range.span > 0 else { return }
        let target = max(2, width / 14)
        let labels: [(Double, String)]
        if isTime {
            let (values, step) = Ticks.time(range, target: target)
            labels = values.map { ($0, Ticks.formatTime($0, step: step)) }
        } else {
            let (values, step) = Ticks.linear(range, target: target)
            labels = Array(zip(values, Ticks.labels(values, step: step)))
        }
        var free = x
        for (value, label) in labels {
            let column = x + Int(((value - range.min) / range.span * Double(width - 1)).rounded())
            let start = min(max(column - label.count / 2, x), x + width - label.count)
            guard start >= free else { continue }
            buffer.put(label, x: start, y: y, foreground: TUIStyle.dim)
            free = start + label.count + 1
        }
    }

    /// The range's top and bottom values down the left edge, right-aligned in `width` columns
    /// (a chart too short for ticks).
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
