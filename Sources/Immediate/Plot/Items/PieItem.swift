import Figures
import Foundation

/// A pie or donut: slices of a whole, clockwise from 12 o'clock, around (0, 0) with radius 1 on
/// equal-aspect axes. Each slice is a legend entry with its share; a hidden slice leaves the
/// whole, and the shares are of what is shown. Shares are written in slices wide enough to hold
/// them. Negative and non-finite values have no place in a whole: they are left out and counted
/// in the legend.
public struct PieItem: PlotItem {
    public var labels: [String]
    public var values: [Double]
    public var colors: [Color]
    /// Inner radius as a fraction of the outer (0: a pie; 0.55: a donut).
    public var innerRadius: Double
    /// Written in the middle of a donut (e.g. the total).
    public var centerText: String?

    public init(labels: [String], values: [Double], colors: [Color], innerRadius: Double = 0, centerText: String? = nil) {
        self.labels = labels
        self.values = values
        self.colors = colors
        self.innerRadius = min(max(innerRadius, 0), 0.95)
        self.centerText = centerText
    }

    public var isPolar: Bool { true }

    private var count: Int { min(labels.count, values.count) }
    private func color(_ i: Int) -> Color { colors.isEmpty ? .white : colors[i % colors.count] }
    private func usable(_ value: Double) -> Bool { value.isFinite && value >= 0 }

    /// Each shown slice's share of the shown total and its angles (radians, clockwise from 12
    /// o'clock); nil for hidden or unusable slices.
    func slices(hidden: Set<String>) -> [(share: Double, start: Double, end: Double)?] {
        let total = (0..<count).reduce(0.0) { usable(values[$1]) && !hidden.contains(labels[$1]) ? $0 + values[$1] : $0 }
        var angle = 0.0
        return (0..<count).map { i in
            guard total > 0, usable(values[i]), !hidden.contains(labels[i]) else { return nil }
            let share = values[i] / total
            defer { angle += share * 2 * .pi }
            return (share, angle, angle + share * 2 * .pi)
        }
    }

    public var legendEntries: [PlotLegendEntry] {
        let total = (0..<count).reduce(0.0) { usable(values[$1]) ? $0 + values[$1] : $0 }
        return (0..<count).map { i in
            let text: String
            if !usable(values[i]) {
                text = "\(labels[i]) (\(values[i].isFinite ? "negative" : "non-finite"), not drawn)"
            } else {
                text = total > 0 ? "\(labels[i]) " + PieItem.percent(values[i] / total) : labels[i]
            }
            return PlotLegendEntry(key: labels[i], text: text, color: color(i))
        }
    }

    /// "12.3%" (one decimal; "<0.1%" for a sliver that would read as 0).
    public static func percent(_ share: Double) -> String {
        share > 0 && share < 0.0005 ? "<0.1%" : String(format: "%.1f%%", share * 100)
    }

    public func addBounds(to bounds: inout PlotBounds) {
        bounds.includeX(-1, 1)
        bounds.includeY(-1, 1)
    }

    /// The point at `angle` (clockwise from 12 o'clock) and `radius`, in pixels.
    static func point(_ t: PlotTransform, angle: Double, radius: Double) -> Vec2 {
        Vec2(t.px(radius * sin(angle)), t.py(radius * cos(angle)))
    }

    public func draw(_ context: PlotDrawContext) {
        let ui = context.ui
        let t = context.transform
        let font = ui.font
        let slices = slices(hidden: context.hidden)
        let pixelRadius = Double(abs(t.px(1) - t.px(0)))
        let background = ui.style.plotBackground
        let center = PieItem.point(t, angle: 0, radius: 0)
        let inner = Float(pixelRadius * innerRadius)
        let outer = Float(pixelRadius)
        ui.draw { list in
            for (i, slice) in slices.enumerated() {
                guard let slice, slice.end > slice.start else { continue }
                // Clockwise from 12 o'clock is screen angle − π/2.
                list.addAnnularSector(
                    center: center, inner: inner, outer: outer, from: Float(slice.start - .pi / 2),
                    to: Float(slice.end - .pi / 2), color(i).withAlpha(context.emphasis(labels[i])))
            }
            // Separators between slices, in the background colour.
            let shown = slices.compactMap { $0 }
            if shown.count > 1 {
                for slice in shown {
                    list.addLine(
                        PieItem.point(t, angle: slice.start, radius: innerRadius), PieItem.point(t, angle: slice.start, radius: 1.01),
                        background, thickness: 1.5 * ui.style.scale)
                }
            }
        }
        let labelRadius = innerRadius > 0 ? (1 + innerRadius) / 2 : 0.62
        for (i, slice) in slices.enumerated() {
            guard let slice else { continue }
            let text = PieItem.percent(slice.share)
            let width = font.measure(text)
            // The chord at the label's radius must hold the text.
            let chord = 2 * labelRadius * pixelRadius * sin(min(.pi / 2, (slice.end - slice.start) / 2))
            guard Double(width) + 6 <= chord, Double(font.lineHeight) <= (1 - innerRadius) * pixelRadius * 0.8 else { continue }
            let middle = PieItem.point(t, angle: (slice.start + slice.end) / 2, radius: labelRadius)
            // Ink against the slice as drawn (a faded slice is mostly background), so its share
            // stays readable when another slice is emphasized.
            let emphasis = context.emphasis(labels[i])
            let shown = color(i).mixed(with: context.style.plotBackground, 1 - emphasis)
            let ink = shown.luminance > 0.35 ? Color(hex: 0x111111) : Color(hex: 0xF4F4F4)
            ui.label(text, at: Vec2(middle.x - width / 2, middle.y - font.lineHeight / 2), color: ink.withAlpha(emphasis < 1 ? 0.75 : 1))
        }
        if let centerText, innerRadius > 0 {
            let lines = centerText.split(separator: "\n").map(String.init)
            for (k, line) in lines.enumerated() {
                let width = font.measure(line)
                let y = center.y - Float(lines.count) * font.lineHeight / 2 + Float(k) * font.lineHeight
                ui.label(line, at: Vec2(center.x - width / 2, y), color: ui.style.text)
            }
        }
    }

    public func hit(_ query: PlotHoverQuery) -> PlotHit? {
        let data = query.data
        let radius = (data.x * data.x + data.y * data.y).squareRoot()
        guard radius <= 1, radius >= innerRadius else { return nil }
        var angle = atan2(data.x, data.y)
        if angle < 0 { angle += 2 * .pi }
        for (i, slice) in slices(hidden: query.hidden).enumerated() {
            guard let slice, angle >= slice.start, angle < slice.end else { continue }
            return PlotHit(
                distance: 0,
                hover: PlotHover(
                    series: labels[i], x: Double(i), y: values[i], index: i, isBar: true,
                    detail: "\(Format.value(values[i])) · \(PieItem.percent(slice.share))"))
        }
        return nil
    }
}
