// Plot: one chart per call. `ui.plot(id, rect) { p in p.line(...) }` records items (any
// `PlotItem`), then runs three steps: setup (state, layout, legend), input (legend clicks, the
// fit, pan and zoom), draw (axes, items clipped to the area, hover, legend).
//
// [SECTION] Interaction (what ImPlot users already know)
//   left-drag pans · wheel zooms around the cursor · wheel or drag over an axis affects only that
//   axis · right-drag draws a zoom box · double-click fits the data · Home fits every plot ·
//   hovering shows the nearest point (series, x, y; a bar's value; an item's own detail) ·
//   legend click hides/shows an entry, hovering one highlights it. Axis ranges live in
//   `PlotState`, kept by id.
// [SECTION] Large data
//   Lines reduce to per-pixel-column spans (see `LineItem`, `LineSeries`); eight or more dense
//   lines in one plot are filled into one image (`PlotLineRaster.swift`); scatters with more
//   visible points than `markerLimit` become a density image (`ScatterItem`). No point is
//   dropped from view.
// [SECTION] Files: Plot (these steps) · PlotItem (the protocol) · PlotBuilder · PlotAxes ·
//   PlotLegend · PlotLineRaster · Items/ (one file per item type).

import Figures
import Foundation

extension UIContext {
    /// Scatters with more visible points than this are drawn as a density image.
    public static let markerLimit = 20_000

    /// Fits every plot's axes to its data on the next frame (the Home key).
    public func resetAllPlots() {
        plotResetGeneration += 1
    }

    /// The state of plot `idLabel` (under the current id stack), nil before it was first drawn.
    public func plotState(_ idLabel: String) -> PlotState? {
        existingState(for: plotID(idLabel))
    }

    /// Replaces the state of plot `idLabel` (axis ranges set by a program, a benchmark's pan).
    public func setPlotState(_ state: PlotState, for idLabel: String) {
        setState(state, for: plotID(idLabel))
    }

    private func plotID(_ idLabel: String) -> UIID { id("plot:" + idLabel) }

    /// Draws a plot in `rect`. `body` adds items; the result tells the axis ranges and what is
    /// hovered. The plot's state is kept by `idLabel` across frames.
    ///
    /// `live`: the data grows while shown. Following it, the view fits with room to grow (10%
    /// of the span right of x and on both sides of y) and moves only when the data leaves it
    /// or shrinks to under half of it, so a growing line changes only its right edge between
    /// refits (a line image then redraws only the new columns).
    ///
    /// `highlight`: a legend key drawn emphasized (the others faded) as when its legend entry is
    /// hovered: the record selected elsewhere. Hovering another entry takes over.
    @discardableResult
    public func plot(
        _ idLabel: String, _ rect: Rect, title: String? = nil, x xOptions: AxisOptions = AxisOptions(),
        y yOptions: AxisOptions = AxisOptions(), legend placement: LegendPlacement = .inside, live: Bool = false,
        highlight: String? = nil, _ body: (inout PlotBuilder) -> Void
    ) -> PlotResult {
        var builder = PlotBuilder(style: style)
        body(&builder)
        var frame = plotSetup(
            plotID(idLabel), rect, title: title, items: builder.items, x: xOptions, y: yOptions, legend: placement,
            live: live)
        guard frame.area.width > 4, frame.area.height > 4 else {
            setState(frame.state, for: frame.id)
            return PlotResult(state: frame.state, transform: frame.transform, hover: nil, hoveredLegend: nil, isHovered: false)
        }
        frame.hoveredLegend = highlight
        plotInput(&frame)
        return plotDraw(frame)
    }

    // MARK: - Setup

    /// State (fit requests, first-seen legend keys), then the layout: title, axes, colour bar,
    /// legend.
    private func plotSetup(
        _ plotID: UIID, _ rect: Rect, title: String?, items: [any PlotItem], x xOptions: AxisOptions,
        y yOptions: AxisOptions, legend placement: LegendPlacement, live: Bool
    ) -> PlotFrame {
        var state = self.state(for: plotID) { PlotState() }
        let resetSeen = self.state(for: plotID &+ 1) { plotResetGeneration }
        if resetSeen != plotResetGeneration || input.pressed(KeyPress(.home)) {
            state.fitRequested = true
            state.autoFit = true
            setState(plotResetGeneration, for: plotID &+ 1)
        }
        let entriesPerItem = items.map(\.legendEntries)
        // Items sharing a key share one entry (the first item's): a domain's lines and band.
        var keysListed = Set<String>()
        let entries = entriesPerItem.flatMap { $0 }.filter { keysListed.insert($0.key).inserted }
        for entry in entries where !entry.key.isEmpty && state.seenLabels.insert(entry.key).inserted {
            if entry.startsHidden { state.hidden.insert(entry.key) }
        }
        let polar = !items.isEmpty && items.allSatisfy(\.isPolar)
        let colorScale = items.lazy.compactMap(\.colorScale).first

        let pad = style.padding
        var frameRect = rect
        draw { list in
            if style.plotBackground != style.background { list.addRectFilled(rect, style.plotBackground) }
            list.addRect(rect, style.panelBorder)
        }
        if let title {
            let (top, rest) = frameRect.splitTop(font.lineHeight + pad * 1.5)
            let shown = font.shorten(title, toFit: top.width - pad * 2)
            label(shown, at: Vec2(top.center.x - font.measure(shown) / 2, top.min.y + pad), color: style.text)
            if shown != title, isMouseOver(top) { tooltip(title) }
            frameRect = rest
        }
        let yAxisWidth: Float
        let xAxisHeight: Float
        if polar {
            yAxisWidth = pad
            xAxisHeight = pad
        } else {
            let yLabelWidth =
                yOptions.ticks.map { $0.map { font.measure($0.label) }.max() ?? 0 }
                ?? (yOptions.log ? Ticks.log(state.y, target: 6).map({ font.measure($0.label) }).max() : nil).map {
                    max($0, font.measure("1e-10"))
                }
                ?? max(
                    font.measure("-0.000"),
                    Ticks.labels(Ticks.linear(state.y, target: 6).values, step: Ticks.niceStep(span: state.y.span, target: 6))
                        .map { font.measure($0) }.max() ?? 0)
            yAxisWidth = min(yLabelWidth + pad * 2 + (yOptions.label != nil ? font.lineHeight : 0), frameRect.width * 0.4)
            let stagger = staggerCategoryLabels(xOptions, width: frameRect.width - yAxisWidth)
            xAxisHeight = font.lineHeight * (stagger ? 2 : 1) + pad * (stagger ? 2 : 1.5) + (xOptions.label != nil ? font.lineHeight : 0)
        }
        var area = Rect(
            min: Vec2(frameRect.min.x + yAxisWidth, frameRect.min.y + pad),
            max: Vec2(frameRect.max.x - pad * 1.5, frameRect.max.y - xAxisHeight))
        var colorBar: Rect?
        if let colorScale {
            let width = min(colorBarWidth(colorScale), area.width * 0.3)
            colorBar = Rect(min: Vec2(area.max.x - width, area.min.y), max: area.max)
            area.max.x -= width
        }
        var legend = LegendLayout.empty
        if placement == .hidden {
            // No legend, so no legend clicks and no search for a free corner.
        } else if placement == .outside || polar || state.legendMovedOutside {
            // A column (or columns) right of the plot, at most 35% of its width (half beside a
            // pie, which needs less); text is truncated.
            // The column may run down beside the x axis too: in a short plot, rows are what a
            // legend has room for, and narrow columns would cut every name.
            let share: Float = polar ? 0.5 : 0.35
            let tall = Rect(min: area.min, max: Vec2(area.max.x, frameRect.max.y))
            let probe = legendLayout(entries, area: tall, maxWidth: area.width * share)
            if !probe.entries.isEmpty {
                area.max.x -= probe.rect.width + pad
                legend = legendLayout(
                    entries, area: Rect(min: area.min, max: Vec2(area.max.x, frameRect.max.y)),
                    maxWidth: area.width * share / (1 - share), origin: Vec2(area.max.x + pad, area.min.y))
            }
        } else {
            legend = legendLayout(entries, area: area, maxWidth: area.width * 0.6).placed(at: state.legendCorner, in: area, padding: pad)
        }
        let xAxisArea = Rect(min: Vec2(area.min.x, area.max.y), max: Vec2(area.max.x, frameRect.max.y))
        let yAxisArea = Rect(min: Vec2(frameRect.min.x, area.min.y), max: Vec2(area.min.x, area.max.y))
        return PlotFrame(
            id: plotID, state: state, items: items, keys: entriesPerItem.map { $0.map(\.key) }, xOptions: xOptions, yOptions: yOptions,
            live: live, polar: polar,
            area: area, xAxisArea: xAxisArea, yAxisArea: yAxisArea, colorBar: colorBar, colorScale: colorScale, legend: legend,
            legendInside: placement == .inside && !polar && !state.legendMovedOutside)
    }

    /// Category labels on x too wide for one row are set on two, alternating.
    func staggerCategoryLabels(_ options: AxisOptions, width: Float) -> Bool {
        guard let ticks = options.ticks, ticks.count > 1 else { return false }
        let slot = width / Float(ticks.count) - style.padding
        return ticks.contains { font.measure($0.label) > slot }
    }

    // MARK: - Input

    /// Legend clicks (before anything else, so they do not start a pan), the fit, then pan,
    /// zoom and the zoom box.
    private func plotInput(_ frame: inout PlotFrame) {
        let area = frame.area
        for (entry, rect) in frame.legend.entries where isMouseOver(rect) {
            frame.hoveredLegend = entry.key
            if input.wasPressed(.left) {
                if frame.state.hidden.contains(entry.key) {
                    frame.state.hidden.remove(entry.key)
                } else {
                    frame.state.hidden.insert(entry.key)
                }
            }
        }
        frame.overLegend = input.mouse.map { frame.legend.rect.contains($0) } ?? false
        frame.updateVisibleItems()
        plotFit(&frame)

        var state = frame.state
        let logY = frame.yOptions.log
        _ = interact(frame.id, area)  // hover and active tracking for the plot area
        let hovered = isMouseOver(area)
        let overX = !frame.polar && isMouseOver(frame.xAxisArea)
        let overY = !frame.polar && isMouseOver(frame.yAxisArea)
        frame.isHovered = hovered
        if state.drag == nil, active == nil || active == frame.id, !frame.overLegend {
            if input.wasPressed(.left), hovered || overX || overY {
                state.drag = hovered ? .pan : overX ? .panX : .panY
                setActive(frame.id)
            } else if input.wasPressed(.right), hovered, let mouse = input.mouse {
                state.drag = .box(start: mouse)
                setActive(frame.id)
            }
        }
        if hovered, input.wasDoubleClicked(.left), !frame.overLegend {
            state.fitRequested = true
            state.autoFit = false
            state.drag = nil
        }
        if let drag = state.drag {
            let delta = input.mouseDelta
            switch drag {
            case .pan, .panX, .panY:
                if !input.isDown(.left) {
                    state.drag = nil
                } else if delta != .zero {
                    if case .panY = drag {} else { state.x = shifted(state.x, by: -Double(delta.x) / Double(area.width)) }
                    if case .panX = drag {} else { state.y = shifted(state.y, by: Double(delta.y) / Double(area.height)) }
                    state.autoFit = false
                }
            case .box(let start):
                if !input.isDown(.right), let mouse = input.mouse {
                    let box = Rect(min: pointwiseMin(start, mouse), max: pointwiseMax(start, mouse)).intersection(area)
                    let t = PlotTransform(area: area, x: state.x, y: state.y, logY: logY)
                    if box.width >= 4 {
                        state.x = AxisRange(t.dataX(box.min.x), t.dataX(box.max.x))
                        state.autoFit = false
                    }
                    if box.height >= 4 {
                        state.y = AxisRange(t.axisPixelY(box.max.y), t.axisPixelY(box.min.y))
                        state.autoFit = false
                    }
                    state.drag = nil
                } else if !input.isDown(.right) {
                    state.drag = nil
                }
            }
        }
        if input.wheel.y != 0, let mouse = input.mouse, hovered || overX || overY, state.drag == nil {
            let factor = pow(0.85, Double(input.wheel.y))
            let t = PlotTransform(area: area, x: state.x, y: state.y, logY: logY)
            if hovered || overX { state.x = zoomed(state.x, around: t.dataX(mouse.x), factor) }
            if hovered || overY { state.y = zoomed(state.y, around: t.axisPixelY(mouse.y), factor) }
            state.autoFit = false
        }
        if state.drag != nil { requestRedraw() }
        frame.state = state
    }

    /// Fits the axes to the visible items (while auto-fitting, or once when asked).
    private func plotFit(_ frame: inout PlotFrame) {
        var state = frame.state
        defer { frame.state = state }
        guard state.autoFit || state.fitRequested, state.drag == nil else { return }
        var bounds = PlotBounds(logY: frame.yOptions.log, hidden: state.hidden)
        for (_, item) in frame.visibleItems { item.addBounds(to: &bounds) }
        for value in frame.xOptions.include { bounds.includeX(value, value) }
        for value in frame.yOptions.include { bounds.includeY(value, value) }
        let holds = { (view: AxisRange, data: AxisRange?) -> Bool in
            guard let data else { return true }
            return view.min <= data.min && data.max <= view.max && data.span >= view.span * 0.5
        }
        if frame.live, !state.fitRequested, holds(state.x, bounds.x), holds(state.y, bounds.y) {
            // The data is still inside the view: it stays put.
        } else {
            if let bx = bounds.x {
                state.x = bx.padded(0.04)
                if frame.live { state.x.max += bx.span * 0.1 }
            }
            if let by = bounds.y { state.y = by.padded(frame.live ? 0.16 : 0.06) }
            if frame.polar { equalizeAspect(&state, frame.area) }
        }
        state.fitRequested = false
    }

    /// Widens the range with fewer units per pixel so both axes have the same (a circle stays round).
    private func equalizeAspect(_ state: inout PlotState, _ area: Rect) {
        let perX = state.x.span / Double(area.width)
        let perY = state.y.span / Double(area.height)
        guard perX > 0, perY > 0 else { return }
        if perX < perY {
            let half = perY * Double(area.width) / 2
            let middle = (state.x.min + state.x.max) / 2
            state.x = AxisRange(middle - half, middle + half)
        } else {
            let half = perX * Double(area.height) / 2
            let middle = (state.y.min + state.y.max) / 2
            state.y = AxisRange(middle - half, middle + half)
        }
    }

    // MARK: - Draw

    /// Axes, the items clipped to the area, the zoom box, the hover, the legend and colour bar.
    private func plotDraw(_ frame: PlotFrame) -> PlotResult {
        var state = frame.state
        let transform = frame.transform
        let area = frame.area
        if !frame.polar {
            drawAxes(transform, xOptions: frame.xOptions, yOptions: frame.yOptions, xAxisArea: frame.xAxisArea, yAxisArea: frame.yAxisArea)
        }
        draw { $0.pushClip(area) }
        let visible = frame.visibleItems
        // Many dense lines: one image for all of them, drawn where the first of them would be.
        let rastered = rasterLines(visible.map(\.item), transform, hoveredLegend: frame.hoveredLegend, plotID: frame.id)
        for (position, (index, item)) in visible.enumerated() {
            if let rastered, rastered.indices.contains(position) {
                if position == rastered.indices.min() { drawStrips(rastered.texture, rastered.strips, area) }
                continue
            }
            item.draw(
                PlotDrawContext(
                    ui: self, transform: transform, hidden: state.hidden, hoveredLegend: frame.hoveredLegend,
                    cacheID: frame.id &+ 7919 &* UInt32(truncatingIfNeeded: index + 1)))
        }
        if case .box(let start)? = state.drag, let mouse = input.mouse {
            let box = Rect(min: pointwiseMin(start, mouse), max: pointwiseMax(start, mouse))
            draw { list in
                list.addRectFilled(box, style.accent.withAlpha(0.15))
                list.addRect(box, style.accent)
            }
        }
        var hover: PlotHover?
        if frame.isHovered, state.drag == nil, !frame.overLegend, let mouse = input.mouse {
            let query = PlotHoverQuery(transform: transform, mouse: mouse, reach: 14 * style.scale, hidden: state.hidden)
            hover = visible.reduce(nil as PlotHit?) { PlotHit.nearer($0, $1.item.hit(query)) }?.hover
            if let hover { drawHover(hover, transform, frame.xOptions) }
        }
        draw { $0.popClip() }
        if let colorBar = frame.colorBar, let scale = frame.colorScale { drawColorBar(scale, in: colorBar) }
        var legend = frame.legend
        let checked = state.legendCheckedFor
        if frame.legendInside, state.drag == nil,
            checked == nil || checked?.view != transform || checked?.items != visible.count || checked?.hidden != state.hidden
        {
            state.legendCheckedFor = (transform, visible.count, state.hidden)
            let best = leastCoveredCorner(legend, current: state.legendCorner, items: visible.map(\.item), transform, hidden: state.hidden)
            if best.corner != state.legendCorner {
                legend = frame.legend.placed(at: best.corner, in: area, padding: style.padding)
                state.legendCorner = best.corner
            }
            // No corner is free: from the next frame on, the legend gets a column of its own.
            if best.covered > 0 {
                state.legendMovedOutside = true
                requestRedraw()
            }
        }
        drawLegend(legend, hidden: state.hidden, hovered: frame.hoveredLegend)
        setState(state, for: frame.id)
        return PlotResult(
            state: state, transform: transform, hover: hover, hoveredLegend: frame.hoveredLegend, isHovered: frame.isHovered,
            legend: legend.entries.map { (label: $0.entry.key, rect: $0.rect) })
    }

    /// The hovered point's marker and the tooltip.
    private func drawHover(_ hover: PlotHover, _ transform: PlotTransform, _ xOptions: AxisOptions) {
        if !hover.isBar {
            let point = Vec2(transform.px(hover.x), transform.py(hover.y))
            draw { list in
                list.addCircleFilled(point, radius: 5 * style.scale, style.text)
                list.addCircleFilled(point, radius: 3.5 * style.scale, style.accent)
            }
        }
        if let detail = hover.detail {
            tooltip("\(hover.series)\n\(detail)")
            return
        }
        let xText = xOptions.isTime ? Format.dateTime(hover.x) : Format.value(hover.x)
        let xLabel = xOptions.ticks?.first { abs($0.value - hover.x) < 0.5 }?.label
        tooltip(
            "\(hover.series)\n\(hover.index == nil ? "x ≈" : "x:") \(xLabel ?? xText)\n\(hover.isBar ? "value" : "y"): \(Format.value(hover.y))"
        )
    }

    // MARK: - Ranges

    private func shifted(_ range: AxisRange, by fraction: Double) -> AxisRange {
        let delta = range.span * fraction
        return AxisRange(range.min + delta, range.max + delta)
    }

    private func zoomed(_ range: AxisRange, around anchor: Double, _ factor: Double) -> AxisRange {
        let lo = anchor + (range.min - anchor) * factor
        let hi = anchor + (range.max - anchor) * factor
        // Keep a usable span: not below 1e-12 of the anchor's magnitude, not beyond 1e300.
        guard hi - lo > max(abs(anchor), 1) * 1e-12, (hi - lo).isFinite else { return range }
        return AxisRange(lo, hi)
    }
}

/// One plot's frame in progress: what setup laid out and input changed, for draw.
struct PlotFrame {
    let id: UIID
    var state: PlotState
    let items: [any PlotItem]
    /// Each item's legend keys (asked once a frame: building entries makes strings).
    let keys: [[String]]
    let xOptions: AxisOptions
    let yOptions: AxisOptions
    let live: Bool
    /// Every item is polar (pies, gauges): no axes, equal aspect.
    let polar: Bool
    let area: Rect
    let xAxisArea: Rect
    let yAxisArea: Rect
    let colorBar: Rect?
    let colorScale: PlotColorScale?
    var legend: LegendLayout
    /// The legend sits over the area, in the corner that covers the least data.
    let legendInside: Bool
    var hoveredLegend: String?
    var overLegend = false
    var isHovered = false

    init(
        id: UIID, state: PlotState, items: [any PlotItem], keys: [[String]], xOptions: AxisOptions, yOptions: AxisOptions, live: Bool,
        polar: Bool,
        area: Rect, xAxisArea: Rect, yAxisArea: Rect, colorBar: Rect?, colorScale: PlotColorScale?, legend: LegendLayout,
        legendInside: Bool
    ) {
        self.id = id
        self.state = state
        self.items = items
        self.keys = keys
        self.xOptions = xOptions
        self.yOptions = yOptions
        self.live = live
        self.polar = polar
        self.area = area
        self.xAxisArea = xAxisArea
        self.yAxisArea = yAxisArea
        self.colorBar = colorBar
        self.colorScale = colorScale
        self.legend = legend
        self.legendInside = legendInside
    }

    var transform: PlotTransform { PlotTransform(area: area, x: state.x, y: state.y, logY: yOptions.log) }

    /// Items with at least one shown legend entry (or none at all), with their index in
    /// `items`; set once the legend's clicks are in (`updateVisibleItems`).
    private(set) var visibleItems: [(index: Int, item: any PlotItem)] = []

    mutating func updateVisibleItems() {
        let hidden = state.hidden
        visibleItems = items.indices.compactMap { index in
            keys[index].isEmpty || keys[index].contains(where: { !hidden.contains($0) }) ? (index, items[index]) : nil
        }
    }
}
