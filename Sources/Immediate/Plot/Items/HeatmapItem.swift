import Figures
import Foundation

/// A grid of values as coloured cells, with a colour bar beside the plot and each cell's text
/// where it fits. Column c spans x c−0.5…c+0.5; row 0 is at the top (y = rows − 1), so category
/// ticks from `HeatmapItem.columnTicks` / `rowTicks` line up. Non-finite cells stay empty and say
/// "no value" on hover.
public struct HeatmapItem: PlotItem {
    public var label: String
    /// `values[row][column]`; short rows are padded with empty cells.
    public var values: [[Double]]
    public var rowLabels: [String]
    public var columnLabels: [String]
    /// The colour scale's range; the finite values' min…max when nil.
    public var range: AxisRange?
    public var colormap: Colormap
    /// Text in each cell (same shape as `values`); nil: the value itself.
    public var cellTexts: [[String]]?
    /// A second line for each cell's hover (e.g. "34% of this generator's rejections").
    public var hoverNotes: [[String]]?

    public init(
        label: String, values: [[Double]], rowLabels: [String], columnLabels: [String], range: AxisRange? = nil,
        colormap: Colormap = .viridis
    ) {
        self.label = label
        self.values = values
        self.rowLabels = rowLabels
        self.columnLabels = columnLabels
        self.range = range
        self.colormap = colormap
    }

    public var rows: Int { values.count }
    public var columns: Int { values.map(\.count).max() ?? 0 }

    /// The value range the colours span.
    public var valueRange: AxisRange {
        if let range { return range }
        var lo = Double.infinity
        var hi = -Double.infinity
        for row in values {
            for v in row where v.isFinite {
                lo = min(lo, v)
                hi = max(hi, v)
            }
        }
        return lo <= hi ? AxisRange(lo, hi) : AxisRange(0, 1)
    }

    /// x-axis ticks naming the columns.
    public static func columnTicks(_ labels: [String]) -> [(value: Double, label: String)] {
        labels.enumerated().map { (Double($0.offset), $0.element) }
    }

    /// y-axis ticks naming the rows (row 0 at the top).
    public static func rowTicks(_ labels: [String]) -> [(value: Double, label: String)] {
        labels.enumerated().map { (Double(labels.count - 1 - $0.offset), $0.element) }
    }

    public var legendEntries: [PlotLegendEntry] { [] }

    public var colorScale: PlotColorScale? { PlotColorScale(label: label, range: valueRange, colormap: colormap) }

    public func addBounds(to bounds: inout PlotBounds) {
        guard rows > 0, columns > 0 else { return }
        bounds.includeX(-0.5, Double(columns) - 0.5)
        bounds.includeY(-0.5, Double(rows) - 0.5)
    }

    func value(row: Int, column: Int) -> Double {
        row < values.count && column < values[row].count ? values[row][column] : .nan
    }

    func cellRect(row: Int, column: Int, _ t: PlotTransform) -> Rect {
        let y = Double(rows - 1 - row)
        return Rect(min: Vec2(t.px(Double(column) - 0.5), t.py(y + 0.5)), max: Vec2(t.px(Double(column) + 0.5), t.py(y - 0.5)))
    }

    public func draw(_ context: PlotDrawContext) {
        let ui = context.ui
        let t = context.transform
        let font = ui.font
        let range = valueRange
        var texts: [(String, Vec2, Color)] = []
        ui.draw { list in
            for row in 0..<rows {
                for column in 0..<columns {
                    let value = value(row: row, column: column)
                    guard value.isFinite else { continue }
                    let rect = cellRect(row: row, column: column, t)
                    let fill = colormap.color(of: value, in: range)
                    // A one-pixel gap keeps neighbouring cells apart.
                    list.addRectFilled(Rect(min: rect.min, max: rect.max - Vec2(1, 1)), fill)
                    let text =
                        cellTexts.flatMap { row < $0.count && column < $0[row].count ? $0[row][column] : nil } ?? Format.value(value)
                    let width = font.measure(text)
                    guard width <= rect.width - 4, font.lineHeight <= rect.height - 2 else { continue }
                    let ink = fill.luminance > 0.35 ? Color(hex: 0x111111) : Color(hex: 0xF4F4F4)
                    texts.append((text, Vec2(rect.center.x - width / 2, rect.center.y - font.lineHeight / 2), ink))
                }
            }
        }
        for (text, origin, ink) in texts { ui.label(text, at: origin, color: ink) }
    }

    public func hit(_ query: PlotHoverQuery) -> PlotHit? {
        let data = query.data
        let column = Int((data.x + 0.5).rounded(.down))
        let row = rows - 1 - Int((data.y + 0.5).rounded(.down))
        guard column >= 0, column < columns, row >= 0, row < rows else { return nil }
        let value = value(row: row, column: column)
        let rowName = row < rowLabels.count ? rowLabels[row] : "row \(row)"
        let columnName = column < columnLabels.count ? columnLabels[column] : "column \(column)"
        var detail = "\(rowName) × \(columnName)\n" + (value.isFinite ? Format.value(value) : "no value")
        if let note = hoverNotes.flatMap({ row < $0.count && column < $0[row].count ? $0[row][column] : nil }), !note.isEmpty {
            detail += "\n" + note
        }
        return PlotHit(
            distance: 0,
            hover: PlotHover(
                series: label, x: Double(column), y: value, index: row * columns + column,
                isBar: true, detail: detail))
    }
}
