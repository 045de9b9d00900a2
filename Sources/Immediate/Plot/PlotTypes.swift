import Figures

/// Where a plot's legend goes: over the plot's top-right corner, in a column right of it (for
/// many series, so it never covers data), or nowhere (the caller draws a key of its own).
public enum LegendPlacement: Sendable, Equatable {
    case inside, outside, hidden
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

    public init(
        label: String? = nil, isTime: Bool = false, ticks: [(value: Double, label: String)]? = nil, include: [Double] = [],
        log: Bool = false
    ) {
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
    /// Where an inside legend sits (0 top right, 1 top left, 2 bottom right, 3 bottom left):
    /// the corner that covers the least data.
    var legendCorner = 0
    /// Every corner covered data: the legend moved to a column right of the plot for good.
    var legendMovedOutside = false
    /// The view and shown entries the corner was last chosen for (chosen again when they change).
    var legendCheckedFor: (view: PlotTransform, items: Int, hidden: Set<String>)?
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
    /// An area was hit (a bar, a slice, a cell), not a point: no marker is drawn.
    public var isBar = false
    /// The tooltip's text under the series name; nil: "x: …, y: …".
    public var detail: String?

    public init(series: String, x: Double, y: Double, index: Int?, isBar: Bool = false, detail: String? = nil) {
        self.series = series
        self.x = x
        self.y = y
        self.index = index
        self.isBar = isBar
        self.detail = detail
    }
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
