import Figures
import Foundation
import HafsVizCore
import HafsVizModel
import Immediate

/// The strip under Quality Trends: buttons for the preset ranges, then the whole history's
/// entries over time (a small density chart) with the current range shaded. Dragging across the
/// chart picks a range of its own; a click without a drag goes back to all.
enum TimeRangeStrip {
    static func height(_ style: Style) -> Float { style.rowHeight + 12 * style.scale }

    /// When the range holds no entry at all, says so over the view, with the span the history
    /// does cover and a button back to all of it (an empty plot alone says nothing).
    static func drawEmptyNotice(_ dashboard: Dashboard, _ ui: UIContext, _ rect: Rect) {
        let model = dashboard.model
        guard model.filter.range != .all, model.selection.inRange == 0, let history = model.snapshot.quality.data?.history,
            history.count > 0
        else { return }
        let style = ui.style
        var lines = ["No rejection_history entries in \(model.filter.range.name)."]
        if let span = model.historySpan {
            lines.append(
                "The history spans \(Format.shortDateTime(span.first))–\(Format.shortDateTime(span.last)) (\(history.count) entries).")
        }
        let row = ui.font.lineHeight + 4
        let width = min(rect.width - style.padding * 2, (lines.map { ui.font.measure($0) }.max() ?? 0) + style.padding * 4)
        let height = Float(lines.count) * row + style.rowHeight + style.padding * 3
        let box = Rect(x: rect.center.x - width / 2, y: rect.center.y - height / 2, width: width, height: height)
        ui.draw {
            $0.addRectFilled(box, style.popup)
            $0.addRect(box, style.warning)
        }
        for (index, line) in lines.enumerated() {
            let shown = ui.font.truncate(line, toFit: box.width - style.padding * 2)
            ui.label(
                shown, at: Vec2(box.center.x - ui.font.measure(shown) / 2, box.min.y + style.padding + Float(index) * row),
                color: index == 0 ? style.warning : style.text)
        }
        let buttonWidth = ui.font.measure("Show all") + style.padding * 4
        let button = Rect(
            x: box.center.x - buttonWidth / 2, y: box.max.y - style.rowHeight - style.padding, width: buttonWidth, height: style.rowHeight)
        if ui.button("Show all", button) { dashboard.setTimeRange(.all) }
    }

    static func draw(_ dashboard: Dashboard, _ ui: UIContext, _ rect: Rect) {
        let style = ui.style
        let model = dashboard.model
        let current = dashboard.options.timeRange
        var x = rect.min.x
        for (range, title) in [(TimeRange.all, "All"), (.lastWeek, "Week"), (.lastDay, "Day"), (.lastHour, "Hour")] {
            let width = ui.font.measure(title) + style.padding * 3
            let button = Rect(x: x, y: rect.min.y, width: width, height: rect.height)
            if ui.button(title, button) { dashboard.setTimeRange(range) }
            if current == range {
                ui.draw { $0.addRectFilled(Rect(min: Vec2(button.min.x, button.max.y - 2 * style.scale), max: button.max), style.accent) }
            }
            x += width + 2
        }
        let (chart, labelArea) = Rect(min: Vec2(x + style.padding, rect.min.y), max: rect.max).splitLeft(
            max(0, rect.max.x - x - style.padding - min(360 * style.scale, rect.width * 0.35)))
        guard let span = model.historySpan, chart.width > 20 else {
            ui.label(
                model.historySpan == nil ? "no timestamps in rejection_history: time ranges need them" : current.name, in: labelArea,
                color: style.textDim)
            return
        }
        drawDensity(model, ui, chart, span: span)
        let width = max(span.last - span.first, 1e-9)
        let px = { (t: Double) -> Float in chart.min.x + Float((t - span.first) / width) * chart.width }
        let time = { (p: Float) -> Double in span.first + Double((p - chart.min.x) / chart.width) * width }
        if let window = model.selection.window {
            let lo = max(chart.min.x, px(window.lowerBound))
            let hi = min(chart.max.x, px(window.upperBound))
            ui.draw { list in
                list.addRectFilled(Rect(min: Vec2(lo, chart.min.y), max: Vec2(max(hi, lo + 2), chart.max.y)), style.accent.withAlpha(0.25))
                list.addRect(Rect(min: Vec2(lo, chart.min.y), max: Vec2(max(hi, lo + 2), chart.max.y)), style.accent)
            }
        }
        // Drag: a range of its own, shown while dragging, set on release.
        let stripID = ui.id("time-strip")
        let interaction = ui.interact(stripID, chart)
        var dragStart = ui.state(for: stripID) { Float.nan }
        if interaction.pressed, let mouse = ui.input.mouse { dragStart = mouse.x }
        if interaction.held, !dragStart.isNaN, let mouse = ui.input.mouse {
            let lo = min(dragStart, mouse.x)
            let hi = max(dragStart, mouse.x)
            ui.draw {
                $0.addRectFilled(
                    Rect(min: Vec2(max(lo, chart.min.x), chart.min.y), max: Vec2(min(hi, chart.max.x), chart.max.y)),
                    style.accent.withAlpha(0.35))
            }
            ui.tooltip(
                "\(Format.shortDateTime(time(max(lo, chart.min.x))))–\(Format.shortDateTime(time(min(hi, chart.max.x)))) (release to show)")
            ui.requestRedraw()
        } else if !dragStart.isNaN, !interaction.held {
            if let mouse = ui.input.mouse {
                let lo = max(min(dragStart, mouse.x), chart.min.x)
                let hi = min(max(dragStart, mouse.x), chart.max.x)
                dashboard.setTimeRange(hi - lo < 3 ? .all : .between(start: time(lo), end: time(hi)))
            }
            dragStart = .nan
        } else if interaction.hovered, !interaction.held {
            ui.tooltip(
                "rejection_history entries over time, \(Format.shortDateTime(span.first))–\(Format.shortDateTime(span.last))\ndrag to show a range · click: all"
            )
        }
        ui.setState(dragStart, for: stripID)
        var text = current.name
        if let window = model.selection.window, current.seconds != nil {
            text += ": \(Format.shortDateTime(window.lowerBound))–\(Format.shortDateTime(window.upperBound))"
        }
        text += " · \(model.selection.inRange) entries"
        ui.label(text, in: labelArea, color: current == .all ? style.textDim : style.text)
    }

    /// Entries per time bucket as thin bars, scaled to the fullest bucket.
    private static func drawDensity(
        _ model: DashboardModel, _ ui: UIContext, _ chart: Rect, span: (first: Double, last: Double, timed: Int)
    ) {
        let style = ui.style
        let density = model.timeDensity
        let fullest = Float(density.max() ?? 1)
        ui.draw { list in
            list.addRectFilled(chart, style.plotBackground)
            list.addRect(chart, style.panelBorder)
            let step = chart.width / Float(density.count)
            for (index, count) in density.enumerated() where count > 0 {
                let height = max(1, (chart.height - 4) * Float(count) / max(fullest, 1))
                let x0 = chart.min.x + Float(index) * step
                list.addRectFilled(
                    Rect(min: Vec2(x0, chart.max.y - 2 - height), max: Vec2(x0 + max(step - 0.5, 1), chart.max.y - 2)),
                    style.textDim.withAlpha(0.6))
            }
        }
    }
}
