import Figures
import Foundation

// PlotItem: one thing drawn in a plot, as an open set. A plot asks each item four things:
// its extent (for the fit), how it draws, what is under the mouse, and its legend entries (as
// ImPlot's items and egui_plot's `PlotItem` do). Lines, scatters, bars, bands, reference lines,
// heatmaps, pies, stacked areas, box summaries and gauges are items; an app can add its own by
// conforming to `PlotItem` and passing it to `PlotBuilder.add`.

/// One entry of a plot's legend. `key` names what a click hides and a hover highlights; one item
/// may have several (a pie's slices).
public struct PlotLegendEntry: Sendable, Equatable {
    public var key: String
    public var text: String
    public var color: Color
    /// Hidden the first time the plot sees this key (its entry shows it, to toggle on).
    public var startsHidden: Bool

    public init(key: String, text: String, color: Color, startsHidden: Bool = false) {
        self.key = key
        self.text = text
        self.color = color
        self.startsHidden = startsHidden
    }
}

/// A colour scale drawn in a strip right of the plot (a heatmap's values).
public struct PlotColorScale: Sendable {
    public var label: String?
    public var range: AxisRange
    public var colormap: Colormap

    public init(label: String? = nil, range: AxisRange, colormap: Colormap) {
        self.label = label
        self.range = range
        self.colormap = colormap
    }
}

/// A thing drawn in a plot.
public protocol PlotItem {
    /// Legend entries; empty for items not in the legend (reference lines, regions).
    var legendEntries: [PlotLegendEntry] { get }
    /// Widens `bounds` to the item's extent (y in axis units; see `PlotBounds.includeY`).
    func addBounds(to bounds: inout PlotBounds)
    /// Draws the item, clipped to the plot area.
    func draw(_ context: PlotDrawContext)
    /// What of this item is under the mouse, if anything within `query.reach`.
    func hit(_ query: PlotHoverQuery) -> PlotHit?
    /// Whether the item draws anything inside `rect` (pixels): an inside legend goes to a
    /// corner where nothing does. The default samples `hit` on a grid.
    func overlaps(_ rect: Rect, _ transform: PlotTransform, hidden: Set<String>) -> Bool
    /// A colour scale to draw beside the plot; nil for none.
    var colorScale: PlotColorScale? { get }
    /// Drawn around a centre with equal units on both axes and no axes (pies, gauges). A plot
    /// whose visible items are all polar hides its axes and fits with equal aspect.
    var isPolar: Bool { get }
}

extension PlotItem {
    public var colorScale: PlotColorScale? { nil }
    public var isPolar: Bool { false }

    public func overlaps(_ rect: Rect, _ transform: PlotTransform, hidden: Set<String>) -> Bool {
        let columns = max(2, Int(rect.width / 10))
        let rows = max(2, Int(rect.height / 10))
        for row in 0..<rows {
            for column in 0..<columns {
                let point = Vec2(
                    rect.min.x + rect.width * (Float(column) + 0.5) / Float(columns),
                    rect.min.y + rect.height * (Float(row) + 0.5) / Float(rows))
                if hit(PlotHoverQuery(transform: transform, mouse: point, reach: 5, hidden: hidden)) != nil { return true }
            }
        }
        return false
    }
}

/// The extent of a plot's items, built up by `PlotItem.addBounds`. Ranges are in axis units: on
/// a log y axis, log10 of the values above 0.
public struct PlotBounds: Sendable {
    public var x: AxisRange?
    public var y: AxisRange?
    public let logY: Bool
    /// Legend keys hidden now (multi-entry items leave their hidden parts out).
    public let hidden: Set<String>

    public init(logY: Bool = false, hidden: Set<String> = []) {
        self.logY = logY
        self.hidden = hidden
    }

    /// Includes data x values `lo…hi` (non-finite ends are ignored).
    public mutating func includeX(_ lo: Double, _ hi: Double) {
        guard lo.isFinite, hi.isFinite else { return }
        x = Self.merged(x, AxisRange(min(lo, hi), max(lo, hi)))
    }

    /// Includes data y values `lo…hi`. On a log axis only values above 0 count.
    public mutating func includeY(_ lo: Double, _ hi: Double) {
        guard lo.isFinite, hi.isFinite else { return }
        let low = min(lo, hi)
        let high = max(lo, hi)
        guard logY else {
            y = Self.merged(y, AxisRange(low, high))
            return
        }
        guard high > 0 else { return }
        includeAxisY(log10(low > 0 ? low : high), log10(high))
    }

    /// Includes y already in axis units.
    public mutating func includeAxisY(_ lo: Double, _ hi: Double) {
        guard lo.isFinite, hi.isFinite else { return }
        y = Self.merged(y, AxisRange(min(lo, hi), max(lo, hi)))
    }

    static func merged(_ a: AxisRange?, _ b: AxisRange) -> AxisRange {
        a.map { AxisRange(min($0.min, b.min), max($0.max, b.max)) } ?? b
    }
}

/// What an item draws with: the context, the transform, and the legend's state.
public struct PlotDrawContext {
    public let ui: UIContext
    public let transform: PlotTransform
    public let hidden: Set<String>
    /// The legend entry under the mouse: its item is drawn emphasized, the others faded.
    public let hoveredLegend: String?
    /// A per-item id for caches kept across frames (density images).
    public let cacheID: UIID

    /// 1 for the hovered legend key (or when none is hovered), 0.3 for the rest.
    public func emphasis(_ key: String?) -> Float {
        hoveredLegend == nil || hoveredLegend == key ? 1 : 0.3
    }

    /// Whether `key` is the hovered legend entry.
    public func isHighlighted(_ key: String?) -> Bool {
        hoveredLegend != nil && hoveredLegend == key
    }

    public var style: Style { ui.style }
}

/// Where the mouse is, for `PlotItem.hit`.
public struct PlotHoverQuery {
    public let transform: PlotTransform
    public let mouse: Vec2
    /// How far (pixels) a point may be from the mouse and still be hovered.
    public let reach: Float
    public let hidden: Set<String>

    /// A hit on the point (x, y) when it lies within reach.
    public func point(_ series: String, _ x: Double, _ y: Double, index: Int?) -> PlotHit? {
        guard x.isFinite, y.isFinite else { return nil }
        let dx = transform.px(x) - mouse.x
        let dy = transform.py(y) - mouse.y
        let distance = (dx * dx + dy * dy).squareRoot()
        guard distance <= reach else { return nil }
        return PlotHit(distance: distance, hover: PlotHover(series: series, x: x, y: y, index: index))
    }

    /// The mouse in data units (y in data units, not axis units).
    public var data: (x: Double, y: Double) {
        (transform.dataX(mouse.x), transform.dataY(mouse.y))
    }
}

/// What an item reports under the mouse; the plot keeps the nearest (an area hit is distance 0).
public struct PlotHit: Sendable {
    public var distance: Float
    public var hover: PlotHover

    public init(distance: Float, hover: PlotHover) {
        self.distance = distance
        self.hover = hover
    }

    /// The better of two hits (the nearer; the first when equal).
    static func nearer(_ a: PlotHit?, _ b: PlotHit?) -> PlotHit? {
        guard let a else { return b }
        guard let b else { return a }
        return b.distance < a.distance ? b : a
    }
}
