import Figures
import Foundation

/// A horizontal or vertical reference line across the plot (a threshold, a mark), labelled at
/// its end on a backing so the text stays readable over data. Not in the legend. With
/// `fitted`, the fit keeps it in view (a threshold the data never reaches is still shown).
public struct ReferenceLine: PlotItem {
    public enum Orientation: Sendable { case horizontal, vertical }
    public var orientation: Orientation
    public var value: Double
    public var label: String?
    public var color: Color
    public var dashed: Bool
    public var fitted: Bool

    public init(_ orientation: Orientation, at value: Double, label: String?, color: Color, dashed: Bool, fitted: Bool = false) {
        self.orientation = orientation
        self.value = value
        self.label = label
        self.color = color
        self.dashed = dashed
        self.fitted = fitted
    }

    public var legendEntries: [PlotLegendEntry] { [] }

    public func addBounds(to bounds: inout PlotBounds) {
        guard fitted else { return }
        if orientation == .horizontal { bounds.includeY(value, value) } else { bounds.includeX(value, value) }
    }

    public func draw(_ context: PlotDrawContext) {
        let ui = context.ui
        let area = context.transform.area
        let font = ui.font
        let style = ui.style
        let horizontal = orientation == .horizontal
        let position = horizontal ? context.transform.py(value) : context.transform.px(value)
        guard position.isFinite else { return }
        // Out of view (panned or zoomed away): no line at the wrong value, but an arrow at the
        // frame pointing to where it is, and the label beside it.
        let low = horizontal ? area.min.y : area.min.x
        let high = horizontal ? area.max.y : area.max.x
        let outside: Float = position < low - 0.5 ? -1 : position > high + 0.5 ? 1 : 0
        if outside == 0 {
            let a = horizontal ? Vec2(area.min.x, position) : Vec2(position, area.min.y)
            let b = horizontal ? Vec2(area.max.x, position) : Vec2(position, area.max.y)
            ui.draw { list in
                if dashed {
                    list.addDashedLine(a, b, color, thickness: style.scale)
                } else {
                    list.addLine(a, b, color, thickness: style.scale)
                }
            }
        }
        let size = 5 * style.scale
        let edge = outside < 0 ? low : outside > 0 ? high : position
        var tip = Vec2.zero
        if outside != 0 {
            // A triangle inside the frame, its tip on the edge the line lies beyond.
            tip = horizontal ? Vec2(area.max.x - size * 2, edge) : Vec2(edge, area.min.y + size * 2)
            let back = outside * -size * 1.6
            let points =
                horizontal
                ? [tip, Vec2(tip.x - size, tip.y + back), Vec2(tip.x + size, tip.y + back)]
                : [tip, Vec2(tip.x + back, tip.y - size), Vec2(tip.x + back, tip.y + size)]
            ui.draw { $0.addConvexFilled(points, color) }
        }
        guard let label else { return }
        let arrow = outside == 0 ? "" : horizontal ? (outside < 0 ? " ↑" : " ↓") : (outside < 0 ? " ←" : " →")
        // Kept inside the plot area: never over the axis titles or the plot's title.
        let shown = font.truncateMiddle(label + arrow, toFit: max(20, (horizontal ? area.width : area.width / 2) - style.padding * 2))
        let width = font.measure(shown)
        var origin: Vec2
        if horizontal {
            let x = outside == 0 ? area.max.x - width - style.padding : tip.x - size * 1.5 - width
            let above = (outside == 0 ? position : edge) - font.lineHeight - 1
            let y = outside > 0 || above < area.min.y ? (outside == 0 ? position + 2 : edge - font.lineHeight - 2) : above
            origin = Vec2(max(area.min.x + 2, x), min(max(y, area.min.y + 1), area.max.y - font.lineHeight - 1))
        } else {
            let x = outside < 0 ? edge + size * 2 + 3 : outside > 0 ? edge - size * 2 - 3 - width : position + 3
            origin = Vec2(min(max(x, area.min.x + 2), area.max.x - width - 2), area.min.y + 2)
        }
        ui.draw {
            $0.addRectFilled(
                Rect(min: origin - Vec2(2, 0), max: origin + Vec2(width + 2, font.lineHeight)), style.background.withAlpha(0.75))
        }
        ui.label(shown, at: origin, color: color)
    }

    public func hit(_ query: PlotHoverQuery) -> PlotHit? { nil }
}

/// A shaded band across the plot between two x values (vertical) or two y values (horizontal).
public struct RegionItem: PlotItem {
    public var orientation: ReferenceLine.Orientation
    public var range: AxisRange
    public var color: Color

    public init(_ orientation: ReferenceLine.Orientation, from a: Double, to b: Double, color: Color) {
        self.orientation = orientation
        range = AxisRange(min(a, b), max(a, b))
        self.color = color
    }

    public var legendEntries: [PlotLegendEntry] { [] }
    public func addBounds(to bounds: inout PlotBounds) {}

    public func draw(_ context: PlotDrawContext) {
        let t = context.transform
        let area = t.area
        let rect =
            orientation == .horizontal
            ? Rect(min: Vec2(area.min.x, t.py(range.max)), max: Vec2(area.max.x, t.py(range.min)))
            : Rect(min: Vec2(t.px(range.min), area.min.y), max: Vec2(t.px(range.max), area.max.y))
        context.ui.draw { $0.addRectFilled(rect, color) }
    }

    public func hit(_ query: PlotHoverQuery) -> PlotHit? { nil }
}

/// A shaded band between `lower` and `upper` over `xs` (a min…max envelope, an interquartile
/// band). Segments with a non-finite end are left open.
public struct BandItem: PlotItem {
    public var label: String
    /// A `ChunkedColumn`, so a band can share the x column of a line over the same points.
    public var xs: ChunkedColumn
    public var lower: [Double]
    public var upper: [Double]
    public var color: Color
    /// The legend entry's text; nil: `label`.
    public var legendText: String?
    /// Points further apart in x than this are not joined (as `LineItem.maxGap`).
    public var maxGap = Double.infinity

    public init(label: String, xs: [Double], lower: [Double], upper: [Double], color: Color) {
        self.init(label: label, xs: ChunkedColumn(xs), lower: lower, upper: upper, color: color)
    }

    public init(label: String, xs: ChunkedColumn, lower: [Double], upper: [Double], color: Color) {
        self.label = label
        self.xs = xs
        self.lower = lower
        self.upper = upper
        self.color = color
    }

    public var legendEntries: [PlotLegendEntry] {
        label.isEmpty
            ? [] : [PlotLegendEntry(key: label, text: legendText ?? label, color: Color(r: color.r, g: color.g, b: color.b, a: 255))]
    }

    public func addBounds(to bounds: inout PlotBounds) {
        xs.withSegments(in: 0..<min(xs.count, lower.count, upper.count)) { start, segment in
            for (offset, x) in segment.enumerated() where x.isFinite {
                bounds.includeX(x, x)
                bounds.includeY(lower[start + offset], lower[start + offset])
                bounds.includeY(upper[start + offset], upper[start + offset])
            }
        }
    }

    public func draw(_ context: PlotDrawContext) {
        let t = context.transform
        let color = color.withAlpha(context.emphasis(label))
        let n = min(xs.count, lower.count, upper.count)
        guard n >= 2 else { return }
        let (first, end) = BandItem.visibleRange(xs, count: n, from: t.x.min, to: t.x.max)
        context.ui.draw { list in
            // Runs of points with finite values and no gap wider than `maxGap`, each one
            // seamless strip. Points that fall in one pixel column become one column spanning
            // their envelope: 46k points in 600 px cost 600 columns, not 92k triangles.
            var upperRun: [Vec2] = []
            var lowerRun: [Vec2] = []
            var previousX = -Double.infinity
            var column = Int.min
            var columnX: Float = 0
            var top: Float = 0
            var bottom: Float = 0
            func flushColumn() {
                guard column != Int.min else { return }
                upperRun.append(Vec2(columnX, top))
                lowerRun.append(Vec2(columnX, bottom))
                column = Int.min
            }
            func flushRun() {
                flushColumn()
                list.addFilledStrip(upper: upperRun, lower: lowerRun, color)
                upperRun.removeAll(keepingCapacity: true)
                lowerRun.removeAll(keepingCapacity: true)
            }
            xs.withSegments(in: first..<end) { start, segment in
                for (offset, x) in segment.enumerated() {
                    let i = start + offset
                    guard x.isFinite, lower[i].isFinite, upper[i].isFinite else {
                        flushRun()
                        continue
                    }
                    if previousX > -Double.infinity, x - previousX > maxGap { flushRun() }
                    previousX = x
                    let px = t.px(x)
                    let yTop = min(t.py(upper[i]), t.py(lower[i]))
                    let yBottom = max(t.py(upper[i]), t.py(lower[i]))
                    let c = Int(px.rounded(.down))
                    if c == column {
                        top = min(top, yTop)
                        bottom = max(bottom, yBottom)
                        continue
                    }
                    flushColumn()
                    column = c
                    columnX = px
                    top = yTop
                    bottom = yBottom
                }
            }
            flushRun()
        }
    }

    /// The indices to draw for the x range [lo, hi]: from the last point before it to the
    /// first after it, found by bisection when `xs` ascends (all of them otherwise).
    static func visibleRange(_ xs: ChunkedColumn, count: Int, from lo: Double, to hi: Double) -> (Int, Int) {
        var ascending = true
        var previous = -Double.infinity
        xs.withSegments(in: 0..<count) { _, segment in
            guard ascending else { return }
            for x in segment {
                if !(previous <= x) {
                    ascending = false
                    return
                }
                previous = x
            }
        }
        guard ascending else { return (0, count) }
        func lowerBound(_ value: Double) -> Int {
            var a = 0
            var b = count
            while a < b {
                let m = (a + b) / 2
                if xs[m] < value { a = m + 1 } else { b = m }
            }
            return a
        }
        return (max(0, lowerBound(lo) - 1), min(count, lowerBound(hi.nextUp) + 1))
    }

    public func hit(_ query: PlotHoverQuery) -> PlotHit? { nil }
}
