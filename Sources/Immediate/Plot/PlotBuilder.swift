import Figures
import Foundation

/// Collects the items of one plot during a frame; `UIContext.plot` then lays out, handles input
/// and draws. Item colours default to the style's series palette in order. `add` takes any
/// `PlotItem`; the rest are shorthands for the built-in ones.
public struct PlotBuilder {
    var items: [any PlotItem] = []
    let style: Style
    private var colorIndex = 0

    init(style: Style) {
        self.style = style
    }

    /// The next palette colour, unless `color` is given.
    public mutating func nextColor(_ color: Color? = nil) -> Color {
        if let color { return color }
        defer { colorIndex += 1 }
        return style.seriesColor(colorIndex)
    }

    /// Adds any item.
    public mutating func add(_ item: any PlotItem) {
        items.append(item)
    }

    /// A line through a prepared series (build `LineSeries` once per data change; big lines then
    /// cost per-pixel work per frame).
    /// - `hidden`: the series starts hidden (toggled on from the legend) the first time it appears.
    /// - `upTo`: draw only the points with x ≤ it (a replay), fitting the axes to all of them.
    /// - `maxGap`: points further apart in x are not joined; `markers`: a dot on every point.
    /// - `legendKey`: lines with the same key share one legend entry (text `legendText`).
    public mutating func line(
        _ label: String, _ series: LineSeries, color: Color? = nil, thickness: Float? = nil, legendSuffix: String? = nil,
        hidden: Bool = false, upTo xLimit: Double = .infinity, maxGap: Double = .infinity, markers: Bool = false,
        legendKey: String? = nil, legendText: String? = nil, dash: LineDash? = nil
    ) {
        var item = LineItem(label: label, series: series, color: nextColor(color), thickness: thickness ?? style.lineWidth)
        item.dash = dash
        item.legendKey = legendKey
        item.legendText = legendText
        item.legendSuffix = legendSuffix
        item.startsHidden = hidden
        item.xLimit = xLimit
        item.maxGap = maxGap
        item.markers = markers
        items.append(item)
    }

    /// A line through arrays (builds a `LineSeries` now: fine for small data).
    public mutating func line(
        _ label: String, x: [Double], y: [Double], color: Color? = nil, thickness: Float? = nil, legendSuffix: String? = nil,
        hidden: Bool = false, upTo xLimit: Double = .infinity, maxGap: Double = .infinity, markers: Bool = false,
        legendKey: String? = nil, legendText: String? = nil
    ) {
        line(
            label, LineSeries(x: x, y: y), color: color, thickness: thickness, legendSuffix: legendSuffix, hidden: hidden, upTo: xLimit,
            maxGap: maxGap, markers: markers, legendKey: legendKey, legendText: legendText)
    }

    /// A scatter. Per-point colours and sizes come from the series; `color` is the legend colour and
    /// the default marker colour. Far more points than pixels are drawn as a density image.
    /// `colorScale`: what per-point colours mean, drawn as a colour bar.
    public mutating func scatter(
        _ label: String, _ series: ScatterSeries, color: Color? = nil, markerSize: Float = 3,
        colorScale: PlotColorScale? = nil, markersOnly: Bool = false
    ) {
        var item = ScatterItem(label: label, series: series, color: nextColor(color), markerSize: markerSize, colorScale: colorScale)
        item.markersOnly = markersOnly
        items.append(item)
    }

    /// Bars at `positions` (default 0, 1, 2, …). `colors`: one per bar; `valueTexts`: a label
    /// past each bar's end.
    public mutating func bars(
        _ label: String, values: [Double], positions: [Double]? = nil, width: Double = 0.7,
        horizontal: Bool = false, color: Color? = nil, colors: [Color]? = nil, valueTexts: [String]? = nil
    ) {
        var item = BarsItem(
            label: label, positions: positions ?? values.indices.map(Double.init), values: values, width: width,
            horizontal: horizontal, color: nextColor(color))
        item.colors = colors
        item.valueTexts = valueTexts
        items.append(item)
    }

    /// Signed values around 0, coloured by sign (`positive` / `negative`), each labelled with
    /// its value past its end, and a line at 0.
    public mutating func divergingBars(
        _ label: String, values: [Double], positions: [Double]? = nil, width: Double = 0.7,
        horizontal: Bool = true, positive: Color? = nil, negative: Color? = nil,
        valueTexts: [String]? = nil
    ) {
        let up = positive ?? style.seriesColor(0)
        let down = negative ?? style.seriesColor(3)  // blue / vermillion: apart for every colour vision
        bars(
            label, values: values, positions: positions, width: width, horizontal: horizontal, color: up,
            colors: values.map { $0 < 0 ? down : up }, valueTexts: valueTexts ?? values.map { Format.value($0) })
        items.append(ReferenceLine(horizontal ? .vertical : .horizontal, at: 0, label: nil, color: style.axis, dashed: false, fitted: true))
    }

    /// Groups of bars: `values[series][group]`, one legend entry per series, groups at 0, 1, 2, ….
    /// Side by side (grouped) or on top of each other (stacked), vertical or horizontal.
    /// `valueTexts[series][group]`: labels past the bars' ends (grouped only).
    public mutating func barGroups(
        _ labels: [String], values: [[Double]], groupWidth: Double = 0.75, stacked: Bool = false,
        horizontal: Bool = false, colors: [Color]? = nil, valueTexts: [[String]]? = nil
    ) {
        let seriesCount = values.count
        guard seriesCount > 0 else { return }
        let groups = values.map(\.count).max() ?? 0
        var running = [Double](repeating: 0, count: groups)
        var runningNegative = [Double](repeating: 0, count: groups)
        for (s, row) in values.enumerated() {
            let padded = row + [Double](repeating: .nan, count: groups - row.count)
            var positions: [Double] = []
            var bases: [Double] = []
            let width: Double
            if stacked {
                width = groupWidth
                positions = (0..<groups).map(Double.init)
                bases = (0..<groups).map { padded[$0] >= 0 ? running[$0] : runningNegative[$0] }
                for g in 0..<groups where padded[g].isFinite {
                    if padded[g] >= 0 { running[g] += padded[g] } else { runningNegative[g] += padded[g] }
                }
            } else {
                width = groupWidth / Double(seriesCount)
                positions = (0..<groups).map { Double($0) - groupWidth / 2 + width * (Double(s) + 0.5) }
                bases = [Double](repeating: 0, count: groups)
            }
            var item = BarsItem(
                label: s < labels.count ? labels[s] : "series \(s)", positions: positions, values: padded, bases: bases,
                width: width * 0.92, horizontal: horizontal, color: nextColor(colors.map { $0[s % $0.count] }))
            if !stacked, let valueTexts, s < valueTexts.count { item.valueTexts = valueTexts[s] }
            items.append(item)
        }
    }

    /// A histogram of `values` in `bins` equal bins (non-finite values counted in the legend).
    public mutating func histogram(_ label: String, values: [Double], bins: Int, range: AxisRange? = nil, color: Color? = nil) {
        let histogram = Histogram(values, bins: bins, range: range)
        let name = histogram.nonFiniteCount > 0 ? "\(label) (\(histogram.nonFiniteCount) non-finite not counted)" : label
        bars(name, values: histogram.counts.map(Double.init), positions: histogram.centers, width: histogram.binWidth * 0.96, color: color)
    }

    /// Box summaries of each category's values, at 0, 1, 2, ….
    public mutating func boxes(_ label: String, names: [String], values: [[Double]], horizontal: Bool = false, color: Color? = nil) {
        items.append(
            BoxItem(
                label: label, positions: values.indices.map(Double.init), stats: values.map { BoxStats($0) }, names: names,
                horizontal: horizontal, color: nextColor(color)))
    }

    /// A heatmap (row 0 at the top); use `HeatmapItem.columnTicks`/`rowTicks` for the axes.
    public mutating func heatmap(
        _ label: String, values: [[Double]], rows: [String], columns: [String], range: AxisRange? = nil,
        colormap: Colormap = .viridis, cellTexts: [[String]]? = nil, hoverNotes: [[String]]? = nil
    ) {
        var item = HeatmapItem(label: label, values: values, rowLabels: rows, columnLabels: columns, range: range, colormap: colormap)
        item.cellTexts = cellTexts
        item.hoverNotes = hoverNotes
        items.append(item)
    }

    /// A pie (`innerRadius` 0) or donut of `values`, one legend entry per slice with its share.
    public mutating func pie(
        _ labels: [String], values: [Double], innerRadius: Double = 0, centerText: String? = nil, colors: [Color]? = nil
    ) {
        let palette = colors ?? labels.indices.map { _ in nextColor() }
        items.append(PieItem(labels: labels, values: values, colors: palette, innerRadius: innerRadius, centerText: centerText))
    }

    /// Layers stacked over `x`, one legend entry each.
    public mutating func stackedArea(_ labels: [String], x: [Double], layers: [[Double]], colors: [Color]? = nil) {
        let palette = colors ?? labels.indices.map { _ in nextColor() }
        items.append(StackedAreaItem(labels: labels, xs: x, layers: layers, colors: palette))
    }

    /// A half-ring gauge of `value` within `range`.
    public mutating func gauge(
        _ label: String, value: Double, range: AxisRange, color: Color? = nil, valueText: String? = nil,
        marks: [(value: Double, label: String)] = []
    ) {
        items.append(GaugeItem(label: label, value: value, range: range, color: nextColor(color), valueText: valueText, marks: marks))
    }

    /// Marks along the bottom of the plot at `x` (events without a y), one legend entry.
    public mutating func rug(_ label: String, x: [Double], color: Color? = nil, details: [String]? = nil) {
        items.append(RugItem(label: label, xs: x, color: nextColor(color), height: 9 * style.scale, details: details))
    }

    /// A shaded band between `lower` and `upper` over `x`.
    /// `legendText`: the entry's text when it differs from the key `label`.
    public mutating func band(
        _ label: String, x: [Double], lower: [Double], upper: [Double], color: Color? = nil, legendText: String? = nil,
        maxGap: Double = .infinity
    ) {
        band(label, x: ChunkedColumn(x), lower: lower, upper: upper, color: color, legendText: legendText, maxGap: maxGap)
    }

    /// A band over another series' x column (shared, not copied).
    public mutating func band(
        _ label: String, x: ChunkedColumn, lower: [Double], upper: [Double], color: Color? = nil, legendText: String? = nil,
        maxGap: Double = .infinity
    ) {
        var item = BandItem(label: label, xs: x, lower: lower, upper: upper, color: nextColor(color).withAlpha(0.3))
        item.legendText = legendText
        item.maxGap = maxGap
        items.append(item)
    }

    /// A horizontal reference line across the plot (dashed by default), labelled at its right
    /// end. `fitted`: the fit keeps it in view.
    public mutating func hline(_ y: Double, label: String? = nil, color: Color? = nil, dashed: Bool = true, fitted: Bool = false) {
        items.append(ReferenceLine(.horizontal, at: y, label: label, color: color ?? style.textDim, dashed: dashed, fitted: fitted))
    }

    /// A vertical reference line.
    public mutating func vline(_ x: Double, label: String? = nil, color: Color? = nil, dashed: Bool = true, fitted: Bool = false) {
        items.append(ReferenceLine(.vertical, at: x, label: label, color: color ?? style.textDim, dashed: dashed, fitted: fitted))
    }

    /// A shaded horizontal region between y0 and y1.
    public mutating func hregion(_ y0: Double, _ y1: Double, color: Color? = nil) {
        items.append(RegionItem(.horizontal, from: y0, to: y1, color: (color ?? style.warning).withAlpha(0.12)))
    }

    /// A shaded vertical region between x0 and x1.
    public mutating func vregion(_ x0: Double, _ x1: Double, color: Color? = nil) {
        items.append(RegionItem(.vertical, from: x0, to: x1, color: (color ?? style.warning).withAlpha(0.12)))
    }
}
