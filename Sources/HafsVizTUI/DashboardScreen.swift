// The Dashboard in a terminal: the pipeline's four panels from the same `DashboardModel` as the
// window, with the same headlines and status figures, drawn in cells: lines in Braille, bars in
// eighth blocks. Four panels in a 2×2 grid, one column when the terminal is narrow.

import Figures
import Foundation
import HafsVizCore
import HafsVizModel
import Terminal

/// The Dashboard workspace in the terminal: a `ReloadController` reading the pipeline's files
/// (again when they change, as the window's auto-reload does), drawn in cells.
final class DashboardScreen: TUIScreen {
    let key = WorkspaceKey.dashboard
    let directory: String
    private(set) var model: DashboardModel
    /// A panel shown alone (1–4 maximize it); nil for all four.
    private(set) var maximized: Int?
    /// The window's Dashboard options (time range, validation failures, auto-reload), shared.
    private var options = DashboardOptions()
    private let feed: ReloadController<DashboardModel>?
    private var watcher = FileWatcher()
    private var note: String?
    /// The panel Tab and the table keys act on (1–4; the one maximized last).
    private(set) var focus = 1
    /// Each panel's view, an index into `terminalViews` (Tab cycles them).
    private(set) var views = [0, 0, 0, 0]
    /// The window's views the terminal draws, by their names there; each panel's last is its table.
    static let terminalViews: [[String]] = [
        [0, 1, 2, 3, 4].map { DashboardViewNames.quality[$0] }, [0, 2, 3, 4].map { DashboardViewNames.generators[$0] },
        [0, 1, 2, 3, 5].map { DashboardViewNames.coverage[$0] }, [0, 5].map { DashboardViewNames.runs[$0] },
    ]

    /// Whether panel `index` (0-based) shows its table.
    func showsTable(_ index: Int) -> Bool { views[index] == DashboardScreen.terminalViews[index].count - 1 }
    /// The records each panel's table lists.
    static let kinds: [RecordKind] = [.domain, .generator, .region, .run]
    /// The selected record of each table, by id (it survives sorting, filtering and reloads).
    private(set) var selection: [RecordKind: String] = [:]
    /// Each table's filter (case-insensitive, any cell: the window's rule).
    private(set) var filters: [RecordKind: String] = [:]
    /// `/` was pressed: keys type into the focused table's filter until Enter or Esc.
    private(set) var typingFilter = false
    /// Where the last frame put each panel (a click focuses it).
    private var panelAreas: [(panel: Int, area: Area)] = []
    /// The rows a page of the focused table held when last drawn.
    private var pageRows = 10
    weak var host: SessionHost?
    /// A page shown over the panels (`DashboardPages`: Drift Alerts, Source Details); nil: none.
    private(set) var page: String?
    /// Whether a pipeline run has curves in Runs, and how to show them (set by the app).
    var hasCurves: (String) -> Bool = { _ in false }
    var openRunCurves: (String) -> Void = { _ in }

    /// Terminals narrower than this stack the panels in one column.
    static let gridWidth = 100

    /// - Parameter initial: a model already read (`--once`, tests); nil reads on a thread.
    init(directory: String, initial: DashboardModel? = nil, onUpdate: @escaping @Sendable () -> Void = {}) {
        self.directory = directory
        if let initial {
            model = initial
            feed = nil
        } else {
            model = DashboardModel(snapshot: Snapshot(directory: directory))
            let feed = ReloadController<DashboardModel>(onUpdate: onUpdate)
            self.feed = feed
            feed.start(directory: directory, previous: nil)
            note = "loading…"
        }
    }

    var loading: Bool { feed?.isLoading ?? false }

    func poll(now: Double) -> Bool {
        guard let feed else { return false }
        var changed = false
        if let finished = feed.takeFinished() {
            model = finished
            if finished.filter != options.historyFilter { feed.rebuild(finished.snapshot) }
            watcher.markLoaded(directory: directory)
            note = nil
            changed = true
        }
        if options.autoReload, !feed.isLoading, watcher.poll(directory: directory, now: now) {
            reload()
            changed = true
        }
        return changed
    }

    func pollInterval() -> Double { options.autoReload ? watcher.pollInterval : 5 }

    func reload() {
        guard let feed else { return }
        feed.filter = options.historyFilter
        feed.start(directory: directory, previous: model.snapshot)
        note = "reloading…"
    }

    func actions() -> [Action] {
        var actions = [
            DashboardCommands.reload { [unowned self] in reload() }, DashboardCommands.exportCSV { [unowned self] in exportCSV() },
            DashboardCommands.sourceDetails { [unowned self] in togglePage(DashboardPages.sourcesTitle) },
            DashboardCommands.driftAlerts { [unowned self] in togglePage(DashboardPages.driftTitle) },
        ]
        for (index, title) in DashboardScreen.titles.enumerated() {
            actions.append(
                DashboardCommands.maximize(index, title: title, count: DashboardScreen.titles.count) { [unowned self] in
                    maximized = maximized == index + 1 ? nil : index + 1
                    focus = index + 1
                })
        }
        // The terminal's tabs: the focused panel's views.
        actions += [
            Action(
                "Next View", keys: [KeyPress(.tab)], keyText: "Tab", help: "The focused panel's next view (Shift+Tab: back): chart, table"
            ) {
                [unowned self] in cycleView(1)
            },
            Action("Previous View", keys: [KeyPress(.tab, .shift)]) { [unowned self] in cycleView(-1) },
        ]
        let showsTable = { [unowned self] in self.showsTable(focus - 1) }
        actions += DashboardCommands.tableMoves(isEnabled: showsTable) { [unowned self] move in moveSelection(move) }
        actions.append(DashboardCommands.filter(isEnabled: showsTable) { [unowned self] in typingFilter = true })
        actions.append(
            DashboardCommands.openRunCurves(isEnabled: { [unowned self] in
                self.showsTable(3) && focus == 4 && selection[.run].map(hasCurves) == true
            }) { [unowned self] in
                if let id = selection[.run] { openRunCurves(id) }
            })
        return actions
    }

    /// Ctrl+E: every panel's data as CSV, as the window writes it, in a new export folder.
    private func exportCSV() {
        do {
            guard let host else { throw CocoaError(.featureUnsupported) }
            let folder = try host.makeExportFolder(for: ExportPlace.name(of: directory))
            let written = try DashboardExport.write(DashboardExport.all(model), to: folder)
            host.report("wrote \(written.count) CSV files to \(folder)/", isError: false)
        } catch {
            host?.report("CSV export failed: \(error.localizedDescription)", isError: true)
        }
    }

    private func togglePage(_ name: String) {
        page = page == name ? nil : name
        typingFilter = false
    }

    private func cycleView(_ step: Int) {
        let count = DashboardScreen.terminalViews[focus - 1].count
        views[focus - 1] = ((views[focus - 1] + step) % count + count) % count
        typingFilter = false
    }

    /// The focused table's rows as shown: filtered and in the model's order.
    private func order(_ kind: RecordKind) -> [Int] {
        let table = model.table(kind)
        return TableSort().order(table.rows, columns: table.columns, filter: filters[kind] ?? "")
    }

    private func moveSelection(_ move: TableMove) {
        let kind = DashboardScreen.kinds[focus - 1]
        let table = model.table(kind)
        let shown = order(kind)
        guard !shown.isEmpty else { return }
        let current = selection[kind].flatMap { id in shown.firstIndex { table.rows[$0].id == id } }
        selection[kind] = table.rows[shown[move.target(from: current, count: shown.count, pageRows: pageRows)]].id
    }

    func typing(_ press: KeyPress) -> Bool {
        guard typingFilter else { return false }
        let kind = DashboardScreen.kinds[focus - 1]
        switch press.key {
        case .enter, .escape: typingFilter = false
        case .backspace: filters[kind] = String((filters[kind] ?? "").dropLast())
        case .character(let character) where press.modifiers.subtracting(.shift).isEmpty:
            let typed = press.modifiers.contains(.shift) ? Character(character.uppercased()) : character
            filters[kind, default: ""].append(typed)
        default: return press.modifiers.contains(.control) ? false : true
        }
        return true
    }

    func back() -> Bool {
        guard page != nil || maximized != nil else { return false }
        return escape()
    }

    /// A click in a panel focuses it (Tab and the table keys then act on it).
    func click(x: Int, y: Int, button: Int) -> Bool {
        guard button == 0, let hit = panelAreas.first(where: { $0.area.contains(x, y) }), hit.panel != focus else { return false }
        focus = hit.panel
        typingFilter = false
        return true
    }

    func escape() -> Bool {
        if typingFilter {
            typingFilter = false
            return true
        }
        if page != nil {
            page = nil
            return true
        }
        guard maximized != nil else { return false }
        maximized = nil
        return true
    }

    func statusSegments() -> [StatusSegment] {
        var status = model.statusFigures
        if let note { status.append(StatusSegment(note)) }
        status.append(StatusSegment(directory))
        return status
    }

    func savedState() -> [String: String] { options.state }
    func restore(_ state: [String: String]) {
        options = DashboardOptions(state: state)
        feed?.filter = options.historyFilter
    }

    static let titles = ["Quality Trends", "Generator Stats", "Embedding Coverage", "Training Runs"]

    func draw(into buffer: inout CellBuffer, _ area: Area) {
        if let page {
            drawPage(&buffer, page, area)
            return
        }
        let (x, y, width, height) = (area.x, area.y, area.width, area.height)
        let headlines = [model.qualityHeadline, model.generatorHeadline, model.coverageHeadline, model.trainingHeadline]
        let panels = (0..<4).map { (index: Int) -> (Int, String, String?) in (index + 1, DashboardScreen.titles[index], headlines[index]) }
        var rects: [(x: Int, y: Int, w: Int, h: Int)]
        if let maximized, panels.indices.contains(maximized - 1) {
            rects = Array(repeating: (0, 0, 0, 0), count: 4)
            rects[maximized - 1] = (x, y, width, height)
        } else if width >= DashboardScreen.gridWidth {
            let half = width / 2
            let top = height / 2
            rects = [
                (x, y, half, top), (x + half, y, width - half, top), (x, y + top, half, height - top),
                (x + half, y + top, width - half, height - top),
            ]
        } else {
            let each = height / 4
            rects = (0..<4).map { (x, y + $0 * each, width, $0 == 3 ? height - 3 * each : each) }
        }
        panelAreas = []
        for (index, panel) in panels.enumerated() where rects[index].w > 0 && rects[index].h > 0 {
            let r = rects[index]
            panelAreas.append((index + 1, Area(x: r.x, y: r.y, width: r.w, height: r.h)))
            drawChrome(&buffer, number: panel.0, title: panel.1, headline: panel.2, r.x, r.y, r.w)
            let body = (x: r.x + 1, y: r.y + 1, w: r.w - 2, h: r.h - 2)
            guard body.w > 4, body.h > 1 else { continue }
            let condition = condition(index)
            let color = condition.kind == .failed ? TUIStyle.error : condition.kind == .missing ? TUIStyle.warning : TUIStyle.dim
            let lines = (condition.message ?? "").split(separator: "\n").map(String.init)
            guard condition.hasData else {
                // Nothing to draw: the message, centred in the panel.
                for (row, line) in lines.prefix(body.h).enumerated() {
                    buffer.put(line, x: body.x, y: body.y + max(body.h / 2 - lines.count / 2, 0) + row, foreground: color, limit: body.w)
                }
                continue
            }
            if showsTable(index) {
                drawTable(&buffer, index, body)
                continue
            }
            switch (index, views[index]) {
            case (0, 0): drawTrends(&buffer, body)
            case (0, 1): drawRawScores(&buffer, body)
            case (0, 2): drawCounts(&buffer, model.reasonCounts, note: "rejections per reason in the time range", panel: 1, body)
            case (0, _): drawDistributions(&buffer, body)
            case (1, 0): drawGenerators(&buffer, body)
            case (1, 1):
                drawCounts(&buffer, model.snapshot.derived.rejectionTotals, note: DashboardViewNames.cumulativeNote, panel: 2, body)
            case (1, _): drawReasonMatrix(&buffer, body)
            case (2, 0): drawCoverage(&buffer, body)
            case (2, 1): drawRegionMap(&buffer, body)
            case (2, 2): drawDomainCoverage(&buffer, body)
            case (2, _): drawCoverageScore(&buffer, body)
            default: drawRuns(&buffer, body)
            }
            if condition.isStale, !lines.isEmpty {
                // Stale data stays on screen; its bottom row says why (the file and its error).
                buffer.fill(x: body.x, y: body.y + body.h - 1, width: body.w, height: 1, with: .blank)
                let why = "STALE · " + lines.prefix(2).joined(separator: " ")
                buffer.put(TextFit.cut(why, to: body.w), x: body.x, y: body.y + body.h - 1, foreground: color, bold: true)
            }
        }
    }

    /// "1 Quality Trends  headline   Tab ▸ Trends 1/3" on the panel's first row: the focused
    /// panel's title in the accent colour, with the view it shows.
    private func drawChrome(_ buffer: inout CellBuffer, number: Int, title: String, headline: String?, _ x: Int, _ y: Int, _ width: Int) {
        // The focused panel names its view and how many it has (Tab cycles them); another names
        // only a view other than its first.
        let names = DashboardScreen.terminalViews[number - 1]
        let view = views[number - 1]
        let tabs = number == focus ? "Tab ▸ \(names[view]) \(view + 1)/\(names.count)" : view == 0 ? "" : "[\(names[view])]"
        // The tabs end a column short of the panel's edge: the next panel's title starts there.
        let room = tabs.isEmpty ? width : width - tabs.count - 2
        let used = buffer.put(
            "\(number) \(title)", x: x, y: y, foreground: number == focus ? TUIStyle.accent : TUIStyle.text, bold: true, limit: room)
        if let headline, used + 2 < room {
            buffer.put(TextFit.cut(headline, to: room - used - 2), x: x + used + 2, y: y, foreground: TUIStyle.dim, limit: room - used - 2)
        }
        if room > used { buffer.put(tabs, x: x + width - tabs.count - 1, y: y, foreground: TUIStyle.dim) }
    }

    /// Named counts as eighth-block bars, largest first, each with its count and share of all.
    private func drawCounts(
        _ buffer: inout CellBuffer, _ counts: [NamedCount], note: String, panel: Int, _ r: (x: Int, y: Int, w: Int, h: Int)
    ) {
        let total = counts.reduce(0) { $0 + $1.count }
        buffer.put(TextFit.cut("\(Format.count(total)) rejections · \(note)", to: r.w), x: r.x, y: r.y, foreground: TUIStyle.dim)
        guard total > 0 else { return }
        let sorted = counts.sorted { $0.count > $1.count }
        let largest = Double(sorted.first?.count ?? 1)
        let labelWidth = min((sorted.map(\.name.count).max() ?? 0) + 1, r.w / 2)
        let rows = Chart.rowsShown(sorted.count, in: r.h - 1)
        Chart.moreNote(&buffer, total: sorted.count, shown: rows, panel: panel, x: r.x, y: r.y + 1 + rows, width: r.w)
        for (row, count) in sorted.prefix(rows).enumerated() {
            let y = r.y + 1 + row
            buffer.put(TextFit.cut(count.name, to: labelWidth - 1), x: r.x, y: y, foreground: TUIStyle.text)
            let figure = "\(Format.count(count.count)) \(Format.percent(Double(count.count) / Double(total)))"
            let barWidth = r.w - labelWidth - figure.count - 1
            Chart.bar(
                &buffer, fraction: Double(count.count) / largest, x: r.x + labelWidth, y: y, width: barWidth, color: TUIStyle.series(0))
            buffer.put(figure, x: r.x + r.w - figure.count, y: y, foreground: TUIStyle.dim)
        }
    }

    /// The regions' centroids on the PCA map in Braille, each domain in its colour, with a legend.
    private func drawRegionMap(_ buffer: inout CellBuffer, _ r: (x: Int, y: Int, w: Int, h: Int)) {
        let domains = model.regionMap
        let all = domains.flatMap { zip($0.x, $0.y) }.filter { $0.0.isFinite && $0.1.isFinite }
        guard let first = all.first else {
            buffer.put("no region with a finite map position", x: r.x, y: r.y, foreground: TUIStyle.dim, limit: r.w)
            return
        }
        var x = AxisRange(first.0, first.0)
        var y = AxisRange(first.1, first.1)
        for (px, py) in all {
            x = AxisRange(min(x.min, px), max(x.max, px))
            y = AxisRange(min(y.min, py), max(y.max, py))
        }
        let legend = domains.map { "\($0.domain) \($0.x.count)" }
        let legendWidth = min((legend.map(\.count).max() ?? 0) + 3, r.w / 3)
        var canvas = BrailleCanvas(width: r.w - legendWidth - 1, height: r.h - 1)
        for (index, domain) in domains.enumerated() {
            let series = model.domainIndex[domain.domain] ?? index
            for (px, py) in zip(domain.x, domain.y) where px.isFinite && py.isFinite {
                let column = x.span > 0 ? Int((px - x.min) / x.span * Double(canvas.dotsWide - 1)) : canvas.dotsWide / 2
                if let row = canvas.row(py, y) { canvas.set(column, row, series: series) }
            }
        }
        Chart.blit(canvas, into: &buffer, x: r.x, y: r.y)
        buffer.put("PC1 →, PC2 ↑ · one dot per region centroid", x: r.x, y: r.y + r.h - 1, foreground: TUIStyle.dim, limit: canvas.width)
        let rows = Chart.rowsShown(legend.count, in: r.h)
        for (row, text) in legend.prefix(rows).enumerated() {
            let color = TUIStyle.series(model.domainIndex[domains[row].domain] ?? row)
            buffer.put("■ ", x: r.x + r.w - legendWidth + 1, y: r.y + row, foreground: color)
            buffer.put(text, x: r.x + r.w - legendWidth + 3, y: r.y + row, foreground: TUIStyle.text, limit: legendWidth - 3)
        }
        Chart.moreNote(
            &buffer, total: legend.count, shown: rows, panel: 3, x: r.x + r.w - legendWidth + 1, y: r.y + rows, width: legendWidth - 1)
    }

    /// Rejections by generator × reason as a heatmap: each cell's count on its viridis colour
    /// (dark text on light cells), as many reasons as fit, the rest counted.
    private func drawReasonMatrix(_ buffer: inout CellBuffer, _ r: (x: Int, y: Int, w: Int, h: Int)) {
        let matrix = model.snapshot.derived.rejectionMatrix
        buffer.put(
            TextFit.cut("rejections by generator × reason (\(DashboardViewNames.cumulativeNote))", to: r.w), x: r.x, y: r.y,
            foreground: TUIStyle.dim)
        guard !matrix.generators.isEmpty, !matrix.reasons.isEmpty else { return }
        let labelWidth = min((matrix.generators.map(\.count).max() ?? 0) + 1, r.w / 3)
        let largestCount = matrix.counts.flatMap { $0 }.max() ?? 0
        let cellWidth = max(max(String(largestCount).count + 1, 5), min(12, (r.w - labelWidth) / matrix.reasons.count))
        let columns = min(matrix.reasons.count, max((r.w - labelWidth) / cellWidth, 0))
        let rows = Chart.rowsShown(matrix.generators.count, in: r.h - 3)
        for column in 0..<columns {
            buffer.put(
                TextFit.cut(matrix.reasons[column], to: cellWidth - 1), x: r.x + labelWidth + column * cellWidth, y: r.y + 1,
                foreground: TUIStyle.dim)
        }
        let largest = Double(max(largestCount, 1))
        for row in 0..<rows {
            let y = r.y + 2 + row
            buffer.put(TextFit.cut(matrix.generators[row], to: labelWidth - 1), x: r.x, y: y, foreground: TUIStyle.text)
            for column in 0..<columns {
                let count = matrix.counts[row].indices.contains(column) ? matrix.counts[row][column] : 0
                let hex = ViridisStops.color(at: Double(count) / largest)
                // Light text on the dark end of the map, dark text on the light end.
                let luminance = 0.2126 * Double(hex >> 16 & 0xFF) + 0.7152 * Double(hex >> 8 & 0xFF) + 0.0722 * Double(hex & 0xFF)
                let text = String(count)
                let x = r.x + labelWidth + column * cellWidth
                buffer.fill(x: x, y: y, width: cellWidth - 1, height: 1, with: Cell(" ", background: TUIStyle.rgb(hex)))
                buffer.put(
                    text, x: x + cellWidth - 1 - text.count, y: y, foreground: luminance > 140 ? TUIStyle.background : TUIStyle.text,
                    background: TUIStyle.rgb(hex))
            }
        }
        Chart.moreNote(&buffer, total: matrix.generators.count, shown: rows, panel: 2, x: r.x, y: r.y + 2 + rows, width: r.w)
        if columns < matrix.reasons.count {
            buffer.put(
                TextFit.cut("+\(matrix.reasons.count - columns) reasons not shown: a wider terminal shows them", to: r.w), x: r.x,
                y: r.y + r.h - 1, foreground: TUIStyle.dim)
        }
    }

    /// Every score series of the metrics ticked in the window's Raw scores (the settings they
    /// share), by entry, in its domain's colour; the legend counts each domain's series.
    private func drawRawScores(_ buffer: inout CellBuffer, _ r: (x: Int, y: Int, w: Int, h: Int)) {
        let metrics = options.trendMetrics
        let shown = model.trends.filter { metrics.contains($0.metric) }
        let names = metrics.sorted().joined(separator: ", ")
        buffer.put(
            TextFit.cut(metrics.isEmpty ? "no metric ticked (the window's Raw scores ticks them)" : "scores by entry: \(names)", to: r.w),
            x: r.x, y: r.y, foreground: TUIStyle.dim)
        let bounds = shown.compactMap(\.byIndex.bounds)
        guard let first = bounds.first, r.h > 3 else { return }
        let x = bounds.dropFirst().reduce(first.x) { AxisRange(min($0.min, $1.x.min), max($0.max, $1.x.max)) }
        let y = bounds.dropFirst().reduce(first.y) { AxisRange(min($0.min, $1.y.min), max($0.max, $1.y.max)) }
        let domains = shown.map(\.domain).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        let legend = domains.map { domain in "\(domain) · \(shown.filter { $0.domain == domain }.count) series" }
        let legendWidth = min((legend.map(\.count).max() ?? 0) + 3, r.w / 3)
        let scaleWidth = 7
        var canvas = BrailleCanvas(width: r.w - legendWidth - scaleWidth - 1, height: r.h - 2)
        for (index, trend) in shown.enumerated() {
            canvas.plot(trend.byIndex, x: x, y: y, index: model.domainIndex[trend.domain] ?? index)
        }
        Chart.blit(canvas, into: &buffer, x: r.x + scaleWidth, y: r.y + 1)
        Chart.yAxis(&buffer, y, x: r.x, y: r.y + 1, height: canvas.height, width: scaleWidth)
        Chart.xAxis(&buffer, x, isTime: false, x: r.x + scaleWidth, y: r.y + r.h - 1, width: canvas.width)
        buffer.put("entry", x: r.x, y: r.y + r.h - 1, foreground: TUIStyle.dim)
        let rows = Chart.rowsShown(legend.count, in: r.h - 1)
        for (row, text) in legend.prefix(rows).enumerated() {
            let color = TUIStyle.series(model.domainIndex[domains[row]] ?? row)
            buffer.put("■ ", x: r.x + r.w - legendWidth + 1, y: r.y + 1 + row, foreground: color)
            buffer.put(text, x: r.x + r.w - legendWidth + 3, y: r.y + 1 + row, foreground: TUIStyle.text, limit: legendWidth - 3)
        }
    }

    /// The overall score's quartiles per domain, as the window's box plots: whiskers ─, the box
    /// from the first to the third quartile ▒, the median ┃, on one shared scale.
    private func drawDistributions(_ buffer: inout CellBuffer, _ r: (x: Int, y: Int, w: Int, h: Int)) {
        let trends = model.trends.filter { $0.metric == "overall" && $0.box != nil }
        buffer.put(
            TextFit.cut("overall per domain (higher is better): whiskers, quartiles, median", to: r.w), x: r.x, y: r.y,
            foreground: TUIStyle.dim)
        let boxes = trends.compactMap(\.box)
        guard let low = boxes.map(\.whiskerLow).min(), let high = boxes.map(\.whiskerHigh).max(), high > low else {
            buffer.put("no finite overall scores in the time range", x: r.x, y: r.y + 1, foreground: TUIStyle.dim, limit: r.w)
            return
        }
        let labels = trends.map { "\($0.domain) (n \($0.byIndex.count))" }
        let labelWidth = min((labels.map(\.count).max() ?? 0) + 1, r.w / 3)
        let medianWidth = 7
        let width = r.w - labelWidth - medianWidth
        func column(_ value: Double) -> Int { Int(((value - low) / (high - low) * Double(width - 1)).rounded()) }
        let rows = Chart.rowsShown(trends.count, in: r.h - 2)
        for (row, trend) in trends.prefix(rows).enumerated() {
            guard let box = trend.box else { continue }
            let y = r.y + 1 + row
            let color = TUIStyle.series(model.domainIndex[trend.domain] ?? row)
            buffer.put(TextFit.cut(labels[row], to: labelWidth - 1), x: r.x, y: y, foreground: TUIStyle.text)
            let x = r.x + labelWidth
            for c in column(box.whiskerLow)...column(box.whiskerHigh) { buffer[x + c, y] = Cell("─", foreground: color) }
            for c in column(box.q1)...column(box.q3) { buffer[x + c, y] = Cell("▒", foreground: color) }
            buffer[x + column(box.median), y] = Cell("┃", foreground: TUIStyle.text, bold: true)
            buffer.put(Format.fixed(box.median, 3), x: r.x + r.w - medianWidth + 1, y: y, foreground: TUIStyle.dim)
        }
        Chart.moreNote(&buffer, total: trends.count, shown: rows, panel: 1, x: r.x, y: r.y + 1 + rows, width: r.w)
        buffer.put(Format.value(low, significant: 3), x: r.x + labelWidth, y: r.y + r.h - 1, foreground: TUIStyle.dim)
        let top = Format.value(high, significant: 3)
        buffer.put(top, x: r.x + labelWidth + width - top.count, y: r.y + r.h - 1, foreground: TUIStyle.dim)
    }

    /// Each domain's share of the samples, as bars.
    private func drawDomainCoverage(_ buffer: inout CellBuffer, _ r: (x: Int, y: Int, w: Int, h: Int)) {
        let shares = model.snapshot.derived.coverage?.domainCoverage ?? []
        buffer.put("share of samples per domain", x: r.x, y: r.y, foreground: TUIStyle.dim, limit: r.w)
        let largest = shares.map(\.value).filter(\.isFinite).max() ?? 1
        let labelWidth = min((shares.map(\.name.count).max() ?? 0) + 1, r.w / 2)
        let rows = Chart.rowsShown(shares.count, in: r.h - 1)
        for (row, share) in shares.prefix(rows).enumerated() {
            let y = r.y + 1 + row
            buffer.put(TextFit.cut(share.name, to: labelWidth - 1), x: r.x, y: y, foreground: TUIStyle.text)
            let figure = Format.percent(share.value)
            Chart.bar(
                &buffer, fraction: largest > 0 ? share.value / largest : 0, x: r.x + labelWidth, y: y,
                width: r.w - labelWidth - figure.count - 1, color: TUIStyle.series(model.domainIndex[share.name] ?? row))
            buffer.put(figure, x: r.x + r.w - figure.count, y: y, foreground: TUIStyle.dim)
        }
        Chart.moreNote(&buffer, total: shares.count, shown: rows, panel: 3, x: r.x, y: r.y + 1 + rows, width: r.w)
    }

    /// The coverage score as a gauge, with the region figures it comes from.
    private func drawCoverageScore(_ buffer: inout CellBuffer, _ r: (x: Int, y: Int, w: Int, h: Int)) {
        guard let coverage = model.snapshot.derived.coverage else { return }
        let counts = (model.snapshot.activeLearning.data?.regions ?? []).map(\.sampleCount)
        let score = "coverage score \(Format.fixed(coverage.coverageScore, 3))"
        buffer.put(score, x: r.x, y: r.y, foreground: TUIStyle.accent, bold: true, limit: r.w)
        let gauge = min(r.w, 40)
        buffer.fill(x: r.x, y: r.y + 1, width: gauge, height: 1, with: Cell(" ", background: TUIStyle.selection))
        Chart.bar(&buffer, fraction: coverage.coverageScore, x: r.x, y: r.y + 1, width: gauge, color: TUIStyle.accent)
        let figures = [
            "regions \(coverage.regionCount) · samples \(Format.count(coverage.totalSamples))",
            "mean \(Format.value(coverage.meanSamples, significant: 4)) · std \(Format.value(coverage.standardDeviation, significant: 4))"
                + " · min \(counts.min().map(String.init) ?? "—") · max \(counts.max().map(String.init) ?? "—")",
            "sparse (< 0.5 × mean) \(coverage.sparseRegions.count) · below mean \(coverage.belowMeanCount)",
            "score = 1 − std / mean, clamped to 0…1 (docs/data-format.md)",
        ]
        for (row, text) in figures.enumerated() where row + 3 < r.h {
            buffer.put(TextFit.cut(text, to: r.w), x: r.x, y: r.y + 3 + row, foreground: row == 3 ? TUIStyle.dim : TUIStyle.text)
        }
    }

    /// A page over the panels: Drift Alerts as its table between the explanation and the counts,
    /// Source Details as text, as the window shows them.
    private func drawPage(_ buffer: inout CellBuffer, _ name: String, _ area: Area) {
        buffer.put("\(name) (Esc closes)", x: area.x, y: area.y, foreground: TUIStyle.accent, bold: true)
        var y = area.y + 1
        let bottom = area.y + area.height
        func lines(_ texts: [String], _ color: TermColor) {
            for text in texts where y < bottom {
                buffer.put(TextFit.cut(text, to: area.width), x: area.x, y: y, foreground: color)
                y += 1
            }
        }
        if name == DashboardPages.driftTitle {
            let table = DashboardPages.driftTable(model)
            lines(table.intro, TUIStyle.dim)
            let footerRows = min(table.footer.count, 3)
            if !table.rows.isEmpty, bottom - y - footerRows >= 3 {
                let height = min(table.rows.count + 2, bottom - y - footerRows)
                CellTable.draw(
                    columns: table.columns, rows: table.rows, order: Array(table.rows.indices), selection: nil, filter: "", typing: false,
                    filterable: false, into: &buffer, Area(x: area.x, y: y, width: area.width, height: height))
                y += height
            }
            lines(table.footer, TUIStyle.dim)
        } else {
            lines(
                DashboardPages.sources(model, directory: directory, autoReload: options.autoReload).components(separatedBy: "\n"),
                TUIStyle.text)
        }
    }

    /// Panel `index`'s records as a table, and beside it (when there is room) every field of
    /// the selected one, as the window's inspector lists them.
    private func drawTable(_ buffer: inout CellBuffer, _ index: Int, _ r: (x: Int, y: Int, w: Int, h: Int)) {
        let kind = DashboardScreen.kinds[index]
        let table = model.table(kind)
        let inspectorWidth = r.w >= 110 ? min(48, r.w / 3) : 0
        let area = Area(x: r.x, y: r.y, width: r.w - inspectorWidth - (inspectorWidth > 0 ? 1 : 0), height: r.h)
        let rows = CellTable.draw(
            columns: table.columns, rows: table.rows, order: order(kind), selection: selection[kind], filter: filters[kind] ?? "",
            typing: typingFilter && focus == index + 1,
            into: &buffer, area)
        if focus == index + 1 { pageRows = rows }
        guard inspectorWidth > 0 else { return }
        let x = r.x + r.w - inspectorWidth
        guard let id = selection[kind], let fields = table.fields(id) else {
            buffer.put(TextFit.cut("↓ selects a \(kind.noun): its fields here", to: inspectorWidth), x: x, y: r.y, foreground: TUIStyle.dim)
            return
        }
        buffer.put(TextFit.cut(table.titles[id] ?? id, to: inspectorWidth), x: x, y: r.y, foreground: TUIStyle.text, bold: true)
        var y = r.y + 1
        let nameWidth = min((fields.map(\.name.count).max() ?? 0) + 1, inspectorWidth / 2)
        for field in fields where y < r.y + r.h {
            for (line, text) in field.value.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where y < r.y + r.h {
                if line == 0 { buffer.put(TextFit.cut(field.name, to: nameWidth - 1), x: x, y: y, foreground: TUIStyle.dim) }
                buffer.put(TextFit.cut(String(text), to: inspectorWidth - nameWidth), x: x + nameWidth, y: y, foreground: TUIStyle.text)
                y += 1
            }
        }
    }

    /// Panel `index`'s source condition: the window's, word for word.
    private func condition(_ index: Int) -> SourceCondition {
        switch index {
        case 0: model.qualityCondition(loading: loading)
        case 1: model.generatorCondition(loading: loading)
        case 2: model.coverageCondition(loading: loading)
        default: model.trainingCondition(loading: loading)
        }
    }

    // MARK: - Panels

    /// Each domain's rolling mean of `overall` in Braille, a y scale on the left, the legend
    /// (domain, direction, average) on the right, as the window's Trends tab.
    private func drawTrends(_ buffer: inout CellBuffer, _ r: (x: Int, y: Int, w: Int, h: Int)) {
        let rolling = model.rolling
        guard !rolling.isEmpty else { return }
        let legend = rolling.map { "\($0.domain) \($0.direction.arrow(lowerIsBetter: false)) \(Format.fixed($0.average, 2))" }
        let legendWidth = min((legend.map(\.count).max() ?? 0) + 2, r.w / 3)
        let bounds = rolling.compactMap(\.mean.bounds)
        guard let first = bounds.first else { return }
        let x = bounds.dropFirst().reduce(first.x) { AxisRange(min($0.min, $1.x.min), max($0.max, $1.x.max)) }
        let y = bounds.dropFirst().reduce(first.y) { AxisRange(min($0.min, $1.y.min), max($0.max, $1.y.max)) }
        let scaleWidth = 6
        var canvas = BrailleCanvas(width: r.w - legendWidth - scaleWidth - 1, height: r.h - 1)
        for (index, domain) in rolling.enumerated() {
            canvas.plot(domain.mean, x: x, y: y, index: model.domainIndex[domain.domain] ?? index)
        }
        Chart.blit(canvas, into: &buffer, x: r.x + scaleWidth, y: r.y)
        Chart.yAxis(&buffer, y, x: r.x, y: r.y, height: canvas.height, width: scaleWidth)
        buffer.put(
            "entry \(Format.value(x.min)) … \(Format.value(x.max))", x: r.x + scaleWidth, y: r.y + r.h - 1, foreground: TUIStyle.dim,
            limit: canvas.width)
        let legendRows = Chart.rowsShown(legend.count, in: r.h)
        Chart.moreNote(
            &buffer, total: legend.count, shown: legendRows, panel: 1, x: r.x + r.w - legendWidth + 1, y: r.y + legendRows,
            width: legendWidth - 1)
        for (row, text) in legend.enumerated() where row < legendRows {
            let color = TUIStyle.series(model.domainIndex[rolling[row].domain] ?? row)
            buffer.put("■ ", x: r.x + r.w - legendWidth + 1, y: r.y + row, foreground: color)
            buffer.put(text, x: r.x + r.w - legendWidth + 3, y: r.y + row, foreground: TUIStyle.text, limit: legendWidth - 3)
        }
    }

    /// Acceptance rate per generator, best first, in eighth-block bars from 0 to 1.
    private func drawGenerators(_ buffer: inout CellBuffer, _ r: (x: Int, y: Int, w: Int, h: Int)) {
        let generators = model.generatorsByAcceptance
        let labels = generators.map { "\($0.name)  \($0.samplesAccepted)✓ \($0.samplesRejected)✗" }
        let labelWidth = min((labels.map(\.count).max() ?? 0) + 1, r.w / 2)
        let rows = Chart.rowsShown(generators.count, in: r.h)
        Chart.moreNote(&buffer, total: generators.count, shown: rows, panel: 2, x: r.x, y: r.y + rows, width: r.w)
        for (row, generator) in generators.enumerated() where row < rows {
            buffer.put(TextFit.cut(labels[row], to: labelWidth - 1), x: r.x, y: r.y + row, foreground: TUIStyle.text)
            let barWidth = r.w - labelWidth - 7
            Chart.bar(
                &buffer, fraction: generator.acceptanceRate, x: r.x + labelWidth, y: r.y + row, width: barWidth, color: TUIStyle.series(0))
            buffer.put(Format.percent(generator.acceptanceRate), x: r.x + labelWidth + barWidth + 1, y: r.y + row, foreground: TUIStyle.dim)
        }
    }

    /// Samples per region as columns of eighth blocks; sparse regions (< 0.5 × mean) in the
    /// warning colour.
    private func drawCoverage(_ buffer: inout CellBuffer, _ r: (x: Int, y: Int, w: Int, h: Int)) {
        guard let regions = model.snapshot.activeLearning.data?.regions, let coverage = model.snapshot.derived.coverage else { return }
        let counts = regions.map { Double(max($0.sampleCount, 0)) }
        let largest = counts.max() ?? 1
        let sparse = Set(coverage.sparseRegions)
        let scaleWidth = 6
        let height = r.h - 1
        Chart.yAxis(&buffer, AxisRange(0, largest), x: r.x, y: r.y, height: height, width: scaleWidth)
        for (index, count) in counts.enumerated() where index < r.w - scaleWidth {
            let color = sparse.contains(index) ? TUIStyle.warning : TUIStyle.series(0)
            Chart.column(
                &buffer, fraction: largest > 0 ? count / largest : 0, x: r.x + scaleWidth + index, bottom: r.y + height - 1, height: height,
                color: color)
        }
        let shown = min(counts.count, r.w - scaleWidth)
        buffer.put(
            "regions 0…\(counts.count - 1)" + (shown < counts.count ? " (first \(shown) shown)" : "") + " · sparse < 0.5 × mean",
            x: r.x + scaleWidth, y: r.y + r.h - 1, foreground: TUIStyle.dim, limit: r.w - scaleWidth)
    }

    /// Final loss per run, best first, as bars; a running run says so instead of a bar.
    private func drawRuns(_ buffer: inout CellBuffer, _ r: (x: Int, y: Int, w: Int, h: Int)) {
        let runs = model.runsBestFirst
        let labels = runs.map { "\($0.id) · \($0.modelName)" }
        let labelWidth = min((labels.map(\.count).max() ?? 0) + 1, r.w / 2)
        let largest = runs.compactMap(\.finalLoss).filter(\.isFinite).max() ?? 1
        let rows = Chart.rowsShown(runs.count, in: r.h)
        Chart.moreNote(&buffer, total: runs.count, shown: rows, panel: 4, x: r.x, y: r.y + rows, width: r.w)
        for (row, run) in runs.enumerated() where row < rows {
            buffer.put(TextFit.cut(labels[row], to: labelWidth - 1), x: r.x, y: r.y + row, foreground: TUIStyle.text)
            let barWidth = r.w - labelWidth - 9
            if let loss = run.finalLoss, loss.isFinite {
                Chart.bar(
                    &buffer, fraction: largest > 0 ? loss / largest : 0, x: r.x + labelWidth, y: r.y + row, width: barWidth,
                    color: TUIStyle.series(0))
                buffer.put(Format.value(loss, significant: 5), x: r.x + labelWidth + barWidth + 1, y: r.y + row, foreground: TUIStyle.dim)
            } else {
                let text =
                    run.isRunning
                    ? "running — no final loss yet"
                    : run.finalLoss == nil ? "no final loss reported" : "diverged (\(Format.value(run.finalLoss)))"
                buffer.put(
                    text, x: r.x + labelWidth, y: r.y + row, foreground: run.isRunning ? TUIStyle.accent : TUIStyle.warning,
                    limit: r.w - labelWidth)
            }
        }
    }
}
