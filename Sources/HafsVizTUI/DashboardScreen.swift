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
    /// The data directory as the user wrote it (`host:/path` for a remote one).
    var directory: String { source.name }
    /// Where the files are read: the folder, or a remote folder's local copy.
    let source: FolderSource
    private(set) var model: DashboardModel
    /// A panel shown alone (1–4 maximize it); nil for all four.
    private(set) var maximized: Int?
    /// The window's Dashboard options (time range, validation failures, auto-reload), shared.
    private(set) var options = DashboardOptions()
    private let feed: ReloadController<DashboardModel>?
    private var watcher = FileWatcher()
    private var note: String?
    /// The remote folder's problem as last drawn (one that comes or goes needs a frame).
    private var shownProblem: String?
    /// The panel Tab and the table keys act on (1–4; the one maximized last).
    private(set) var focus = 1
    /// Each panel's view, an index into `DashboardViewNames.all` (Tab cycles them).
    private(set) var views = [0, 0, 0, 0]

    /// Whether panel `index` (0-based) shows its table.
    func showsTable(_ index: Int) -> Bool { views[index] == DashboardViewNames.all[index].count - 1 }
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
    var pageRows = 10
    weak var host: SessionHost?
    /// A page shown over the panels (`DashboardPages`: Drift Alerts, Source Details); nil: none.
    private(set) var page: String?
    /// Whether a pipeline run has curves in Runs, and how to show them (set by the app).
    var hasCurves: (String) -> Bool = { _ in false }
    var openRunCurves: (String) -> Void = { _ in }

    /// Terminals narrower than this stack the panels in one column.
    static let gridWidth = 100

    /// - Parameter initial: a model already read (`--once`, tests); nil reads on a thread.
    init(source: FolderSource, initial: DashboardModel? = nil, onUpdate: @escaping @Sendable () -> Void = {}) {
        self.source = source
        if let initial {
            model = initial
            feed = nil
        } else {
            model = DashboardModel(snapshot: Snapshot(directory: source.name))
            let feed = ReloadController<DashboardModel>(onUpdate: onUpdate)
            self.feed = feed
            feed.start(source, previous: nil)
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
            watcher.markLoaded(directory: source.readPath)
            note = nil
            changed = true
        }
        if options.autoReload, !feed.isLoading, watcher.poll(source, now: now) {
            reload()
            changed = true
        }
        if source.isRemote, source.problem != shownProblem {
            shownProblem = source.problem
            changed = true
        }
        return changed
    }

    func pollInterval() -> Double { options.autoReload ? watcher.pollInterval : 5 }

    func reload() {
        guard let feed else { return }
        feed.filter = options.historyFilter
        feed.start(source, previous: model.snapshot)
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
        // The window's Data and View options (F9 lists them), saved to the settings they share.
        actions += DashboardCommands.historyOptions(
            { [unowned self] in options },
            toggleAutoReload: { [unowned self] in
                options.autoReload.toggle()
                host?.stateChanged()
            }, setTimeRange: { [unowned self] in setTimeRange($0) },
            setIncludeValidationFailures: { [unowned self] include in
                options.includeValidationFailures = include
                historyFilterChanged()
            })
        actions += DashboardCommands.xAxisChoices({ [unowned self] in options }) { [unowned self] byTime in
            options.xAxisByTime = byTime
            host?.stateChanged()
        }
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

    private func setTimeRange(_ range: TimeRange) {
        guard options.setTimeRange(range, directory: RecentPaths.absolute(directory)) else { return }
        historyFilterChanged()
    }

    /// The history filter changed: the data on screen is built again with it (a load under
    /// way uses it when it ends), and the settings are saved.
    private func historyFilterChanged() {
        if let feed {
            feed.filter = options.historyFilter
            if model.filter != options.historyFilter, !feed.isReading { feed.rebuild(model.snapshot) }
        }
        host?.stateChanged()
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
        let count = DashboardViewNames.all[focus - 1].count
        views[focus - 1] = ((views[focus - 1] + step) % count + count) % count
        typingFilter = false
    }

    /// The focused table's rows as shown: filtered and in the model's order.
    func order(_ kind: RecordKind) -> [Int] {
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
        // A problem names the folder itself.
        if let problem = source.problem {
            status.append(StatusSegment(DashboardPages.remoteProblem(problem, model), tone: .error))
        } else {
            status.append(StatusSegment(directory))
        }
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
            case (1, 1): drawReasonsPerGenerator(&buffer, body)
            case (1, 2):
                drawCounts(&buffer, model.snapshot.derived.rejectionTotals, note: DashboardViewNames.cumulativeNote, panel: 2, body)
            case (1, _): drawReasonMatrix(&buffer, body)
            case (2, 0): drawCoverage(&buffer, body)
            case (2, 1): drawRegionMap(&buffer, body)
            case (2, 2): drawDomainCoverage(&buffer, body)
            case (2, 3): drawCoverageScore(&buffer, body)
            case (2, _): drawRegionDensity(&buffer, body)
            case (3, 0): drawRuns(&buffer, body)
            case (3, 1): drawRunComparison(&buffer, body)
            case (3, 2): drawDomainMix(&buffer, body)
            case (3, 3): drawEffectiveness(&buffer, model.domainEffectiveness, body)
            default: drawEffectiveness(&buffer, model.thresholdEffectiveness, body)
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
        let names = DashboardViewNames.all[number - 1]
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

    /// Panel `index`'s source condition: the window's, word for word.
    private func condition(_ index: Int) -> SourceCondition {
        switch index {
        case 0: model.qualityCondition(loading: loading)
        case 1: model.generatorCondition(loading: loading)
        case 2: model.coverageCondition(loading: loading)
        default: model.trainingCondition(loading: loading)
        }
    }
}
