/// Where a plot's legend goes: over the plot's top-right corner, or in a column right of it
/// (for many series, so it never covers data).
public enum LegendPlacement: Sendable, Equatable {
    case inside, outside
}

/// Options for one axis of a plot.
public struct AxisOptions: Sendable {
    /// Drawn along the axis; nil for none.
    public var label: String?
    /// Values are seconds since 1970 (see HafsVizCore's `TimestampParser`): ticks fall on whole
    /// minutes, hours, days and are labelled as clock times or dates.
    public var isTime = false
    /// Fixed tick positions with labels (categories, e.g. generator names), replacing numeric ticks.
    public var ticks: [(value: Double, label: String)]?
    /// Values always inside the fitted range (e.g. 0 and 1 for a rate), whatever the data.
    public var include: [Double]
    /// A base-10 logarithmic axis (y only): ticks at powers of ten, values ≤ 0 not drawn (the
    /// caller says how many; `LineSeries.nonPositiveCount`).
    public var log: Bool

    public init(label: String? = nil, isTime: Bool = false, ticks: [(value: Double, label: String)]? = nil, include: [Double] = [],
                log: Bool = false) {
        self.label = label
        self.isTime = isTime
        self.ticks = ticks
        self.include = include
        self.log = log
    }
}

/// What a plot remembers between frames (by id): axis ranges, fit mode, hidden series, a drag.
public struct PlotState: Sendable {
    public var x = AxisRange(0, 1)
    public var y = AxisRange(0, 1)
    /// Fit the data every frame until the user pans or zooms (so live data stays in view).
    public var autoFit = true
    /// Fit once on the next frame (double-click, Home).
    public var fitRequested = false
    /// Legend labels of hidden series.
    public var hidden: Set<String> = []
    /// Labels seen so far: a series starts in its default visibility only the first time.
    public var seenLabels: Set<String> = []
    var drag: PlotDrag?

    public init() {}
}

/// A drag in progress inside a plot.
enum PlotDrag: Sendable {
    case pan, panX, panY
    case box(start: Vec2)
}

/// The nearest data point (or the bar) under the mouse.
public struct PlotHover: Sendable, Equatable {
    public var series: String
    public var x: Double
    public var y: Double
    /// Index of the point in its series; nil when it stands for a pixel column of a dense line.
    public var index: Int?
    public var isBar = false
}

/// What `UIContext.plot` reports.
public struct PlotResult: Sendable {
    public var state: PlotState
    public var transform: PlotTransform
    public var hover: PlotHover?
    /// Legend entry under the mouse (its series is highlighted).
    public var hoveredLegend: String?
    public var isHovered: Bool
    /// Legend entries (label and rect), for clicks and tests.
    public var legend: [(label: String, rect: Rect)] = []
}

/// A vertical or horizontal bar series (one item of a bar group, or a whole bar chart).
public struct BarSeries: Sendable {
    public var positions: [Double]
    public var values: [Double]
    /// Where each bar starts (stacking); zeros when not stacked.
    public var bases: [Double]
    public var width: Double
    public var horizontal: Bool
}

/// One thing drawn in a plot.
enum PlotItemKind {
    case line(LineSeries)
    case scatter(ScatterSeries, markerSize: Float)
    case bars(BarSeries)
    case band(xs: [Double], lower: [Double], upper: [Double])
    case hline(Double, dashed: Bool)
    case vline(Double, dashed: Bool)
    case hregion(Double, Double)
    case vregion(Double, Double)
}

struct PlotItem {
    var label: String?
    var color: Color
    var thickness: Float
    var kind: PlotItemKind
    /// Shown after the label in the legend (e.g. a trend arrow).
    var legendSuffix: String?
    /// Starts hidden (its legend entry shows it) the first time the plot sees its label.
    var hiddenByDefault = false
    /// Lines: only points with x at or below this are drawn and hovered (a replay's cursor);
    /// the fit still covers the whole line, so the axes hold still while it grows.
    var xLimit = Double.infinity
}

/// Collects the items of one plot during a frame; `UIContext.plot` then lays out, handles input
/// and draws. Item colours default to the style's series palette in order.
public struct PlotBuilder {
    var items: [PlotItem] = []
    let style: Style
    private var colorIndex = 0

    init(style: Style) {
        self.style = style
    }

    private mutating func nextColor(_ color: Color?) -> Color {
        if let color { return color }
        defer { colorIndex += 1 }
        return style.seriesColor(colorIndex)
    }

    /// A line through a prepared series (build `LineSeries` once per data change; big lines then
    /// cost per-pixel work per frame).
    /// `hidden`: the series starts hidden (toggled on from the legend) the first time it appears.
    /// A line. `upTo`: draw only the points with x ≤ it (a replay), fitting the axes to all of them.
    public mutating func line(_ label: String, _ series: LineSeries, color: Color? = nil, thickness: Float? = nil, legendSuffix: String? = nil,
                              hidden: Bool = false, upTo xLimit: Double = .infinity) {
        items.append(PlotItem(label: label, color: nextColor(color), thickness: thickness ?? style.lineWidth, kind: .line(series),
                              legendSuffix: legendSuffix, hiddenByDefault: hidden, xLimit: xLimit))
    }

    /// A line through arrays (builds a `LineSeries` now: fine for small data).
    public mutating func line(_ label: String, x: [Double], y: [Double], color: Color? = nil, thickness: Float? = nil, legendSuffix: String? = nil,
                              hidden: Bool = false, upTo xLimit: Double = .infinity) {
        line(label, LineSeries(x: x, y: y), color: color, thickness: thickness, legendSuffix: legendSuffix, hidden: hidden, upTo: xLimit)
    }

    /// A scatter. Per-point colours and sizes come from the series; `color` is the legend colour and
    /// the default marker colour. Far more points than pixels are drawn as a density image.
    public mutating func scatter(_ label: String, _ series: ScatterSeries, color: Color? = nil, markerSize: Float = 3) {
        items.append(PlotItem(label: label, color: nextColor(color), thickness: 1, kind: .scatter(series, markerSize: markerSize), legendSuffix: nil))
    }

    /// Bars at `positions` (default 0, 1, 2, …).
    public mutating func bars(_ label: String, values: [Double], positions: [Double]? = nil, width: Double = 0.7,
                              horizontal: Bool = false, color: Color? = nil) {
        let positions = positions ?? values.indices.map(Double.init)
        items.append(PlotItem(label: label, color: nextColor(color), thickness: 1,
                              kind: .bars(BarSeries(positions: positions, values: values, bases: [Double](repeating: 0, count: values.count),
                                                    width: width, horizontal: horizontal)), legendSuffix: nil))
    }

    /// Groups of bars: `values[series][group]`, one legend entry per series, groups at 0, 1, 2, ….
    /// Side by side (grouped) or on top of each other (stacked), vertical or horizontal.
    public mutating func barGroups(_ labels: [String], values: [[Double]], groupWidth: Double = 0.75, stacked: Bool = false,
                                   horizontal: Bool = false, colors: [Color]? = nil) {
        let seriesCount = values.count
        guard seriesCount > 0 else { return }
        let groups = values.map(\.count).max() ?? 0
        var running = [Double](repeating: 0, count: groups)
        var runningNegative = [Double](repeating: 0, count: groups)
        for (s, row) in values.enumerated() {
            let padded = row + [Double](repeating: 0, count: groups - row.count)
            var positions: [Double] = []
            var bases: [Double] = []
            let width: Double
            if stacked {
                width = groupWidth
                positions = (0..<groups).map(Double.init)
                bases = (0..<groups).map { padded[$0] >= 0 ? running[$0] : runningNegative[$0] }
                for g in 0..<groups {
                    if padded[g] >= 0 { running[g] += padded[g] } else { runningNegative[g] += padded[g] }
                }
            } else {
                width = groupWidth / Double(seriesCount)
                positions = (0..<groups).map { Double($0) - groupWidth / 2 + width * (Double(s) + 0.5) }
                bases = [Double](repeating: 0, count: groups)
            }
            let color = nextColor(colors.map { $0[s % $0.count] })
            items.append(PlotItem(label: s < labels.count ? labels[s] : "series \(s)", color: color, thickness: 1,
                                  kind: .bars(BarSeries(positions: positions, values: padded, bases: bases, width: width * 0.92, horizontal: horizontal)),
                                  legendSuffix: nil))
        }
    }

    /// A shaded band between `lower` and `upper` over `x`.
    public mutating func band(_ label: String, x: [Double], lower: [Double], upper: [Double], color: Color? = nil) {
        items.append(PlotItem(label: label, color: nextColor(color).withAlpha(0.3), thickness: 1,
                              kind: .band(xs: x, lower: lower, upper: upper), legendSuffix: nil))
    }

    /// A horizontal reference line across the plot (dashed by default), labelled at its right end.
    public mutating func hline(_ y: Double, label: String? = nil, color: Color? = nil, dashed: Bool = true) {
        items.append(PlotItem(label: label, color: color ?? style.textDim, thickness: 1, kind: .hline(y, dashed: dashed), legendSuffix: nil))
    }

    /// A vertical reference line.
    public mutating func vline(_ x: Double, label: String? = nil, color: Color? = nil, dashed: Bool = true) {
        items.append(PlotItem(label: label, color: color ?? style.textDim, thickness: 1, kind: .vline(x, dashed: dashed), legendSuffix: nil))
    }

    /// A shaded horizontal region between y0 and y1.
    public mutating func hregion(_ y0: Double, _ y1: Double, label: String? = nil, color: Color? = nil) {
        items.append(PlotItem(label: label, color: (color ?? style.warning).withAlpha(0.12), thickness: 1, kind: .hregion(min(y0, y1), max(y0, y1)), legendSuffix: nil))
    }

    /// A shaded vertical region between x0 and x1.
    public mutating func vregion(_ x0: Double, _ x1: Double, label: String? = nil, color: Color? = nil) {
        items.append(PlotItem(label: label, color: (color ?? style.warning).withAlpha(0.12), thickness: 1, kind: .vregion(min(x0, x1), max(x0, x1)), legendSuffix: nil))
    }
}
