import Figures
import Foundation

/// A progress gauge: a half ring from `range.min` (left) to `range.max` (right) over the top,
/// filled up to the value, with the value written in the middle and the ends labelled. A value
/// outside the range fills to the end it passed and says so; a non-finite value fills nothing
/// and reads "—".
public struct GaugeItem: PlotItem {
    public var label: String
    public var value: Double
    public var range: AxisRange
    public var color: Color
    /// The value as written in the middle; nil: `Format.value`.
    public var valueText: String?
    /// Marks on the ring (e.g. a target), with their labels.
    public var marks: [(value: Double, label: String)]

    public init(
        label: String, value: Double, range: AxisRange, color: Color, valueText: String? = nil,
        marks: [(value: Double, label: String)] = []
    ) {
        self.label = label
        self.value = value
        self.range = range
        self.color = color
        self.valueText = valueText
        self.marks = marks
    }

    public var isPolar: Bool { true }
    static let inner = 0.68

    /// The filled fraction (0…1); nil when the value is not finite or the range is empty.
    public var fraction: Double? {
        guard value.isFinite, range.span > 0 else { return nil }
        return min(max((value - range.min) / range.span, 0), 1)
    }

    public var legendEntries: [PlotLegendEntry] { [] }

    public func addBounds(to bounds: inout PlotBounds) {
        bounds.includeX(-1, 1)
        bounds.includeY(-0.32, 1)
    }

    /// The ring's point at `fraction` (0 left, 1 right) and `radius`, in pixels.
    private func point(_ t: PlotTransform, _ fraction: Double, _ radius: Double) -> Vec2 {
        let angle = Double.pi * (1 - fraction)
        return Vec2(t.px(radius * cos(angle)), t.py(radius * sin(angle)))
    }

    private func arc(_ list: inout DrawList, _ t: PlotTransform, from a: Double, to b: Double, _ color: Color) {
        guard b > a else { return }
        let outer = abs(t.px(1) - t.px(0))
        // Fraction f sits at screen angle π(f − 1): from the left (−π) over the top to the right (0).
        list.addAnnularSector(
            center: point(t, 0.5, 0), inner: outer * Float(GaugeItem.inner), outer: outer,
            from: Float(Double.pi * (a - 1)), to: Float(Double.pi * (b - 1)), color)
    }

    public func draw(_ context: PlotDrawContext) {
        let ui = context.ui
        let t = context.transform
        let font = ui.font
        let style = ui.style
        ui.draw { list in
            arc(&list, t, from: 0, to: 1, style.widget)
            if let fraction { arc(&list, t, from: 0, to: fraction, color.withAlpha(context.emphasis(label))) }
            for mark in marks where mark.value.isFinite && range.span > 0 {
                let f = min(max((mark.value - range.min) / range.span, 0), 1)
                list.addLine(point(t, f, GaugeItem.inner - 0.06), point(t, f, 1.06), style.text, thickness: 2 * style.scale)
            }
        }
        let center = point(t, 0.5, 0)
        var text = value.isFinite ? (valueText ?? Format.value(value)) : "—"
        if value.isFinite, value < range.min { text += " (below \(Format.value(range.min)))" }
        if value.isFinite, value > range.max { text += " (above \(Format.value(range.max)))" }
        let width = font.measure(text)
        ui.label(text, at: Vec2(center.x - width / 2, center.y - font.lineHeight * 1.4), color: style.text)
        let labelWidth = font.measure(label)
        ui.label(label, at: Vec2(center.x - labelWidth / 2, center.y + 2), color: style.textDim)
        let low = Format.value(range.min)
        let high = Format.value(range.max)
        let left = point(t, 0, (1 + GaugeItem.inner) / 2)
        let right = point(t, 1, (1 + GaugeItem.inner) / 2)
        ui.label(low, at: Vec2(left.x - font.measure(low) / 2, left.y + 3), color: style.textDim)
        ui.label(high, at: Vec2(right.x - font.measure(high) / 2, right.y + 3), color: style.textDim)
        for mark in marks where mark.value.isFinite && range.span > 0 {
            let f = min(max((mark.value - range.min) / range.span, 0), 1)
            let tip = point(t, f, 1.1)
            let w = font.measure(mark.label)
            ui.label(mark.label, at: Vec2(tip.x - w / 2, tip.y - font.lineHeight), color: style.text)
        }
    }

    public func hit(_ query: PlotHoverQuery) -> PlotHit? {
        let data = query.data
        let radius = (data.x * data.x + data.y * data.y).squareRoot()
        guard radius <= 1, radius >= GaugeItem.inner, data.y >= 0 else { return nil }
        let detail =
            value.isFinite ? "\(Format.value(value)) of \(Format.value(range.min))…\(Format.value(range.max))" : "no value"
        return PlotHit(distance: 0, hover: PlotHover(series: label, x: 0, y: value, index: nil, isBar: true, detail: detail))
    }
}
