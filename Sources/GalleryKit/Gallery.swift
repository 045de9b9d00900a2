import Figures
import Immediate

/// The plot gallery: every item type and interaction of the plot layer, in a resizable 2×2 grid
/// under a menu bar, with a status bar. Also the "gallery" case of `hafs-viz-bench`.
public final class Gallery {
    public let data: GalleryData
    public var showBand = true
    /// The page shown: 0 lines and scatter, 1 categories, 2 shares and distributions.
    public var page = 0
    public static let pages = ["Lines & scatter", "Categories", "Shares & distributions"]
    public var quitRequested = false
    /// Time to build the last frame; nil until one was measured (screenshots measure none).
    public var lastFrameMilliseconds: Double?

    public init(data: GalleryData) {
        self.data = data
    }

    /// Builds one frame.
    public func frame(_ ui: UIContext) {
        let size = ui.input.displaySize
        let style = ui.style
        let screen = Rect(min: .zero, max: size)
        let (bar, rest) = screen.splitTop(style.rowHeight + 2)
        let (body, status) = rest.splitBottom(style.rowHeight + 2)
        if ui.input.pressed(KeyPress(.character("q"), .control)) { quitRequested = true }
        if ui.input.pressed(KeyPress(.character("b"), .control)) { showBand.toggle() }

        let (pageRect, grid) = body.splitTop(style.rowHeight + style.spacing)
        page = ui.tabs("gallery-pages", Gallery.pages, pageRect.insetBy(style.spacing, 0))
        let cells = ui.panelGrid("gallery-grid", grid.insetBy(style.spacing, style.spacing), columns: 2, rows: 2)
        switch page {
        case 1: categoriesPage(ui, cells)
        case 2: sharesPage(ui, cells)
        default: linesPage(ui, cells)
        }

        ui.menuBar(bar) { menus in
            menus.menu("File") { menu in
                if menu.item("Quit", shortcut: "Ctrl+Q") { quitRequested = true }
            }
            menus.menu("View") { menu in
                if menu.item("Reset All Zoom", shortcut: "Home") { ui.resetAllPlots() }
                if menu.item("Shaded Band", shortcut: "Ctrl+B", checked: showBand) { showBand.toggle() }
            }
        }
        ui.statusBar(
            status,
            [
                StatusSegment("10M-point line · 1M-point scatter"),
                StatusSegment("drag: pan · wheel: zoom · right-drag: box · double-click: fit · Home: reset"),
                StatusSegment(lastFrameMilliseconds.map { String(format: "UI build %.1f ms", $0) } ?? "UI build: not measured"),
            ])
    }

    /// The 10M line with a band, bars, the 1M scatter, and a time axis with a rug of events.
    private func linesPage(_ ui: UIContext, _ cells: [Rect]) {
        linesPlot(ui, cells[0])
        barsPanel(ui, cells[1])
        ui.plot("scatter", cells[2], title: "1M-point scatter: each pixel its points' colour mix, markers when zoomed in") { p in
            p.scatter("clusters", data.bigScatter)
            p.vline(0, label: "x = 0", dashed: false)
        }
        ui.plot("time", cells[3], title: "Time axis: quality over a week", x: AxisOptions(isTime: true), y: AxisOptions(label: "score")) {
            p in
            p.line("quality", data.timeLine, legendSuffix: "↑")
            p.scatter("samples (colour, size per point)", data.timeScatter)
            p.rug(
                "events along x (rug): \(data.timeMarks.count)", x: data.timeMarks, color: ui.style.text,
                details: data.timeMarks.map { "event at " + Format.dateTime($0) })
            p.hline(0.7, label: "min_quality_score 0.7")
        }
    }

    /// Heatmap with a colour bar, grouped bars with value labels, diverging bars, box summaries.
    private func categoriesPage(_ ui: UIContext, _ cells: [Rect]) {
        ui.plot(
            "heatmap", cells[0], title: "Heatmap: rejections by generator × reason",
            x: AxisOptions(ticks: HeatmapItem.columnTicks(data.reasons)), y: AxisOptions(ticks: HeatmapItem.rowTicks(data.generators))
        ) { p in
            p.heatmap(
                "rejections", values: data.reasonCounts, rows: data.generators, columns: data.reasons,
                cellTexts: data.reasonCounts.map { $0.map { String(Int($0)) } })
        }
        let labels = data.barLabels.enumerated().map { (value: Double($0.offset), label: $0.element) }
        ui.plot("grouped-labels", cells[1], title: "Grouped bars with value labels", x: AxisOptions(ticks: labels)) { p in
            p.barGroups(
                ["accepted", "rejected", "pending"], values: data.barValues,
                valueTexts: data.barValues.map { $0.map { String(Int($0)) } })
        }
        ui.plot("diverging", cells[2], title: "Diverging bars: effect per domain", y: AxisOptions(ticks: labels)) { p in
            p.divergingBars("effect", values: data.effects, valueTexts: data.effects.map { String(format: "%+.3f", $0) })
        }
        ui.plot("boxes", cells[3], title: "Box summaries: score per domain", x: AxisOptions(ticks: labels), y: AxisOptions(label: "score"))
        { p in
            p.boxes("score", names: data.barLabels, values: data.scores)
        }
    }

    /// Pie and donut, stacked area, histogram, gauge.
    private func sharesPage(_ ui: UIContext, _ cells: [Rect]) {
        let (left, right) = cells[0].splitLeft(cells[0].width / 2)
        let totals = data.reasons.indices.map { r in data.reasonCounts.reduce(0) { $0 + $1[r] } }
        ui.plot("pie", left, title: "Pie: rejection reasons") { p in
            p.pie(data.reasons, values: totals)
        }
        ui.plot("donut", right, title: "Donut: samples per domain") { p in
            let values = data.barValues[0]
            p.pie(data.barLabels, values: values, innerRadius: 0.55, centerText: "\(Int(values.reduce(0, +)))\nsamples")
        }
        ui.plot(
            "stacked-area", cells[1], title: "Stacked area: samples per domain over runs", x: AxisOptions(label: "run"), legend: .outside
        ) { p in
            p.stackedArea(data.barLabels, x: (0..<12).map(Double.init), layers: data.runDomains)
        }
        ui.plot("histogram", cells[2], title: "Histogram: all scores", x: AxisOptions(label: "score"), y: AxisOptions(label: "count")) {
            p in
            p.histogram("scores", values: data.scores.flatMap { $0 }, bins: 25)
            p.vline(0.7, label: "threshold 0.7")
        }
        ui.plot("gauge", cells[3], title: "Gauge: embedding coverage score") { p in
            p.gauge("coverage score", value: 0.734, range: AxisRange(0, 1), valueText: "0.734", marks: [(0.8, "target 0.8")])
        }
    }

    private func linesPlot(_ ui: UIContext, _ rect: Rect) {
        let (top, plotRect) = rect.splitTop(ui.style.rowHeight + ui.style.spacing)
        var band = showBand
        if ui.checkbox("shaded band (min…max per block)", &band, Rect(min: top.min + Vec2(ui.style.padding, 0), max: top.max)) {
            showBand = band
        }
        if ui.button("Fit", Rect(min: Vec2(top.max.x - 60 * ui.style.scale, top.min.y + 1), max: Vec2(top.max.x - 4, top.max.y - 3))) {
            ui.resetAllPlots()
        }
        ui.plot(
            "lines", plotRect, title: "10M-point line: every spike survives", x: AxisOptions(label: "sample"),
            y: AxisOptions(label: "value")
        ) { p in
            if showBand { p.band("min…max", x: data.bandX, lower: data.bandLow, upper: data.bandHigh) }
            p.line("random walk (10M)", data.bigLine)
            p.line("block mean", data.trend, color: ui.style.text.withAlpha(0.8), thickness: ui.style.scale)
            p.hline(2, label: "threshold 2")
            p.vline(5_000_000, label: "midpoint")
            p.vregion(8_000_000, 9_000_000)
            p.hregion(-1, -0.5, color: ui.style.error)
        }
    }

    private func barsPanel(_ ui: UIContext, _ rect: Rect) {
        let (tabRect, plotRect) = rect.splitTop(ui.style.rowHeight + ui.style.spacing)
        let tab = ui.tabs("bars-tabs", ["Grouped (vertical)", "Stacked (horizontal)"], tabRect)
        let labels = data.barLabels.enumerated().map { (value: Double($0.offset), label: $0.element) }
        if tab == 0 {
            ui.plot("bars-grouped", plotRect, title: "Accepted, rejected, pending per domain", x: AxisOptions(ticks: labels)) { p in
                p.barGroups(["accepted", "rejected", "pending"], values: data.barValues)
                p.hline(500, label: "target")
            }
        } else {
            ui.plot("bars-stacked", plotRect, title: "Stacked, horizontal", y: AxisOptions(ticks: labels)) { p in
                p.barGroups(["accepted", "rejected", "pending"], values: data.barValues, stacked: true, horizontal: true)
            }
        }
    }
}
