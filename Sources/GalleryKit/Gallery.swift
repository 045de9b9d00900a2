import Immediate

/// The plot gallery: every item type and interaction of the plot layer, in a resizable 2×2 grid
/// under a menu bar, with a status bar. Also the "gallery" case of `hafs-viz-bench`.
public final class Gallery {
    public let data: GalleryData
    public var showBand = true
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

        let cells = ui.panelGrid("gallery-grid", body.insetBy(style.spacing, style.spacing), columns: 2, rows: 2)
        linesPlot(ui, cells[0])
        barsPanel(ui, cells[1])
        ui.plot("scatter", cells[2], title: "1M-point scatter: density image, markers when zoomed in") { p in
            p.scatter("clusters", data.bigScatter)
            p.vline(0, label: "x = 0", dashed: false)
        }
        ui.plot("time", cells[3], title: "Time axis: quality over a week", x: AxisOptions(isTime: true), y: AxisOptions(label: "score")) { p in
            p.line("quality", data.timeLine, legendSuffix: "↑")
            p.scatter("samples (colour, size per point)", data.timeScatter)
            p.hline(0.7, label: "min_quality_score 0.7")
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
        ui.statusBar(status, [
            StatusSegment("10M-point line · 1M-point scatter"),
            StatusSegment("drag: pan · wheel: zoom · right-drag: box · double-click: fit · Home: reset"),
            StatusSegment(lastFrameMilliseconds.map { String(format: "UI build %.1f ms", $0) } ?? "UI build: not measured"),
        ])
    }

    private func linesPlot(_ ui: UIContext, _ rect: Rect) {
        let (top, plotRect) = rect.splitTop(ui.style.rowHeight + ui.style.spacing)
        var band = showBand
        if ui.checkbox("shaded band (min…max per block)", &band, Rect(min: top.min + Vec2(ui.style.padding, 0), max: top.max)) { showBand = band }
        if ui.button("Fit", Rect(min: Vec2(top.max.x - 60 * ui.style.scale, top.min.y + 1), max: Vec2(top.max.x - 4, top.max.y - 3))) {
            ui.resetAllPlots()
        }
        ui.plot("lines", plotRect, title: "10M-point line: every spike survives", x: AxisOptions(label: "sample"), y: AxisOptions(label: "value")) { p in
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
