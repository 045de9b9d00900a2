import Figures
import Foundation

/// Box summaries side by side (one per category, e.g. score per domain): the box from Q1 to Q3,
/// the median across it, whiskers to the furthest values within 1.5 × IQR, outliers as dots.
/// A category without finite values has no box and says so on hover.
public struct BoxItem: PlotItem {
    public var label: String
    public var positions: [Double]
    public var stats: [BoxStats?]
    /// Names of the categories, for the hover.
    public var names: [String]
    public var width: Double
    public var horizontal: Bool
    public var color: Color

    public init(
        label: String, positions: [Double], stats: [BoxStats?], names: [String], width: Double = 0.6, horizontal: Bool = false,
        color: Color
    ) {
        self.label = label
        self.positions = positions
        self.stats = stats
        self.names = names
        self.width = width
        self.horizontal = horizontal
        self.color = color
    }

    private var count: Int { min(positions.count, stats.count) }

    public var legendEntries: [PlotLegendEntry] {
        label.isEmpty ? [] : [PlotLegendEntry(key: label, text: label, color: color)]
    }

    public func addBounds(to bounds: inout PlotBounds) {
        for i in 0..<count {
            let a = positions[i] - width / 2
            let b = positions[i] + width / 2
            if horizontal { bounds.includeY(a, b) } else { bounds.includeX(a, b) }
            guard let s = stats[i] else { continue }
            if horizontal { bounds.includeX(s.minimum, s.maximum) } else { bounds.includeY(s.minimum, s.maximum) }
        }
    }

    /// Pixel point at (position along the categories, value).
    private func point(_ t: PlotTransform, _ along: Double, _ value: Double) -> Vec2 {
        horizontal ? Vec2(t.px(value), t.py(along)) : Vec2(t.px(along), t.py(value))
    }

    public func draw(_ context: PlotDrawContext) {
        let t = context.transform
        let ui = context.ui
        let emphasis = context.emphasis(label)
        let stroke = color.withAlpha(emphasis)
        let thickness = (context.isHighlighted(label) ? 2 : 1.2) * ui.style.scale
        ui.draw { list in
            for i in 0..<count {
                guard let s = stats[i] else { continue }
                let p = positions[i]
                let half = width / 2
                let box = Rect(
                    min: pointwiseMin(point(t, p - half, s.q1), point(t, p + half, s.q3)),
                    max: pointwiseMax(point(t, p - half, s.q1), point(t, p + half, s.q3)))
                list.addRectFilled(box, color.withAlpha(0.35 * emphasis))
                list.addRect(box, stroke, thickness: thickness)
                list.addLine(point(t, p - half, s.median), point(t, p + half, s.median), stroke, thickness: thickness * 2)
                for (from, to) in [(s.q1, s.whiskerLow), (s.q3, s.whiskerHigh)] {
                    list.addLine(point(t, p, from), point(t, p, to), stroke, thickness: thickness)
                    list.addLine(point(t, p - half / 2, to), point(t, p + half / 2, to), stroke, thickness: thickness)
                }
                for value in s.outliers { list.addCircleFilled(point(t, p, value), radius: 2 * ui.style.scale, stroke) }
            }
        }
    }

    public func hit(_ query: PlotHoverQuery) -> PlotHit? {
        let data = query.data
        let along = horizontal ? data.y : data.x
        let across = horizontal ? data.x : data.y
        for i in 0..<count where abs(along - positions[i]) <= width / 2 {
            let name = i < names.count ? names[i] : "\(i)"
            // Over the box, its whiskers or outliers (not the empty space above or below them).
            if let s = stats[i], across < s.minimum - (s.maximum - s.minimum) * 0.02 || across > s.maximum + (s.maximum - s.minimum) * 0.02
            {
                continue
            }
            guard let s = stats[i] else {
                return PlotHit(
                    distance: 0, hover: PlotHover(series: name, x: positions[i], y: .nan, index: i, isBar: true, detail: "no finite values")
                )
            }
            let f = { (value: Double) in Format.value(value) }
            var detail = "n = \(s.count)\(s.nonFiniteCount > 0 ? " (+\(s.nonFiniteCount) non-finite)" : "")\n"
            detail += "median \(f(s.median)) · mean \(f(s.mean))\nQ1 \(f(s.q1)) · Q3 \(f(s.q3))\nmin \(f(s.minimum)) · max \(f(s.maximum))"
            if !s.outliers.isEmpty { detail += "\n\(s.outliers.count) outlier\(s.outliers.count == 1 ? "" : "s")" }
            return PlotHit(distance: 0, hover: PlotHover(series: name, x: positions[i], y: s.median, index: i, isBar: true, detail: detail))
        }
        return nil
    }
}
