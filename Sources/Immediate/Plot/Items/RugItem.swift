import Foundation

/// Short ticks along the bottom of the plot area at given x values: events that have a place in
/// x but no y worth drawing (validation failures among scores). The fit covers their x only.
public struct RugItem: PlotItem {
    public var label: String
    /// Sorted x values.
    public var xs: [Double]
    public var color: Color
    /// Tooltip text per mark (same count as `xs`); nil: the x alone.
    public var details: [String]?
    /// The marks' height in pixels.
    public var height: Float

    public init(label: String, xs: [Double], color: Color, height: Float, details: [String]? = nil) {
        self.label = label
        self.height = height
        let order = xs.indices.filter { xs[$0].isFinite }.sorted { xs[$0] < xs[$1] }
        self.xs = order.map { xs[$0] }
        self.color = color
        self.details = details.flatMap { texts in texts.count == xs.count ? order.map { texts[$0] } : nil }
    }

    public var legendEntries: [PlotLegendEntry] {
        label.isEmpty ? [] : [PlotLegendEntry(key: label, text: label, color: color)]
    }

    public func addBounds(to bounds: inout PlotBounds) {
        if let first = xs.first(where: \.isFinite), let last = xs.last(where: \.isFinite) { bounds.includeX(first, last) }
    }

    public func draw(_ context: PlotDrawContext) {
        let t = context.transform
        let color = color.withAlpha(context.emphasis(label))
        let bottom = t.area.max.y
        let top = bottom - height
        let width = max(1, context.style.scale * (context.isHighlighted(label) ? 2.5 : 1.5))
        context.ui.draw { list in
            var lastColumn = -Float.infinity
            for x in xs where x.isFinite {
                let px = t.px(x)
                // One mark per pixel column: thousands of events stay cheap and honest.
                guard px >= t.area.min.x - width, px <= t.area.max.x + width, px.rounded() != lastColumn else { continue }
                lastColumn = px.rounded()
                list.addRectFilled(Rect(min: Vec2(px - width / 2, top), max: Vec2(px + width / 2, bottom)), color)
            }
        }
    }

    public func hit(_ query: PlotHoverQuery) -> PlotHit? {
        let t = query.transform
        guard query.mouse.y >= t.area.max.y - height - query.reach / 2, !query.hidden.contains(label) else { return nil }
        let target = t.dataX(query.mouse.x)
        // Nearest mark by binary search.
        var lo = 0
        var hi = xs.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if xs[mid] < target { lo = mid + 1 } else { hi = mid }
        }
        var best: PlotHit?
        for index in [lo - 1, lo] where xs.indices.contains(index) {
            let distance = abs(t.px(xs[index]) - query.mouse.x)
            guard distance <= query.reach else { continue }
            let detail = details?[index]
            best = PlotHit.nearer(
                best,
                PlotHit(
                    distance: distance,
                    hover: PlotHover(
                        series: label, x: xs[index], y: t.y.min, index: index,
                        isBar: true, detail: detail)))
        }
        return best
    }
}
