// Plot: one chart per call. `ui.plot(id, rect) { p in p.line(...) }` records items, then lays
// out, handles input, and draws.
//
// [SECTION] Interaction (what ImPlot users already know)
//   left-drag pans · wheel zooms around the cursor · wheel or drag over an axis affects only that
//   axis · right-drag draws a zoom box · double-click fits the data · Home fits every plot ·
//   hovering shows the nearest point (series, x, y; a bar's value) · legend click hides/shows a
//   series, hovering an entry highlights it. Axis ranges live in `PlotState`, kept by id.
// [SECTION] Large data
//   Lines reduce to per-pixel-column spans (see `LineSeries`); eight or more dense lines in one
//   plot are filled into one image (`LineRaster`, `rasterLines`); scatters with more visible
//   points than `markerLimit` become a density image (see `DensityGrid`). No point is dropped
//   from view.
// [SECTION] Index: plot() (setup, input, draw) · axes · items (drawItem, drawLine, drawPolyline,
//   rasterLines, drawScatter) · hover (nearest) · legend. Splitting plot() and making items an
//   open set is the plot-items issue's work.

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
    @discardableResult
    public func plot(_ idLabel: String, _ rect: Rect, title: String? = nil, x xOptions: AxisOptions = AxisOptions(),
                     y yOptions: AxisOptions = AxisOptions(), legend placement: LegendPlacement = .inside, live: Bool = false,
                     _ body: (inout PlotBuilder) -> Void) -> PlotResult {
        let plotID = plotID(idLabel)
        var builder = PlotBuilder(style: style)
        body(&builder)
        var state = self.state(for: plotID) { PlotState() }
        let resetSeen = self.state(for: plotID &+ 1) { plotResetGeneration }
        if resetSeen != plotResetGeneration || input.pressed(KeyPress(.home)) {
            state.fitRequested = true
            state.autoFit = true
            setState(plotResetGeneration, for: plotID &+ 1)
        }
        let items = builder.items
        for item in items {
            guard let label = item.label, !label.isEmpty, state.seenLabels.insert(label).inserted else { continue }
            if item.hiddenByDefault { state.hidden.insert(label) }
        }

        // Layout: title, y tick labels on the left, x tick labels below.
        let s = style.scale
        let pad = style.padding
        var frame = rect
        draw { list in
            if style.plotBackground != style.background { list.addRectFilled(rect, style.plotBackground) }
            list.addRect(rect, style.panelBorder)
        }
        if let title {
            let (top, rest) = frame.splitTop(font.lineHeight + pad * 1.5)
            label(font.truncate(title, toFit: top.width - pad * 2), at: Vec2(top.center.x - min(font.measure(title), top.width - pad * 2) / 2, top.min.y + pad), color: style.text)
            frame = rest
        }
        let yLabelWidth = yOptions.ticks.map { $0.map { font.measure($0.label) }.max() ?? 0 }
            ?? (yOptions.log ? Ticks.log(state.y, target: 6).map({ font.measure($0.label) }).max() : nil).map { max($0, font.measure("1e-10")) }
            ?? max(font.measure("-0.000"), Ticks.labels(Ticks.linear(state.y, target: 6).values, step: Ticks.niceStep(span: state.y.span, target: 6)).map { font.measure($0) }.max() ?? 0)
        let yAxisWidth = min(yLabelWidth + pad * 2 + (yOptions.label != nil ? font.lineHeight : 0), frame.width * 0.4)
        let xAxisHeight = font.lineHeight + pad * 1.5 + (xOptions.label != nil ? font.lineHeight : 0)
        var area = Rect(min: Vec2(frame.min.x + yAxisWidth, frame.min.y + pad),
                        max: Vec2(frame.max.x - pad * 1.5, frame.max.y - xAxisHeight))
        var outsideLegend: LegendLayout?
        if placement == .outside {
            // A column (or columns) right of the plot, at most 35% of its width; text is truncated.
            let probe = legendLayout(items, area: area, maxWidth: area.width * 0.35)
            if !probe.entries.isEmpty {
                area.max.x -= probe.rect.width + pad
                outsideLegend = legendLayout(items, area: area, maxWidth: area.width * 0.35 / 0.65,
                                             origin: Vec2(area.max.x + pad, area.min.y))
            }
        }
        guard area.width > 4, area.height > 4 else {
            setState(state, for: plotID)
            return PlotResult(state: state, transform: PlotTransform(area: area, x: state.x, y: state.y, logY: yOptions.log), hover: nil, hoveredLegend: nil, isHovered: false)
        }
        let xAxisArea = Rect(min: Vec2(area.min.x, area.max.y), max: Vec2(area.max.x, frame.max.y))
        let yAxisArea = Rect(min: Vec2(frame.min.x, area.min.y), max: Vec2(area.min.x, area.max.y))

        // Legend (before input, so clicks on it do not start a pan).
        let legend = outsideLegend ?? legendLayout(items, area: area, maxWidth: area.width * 0.6)
        var hoveredLegend: String?
        for entry in legend.entries {
            if isMouseOver(entry.rect) {
                hoveredLegend = entry.label
                if input.wasPressed(.left) {
                    if state.hidden.contains(entry.label) { state.hidden.remove(entry.label) } else { state.hidden.insert(entry.label) }
                }
            }
        }
        let overLegend = input.mouse.map { legend.rect.contains($0) } ?? false

        // Fit.
        let visibleItems = items.filter { $0.label.map { !state.hidden.contains($0) } ?? true }
        if state.autoFit || state.fitRequested, state.drag == nil {
            var bounds = dataBounds(visibleItems, logY: yOptions.log)
            for value in xOptions.include where value.isFinite {
                bounds.x = bounds.x.map { AxisRange(min($0.min, value), max($0.max, value)) } ?? AxisRange(value, value)
            }
            // Log axes keep their range in log10 units.
            for value in yOptions.include.map({ yOptions.log ? ($0 > 0 ? log10($0) : .nan) : $0 }) where value.isFinite {
                bounds.y = bounds.y.map { AxisRange(min($0.min, value), max($0.max, value)) } ?? AxisRange(value, value)
            }
            let holds = { (view: AxisRange, data: AxisRange?) -> Bool in
                guard let data else { return true }
                return view.min <= data.min && data.max <= view.max && data.span >= view.span * 0.5
            }
            if live, !state.fitRequested, holds(state.x, bounds.x), holds(state.y, bounds.y) {
                // The data is still inside the view: it stays put.
            } else {
                if let bx = bounds.x {
                    state.x = bx.padded(0.04)
                    if live { state.x.max += bx.span * 0.1 }
                }
                if let by = bounds.y { state.y = by.padded(live ? 0.16 : 0.06) }
            }
            state.fitRequested = false
        }

        // Input.
        _ = interact(plotID, area)  // hover and active tracking for the plot area
        let hovered = isMouseOver(area)
        let overX = isMouseOver(xAxisArea)
        let overY = isMouseOver(yAxisArea)
        if state.drag == nil, active == nil || active == plotID, !overLegend {
            if input.wasPressed(.left), hovered || overX || overY {
                state.drag = hovered ? .pan : overX ? .panX : .panY
                setActive(plotID)
            } else if input.wasPressed(.right), hovered, let mouse = input.mouse {
                state.drag = .box(start: mouse)
                setActive(plotID)
            }
        }
        if hovered, input.wasDoubleClicked(.left), !overLegend {
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
                    let t = PlotTransform(area: area, x: state.x, y: state.y, logY: yOptions.log)
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
            let t = PlotTransform(area: area, x: state.x, y: state.y, logY: yOptions.log)
            if hovered || overX { state.x = zoomed(state.x, around: t.dataX(mouse.x), factor) }
            if hovered || overY { state.y = zoomed(state.y, around: t.axisPixelY(mouse.y), factor) }
            state.autoFit = false
        }
        if state.drag != nil { requestRedraw() }

        // Draw: grid and ticks, items clipped to the area, legend, hover.
        let transform = PlotTransform(area: area, x: state.x, y: state.y, logY: yOptions.log)
        drawAxes(transform, xOptions: xOptions, yOptions: yOptions, xAxisArea: xAxisArea, yAxisArea: yAxisArea)
        draw { $0.pushClip(area) }
        var drawnScatter = 0
        // Many dense lines: one image for all of them, drawn where the first of them would be.
        let rastered = rasterLines(visibleItems, transform, hoveredLegend: hoveredLegend, plotID: plotID)
        for (index, item) in visibleItems.enumerated() {
            if let rastered, rastered.indices.contains(index) {
                if index == rastered.indices.first { drawStrips(rastered.texture, rastered.strips, transform.area) }
                continue
            }
            let emphasis: Float = hoveredLegend == nil || hoveredLegend == item.label ? 1 : 0.3
            let highlight = hoveredLegend != nil && hoveredLegend == item.label
            drawItem(item, transform, emphasis: emphasis, highlight: highlight, imageSlot: &drawnScatter, plotID: plotID)
        }
        if case .box(let start)? = state.drag, let mouse = input.mouse {
            let box = Rect(min: pointwiseMin(start, mouse), max: pointwiseMax(start, mouse))
            draw { list in
                list.addRectFilled(box, style.accent.withAlpha(0.15))
                list.addRect(box, style.accent)
            }
        }
        var hover: PlotHover?
        if hovered, state.drag == nil, !overLegend, let mouse = input.mouse {
            hover = nearest(visibleItems, transform, mouse: mouse)
            if let hover {
                let point = Vec2(transform.px(hover.x), transform.py(hover.y))
                if !hover.isBar {
                    draw { list in
                        list.addCircleFilled(point, radius: 5 * s, style.text)
                        list.addCircleFilled(point, radius: 3.5 * s, style.accent)
                    }
                }
                let xText = xOptions.isTime ? Ticks.formatDateTime(hover.x) : Ticks.formatValue(hover.x)
                let xLabel = xOptions.ticks?.first { abs($0.value - hover.x) < 0.5 }?.label
                tooltip("\(hover.series)\n\(hover.index == nil ? "x ≈" : "x:") \(xLabel ?? xText)\n\(hover.isBar ? "value" : "y"): \(Ticks.formatValue(hover.y))")
            }
        }
        draw { $0.popClip() }
        drawLegend(legend, items: items, hidden: state.hidden, hovered: hoveredLegend)
        setState(state, for: plotID)
        return PlotResult(state: state, transform: transform, hover: hover, hoveredLegend: hoveredLegend, isHovered: hovered,
                          legend: legend.entries.map { (label: $0.label, rect: $0.rect) })
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

    /// The items' extent; with `logY`, y in log10 units over the values above 0.
    private func dataBounds(_ items: [PlotItem], logY: Bool) -> (x: AxisRange?, y: AxisRange?) {
        var x: AxisRange?
        var y: AxisRange?
        func merge(_ range: AxisRange, into target: inout AxisRange?) {
            target = target.map { AxisRange(min($0.min, range.min), max($0.max, range.max)) } ?? range
        }
        /// `axisUnits`: the y range is already in log10 units.
        func include(_ range: AxisRange?, into target: inout AxisRange?, isY: Bool = false, axisUnits: Bool = false) {
            guard let range else { return }
            guard logY, isY, !axisUnits else { return merge(range, into: &target) }
            // On a log axis only values above 0 count.
            guard range.max > 0 else { return }
            merge(AxisRange(log10(range.min > 0 ? range.min : range.max), log10(range.max)), into: &target)
        }
        for item in items {
            switch item.kind {
            case .line(let series):
                include(series.bounds?.x, into: &x)
                if logY {
                    // The smallest value above 0, not the minimum, is the bottom of a log axis.
                    if let top = series.bounds?.y.max, top > 0, series.minPositiveY <= top {
                        include(AxisRange(log10(series.minPositiveY), log10(top)), into: &y, isY: true, axisUnits: true)
                    }
                } else {
                    include(series.bounds?.y, into: &y, isY: true)
                }
            case .scatter(let series, _):
                include(series.bounds?.x, into: &x)
                include(series.bounds?.y, into: &y, isY: true)
            case .bars(let bars):
                for i in bars.values.indices {
                    // A bar without a value keeps its category in view (e.g. a run with no loss yet).
                    let along = AxisRange(bars.positions[i] - bars.width / 2, bars.positions[i] + bars.width / 2)
                    include(bars.horizontal ? nil : along, into: &x)
                    include(bars.horizontal ? along : nil, into: &y, isY: true)
                    guard bars.values[i].isFinite else { continue }
                    let across = AxisRange(min(bars.bases[i], bars.bases[i] + bars.values[i]), max(bars.bases[i], bars.bases[i] + bars.values[i]))
                    include(bars.horizontal ? across : nil, into: &x)
                    include(bars.horizontal ? nil : across, into: &y, isY: true)
                }
            case .band(let xs, let lower, let upper):
                for i in xs.indices where xs[i].isFinite {
                    include(AxisRange(xs[i], xs[i]), into: &x)
                    if i < lower.count, lower[i].isFinite { include(AxisRange(lower[i], lower[i]), into: &y, isY: true) }
                    if i < upper.count, upper[i].isFinite { include(AxisRange(upper[i], upper[i]), into: &y, isY: true) }
                }
            case .hline, .vline, .hregion, .vregion:
                break
            }
        }
        return (x, y)
    }

    // MARK: - Axes

    private func drawAxes(_ t: PlotTransform, xOptions: AxisOptions, yOptions: AxisOptions, xAxisArea: Rect, yAxisArea: Rect) {
        let area = t.area
        let pad = style.padding
        let xTarget = max(2, Int(area.width / (110 * style.scale)))
        let yTarget = max(2, Int(area.height / (50 * style.scale)))
        let xTicks: [(Double, String)]
        if let fixed = xOptions.ticks {
            xTicks = fixed.filter { $0.value >= t.x.min && $0.value <= t.x.max }.map { ($0.value, $0.label) }
        } else if xOptions.isTime {
            let (values, step) = Ticks.time(t.x, target: xTarget)
            xTicks = values.map { ($0, Ticks.formatTime($0, step: step)) }
        } else {
            let (values, step) = Ticks.linear(t.x, target: xTarget)
            xTicks = Array(zip(values, Ticks.labels(values, step: step)))
        }
        let yTicks: [(Double, String)]
        if let fixed = yOptions.ticks {
            yTicks = fixed.filter { $0.value >= t.y.min && $0.value <= t.y.max }.map { ($0.value, $0.label) }
        } else if yOptions.log {
            yTicks = Ticks.log(t.y, target: yTarget).map { ($0.value, $0.label) }
        } else {
            let (values, step) = Ticks.linear(t.y, target: yTarget)
            yTicks = Array(zip(values, Ticks.labels(values, step: step)))
        }
        draw { list in
            for (value, _) in xTicks {
                let px = t.px(value).rounded()
                list.addRectFilled(Rect(min: Vec2(px, area.min.y), max: Vec2(px + 1, area.max.y)), style.grid)
            }
            for (value, _) in yTicks {
                let py = t.py(value).rounded()
                list.addRectFilled(Rect(min: Vec2(area.min.x, py), max: Vec2(area.max.x, py + 1)), style.grid)
            }
            list.addRect(area, style.axis)
        }
        var lastRight = -Float.infinity
        for (value, text) in xTicks {
            let shown = xOptions.ticks != nil ? font.truncate(text, toFit: max(20, area.width / Float(max(xTicks.count, 1)) - pad)) : text
            let width = font.measure(shown)
            let left = t.px(value) - width / 2
            guard left > lastRight + pad else { continue }  // skip labels that would overlap
            label(shown, at: Vec2(left, xAxisArea.min.y + pad / 2), color: style.textDim)
            lastRight = left + width
        }
        for (value, text) in yTicks {
            let shown = font.truncate(text, toFit: yAxisArea.width - pad * 2)
            let width = font.measure(shown)
            label(shown, at: Vec2(yAxisArea.max.x - pad - width, t.py(value) - font.lineHeight / 2), color: style.textDim)
        }
        if let xLabel = xOptions.label {
            let width = font.measure(xLabel)
            label(xLabel, at: Vec2(area.center.x - width / 2, xAxisArea.max.y - font.lineHeight - 2), color: style.textDim)
        }
        if let yLabel = yOptions.label {
            label(font.truncate(yLabel, toFit: 120 * style.scale), at: Vec2(yAxisArea.min.x + 2, area.min.y - 2), color: style.textDim)
        }
    }

    // MARK: - Items

    private func drawItem(_ item: PlotItem, _ t: PlotTransform, emphasis: Float, highlight: Bool, imageSlot: inout Int, plotID: UIID) {
        let color = item.color.withAlpha(emphasis)
        let area = t.area
        switch item.kind {
        case .line(let series):
            drawLine(series, t, color: color, thickness: item.thickness * (highlight ? 1.8 : 1), through: item.xLimit)
        case .scatter(let series, let markerSize):
            drawScatter(series, t, color: color, markerSize: markerSize * style.scale, emphasis: emphasis, plotID: plotID, slot: &imageSlot)
        case .bars(let bars):
            draw { list in
                for i in bars.values.indices where bars.values[i].isFinite {
                    let a = bars.positions[i] - bars.width / 2, b = bars.positions[i] + bars.width / 2
                    let v0 = bars.bases[i], v1 = bars.bases[i] + bars.values[i]
                    let rect = bars.horizontal
                        ? Rect(min: Vec2(t.px(min(v0, v1)), t.py(b)), max: Vec2(t.px(max(v0, v1)), t.py(a)))
                        : Rect(min: Vec2(t.px(a), t.py(max(v0, v1))), max: Vec2(t.px(b), t.py(min(v0, v1))))
                    list.addRectFilled(rect, color)
                    if highlight { list.addRect(rect, style.text) }
                }
            }
        case .band(let xs, let lower, let upper):
            draw { list in
                let n = min(xs.count, lower.count, upper.count)
                guard n >= 2 else { return }
                for i in 0..<(n - 1) where xs[i].isFinite && xs[i + 1].isFinite && lower[i].isFinite && upper[i].isFinite && lower[i + 1].isFinite && upper[i + 1].isFinite {
                    list.addConvexFilled([Vec2(t.px(xs[i]), t.py(upper[i])), Vec2(t.px(xs[i + 1]), t.py(upper[i + 1])),
                                          Vec2(t.px(xs[i + 1]), t.py(lower[i + 1])), Vec2(t.px(xs[i]), t.py(lower[i]))], color)
                }
            }
        case .hline(let y, let dashed):
            let py = t.py(y)
            draw { list in
                if dashed {
                    list.addDashedLine(Vec2(area.min.x, py), Vec2(area.max.x, py), color, thickness: style.scale)
                } else {
                    list.addLine(Vec2(area.min.x, py), Vec2(area.max.x, py), color, thickness: style.scale)
                }
            }
            if let text = item.label {
                let width = font.measure(text)
                let origin = Vec2(area.max.x - width - style.padding, py - font.lineHeight - 1)
                // A backing keeps the label readable over bars and lines.
                draw { $0.addRectFilled(Rect(min: origin - Vec2(2, 0), max: origin + Vec2(width + 2, font.lineHeight)), style.background.withAlpha(0.75)) }
                label(text, at: origin, color: color)
            }
        case .vline(let x, let dashed):
            let px = t.px(x)
            draw { list in
                if dashed {
                    list.addDashedLine(Vec2(px, area.min.y), Vec2(px, area.max.y), color, thickness: style.scale)
                } else {
                    list.addLine(Vec2(px, area.min.y), Vec2(px, area.max.y), color, thickness: style.scale)
                }
            }
            if let text = item.label {
                let origin = Vec2(px + 3, area.min.y + 2)
                draw { $0.addRectFilled(Rect(min: origin - Vec2(1, 0), max: origin + Vec2(font.measure(text) + 2, font.lineHeight)), style.background.withAlpha(0.75)) }
                label(text, at: origin, color: color)
            }
        case .hregion(let y0, let y1):
            draw { $0.addRectFilled(Rect(min: Vec2(area.min.x, t.py(y1)), max: Vec2(area.max.x, t.py(y0))), color) }
        case .vregion(let x0, let x1):
            draw { $0.addRectFilled(Rect(min: Vec2(t.px(x0), area.min.y), max: Vec2(t.px(x1), area.max.y)), color) }
        }
    }

    /// Sparse lines are drawn through their points; dense ones (more points than 2 × the columns)
    /// as one span per pixel column from the column's min to its max, joined to the previous
    /// column's last value, so every extreme is on screen.
    private func drawLine(_ series: LineSeries, _ t: PlotTransform, color: Color, thickness: Float, through limit: Double) {
        let columns = max(1, Int(t.area.width.rounded()))
        guard series.isSorted else {
            drawPolyline(series, 0..<series.count, t, color: color, thickness: thickness)
            return
        }
        let reduction = series.reduce(t.x, columns: columns, through: limit)
        // Points past the limit are not drawn, not even as the join out of the view.
        let limitEnd = limit.isFinite ? series.lowerBound(limit.nextUp) : series.count
        let start = max(0, reduction.firstIndex - 1)
        let end = max(start, min(limitEnd, reduction.endIndex + 1))
        if reduction.visibleCount <= columns * 2 {
            drawPolyline(series, start..<end, t, color: color, thickness: thickness)
            return
        }
        var xs: [Float] = []
        var lows: [Float] = []
        var highs: [Float] = []
        xs.reserveCapacity(columns)
        lows.reserveCapacity(columns)
        highs.reserveCapacity(columns)
        var joins: [[Vec2]] = []
        let before = reduction.firstIndex > 0 ? series.ys[reduction.firstIndex - 1] : nil
        let clampY = { (value: Double) -> Float in min(max(t.py(value), t.area.min.y - 1e4), t.area.max.y + 1e4) }
        let columnX = { (column: Int) -> Float in t.area.min.x + Float(column) + 0.5 }
        let previous = reduction.walk(before: before?.isFinite == true ? before : nil, span: { column, low, high in
            xs.append(columnX(column))
            lows.append(clampY(low))
            highs.append(clampY(high))
        }, join: { fromColumn, fromValue, toColumn, toValue in
            let x0 = fromColumn < 0 ? t.px(series.xs[reduction.firstIndex - 1]) : columnX(fromColumn)
            joins.append([Vec2(x0, clampY(fromValue)), Vec2(columnX(toColumn), clampY(toValue))])
        })
        if let previous, reduction.endIndex < limitEnd, series.ys[reduction.endIndex].isFinite {
            joins.append([Vec2(columnX(previous.column), clampY(previous.last)),
                          Vec2(t.px(series.xs[reduction.endIndex]), clampY(series.ys[reduction.endIndex]))])
        }
        draw { list in
            xs.withUnsafeBufferPointer { x in
                lows.withUnsafeBufferPointer { low in
                    highs.withUnsafeBufferPointer { high in
                        list.addColumnSpans(x: x, low: low, high: high, width: max(1, thickness), color)
                    }
                }
            }
            for join in joins { list.addPolyline(join, color, thickness: thickness) }
        }
    }

    private func drawPolyline(_ series: LineSeries, _ range: Range<Int>, _ t: PlotTransform, color: Color, thickness: Float) {
        var run: [Vec2] = []
        run.reserveCapacity(range.count)
        draw { list in
            for i in range {
                let x = series.xs[i], y = series.ys[i]
                guard x.isFinite, y.isFinite else {
                    if run.count >= 2 { list.addPolyline(run, color, thickness: thickness) } else if run.count == 1 { list.addCircleFilled(run[0], radius: thickness, color) }
                    run.removeAll(keepingCapacity: true)
                    continue
                }
                // Clamp far-off points so float precision holds; the clip rect cuts the rest.
                run.append(Vec2(min(max(t.px(x), -1e5), 1e5), min(max(t.py(y), -1e5), 1e5)))
            }
            if run.count >= 2 { list.addPolyline(run, color, thickness: thickness) } else if run.count == 1 { list.addCircleFilled(run[0], radius: thickness, color) }
        }
    }

    /// A line image drawn strip by strip over only the rows that hold lines.
    private func drawStrips(_ texture: TextureID, _ strips: [(top: Int, bottom: Int)?], _ area: Rect) {
        let width = max(1, area.width.rounded()), height = max(1, area.height.rounded())
        draw { list in
            for (index, strip) in strips.enumerated() {
                guard let strip else { continue }
                let x0 = Float(index * LineRaster.stripWidth), x1 = min(width, x0 + Float(LineRaster.stripWidth))
                let y0 = Float(strip.top), y1 = Float(strip.bottom + 1)
                list.addImage(texture, Rect(min: area.min + Vec2(x0, y0), max: area.min + Vec2(x1, y1)),
                              uv0: Vec2(x0 / width, y0 / height), uv1: Vec2(x1 / width, y1 / height))
            }
        }
    }

    /// Plots with at least this many dense lines draw them into one image (`LineRaster`).
    public static let rasterLineCount = 8

    /// The dense sorted lines of `items` rasterized into one image (cached while the view and the
    /// series are unchanged), with the indices of the items it holds; nil when there are too few.
    private func rasterLines(_ items: [PlotItem], _ t: PlotTransform, hoveredLegend: String?, plotID: UIID)
        -> (indices: Set<Int>, texture: TextureID, strips: [(top: Int, bottom: Int)?])? {
        let width = max(1, Int(t.area.width.rounded()))
        let height = max(1, Int(t.area.height.rounded()))
        var chosen: [(index: Int, series: LineSeries, color: Color, thickness: Float, limit: Double)] = []
        for (index, item) in items.enumerated() {
            guard case .line(let series) = item.kind, series.isSorted, series.count > width * 2 else { continue }
            let emphasis: Float = hoveredLegend == nil || hoveredLegend == item.label ? 1 : 0.3
            let highlight = hoveredLegend != nil && hoveredLegend == item.label
            chosen.append((index, series, item.color.withAlpha(emphasis), item.thickness * (highlight ? 1.8 : 1), item.xLimit))
        }
        guard chosen.count >= UIContext.rasterLineCount else { return nil }
        let cacheID = plotID &+ 104_729
        let key = LineRasterKey(lineages: chosen.map(\.series.lineage), colors: chosen.map(\.color.packed), limits: chosen.map(\.limit),
                                x: t.x, y: t.y, logY: t.logY, width: width, height: height)
        let cached: LineRasterCache? = state(for: cacheID) { nil }
        // Lines that only grew since they were drawn, in an unchanged view, are redrawn from the
        // column of their old last point on (a live chart redraws its right edge, not all of it).
        var fromColumn = 0
        if let cached, cached.key == key, cached.series.count == chosen.count, cached.rasters.count == 2 {
            fromColumn = width
            for (old, line) in zip(cached.series, chosen) where line.series !== old {
                guard line.series.count >= old.count, old.count > 0 else { fromColumn = 0; break }
                let lastX = old.xs[old.count - 1]
                let column = t.x.span > 0 ? Int(((lastX - t.x.min) / t.x.span * Double(width)).rounded(.down)) - 1 : 0
                fromColumn = min(fromColumn, max(0, column))
            }
        }
        let image: LineRaster.Image
        if let cached, cached.key == key, fromColumn >= width {
            image = cached.image
        } else {
            // Two halves of the lines on two threads, the later half blended over the earlier.
            let lines = chosen.map { (series: $0.series, color: $0.color, thickness: $0.thickness, limit: $0.limit) }
            let middle = lines.count / 2
            let start = fromColumn
            let boxes = start > 0 ? cached?.rasters ?? [] : (0..<2).map { _ in RasterBox(LineRaster(width: width, height: height)) }
            DispatchQueue.concurrentPerform(iterations: 2) { part in
                if start > 0 { boxes[part].raster.clear(fromColumn: start) }
                for line in part == 0 ? lines[..<middle] : lines[middle...] {
                    boxes[part].raster.add(line.series, t, color: line.color, thickness: line.thickness, through: line.limit, fromColumn: start)
                }
            }
            densityVersion += 1
            image = boxes[1].raster.image(over: boxes[0].raster, version: densityVersion, previous: start > 0 ? cached?.image : nil, fromColumn: start)
            setState(Optional(LineRasterCache(key: key, image: image, series: chosen.map(\.series), rasters: boxes)), for: cacheID)
        }
        return (Set(chosen.map(\.index)), addImage(image.image), image.strips)
    }

    private func drawScatter(_ series: ScatterSeries, _ t: PlotTransform, color: Color, markerSize: Float, emphasis: Float, plotID: UIID, slot: inout Int) {
        let width = max(1, Int(t.area.width.rounded()))
        let height = max(1, Int(t.area.height.rounded()))
        // The density image is kept per plot and series; an unchanged view reuses it (and the
        // renderer skips the upload, since its version is unchanged).
        let cacheID = plotID &+ 7919 &* UInt32(slot + 1)
        let key = DensityKey(series: ObjectIdentifier(series), x: t.x, y: t.y, width: width, height: height)
        let cached: DensityCache? = state(for: cacheID) { nil }
        let entry: DensityCache
        if let cached, cached.key == key {
            entry = cached
        } else {
            let grid = DensityGrid(xs: series.xs, ys: series.ys, x: t.x, y: t.y, width: width, height: height)
            densityVersion += 1
            entry = DensityCache(key: key, binned: grid.binned, image: grid.binned > UIContext.markerLimit ? grid.image(version: densityVersion) : nil)
            setState(Optional(entry), for: cacheID)
        }
        slot += 1
        if let image = entry.image {
            let texture = addImage(image)
            draw { $0.addImage(texture, Rect(min: t.area.min, max: t.area.min + Vec2(Float(width), Float(height))), tint: Color.white.withAlpha(emphasis)) }
            return
        }
        draw { list in
            for i in 0..<series.count {
                let x = series.xs[i], y = series.ys[i]
                guard x >= t.x.min, x <= t.x.max, y >= t.y.min, y <= t.y.max else { continue }
                let pointColor = series.colors.map { $0[i].withAlpha(emphasis) } ?? color
                let size = series.sizes.map { $0[i] * style.scale } ?? markerSize
                list.addCircleFilled(Vec2(t.px(x), t.py(y)), radius: size, pointColor)
            }
        }
    }

    // MARK: - Hover

    private func nearest(_ items: [PlotItem], _ t: PlotTransform, mouse: Vec2) -> PlotHover? {
        let reach = 14 * style.scale
        var best: (distance: Float, hover: PlotHover)?
        func consider(_ label: String, _ x: Double, _ y: Double, _ index: Int?) {
            guard x.isFinite, y.isFinite else { return }
            let dx = t.px(x) - mouse.x, dy = t.py(y) - mouse.y
            let distance = (dx * dx + dy * dy).squareRoot()
            if distance <= reach, distance < (best?.distance ?? .infinity) {
                best = (distance, PlotHover(series: label, x: x, y: y, index: index))
            }
        }
        for item in items {
            let label = item.label ?? ""
            switch item.kind {
            case .line(let series):
                if series.isSorted {
                    let lo = series.lowerBound(t.dataX(mouse.x - reach))
                    let limitEnd = item.xLimit.isFinite ? series.lowerBound(item.xLimit.nextUp) : series.count
                    let hi = min(limitEnd, series.lowerBound(t.dataX(mouse.x + reach).nextUp))
                    guard hi >= lo else { continue }
                    if hi - lo <= 4096 {
                        for i in max(0, lo - 1)..<min(limitEnd, hi + 1) { consider(label, series.xs[i], series.ys[i], i) }
                    } else {
                        // Dense: the min and max of each pixel column near the cursor stand for it.
                        let columns = Int((reach * 2).rounded())
                        let range = AxisRange(t.dataX(mouse.x - reach), t.dataX(mouse.x + reach))
                        let reduction = series.reduce(range, columns: columns, through: item.xLimit)
                        for c in 0..<columns where reduction.pointCount[c] > 0 {
                            let x = range.min + range.span * (Double(c) + 0.5) / Double(columns)
                            consider(label, x, reduction.minimum[c], nil)
                            consider(label, x, reduction.maximum[c], nil)
                        }
                    }
                } else {
                    for i in 0..<series.count { consider(label, series.xs[i], series.ys[i], i) }
                }
            case .scatter(let series, _):
                series.xs.withUnsafeBufferPointer { xs in
                    series.ys.withUnsafeBufferPointer { ys in
                        let x0 = t.dataX(mouse.x - reach), x1 = t.dataX(mouse.x + reach)
                        for i in 0..<xs.count where xs[i] >= x0 && xs[i] <= x1 { consider(label, xs[i], ys[i], i) }
                    }
                }
            case .bars(let bars):
                let data = t.data(mouse)
                for i in bars.values.indices where bars.values[i].isFinite {
                    let along = bars.horizontal ? data.y : data.x
                    let across = bars.horizontal ? data.x : data.y
                    let v0 = bars.bases[i], v1 = bars.bases[i] + bars.values[i]
                    if abs(along - bars.positions[i]) <= bars.width / 2, across >= min(v0, v1), across <= max(v0, v1) {
                        let x = bars.horizontal ? v1 : bars.positions[i]
                        let y = bars.horizontal ? bars.positions[i] : v1
                        var hover = PlotHover(series: label, x: bars.horizontal ? bars.positions[i] : x, y: bars.values[i], index: i, isBar: true)
                        hover.x = bars.horizontal ? y : x
                        return hover
                    }
                }
            default:
                break
            }
        }
        return best?.hover
    }

    // MARK: - Legend

    struct LegendLayout {
        var rect: Rect
        var entries: [(label: String, rect: Rect)]
    }

    private func legendText(_ item: PlotItem) -> String? {
        guard let label = item.label, !label.isEmpty else { return nil }
        switch item.kind {
        case .hline, .vline, .hregion, .vregion: return nil
        default: break
        }
        var text = label
        if let suffix = item.legendSuffix { text += " " + suffix }
        let nonFinite: Int
        switch item.kind {
        case .line(let series): nonFinite = series.nonFiniteCount
        case .scatter(let series, _): nonFinite = series.nonFiniteCount
        default: nonFinite = 0
        }
        if nonFinite > 0 { text += " (\(nonFinite) non-finite not drawn)" }
        return text
    }

    /// One column at the top right; when the entries do not fit the area's height they flow into
    /// more columns (so every series stays reachable to toggle).
    private func legendLayout(_ items: [PlotItem], area: Rect, maxWidth: Float, origin fixedOrigin: Vec2? = nil) -> LegendLayout {
        let texts = items.compactMap { item in legendText(item).map { (item.label ?? "", $0) } }
        guard !texts.isEmpty else { return LegendLayout(rect: .zero, entries: []) }
        let pad = style.padding
        let swatch = 10 * style.scale
        let row = font.lineHeight + 2
        let rowsPerColumn = max(1, Int((area.height - pad * 3) / row))
        let columns = (texts.count + rowsPerColumn - 1) / rowsPerColumn
        let rows = min(texts.count, rowsPerColumn)
        let widest = (texts.map { font.measure($0.1) }.max() ?? 0) + swatch + pad * 3
        let columnWidth = min(widest, maxWidth / Float(columns))
        let width = columnWidth * Float(columns)
        let height = Float(rows) * row + pad
        let origin = fixedOrigin ?? Vec2(area.max.x - width - pad, area.min.y + pad)
        var entries: [(String, Rect)] = []
        for (index, text) in texts.enumerated() {
            let column = index / rowsPerColumn, rowIndex = index % rowsPerColumn
            let lo = Vec2(origin.x + Float(column) * columnWidth, origin.y + pad / 2 + Float(rowIndex) * row)
            entries.append((text.0, Rect(min: lo, max: lo + Vec2(columnWidth, row))))
        }
        return LegendLayout(rect: Rect(min: origin, max: origin + Vec2(width, height)), entries: entries)
    }

    private func drawLegend(_ legend: LegendLayout, items: [PlotItem], hidden: Set<String>, hovered: String?) {
        guard !legend.entries.isEmpty else { return }
        let pad = style.padding
        let swatch = 10 * style.scale
        draw { list in
            list.addRectFilled(legend.rect, style.panel.withAlpha(0.85))
            list.addRect(legend.rect, style.panelBorder)
        }
        let texts = items.compactMap { item in legendText(item).map { (label: item.label ?? "", text: $0, color: item.color) } }
        for (entry, text) in zip(legend.entries, texts) {
            let isHidden = hidden.contains(entry.label)
            let box = Rect(x: entry.rect.min.x + pad, y: entry.rect.center.y - swatch / 2, width: swatch, height: swatch)
            draw { list in
                if hovered == entry.label { list.addRectFilled(entry.rect, style.widgetHovered) }
                if isHidden { list.addRect(box, text.color.withAlpha(1)) } else { list.addRectFilled(box, text.color.withAlpha(1)) }
            }
            let shown = font.truncate(text.text, toFit: entry.rect.width - swatch - pad * 2.5)
            label(shown, at: Vec2(box.max.x + pad, entry.rect.center.y - font.lineHeight / 2), color: isHidden ? style.textDim : style.text)
        }
    }
}

/// What a density image was made from.
struct DensityKey: Equatable {
    var series: ObjectIdentifier
    var x: AxisRange
    var y: AxisRange
    var width: Int
    var height: Int
}

/// A plot's last density image for one scatter.
struct DensityCache {
    var key: DensityKey
    var binned: Int
    var image: DrawImage?
}
