import Foundation

/// Bars of one series: vertical or horizontal, from a base (stacking) to base + value. Optional
/// per-bar colours (diverging bars colour by sign) and value labels, drawn just past each bar's
/// end in its own lane and left out where they would not fit, so a label never covers a bar.
public struct BarsItem: PlotItem {
    public var label: String
    public var positions: [Double]
    public var values: [Double]
    /// Where each bar starts (stacking); zeros when not stacked.
    public var bases: [Double]
    public var width: Double
    public var horizontal: Bool
    public var color: Color
    /// Per-bar colours (same count as `values`); nil: all in `color`.
    public var colors: [Color]?
    /// Per-bar value labels (same count as `values`); nil: none.
    public var valueTexts: [String]?

    public init(
        label: String, positions: [Double], values: [Double], bases: [Double]? = nil, width: Double, horizontal: Bool,
        color: Color
    ) {
        self.label = label
        self.positions = positions
        self.values = values
        self.bases = bases ?? [Double](repeating: 0, count: values.count)
        self.width = width
        self.horizontal = horizontal
        self.color = color
    }

    private var count: Int { min(positions.count, values.count, bases.count) }

    public var legendEntries: [PlotLegendEntry] {
        label.isEmpty ? [] : [PlotLegendEntry(key: label, text: label, color: color)]
    }

    public func addBounds(to bounds: inout PlotBounds) {
        for i in 0..<count {
            // A bar without a value keeps its category in view (e.g. a run with no loss yet).
            let a = positions[i] - width / 2
            let b = positions[i] + width / 2
            if horizontal { bounds.includeY(a, b) } else { bounds.includeX(a, b) }
            guard values[i].isFinite else { continue }
            let v0 = bases[i]
            let v1 = bases[i] + values[i]
            if horizontal { bounds.includeX(v0, v1) } else { bounds.includeY(v0, v1) }
        }
        let room = labelRoom
        guard room > 0 else { return }
        // Room past the ends for the value labels.
        for i in 0..<count where values[i].isFinite {
            let end = bases[i] + values[i] + (values[i] < 0 ? -room : room)
            if horizontal { bounds.includeX(end, end) } else { bounds.includeY(end, end) }
        }
    }

    /// The pixel rectangle of bar `i`.
    func rect(_ i: Int, _ t: PlotTransform) -> Rect {
        let a = positions[i] - width / 2
        let b = positions[i] + width / 2
        let v0 = bases[i]
        let v1 = bases[i] + values[i]
        return horizontal
            ? Rect(min: Vec2(t.px(min(v0, v1)), t.py(b)), max: Vec2(t.px(max(v0, v1)), t.py(a)))
            : Rect(min: Vec2(t.px(a), t.py(max(v0, v1))), max: Vec2(t.px(b), t.py(min(v0, v1))))
    }

    public func draw(_ context: PlotDrawContext) {
        let t = context.transform
        let ui = context.ui
        let emphasis = context.emphasis(label)
        let highlight = context.isHighlighted(label)
        ui.draw { list in
            for i in 0..<count where values[i].isFinite {
                let rect = rect(i, t)
                let barColor = colors.map { i < $0.count ? $0[i] : color } ?? color
                list.addRectFilled(rect, barColor.withAlpha(emphasis))
                if highlight { list.addRect(rect, ui.style.text) }
            }
        }
        guard let valueTexts else { return }
        let font = ui.font
        let pad = ui.style.padding / 2
        for i in 0..<min(count, valueTexts.count) where values[i].isFinite {
            let rect = rect(i, t)
            let text = valueTexts[i]
            let textWidth = font.measure(text)
            let origin: Vec2
            if horizontal {
                guard rect.height >= font.lineHeight * 0.8 else { continue }
                let x = values[i] < 0 ? rect.min.x - pad - textWidth : rect.max.x + pad
                origin = Vec2(x, rect.center.y - font.lineHeight / 2)
            } else {
                guard textWidth <= rect.width + pad * 2 else { continue }
                let y = values[i] < 0 ? rect.max.y + 1 : rect.min.y - font.lineHeight - 1
                origin = Vec2(rect.center.x - textWidth / 2, y)
            }
            let box = Rect(min: origin, max: origin + Vec2(textWidth, font.lineHeight))
            // Inside the area or not at all.
            guard box.min.x >= t.area.min.x, box.max.x <= t.area.max.x, box.min.y >= t.area.min.y, box.max.y <= t.area.max.y else {
                continue
            }
            ui.label(text, at: origin, color: ui.style.text.withAlpha(emphasis))
        }
    }

    /// Room past a bar's end for its value label, in data units (0 without labels).
    private var labelRoom: Double {
        guard valueTexts != nil else { return 0 }
        var largest = 0.0
        for i in 0..<count where values[i].isFinite { largest = max(largest, abs(bases[i]), abs(bases[i] + values[i])) }
        return largest * 0.14
    }

    /// A bar, or the label past its end, under the mouse.
    public func hit(_ query: PlotHoverQuery) -> PlotHit? {
        let data = query.data
        let room = labelRoom
        for i in 0..<count where values[i].isFinite {
            let along = horizontal ? data.y : data.x
            let across = horizontal ? data.x : data.y
            let v0 = bases[i]
            let v1 = bases[i] + values[i] + (values[i] < 0 ? -room : room)
            guard abs(along - positions[i]) <= width / 2, across >= min(v0, v1), across <= max(v0, v1) else { continue }
            // x is the bar's category position, y its value.
            return PlotHit(distance: 0, hover: PlotHover(series: label, x: positions[i], y: values[i], index: i, isBar: true))
        }
        return nil
    }
}
