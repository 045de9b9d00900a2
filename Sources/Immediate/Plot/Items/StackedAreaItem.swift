import Figures
import Foundation

/// Layers stacked on top of each other over shared x values (shares of a whole over time, e.g.
/// each domain's samples per run). Each layer is a legend entry; a hidden layer leaves the stack
/// and the rest close up. A non-finite or negative value has no height to stack: it counts as 0
/// and the legend says how many there were.
public struct StackedAreaItem: PlotItem {
    public var labels: [String]
    public var xs: [Double]
    /// `layers[k][i]`: layer k's value at `xs[i]`.
    public var layers: [[Double]]
    public var colors: [Color]

    public init(labels: [String], xs: [Double], layers: [[Double]], colors: [Color]) {
        self.labels = labels
        self.xs = xs
        self.layers = layers
        self.colors = colors
    }

    private var layerCount: Int { min(labels.count, layers.count) }
    private func color(_ k: Int) -> Color { colors.isEmpty ? .white : colors[k % colors.count] }
    private func height(_ k: Int, _ i: Int) -> Double {
        guard i < layers[k].count else { return 0 }
        let v = layers[k][i]
        return v.isFinite && v > 0 ? v : 0
    }

    /// Bottom and top of each shown layer at each x (nil for hidden layers).
    func stack(hidden: Set<String>) -> [(bottom: [Double], top: [Double])?] {
        var running = [Double](repeating: 0, count: xs.count)
        return (0..<layerCount).map { k in
            guard !hidden.contains(labels[k]) else { return nil }
            let bottom = running
            for i in xs.indices { running[i] += height(k, i) }
            return (bottom, running)
        }
    }

    public var legendEntries: [PlotLegendEntry] {
        (0..<layerCount).map { k in
            let unusable = xs.indices.filter { i in i >= layers[k].count || !(layers[k][i].isFinite && layers[k][i] >= 0) }.count
            let text = unusable > 0 ? "\(labels[k]) (\(unusable) missing or negative, stacked as 0)" : labels[k]
            return PlotLegendEntry(key: labels[k], text: text, color: color(k))
        }
    }

    public func addBounds(to bounds: inout PlotBounds) {
        guard let first = xs.first(where: \.isFinite), let last = xs.last(where: \.isFinite) else { return }
        bounds.includeX(first, last)
        bounds.includeY(0, 0)
        for layer in stack(hidden: bounds.hidden).compactMap({ $0 }) {
            for value in layer.top { bounds.includeY(value, value) }
        }
    }

    public func draw(_ context: PlotDrawContext) {
        let t = context.transform
        let stacked = stack(hidden: context.hidden)
        let finite = xs.indices.filter { xs[$0].isFinite }
        context.ui.draw { list in
            for (k, layer) in stacked.enumerated() {
                guard let layer else { continue }
                let emphasis = context.emphasis(labels[k])
                let upper = finite.map { Vec2(t.px(xs[$0]), t.py(layer.top[$0])) }
                let lower = finite.map { Vec2(t.px(xs[$0]), t.py(layer.bottom[$0])) }
                list.addFilledStrip(upper: upper, lower: lower, color(k).withAlpha(0.75 * emphasis))
                list.addPolyline(upper, color(k).withAlpha(emphasis), thickness: context.isHighlighted(labels[k]) ? 2.5 : 1.2)
            }
        }
    }

    public func hit(_ query: PlotHoverQuery) -> PlotHit? {
        // The x nearest the mouse, then the layer the mouse is in there.
        let data = query.data
        guard let i = xs.indices.filter({ xs[$0].isFinite }).min(by: { abs(xs[$0] - data.x) < abs(xs[$1] - data.x) }) else { return nil }
        guard abs(query.transform.px(xs[i]) - query.mouse.x) <= query.reach * 3 else { return nil }
        let stacked = stack(hidden: query.hidden)
        let total = stacked.compactMap { $0?.top[i] }.max() ?? 0
        for (k, layer) in stacked.enumerated() {
            guard let layer, data.y >= layer.bottom[i], data.y <= layer.top[i], layer.top[i] > layer.bottom[i] else { continue }
            let raw = i < layers[k].count ? layers[k][i] : .nan
            let share = total > 0 ? " · " + PieItem.percent(height(k, i) / total) : ""
            return PlotHit(
                distance: 0,
                hover: PlotHover(
                    series: labels[k], x: xs[i], y: raw, index: i, isBar: true,
                    detail: "x: \(Format.value(xs[i]))\nvalue: \(Format.value(raw))\(share)"))
        }
        return nil
    }
}
