// The Runs workspace in the terminal: the run list in the runs' colours, the picked run's status
// (a gauge, steps/s, ETA, "quiet" after a minute), and a grid of live charts in Braille, from the
// same `RunsSession` the window's Runs workspace owns: the same smoothing, x modes, pause,
// replay and log y, bound to the same keys.

import Figures
import Foundation
import HafsVizCore
import HafsVizModel
import Terminal

final class RunsScreen: TUIScreen {
    let key = WorkspaceKey.runs
    let session: RunsSession
    /// The first chart shown (Tab pages through them).
    private var firstChart = 0
    /// How many charts the last frame had room for.
    private var chartsPerPage = 1
    /// The cursor's cell column inside every chart's plot (←/→); nil: none.
    private var cursorColumn: Int?
    /// The range each chart shows, kept while its data stays inside (`LiveRange`), by tag.
    private var ranges: [String: LiveRange] = [:]
    /// Where the last frame put the run list's rows (for clicks).
    private var listRows: [(y: Int, run: String)] = []
    private var listArea = Area(x: 0, y: 0, width: 0, height: 0)
    /// Where the last frame put each chart's plot (for clicks: the cursor goes there).
    private var plotAreas: [Area] = []
    private var clockBucket = -1
    /// The time "quiet" is measured against (fixed in goldens).
    var clock: () -> Date = Date.init

    init(session: RunsSession) {
        self.session = session
    }

    func poll(now: Double) -> Bool {
        var changed = session.takeLatest(now: now)
        // "last write … ago" and "quiet" change with the clock: redrawn every 10 s, no more.
        if Int(now / 10) != clockBucket {
            clockBucket = Int(now / 10)
            changed = true
        }
        return changed
    }

    func pollInterval() -> Double { session.replayPlaying ? 1.0 / 30 : 10 }

    func escape() -> Bool {
        if session.escape() { return true }
        guard cursorColumn != nil else { return false }
        cursorColumn = nil
        return true
    }

    func resetViews() {
        ranges = [:]
        cursorColumn = nil
    }

    func savedState() -> [String: String] { session.savedState() }
    func restore(_ state: [String: String]) { session.restore(state) }

    func statusSegments() -> [StatusSegment] { session.statusSegments() }

    // MARK: - Commands

    /// The session's (the window's keys), then the terminal's: the run list, the cursor, pages.
    func actions() -> [Action] {
        session.actions() + [
            Action("Next Run", keys: [KeyPress(.down)], keyText: "↓ ↑", help: "Pick the next / previous run in the list") {
                [unowned self] in moveRun(1)
            },
            Action("Previous Run", keys: [KeyPress(.up)]) { [unowned self] in moveRun(-1) },
            Action("Show or Hide the Run", keys: [KeyPress(.enter)], keyText: "Enter", help: "Tick or untick the picked run") {
                [unowned self] in
                if let run = pickedRun {
                    session.setRunVisible(run.name, session.selection.hiddenRuns.contains(run.name))
                    session.host?.stateChanged()
                }
            },
            Action(
                "Cursor Left", keys: [KeyPress(.left)], keyText: "← →",
                help: "Move the cursor (every run's value at its x); in a replay, scrub (Shift: 10 at a time)"
            ) { [unowned self] in moveCursor(-1) },
            Action("Cursor Right", keys: [KeyPress(.right)]) { [unowned self] in moveCursor(1) },
            Action("Cursor 10 Left", keys: [KeyPress(.left, .shift)]) { [unowned self] in moveCursor(-10) },
            Action("Cursor 10 Right", keys: [KeyPress(.right, .shift)]) { [unowned self] in moveCursor(10) },
            Action(
                "Next Charts", keys: [KeyPress(.tab), KeyPress(.pageDown)], keyText: "Tab",
                help: "The next page of charts (Shift+Tab: back)"
            ) {
                [unowned self] in pageCharts(1)
            },
            Action("Previous Charts", keys: [KeyPress(.tab, .shift), KeyPress(.pageUp)]) { [unowned self] in pageCharts(-1) },
        ]
    }

    /// The run the list's cursor is on: the session's picked run, else the first listed.
    private var pickedRun: RunsModel.Run? {
        let listed = session.listedRuns
        return listed.first { $0.name == session.selectedRun } ?? listed.first
    }

    private func moveRun(_ step: Int) {
        let listed = session.listedRuns
        guard !listed.isEmpty else { return }
        let index = listed.firstIndex { $0.name == session.selectedRun }.map { $0 + step } ?? (step > 0 ? 0 : listed.count - 1)
        session.selectedRun = listed[min(max(index, 0), listed.count - 1)].name
    }

    /// Moves the cursor `direction` columns; in a replay the arrows scrub it 1 % a column.
    private func moveCursor(_ direction: Int) {
        if let replay = session.replay {
            session.setReplay(replay + Double(direction) * 0.01)
            return
        }
        cursorColumn = max((cursorColumn ?? (direction > 0 ? -1 : 1_000)) + direction, 0)
    }

    private func pageCharts(_ direction: Int) {
        let count = session.shownCharts().count
        guard count > chartsPerPage else {
            firstChart = 0
            return
        }
        let pages = (count + chartsPerPage - 1) / chartsPerPage
        let page = ((firstChart / chartsPerPage + direction) % pages + pages) % pages
        firstChart = page * chartsPerPage
    }

    func click(x: Int, y: Int, button: Int) -> Bool {
        if listArea.contains(x, y), let row = listRows.first(where: { $0.y == y }) {
            session.selectedRun = row.run
            return true
        }
        if let plot = plotAreas.first(where: { $0.contains(x, y) }) {
            cursorColumn = x - plot.x
            return true
        }
        return false
    }

    // MARK: - Drawing

    func draw(into buffer: inout CellBuffer, _ area: Area) {
        let listWidth = area.width >= 100 ? min(44, area.width / 4) : min(30, area.width / 3)
        let (list, charts) = area.splitLeft(listWidth)
        drawList(&buffer, list)
        let right = Area(x: charts.x + 1, y: charts.y, width: charts.width - 1, height: charts.height)
        if session.showsTable { drawRunTable(&buffer, right) } else { drawCharts(&buffer, right) }
    }

    private func drawList(_ buffer: inout CellBuffer, _ area: Area) {
        let model = session.model
        let listed = session.listedRuns
        let statusHeight = min(7, max(area.height - 4, 0))
        let (top, statusArea) = area.splitTop(area.height - statusHeight)
        buffer.put("Runs (\(session.selection.countText(model)))", x: top.x, y: top.y, foreground: TUIStyle.dim, limit: top.width)
        var y = top.y + 1
        if let focusedOn = session.selection.focusedOn {
            buffer.put(TextFit.cut("from the Dashboard: \(focusedOn)", to: top.width), x: top.x, y: y, foreground: TUIStyle.accent)
            y += 1
        }
        if model.runs.isEmpty {
            buffer.put(
                session.feed == nil ? "no logs found under this folder" : "looking for logs…", x: top.x, y: y, foreground: TUIStyle.warning,
                limit: top.width)
        }
        listArea = top
        listRows = []
        let rows = top.y + top.height - y
        let picked = pickedRun?.name
        // Keep the picked run in view.
        let pickedIndex = listed.firstIndex { $0.name == picked } ?? 0
        let shown = Chart.rowsShown(listed.count, in: rows)
        let first = shown > 0 ? min(max(pickedIndex - shown + 1, 0), max(listed.count - shown, 0)) : 0
        for (offset, run) in listed.dropFirst(first).prefix(shown).enumerated() {
            let row = y + offset
            let visible = !session.selection.hiddenRuns.contains(run.name)
            let background = run.name == picked ? TUIStyle.selection : nil
            if background != nil {
                buffer.fill(x: top.x, y: row, width: top.width, height: 1, with: Cell(" ", background: TUIStyle.selection))
            }
            let color = TUIStyle.series(session.colorSlot(of: run.name))
            buffer.put(visible ? "■ " : "□ ", x: top.x, y: row, foreground: visible ? color : TUIStyle.dim, background: background)
            let name = (run.displayName.map { "\($0) · " } ?? "") + run.name
            buffer.put(
                TextFit.cutMiddle(name, to: top.width - 4), x: top.x + 2, y: row,
                foreground: run.isFailed ? TUIStyle.error : visible ? TUIStyle.text : TUIStyle.dim, background: background)
            if run.isFailed { buffer.put("!", x: top.x + top.width - 1, y: row, foreground: TUIStyle.error, background: background) }
            listRows.append((row, run.name))
        }
        if shown < listed.count {
            buffer.put(
                TextFit.cut("\(first + 1)–\(first + shown) of \(listed.count) (↑↓ scroll)", to: top.width), x: top.x, y: y + shown,
                foreground: TUIStyle.dim)
        }
        if let run = session.statusRun() { drawStatus(&buffer, run, statusArea) }
    }

    /// The picked run's status: its name, a gauge of its progress, rates and ETA, samples/s, and
    /// how long the log has been quiet. The words are the window's (`RunStatusText`).
    private func drawStatus(_ buffer: inout CellBuffer, _ run: RunsModel.Run, _ area: Area) {
        guard area.height >= 3 else { return }
        var y = area.y
        buffer.put(
            TextFit.cutMiddle("● " + run.name, to: area.width), x: area.x, y: y,
            foreground: TUIStyle.series(session.colorSlot(of: run.name)))
        y += 1
        let gauge = min(area.width, 12)
        buffer.fill(x: area.x, y: y, width: gauge, height: 1, with: Cell(" ", background: TUIStyle.selection))
        if let fraction = run.status.fraction {
            Chart.bar(&buffer, fraction: fraction, x: area.x, y: y, width: gauge, color: TUIStyle.accent)
        }
        buffer.put(TextFit.cut(run.progressLine, to: area.width - gauge - 1), x: area.x + gauge + 1, y: y, foreground: TUIStyle.text)
        y += 1
        var lines = [(run.ratesText, TUIStyle.dim), (run.samplesText, TUIStyle.dim)]
        if let status = run.progress.status { lines.append(("MLflow status: \(status)", TUIStyle.dim)) }
        if let quiet = run.quietText(now: clock()) { lines.append((quiet.text, quiet.isQuiet ? TUIStyle.warning : TUIStyle.dim)) }
        if let note = run.stepRuleNote { lines.append((note, TUIStyle.dim)) }
        if let error = run.errors.first { lines.append(("! \(error)", TUIStyle.error)) }
        for (text, color) in lines where y < area.y + area.height {
            buffer.put(TextFit.cut(text, to: area.width), x: area.x, y: y, foreground: color)
            y += 1
        }
    }

    private func drawCharts(_ buffer: inout CellBuffer, _ area: Area) {
        let model = session.model
        let matching = session.selection.matchingCharts(model)
        let charts = session.shownCharts()
        var info = [
            "smoothing \(Format.value(session.smoothing)) (s S)", "x: \(session.xAxis.title) (X)",
            session.logY ? "log y (L)" : "linear y (L)",
        ]
        let columns = area.width >= 110 && charts.count > 1 ? 2 : 1
        let rowsFit = max(1, area.height / 9)
        chartsPerPage = columns * rowsFit
        if firstChart >= charts.count { firstChart = 0 }
        let page = Array(charts.dropFirst(firstChart).prefix(chartsPerPage))
        if charts.count > page.count {
            info.append("charts \(firstChart + 1)–\(firstChart + page.count) of \(charts.count) (Tab)")
        }
        if charts.count < matching.count { info.append("\(matching.count - charts.count) hidden: no data for the runs shown") }
        if let problem = session.selection.tagFilter.problem { info.append(problem) }
        buffer.put(TextFit.cut(info.joined(separator: " · "), to: area.width), x: area.x, y: area.y, foreground: TUIStyle.dim)
        let grid = Area(x: area.x, y: area.y + 1, width: area.width, height: area.height - 1)
        guard !page.isEmpty else {
            let empty = session.noChartsText(tickHint: "tick a run (Enter)")
            buffer.put(TextFit.cut(empty, to: grid.width), x: grid.x, y: grid.y + grid.height / 2, foreground: TUIStyle.dim)
            return
        }
        plotAreas = []
        let rows = (page.count + columns - 1) / columns
        let cellHeight = grid.height / max(rows, 1)
        let cellWidth = grid.width / columns
        let limit = session.replayLimit()
        for (index, chart) in page.enumerated() {
            let cell = Area(
                x: grid.x + (index % columns) * cellWidth, y: grid.y + (index / columns) * cellHeight,
                width: cellWidth - (columns > 1 ? 1 : 0),
                height: cellHeight)
            drawChart(&buffer, chart, cell, limit: limit)
        }
    }

    /// One tag's chart: its title, a y scale, each shown run's line (the raw one dim under the
    /// smoothed one), and the x range or, with a cursor, every run's value at its x.
    private func drawChart(_ buffer: inout CellBuffer, _ chart: RunsModel.Chart, _ area: Area, limit: Double) {
        guard area.width > 12, area.height >= 4 else { return }
        let shown = chart.lines.filter { session.isShown($0.run) }
        let logY = session.logY
        let nonFinite = shown.reduce(0) { $0 + $1.raw.nonFiniteCount }
        let nonPositive = logY ? shown.reduce(0) { $0 + $1.raw.nonPositiveCount } : 0
        var title = chart.tag
        if nonFinite > 0 { title += " · \(nonFinite) non-finite not drawn" }
        if nonPositive > 0 { title += " · \(nonPositive) ≤ 0 below the log axis" }
        // Where a run went back and wrote on (docs/run-logs.md): named here, marked in the plot.
        let restarts = shown.flatMap { line in line.restarts.map { (line: line, restart: $0) } }
        if let first = restarts.first {
            title += restarts.count == 1 ? " · \(first.restart.label)" : " · \(restarts.count) restarts (┊)"
        }
        buffer.put(TextFit.cut(title, to: area.width), x: area.x, y: area.y, foreground: TUIStyle.text, bold: true)
        let scaleWidth = 8
        let plot = Area(x: area.x + scaleWidth, y: area.y + 1, width: area.width - scaleWidth, height: area.height - 2)
        plotAreas.append(plot)
        // The data's extent, the smoothed and raw lines alike (a log axis starts at the smallest value above 0).
        var data: (x: AxisRange, y: AxisRange)?
        for line in shown {
            for series in [line.raw, line.smoothed] {
                guard let bounds = series.bounds else { continue }
                var y = bounds.y
                if logY {
                    guard series.minPositiveY.isFinite, bounds.y.max > 0 else { continue }
                    y = AxisRange(log10(series.minPositiveY), log10(bounds.y.max))
                }
                data =
                    data.map {
                        (
                            AxisRange(min($0.x.min, bounds.x.min), max($0.x.max, bounds.x.max)),
                            AxisRange(min($0.y.min, y.min), max($0.y.max, y.max))
                        )
                    }
                    ?? (bounds.x, y)
            }
        }
        guard let data else {
            buffer.put("no points to draw", x: plot.x, y: plot.y + plot.height / 2, foreground: TUIStyle.dim)
            return
        }
        var live = ranges[chart.tag + (logY ? "\u{0}log" : "")] ?? LiveRange()
        let (xRange, yRange) = live.fit(x: data.x, y: data.y)
        ranges[chart.tag + (logY ? "\u{0}log" : "")] = live
        let smoothing = session.smoothing > 0
        let slots = shown.map { session.colorSlot(of: session.model.runs[$0.run].name) }
        // The lines are drawn again only when one of them, the ranges or the size changed: a
        // cursor move or a clock tick reuses them (20 runs × 10 charts of 100k points are
        // 400 reductions).
        let key = CanvasKey(
            width: plot.width, height: plot.height, x: [xRange.min.bitPattern, xRange.max.bitPattern],
            y: [yRange.min.bitPattern, yRange.max.bitPattern], limit: limit.bitPattern, logY: logY, smoothing: smoothing,
            lines: zip(shown, slots).flatMap { line, slot in
                [UInt64(slot), line.raw.lineage, UInt64(line.raw.count), line.smoothed.lineage, UInt64(line.smoothed.count)]
            })
        let canvas: BrailleCanvas
        if let cached = canvases[chart.tag], cached.key == key {
            canvas = cached.canvas
        } else {
            var drawn = BrailleCanvas(width: plot.width, height: plot.height)
            for (line, slot) in zip(shown, slots) {
                if smoothing { drawn.plot(line.raw, x: xRange, y: yRange, index: RunsScreen.rawIndex(slot), through: limit, logY: logY) }
                drawn.plot(line.smoothed, x: xRange, y: yRange, index: slot, through: limit, logY: logY)
            }
            canvases[chart.tag] = (key, drawn)
            canvas = drawn
        }
        Chart.blit(canvas, into: &buffer, x: plot.x, y: plot.y) { index in
            index >= RunsScreen.rawBase ? TUIStyle.dimmed(TUIStyle.series(index - RunsScreen.rawBase)) : TUIStyle.series(index)
        }
        Chart.yAxis(&buffer, yRange, logY: logY, x: area.x, y: plot.y, height: plot.height, width: scaleWidth)
        for (line, restart) in restarts where xRange.span > 0 && restart.x.isFinite && restart.x <= limit {
            let column = Int((restart.x - xRange.min) / xRange.span * Double(plot.width - 1))
            guard (0..<plot.width).contains(column) else { continue }
            let slot = session.colorSlot(of: session.model.runs[line.run].name)
            Chart.marker(&buffer, x: plot.x + column, y: plot.y, height: plot.height, color: TUIStyle.series(slot))
        }
        let bottom = area.y + area.height - 1
        if limit.isFinite, xRange.span > 0 {
            // The replay's cursor, a dashed column.
            let column = Int((limit - xRange.min) / xRange.span * Double(plot.width))
            Chart.marker(&buffer, x: plot.x + min(max(column, 0), plot.width - 1), y: plot.y, height: plot.height, color: TUIStyle.accent)
        }
        if let cursorColumn {
            let column = min(cursorColumn, plot.width - 1)
            self.cursorColumn = column
            let x = xRange.min + (Double(column) + 0.5) / Double(plot.width) * xRange.span
            Chart.marker(&buffer, x: plot.x + column, y: plot.y, height: plot.height, color: TUIStyle.dim)
            var readout = session.xText(session.xAxis == .step ? x.rounded() : x) + ":"
            for line in shown {
                guard let index = line.raw.nearestIndex(to: min(x, limit)), line.raw.xs[index] <= limit else { continue }
                readout += " \(session.model.runs[line.run].name) \(Format.value(line.smoothed.ys[index]))"
                if smoothing { readout += " (raw \(Format.value(line.raw.ys[index])))" }
            }
            buffer.put(TextFit.cut(readout, to: area.width), x: area.x, y: bottom, foreground: TUIStyle.text)
        } else {
            // The x unit under the y axis, the ticks under the plot.
            let unit = session.xLabel(of: shown) ?? "time"
            buffer.put(TextFit.cut(unit, to: scaleWidth - 1), x: area.x, y: bottom, foreground: TUIStyle.dim)
            Chart.xAxis(&buffer, xRange, isTime: session.xAxis == .wallTime, x: plot.x, y: bottom, width: plot.width)
        }
    }

    /// What a chart's canvas was drawn from.
    private struct CanvasKey: Equatable {
        var width: Int
        var height: Int
        var x: [UInt64]
        var y: [UInt64]
        var limit: UInt64
        var logY: Bool
        var smoothing: Bool
        /// Per line: its colour slot, and each series' lineage and count.
        var lines: [UInt64]
    }

    /// Each chart's canvas as last drawn, by tag.
    private var canvases: [String: (key: CanvasKey, canvas: BrailleCanvas)] = [:]

    /// Raw lines draw as their run's slot past `rawBase`, so the blit dims them.
    static let rawBase = 1 << 20
    static func rawIndex(_ slot: Int) -> Int { rawBase + slot }
}
