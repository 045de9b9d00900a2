import Figures
import Foundation

/// A line through a `LineSeries`. Sparse lines are drawn through their points; dense ones (more
/// points than 2 × the pixel columns) as one span per column from its min to its max, joined to
/// the previous column's last value, so every extreme is on screen. Eight or more dense lines in
/// one plot are filled into one image instead (`UIContext.rasterLines`).
public struct LineItem: PlotItem {
    public var label: String
    public var series: LineSeries
    public var color: Color
    public var thickness: Float
    /// Shown after the label in the legend (e.g. a trend arrow).
    public var legendSuffix: String?
    public var startsHidden = false
    /// Only points with x at or below this are drawn and hovered (a replay's cursor); the fit
    /// still covers the whole line, so the axes hold still while it grows.
    public var xLimit = Double.infinity
    /// Points further apart in x than this are not joined: a line never suggests a trend across
    /// a gap it has no data for. Infinity joins every pair.
    public var maxGap = Double.infinity
    /// Draws a marker on every point (sparse series, where a line alone would hide how few
    /// points there are).
    public var markers = false
    /// Dashes along the line (runs past the palette's colours); nil: solid. A dense line keeps
    /// the pattern as whole pixel columns on and off.
    public var dash: LineDash?
    /// The legend entry this line belongs to (several lines may share one: a click hides them
    /// all); nil: its own, under `label`. Hover still names the line by `label`.
    public var legendKey: String?
    /// The legend entry's text when `legendKey` groups lines (the first line's wins).
    public var legendText: String?

    /// The key the legend, hiding and highlighting use.
    public var key: String { legendKey ?? label }

    /// Markers on every point: asked for, or forced when all points share one x (a line through
    /// them would be a vertical stroke or nothing at all: TensorBoard's hp_metric at step 0).
    var drawsMarkers: Bool { markers || series.bounds.map { $0.x.min == $0.x.max } == true }

    public init(label: String, series: LineSeries, color: Color, thickness: Float) {
        self.label = label
        self.series = series
        self.color = color
        self.thickness = thickness
    }

    public var legendEntries: [PlotLegendEntry] {
        var text = legendText ?? label
        if let legendSuffix { text += " " + legendSuffix }
        if series.nonFiniteCount > 0 { text += " (\(series.nonFiniteCount) non-finite not drawn)" }
        return key.isEmpty ? [] : [PlotLegendEntry(key: key, text: text, color: color, startsHidden: startsHidden)]
    }

    public func addBounds(to bounds: inout PlotBounds) {
        guard let box = series.bounds else { return }
        bounds.includeX(box.x.min, box.x.max)
        if bounds.logY {
            // The smallest value above 0, not the minimum, is the bottom of a log axis.
            if box.y.max > 0, series.minPositiveY <= box.y.max {
                bounds.includeAxisY(log10(series.minPositiveY), log10(box.y.max))
            }
        } else {
            bounds.includeY(box.y.min, box.y.max)
        }
    }

    public func draw(_ context: PlotDrawContext) {
        let color = color.withAlpha(context.emphasis(key))
        let thickness = thickness * (context.isHighlighted(key) ? 1.8 : 1)
        let t = context.transform
        let ui = context.ui
        let columns = max(1, Int(t.area.width.rounded()))
        guard series.isSorted else {
            drawPolyline(ui, 0..<series.count, t, color: color, thickness: thickness)
            return
        }
        let reduction = series.reduce(t.x, columns: columns, through: xLimit)
        // Points past the limit are not drawn, not even as the join out of the view.
        let limitEnd = xLimit.isFinite ? series.lowerBound(xLimit.nextUp) : series.count
        let start = max(0, reduction.firstIndex - 1)
        let end = max(start, min(limitEnd, reduction.endIndex + 1))
        if reduction.visibleCount <= columns * 2 {
            drawPolyline(ui, start..<end, t, color: color, thickness: thickness)
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
        // Empty columns between two points are a gap of at least that many column widths.
        let columnWidth = t.x.span / Double(columns)
        let previous = reduction.walk(
            before: before?.isFinite == true ? before : nil,
            span: { column, low, high in
                xs.append(columnX(column))
                lows.append(clampY(low))
                highs.append(clampY(high))
            },
            join: { fromColumn, fromValue, toColumn, toValue in
                guard Double(toColumn - fromColumn - 1) * columnWidth <= maxGap else { return }
                let x0 = fromColumn < 0 ? t.px(series.xs[reduction.firstIndex - 1]) : columnX(fromColumn)
                joins.append([Vec2(x0, clampY(fromValue)), Vec2(columnX(toColumn), clampY(toValue))])
            })
        if let previous, reduction.endIndex < limitEnd, series.ys[reduction.endIndex].isFinite {
            joins.append([
                Vec2(columnX(previous.column), clampY(previous.last)),
                Vec2(t.px(series.xs[reduction.endIndex]), clampY(series.ys[reduction.endIndex])),
            ])
        }
        if let dash {
            // Whole columns on and off, by their distance from the area's left edge.
            let period = dash.on + dash.off
            var kept = 0
            for index in xs.indices where (xs[index] - t.area.min.x).truncatingRemainder(dividingBy: period) < dash.on {
                xs[kept] = xs[index]
                lows[kept] = lows[index]
                highs[kept] = highs[index]
                kept += 1
            }
            xs.removeLast(xs.count - kept)
            lows.removeLast(lows.count - kept)
            highs.removeLast(highs.count - kept)
            joins.removeAll()
        }
        ui.draw { list in
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

    /// The points of `range` as polylines, broken at non-finite values and at gaps over `maxGap`;
    /// a point alone is a dot.
    private func drawPolyline(_ ui: UIContext, _ range: Range<Int>, _ t: PlotTransform, color: Color, thickness: Float) {
        var run: [Vec2] = []
        run.reserveCapacity(range.count)
        let markerRadius = max(thickness * 1.6, 2.5 * ui.style.scale)
        let markers = drawsMarkers
        ui.draw { list in
            func flush() {
                if run.count >= 2 {
                    if let dash {
                        list.addDashedPolyline(run, color, thickness: thickness, dash: dash)
                    } else {
                        list.addPolyline(run, color, thickness: thickness)
                    }
                } else if run.count == 1, !markers {
                    list.addCircleFilled(run[0], radius: thickness, color)
                }
                run.removeAll(keepingCapacity: true)
            }
            var lastX = -Double.infinity
            for i in range {
                let x = series.xs[i]
                let y = series.ys[i]
                guard x.isFinite, y.isFinite else {
                    flush()
                    continue
                }
                if x - lastX > maxGap { flush() }
                lastX = x
                // Clamp far-off points so float precision holds; the clip rect cuts the rest.
                let point = Vec2(min(max(t.px(x), -1e5), 1e5), min(max(t.py(y), -1e5), 1e5))
                run.append(point)
                if markers { list.addCircleFilled(point, radius: markerRadius, color) }
            }
            flush()
        }
    }

    public func hit(_ query: PlotHoverQuery) -> PlotHit? {
        let t = query.transform
        let mouse = query.mouse
        let reach = query.reach
        var best: PlotHit?
        func consider(_ x: Double, _ y: Double, _ index: Int?) {
            best = PlotHit.nearer(best, query.point(label, x, y, index: index))
        }
        guard series.isSorted else {
            for i in 0..<series.count { consider(series.xs[i], series.ys[i], i) }
            return best
        }
        let lo = series.lowerBound(t.dataX(mouse.x - reach))
        let limitEnd = xLimit.isFinite ? series.lowerBound(xLimit.nextUp) : series.count
        let hi = min(limitEnd, series.lowerBound(t.dataX(mouse.x + reach).nextUp))
        guard hi >= lo else { return nil }
        if hi - lo <= 4096 {
            // The nearest point first, by the distance `PlotHoverQuery.point` measures (the
            // earliest of equals, as `PlotHit.nearer` keeps); one hit is made, not one a point.
            var nearest = -1
            var nearestDistance = Float.infinity
            for i in max(0, lo - 1)..<min(limitEnd, hi + 1) {
                let x = series.xs[i]
                let y = series.ys[i]
                guard x.isFinite, y.isFinite else { continue }
                let dx = t.px(x) - mouse.x
                let dy = t.py(y) - mouse.y
                let distance = (dx * dx + dy * dy).squareRoot()
                if distance <= reach, distance < nearestDistance {
                    nearest = i
                    nearestDistance = distance
                }
            }
            if nearest >= 0 { consider(series.xs[nearest], series.ys[nearest], nearest) }
        } else {
            // Dense: the min and max of each pixel column near the cursor stand for it.
            let columns = Int((reach * 2).rounded())
            let range = AxisRange(t.dataX(mouse.x - reach), t.dataX(mouse.x + reach))
            let reduction = series.reduce(range, columns: columns, through: xLimit)
            for c in 0..<columns where reduction.pointCount[c] > 0 {
                let x = range.min + range.span * (Double(c) + 0.5) / Double(columns)
                consider(x, reduction.minimum[c], nil)
                consider(x, reduction.maximum[c], nil)
            }
        }
        return best
    }

    /// Exact for lines: any segment (or, where dense, any column's min…max) inside `rect`.
    public func overlaps(_ rect: Rect, _ t: PlotTransform, hidden: Set<String>) -> Bool {
        let box = rect.insetBy(-2, -2)
        let x0 = t.dataX(box.min.x)
        let x1 = t.dataX(box.max.x)
        let top = t.axisPixelY(box.min.y)
        let bottom = t.axisPixelY(box.max.y)
        guard series.isSorted else { return defaultOverlaps(box, t) }
        let limitEnd = xLimit.isFinite ? series.lowerBound(xLimit.nextUp) : series.count
        let lo = max(0, series.lowerBound(x0) - 1)
        let hi = min(limitEnd, series.lowerBound(x1.nextUp) + 1)
        guard hi > lo else { return false }
        if hi - lo > 4096 {
            let columns = max(1, Int(box.width))
            let reduction = series.reduce(AxisRange(x0, x1), columns: columns, through: xLimit)
            for c in 0..<columns where reduction.pointCount[c] > 0 {
                if t.axisY(reduction.maximum[c]) >= bottom, t.axisY(reduction.minimum[c]) <= top { return true }
            }
            return false
        }
        // Segment by segment, clipped to the rect's x range.
        for i in lo..<hi {
            let xa = series.xs[i]
            let ya = t.axisY(series.ys[i])
            let b = i + 1 < hi ? i + 1 : i
            let xb = series.xs[b]
            let yb = t.axisY(series.ys[b])
            guard xa.isFinite, ya.isFinite, xb.isFinite, yb.isFinite, xb - xa <= maxGap || b == i else { continue }
            let from = max(xa, x0)
            let to = min(xb, x1)
            guard from <= to else { continue }
            let slope = xb > xa ? (yb - ya) / (xb - xa) : 0
            let yFrom = ya + slope * (from - xa)
            let yTo = ya + slope * (to - xa)
            if max(yFrom, yTo) >= bottom, min(yFrom, yTo) <= top { return true }
        }
        return false
    }

    private func defaultOverlaps(_ rect: Rect, _ t: PlotTransform) -> Bool {
        for i in 0..<series.count where rect.contains(Vec2(t.px(series.xs[i]), t.py(series.ys[i]))) { return true }
        return false
    }
}
