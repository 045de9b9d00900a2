import Foundation

// A plot's legend: one row per entry (swatch and text), in one column at the top right, or
// flowing into more columns when the rows do not fit. A click hides or shows the entry's key; a
// hover highlights it, and shows the whole text when the row had to cut it.

/// Where the legend's entries are this frame.
struct LegendLayout {
    var rect: Rect
    var entries: [(entry: PlotLegendEntry, rect: Rect)]

    static let empty = LegendLayout(rect: .zero, entries: [])

    /// The same legend moved by `offset`.
    func moved(by offset: Vec2) -> LegendLayout {
        LegendLayout(
            rect: Rect(min: rect.min + offset, max: rect.max + offset),
            entries: entries.map { ($0.entry, Rect(min: $0.rect.min + offset, max: $0.rect.max + offset)) })
    }

    /// The legend moved to `corner` of `area` (0 top right, 1 top left, 2 bottom right,
    /// 3 bottom left), `padding` in from its edges.
    func placed(at corner: Int, in area: Rect, padding: Float) -> LegendLayout {
        let x = corner % 2 == 1 ? area.min.x + padding : area.max.x - padding - rect.width
        let y = corner >= 2 ? area.max.y - padding - rect.height : area.min.y + padding
        return moved(by: Vec2(x, y) - rect.min)
    }
}

extension UIContext {
    /// Lays out `entries` at the top right of `area` (or at `origin`), at most `maxWidth` wide.
    func legendLayout(_ entries: [PlotLegendEntry], area: Rect, maxWidth: Float, origin fixedOrigin: Vec2? = nil) -> LegendLayout {
        guard !entries.isEmpty else { return .empty }
        let pad = style.padding
        let swatch = 10 * style.scale
        let row = font.lineHeight + 2
        let rowsPerColumn = max(1, Int((area.height - pad * 3) / row))
        let columns = (entries.count + rowsPerColumn - 1) / rowsPerColumn
        let rows = min(entries.count, rowsPerColumn)
        let widest = (entries.map { font.measure($0.text) }.max() ?? 0) + swatch + pad * 3
        let columnWidth = min(widest, maxWidth / Float(columns))
        let width = columnWidth * Float(columns)
        let height = Float(rows) * row + pad
        let origin = fixedOrigin ?? Vec2(area.max.x - width - pad, area.min.y + pad)
        var placed: [(PlotLegendEntry, Rect)] = []
        for (index, entry) in entries.enumerated() {
            let column = index / rowsPerColumn
            let rowIndex = index % rowsPerColumn
            let lo = Vec2(origin.x + Float(column) * columnWidth, origin.y + pad / 2 + Float(rowIndex) * row)
            placed.append((entry, Rect(min: lo, max: lo + Vec2(columnWidth, row))))
        }
        return LegendLayout(rect: Rect(min: origin, max: origin + Vec2(width, height)), entries: placed)
    }

    /// The corner of `area` where an inside legend covers the fewest items, and how many it
    /// covers there (`PlotItem.overlaps`). `current` wins ties, so the legend does not hop
    /// between equally good corners.
    func leastCoveredCorner(
        _ legend: LegendLayout, current: Int, items: [any PlotItem], _ t: PlotTransform,
        hidden: Set<String>
    ) -> (corner: Int, covered: Int) {
        guard !legend.entries.isEmpty, !items.isEmpty else { return (current, 0) }
        let pad = style.padding
        func covered(_ corner: Int) -> Int {
            let rect = legend.placed(at: corner, in: t.area, padding: pad).rect
            return items.filter { $0.overlaps(rect, t, hidden: hidden) }.count
        }
        var best = current
        var bestCount = covered(current)
        for corner in 0..<4 where corner != current && bestCount > 0 {
            let count = covered(corner)
            if count < bestCount {
                best = corner
                bestCount = count
            }
        }
        return (best, bestCount)
    }

    /// Draws the legend; a hovered entry whose text was cut shows it whole in a tooltip.
    func drawLegend(_ legend: LegendLayout, hidden: Set<String>, hovered: String?) {
        guard !legend.entries.isEmpty else { return }
        let pad = style.padding
        let swatch = 10 * style.scale
        draw { list in
            list.addRectFilled(legend.rect, style.panel.withAlpha(0.85))
            list.addRect(legend.rect, style.panelBorder)
        }
        for (entry, rect) in legend.entries {
            let isHidden = hidden.contains(entry.key)
            let box = Rect(x: rect.min.x + pad, y: rect.center.y - swatch / 2, width: swatch, height: swatch)
            draw { list in
                if hovered == entry.key { list.addRectFilled(rect, style.widgetHovered) }
                if isHidden { list.addRect(box, entry.color.withAlpha(1)) } else { list.addRectFilled(box, entry.color.withAlpha(1)) }
            }
            let shown = font.shorten(entry.text, toFit: rect.width - swatch - pad * 2.5)
            label(shown, at: Vec2(box.max.x + pad, rect.center.y - font.lineHeight / 2), color: isHidden ? style.textDim : style.text)
            if shown != entry.text, isMouseOver(rect) { tooltip(entry.text) }
        }
    }
}
