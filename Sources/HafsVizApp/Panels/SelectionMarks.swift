import HafsVizModel
import Immediate

/// How charts show the record selected in a table (or picked in a chart) and take a click that
/// picks one: an outline around its category, a ring around its point.
enum SelectionMarks {
    /// Outlines category `position` across the plot: a row for horizontal bars, a column
    /// otherwise. Nothing when it is scrolled out of view.
    static func outline(_ ui: UIContext, _ t: PlotTransform, position: Double, horizontal: Bool, halfWidth: Double = 0.45) {
        let area = t.area
        let rect: Rect
        if horizontal {
            let a = t.py(position - halfWidth)
            let b = t.py(position + halfWidth)
            rect = Rect(min: Vec2(area.min.x, max(area.min.y, min(a, b))), max: Vec2(area.max.x, min(area.max.y, max(a, b))))
        } else {
            let a = t.px(position - halfWidth)
            let b = t.px(position + halfWidth)
            rect = Rect(min: Vec2(max(area.min.x, min(a, b)), area.min.y), max: Vec2(min(area.max.x, max(a, b)), area.max.y))
        }
        guard rect.width > 1, rect.height > 1 else { return }
        let thickness = 2 * ui.style.scale
        ui.draw { list in
            list.addRectFilled(rect, ui.style.accent.withAlpha(0.10))
            list.addRect(rect, ui.style.accent, thickness: thickness)
        }
    }

    /// A ring around the point (x, y) in data units.
    static func ring(_ ui: UIContext, _ t: PlotTransform, x: Double, y: Double, radius: Float) {
        let center = Vec2(t.px(x), t.py(y))
        guard t.area.contains(center) else { return }
        let thickness = 2 * ui.style.scale
        ui.draw { $0.addAnnularSector(center: center, inner: radius, outer: radius + thickness, from: 0, to: 2 * .pi, ui.style.accent) }
    }

    /// The category clicked in this plot (a press and release without a drag, so a pan does
    /// not pick), rounded to the nearest whole position; nil without such a click.
    static func clickedCategory(_ ui: UIContext, _ result: PlotResult, horizontal: Bool) -> Int? {
        guard clicked(ui, result), let mouse = ui.input.mouse else { return nil }
        let value = horizontal ? result.transform.dataY(mouse.y) : result.transform.dataX(mouse.x)
        let rounded = value.rounded()
        guard value.isFinite, abs(value - rounded) < 0.45 else { return nil }
        return Int(rounded)
    }

    /// Whether the plot was clicked (not dragged) this frame, for picks by the hovered point.
    static func clicked(_ ui: UIContext, _ result: PlotResult) -> Bool {
        guard result.isHovered, ui.input.wasReleased(.left), let mouse = ui.input.mouse else { return false }
        let press = ui.input.pressPosition[MouseButton.left.rawValue]
        let dx = mouse.x - press.x
        let dy = mouse.y - press.y
        return dx * dx + dy * dy < 16 * ui.style.scale * ui.style.scale
    }
}
