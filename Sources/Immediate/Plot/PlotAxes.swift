import Figures
import Foundation

// Plot axes: grid lines, tick labels, axis labels; and the colour bar of items with a colour scale.

extension UIContext {
    func drawAxes(_ t: PlotTransform, xOptions: AxisOptions, yOptions: AxisOptions, xAxisArea: Rect, yAxisArea: Rect) {
        let area = t.area
        let pad = style.padding
        let xTarget = max(2, Int(area.width / (110 * style.scale)))
        let yTarget = max(2, Int(area.height / (50 * style.scale)))
        let xTicks: [(Double, String)]
        if let fixed = xOptions.ticks {
            xTicks = fixed.filter { $0.value >= t.x.min && $0.value <= t.x.max }.map { ($0.value, $0.label) }
        } else if xOptions.isTime {
            let (values, step) = Ticks.time(t.x, target: xTarget)
            xTicks = values.map { ($0, Ticks.formatTime($0, step: step)) }
        } else {
            let (values, step) = Ticks.linear(t.x, target: xTarget)
            xTicks = Array(zip(values, Ticks.labels(values, step: step)))
        }
        let yTicks: [(Double, String)]
        if let fixed = yOptions.ticks {
            yTicks = fixed.filter { $0.value >= t.y.min && $0.value <= t.y.max }.map { ($0.value, $0.label) }
        } else if yOptions.log {
            yTicks = Ticks.log(t.y, target: yTarget).map { ($0.value, $0.label) }
        } else {
            let (values, step) = Ticks.linear(t.y, target: yTarget)
            yTicks = Array(zip(values, Ticks.labels(values, step: step)))
        }
        draw { list in
            for (value, _) in xTicks {
                let px = t.px(value).rounded()
                list.addRectFilled(Rect(min: Vec2(px, area.min.y), max: Vec2(px + 1, area.max.y)), style.grid)
            }
            for (value, _) in yTicks {
                let py = t.py(value).rounded()
                list.addRectFilled(Rect(min: Vec2(area.min.x, py), max: Vec2(area.max.x, py + 1)), style.grid)
            }
            list.addRect(area, style.axis)
        }
        // Category labels too wide for one row alternate between two, each getting two slots;
        // when even that leaves too little, only every k-th category is labelled (hover names
        // the rest through the items).
        let stagger = staggerCategoryLabels(xOptions, width: area.width)
        let rows: Float = stagger ? 2 : 1
        let perCategory = area.width / Float(max(xTicks.count, 1))
        let step = xOptions.ticks == nil ? 1 : categoryLabelStep(xTicks.map(\.1), slot: perCategory * rows)
        var lastRight = [-Float.infinity, -Float.infinity]
        for (index, (value, text)) in xTicks.enumerated() where index % step == 0 {
            let slot = perCategory * rows * Float(step) - pad
            let shown = xOptions.ticks != nil ? font.truncateKeepingNumbers(text, toFit: max(20, slot)) : text
            let width = font.measure(shown)
            let left = t.px(value) - width / 2
            let row = stagger ? (index / step) % 2 : 0
            guard left > lastRight[row] + pad else { continue }  // skip labels that would overlap
            label(shown, at: Vec2(left, xAxisArea.min.y + pad / 2 + Float(row) * font.lineHeight), color: style.textDim)
            if xOptions.ticks != nil, shown != text,
                isMouseOver(Rect(x: left, y: xAxisArea.min.y + Float(row) * font.lineHeight, width: width, height: font.lineHeight))
            {
                tooltip(text)
            }
            lastRight[row] = left + width
        }
        // The y label sits at the top of the tick column; a tick label that would meet it is left out.
        let yLabelBottom = yOptions.label != nil ? area.min.y - 2 + font.lineHeight : -Float.infinity
        // Labels closer than a line apart would overprint: fixed ones keep every k-th, and any
        // label that would still meet the one above is left out.
        let ySpacing = yTicks.count > 1 ? abs(t.py(yTicks[1].0) - t.py(yTicks[0].0)) : .infinity
        let yStep = yOptions.ticks == nil || ySpacing >= font.lineHeight ? 1 : Int((font.lineHeight / max(ySpacing, 0.01)).rounded(.up))
        var lastTop = Float.infinity
        for (index, (value, text)) in yTicks.enumerated() where index % yStep == 0 {
            let shown = yOptions.ticks != nil ? font.truncateKeepingNumbers(text, toFit: yAxisArea.width - pad * 2) : text
            let width = font.measure(shown)
            let top = t.py(value) - font.lineHeight / 2
            guard top >= yLabelBottom, abs(top - lastTop) >= font.lineHeight - 1 || lastTop == .infinity else { continue }
            label(shown, at: Vec2(yAxisArea.max.x - pad - width, top), color: style.textDim)
            lastTop = top
        }
        if let xLabel = xOptions.label {
            // Cut to the area's width with "…" (its full text on hover), never clipped mid-letter.
            let shown = font.truncateKeepingNumbers(xLabel, toFit: area.max.x - yAxisArea.min.x - pad)
            let width = font.measure(shown)
            let origin = Vec2(
                min(max(yAxisArea.min.x + pad, area.center.x - width / 2), area.max.x - width), xAxisArea.max.y - font.lineHeight - 2)
            label(shown, at: origin, color: style.textDim)
            if shown != xLabel, isMouseOver(Rect(x: origin.x, y: origin.y, width: width, height: font.lineHeight)) { tooltip(xLabel) }
        }
        if let yLabel = yOptions.label {
            label(font.truncate(yLabel, toFit: 120 * style.scale), at: Vec2(yAxisArea.min.x + 2, area.min.y - 2), color: style.textDim)
        }
    }

    /// Label every k-th of these category labels: k makes each shown label's room (k slots of
    /// `slot` pixels) hold the widest label, up to 120 px of it (longer ones are cut).
    func categoryLabelStep(_ labels: [String], slot: Float) -> Int {
        guard slot > 0, !labels.isEmpty else { return 1 }
        let widest = min(labels.map { font.measure($0) }.max() ?? 0, 120 * style.scale) + style.padding
        return max(1, Int((widest / slot).rounded(.up)))
    }

    /// Width of the colour-bar strip for `scale` (bar, gap, tick labels).
    func colorBarWidth(_ scale: PlotColorScale) -> Float {
        let (values, step) = Ticks.linear(scale.range, target: 5)
        let widest = Ticks.labels(values, step: step).map { font.measure($0) }.max() ?? 0
        return 14 * style.scale + style.padding * 3 + widest
    }

    /// A vertical colour bar in `rect`: the map from bottom (min) to top (max), ticked.
    func drawColorBar(_ scale: PlotColorScale, in rect: Rect) {
        let pad = style.padding
        let bar = Rect(min: Vec2(rect.min.x + pad, rect.min.y), max: Vec2(rect.min.x + pad + 14 * style.scale, rect.max.y))
        let steps = max(2, min(64, Int(bar.height / 3)))
        draw { list in
            for s in 0..<steps {
                let y0 = bar.max.y - bar.height * Float(s + 1) / Float(steps)
                let y1 = bar.max.y - bar.height * Float(s) / Float(steps)
                list.addRectFilled(
                    Rect(min: Vec2(bar.min.x, y0), max: Vec2(bar.max.x, y1 + 0.5)),
                    scale.colormap.color(at: (Double(s) + 0.5) / Double(steps)))
            }
            list.addRect(bar, style.axis)
        }
        let range = scale.range.span > 0 ? scale.range : scale.range.padded(0)
        let (values, step) = Ticks.linear(range, target: max(2, Int(bar.height / (40 * style.scale))))
        for (value, text) in zip(values, Ticks.labels(values, step: step)) where value >= range.min && value <= range.max {
            let y = bar.max.y - Float((value - range.min) / range.span) * bar.height
            draw { $0.addRectFilled(Rect(min: Vec2(bar.max.x, y), max: Vec2(bar.max.x + 3, y + 1)), style.axis) }
            label(text, at: Vec2(bar.max.x + pad, y - font.lineHeight / 2), color: style.textDim)
        }
    }
}
