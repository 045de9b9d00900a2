// The Runs workspace's chart grid: the tag filter, one chart per tag with a line per shown run
// (raw and smoothed, in the run's stroke), and the hover listing every run's value.

import Figures
import Foundation
import HafsVizCore
import HafsVizModel
import Immediate

extension RunsWorkspace {
    func drawCharts(_ ui: UIContext, _ whole: Rect) {
        let style = ui.style
        // The tag filter above the grid.
        let (filterRow, rect) = whole.splitTop(style.rowHeight + style.spacing)
        let fieldWidth = min(360 * style.scale, filterRow.width * 0.5)
        var pattern = tagFilter.pattern
        if ui.textField(
            "tag-filter", &pattern, Rect(x: filterRow.min.x, y: filterRow.min.y, width: fieldWidth, height: style.rowHeight - 2),
            placeholder: "filter tags (regex, e.g. ^eval/|loss)", isValid: tagFilter.problem == nil)
        {
            setTagFilter(pattern)
        }
        let matching = selection.matchingCharts(model)
        let charts = matching.filter { RunsSelection.hasShownData($0, shown: shownRuns) }
        var note =
            tagFilter.problem.map { $0 + " (showing all)" } ?? (tagFilter.isActive ? "\(charts.count) of \(model.charts.count) charts" : "")
        if charts.count < matching.count {
            note += (note.isEmpty ? "" : " · ") + "\(matching.count - charts.count) charts hidden: no data for the runs shown"
        }
        ui.label(
            note,
            at: Vec2(filterRow.min.x + fieldWidth + style.spacing * 2, filterRow.min.y + (style.rowHeight - 2 - ui.font.lineHeight) / 2),
            color: tagFilter.problem == nil ? style.textDim : style.error)
        guard !charts.isEmpty else {
            let empty = session.noChartsText(tickHint: "tick a run, or clear the run filter")
            ui.label(empty, in: rect, color: style.textDim, centered: true)
            return
        }
        let columns = charts.count == 1 ? 1 : charts.count <= 4 ? 2 : 3
        let rowsVisible = max(1, min(3, (charts.count + columns - 1) / columns))
        let cellHeight = rect.height / Float(rowsVisible)
        let rows = (charts.count + columns - 1) / columns
        // The scroll panel hands over the content's (scrolled) top-left corner.
        // One cursor for every chart (it spans all the shown lines).
        let replayCursor = replayLimit()
        _ = ui.scrollPanel("runs-charts", rect, contentHeight: cellHeight * Float(rows)) { origin in
            for (index, chart) in charts.enumerated() {
                let column = index % columns
                let row = index / columns
                let cellWidth = rect.width / Float(columns)
                let cell = Rect(
                    x: origin.x + Float(column) * cellWidth, y: origin.y + Float(row) * cellHeight,
                    width: cellWidth, height: cellHeight
                ).insetBy(style.spacing / 2, style.spacing / 2)
                guard cell.max.y > rect.min.y, cell.min.y < rect.max.y else { continue }
                drawChart(ui, chart, cell, replayCursor: replayCursor)
            }
        }
    }

    /// `replayCursor`: lines are drawn up to this x (+∞ when not replaying).
    func drawChart(_ ui: UIContext, _ chart: RunsModel.Chart, _ rect: Rect, replayCursor limit: Double) {
        let style = ui.style
        // A border, no fill: the chart shows the clear colour, which costs no pixels (a panel
        // fill under nine charts was ~1.2M blended pixels a frame under llvmpipe).
        ui.draw { $0.addRect(rect, style.panelBorder) }
        let shown = chart.lines.filter { isShown($0.run) }
        let nonFinite = shown.reduce(0) { $0 + $1.raw.nonFiniteCount }
        let nonPositive = logY ? shown.reduce(0) { $0 + $1.raw.nonPositiveCount } : 0
        var title = chart.tag + (nonFinite > 0 ? "  · \(nonFinite) non-finite not drawn" : "")
        if nonPositive > 0 { title += "  · \(nonPositive) ≤ 0 below the log axis" }
        let unit = stepUnit(of: shown)
        let xOptions = AxisOptions(
            label: xAxis == .step ? unit : xAxis == .relativeTime ? "seconds since start" : nil, isTime: xAxis == .wallTime)
        let result = ui.plot("chart:" + chart.tag, rect.insetBy(2, 2), title: title, x: xOptions, y: AxisOptions(log: logY), live: true) {
            p in
            for line in chart.lines where isShown(line.run) {
                let name = model.runs[line.run].name
                let color = color(of: name, style)
                let dash = dash(of: name, style)
                let emphasis: Float = hoveredRun == nil || hoveredRun == name ? 1 : 0.3
                if smoothing > 0 {
                    p.line("", line.raw, color: color.withAlpha(0.25 * emphasis), upTo: limit)
                }
                // No legend: the sidebar shows each run's colour, and a legend would cover data.
                p.line(
                    "", line.smoothed, color: color.withAlpha(emphasis), thickness: (hoveredRun == name ? 2.5 : 1.5) * style.scale,
                    upTo: limit, dash: dash)
            }
            // Where a run went back and wrote on (docs/run-logs.md), in its colour.
            for line in chart.lines where isShown(line.run) {
                for restart in line.restarts where restart.x.isFinite && restart.x <= limit {
                    p.vline(restart.x, label: restart.label, color: color(of: model.runs[line.run].name, style).withAlpha(0.8))
                }
            }
            if limit.isFinite { p.vline(limit, dashed: true) }
        }
        if let hover = result.hover {
            // Every visible run's value at the nearest step to the cursor.
            var lines = ["\(chart.tag) at \(xAxis == .step ? unit : "x") \(Format.value(hover.x))"]
            for line in chart.lines where isShown(line.run) {
                guard let index = line.raw.nearestIndex(to: min(hover.x, limit)), line.raw.xs[index] <= limit else { continue }
                let smoothed = line.smoothed.ys[index]
                let raw = line.raw.ys[index]
                lines.append(
                    "\(model.runs[line.run].name): \(Format.value(smoothed))"
                        + (smoothing > 0 ? " (raw \(Format.value(raw)))" : ""))
            }
            ui.tooltip(lines.joined(separator: "\n"))
        }
    }

    func stepUnit(of lines: [RunsModel.Line]) -> String { session.stepUnit(of: lines) }
}
