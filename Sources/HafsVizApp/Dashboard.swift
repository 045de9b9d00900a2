// Dashboard: the pipeline's three files in four panels, a workspace of `AppWindow`. Platform-free:
// it builds its body from the current model each frame.
//
// [SECTION] Data
//   `model` is an immutable `DashboardModel` (snapshot + prepared series). Reloads run in a
//   `ReloadController` off the main thread; `idle()` swaps a finished model in whole.
// [SECTION] Commands (`actions`, routed by the window)
//   F5 reload · Ctrl+E CSV · 1–4 maximize · Esc back · View toggles; the window adds its own.

import DurableIO
import Figures
import Foundation
import HafsVizCore
import HafsVizModel
import Immediate

public final class Dashboard: Workspace {
    public static let key = WorkspaceKey.dashboard
    public var key: WorkspaceKey { Self.key }
    public weak var host: WorkspaceHost?
    /// The data directory as the user wrote it (`host:/path` for a remote one).
    public var directory: String { source.name }
    /// Where the files are read: the folder, or a remote folder's local copy.
    public private(set) var source: FolderSource
    public private(set) var model: DashboardModel
    /// The panels, in grid order (keys 1…N).
    public let panels: [any DashboardPanel] = Dashboard.standardPanels
    public static let standardPanels: [any DashboardPanel] = [
        QualityTrendsPanel(), GeneratorStatsPanel(), CoveragePanel(), TrainingRunsPanel(),
    ]
    /// View options, kept in the settings under the workspace's title.
    public var options = DashboardOptions()
    /// The bundled demo, for "Open Demo Data" (nil when it cannot be found).
    public let demoDirectory: String?
    public let reloads: ReloadController<DashboardModel>
    /// The id of the panel shown alone (keys 1…N), or nil for the grid.
    public internal(set) var maximized: String?
    /// The record picked of each kind (a table row, or a click in a chart); the charts
    /// highlight it and the table's inspector shows it.
    public private(set) var selection: [RecordKind: String] = [:]
    /// The run picked (Training Runs or its table); Enter opens its curves.
    public var selectedRun: String? { selection[.run] }
    /// The table the row keys move: the last one clicked, else the first drawn.
    private var focusedTable: RecordKind?
    private var tablesDrawn: [RecordKind] = []
    private var tablesDrawnLastFrame: [RecordKind] = []
    var pendingMove: TableMove?
    var pendingFilterFocus = false
    private var inspectorCache: [RecordKind: InspectorCache] = [:]
    private var watcher = FileWatcher()
    private var now: Double = 0
    var refreshedAt: Double = 0
    private var nextClockRedraw: Double = .infinity
    /// The remote folder's problem as last drawn (one that comes or goes needs a frame).
    private var shownProblem: String?
    /// True when the last frame showed the "no data directory" page.
    public private(set) var showingMissingDirectory = false

    /// - Parameters:
    ///   - initial: a model already loaded (headless screenshots); nil starts a background load.
    public init(
        directory: String, options: DashboardOptions = DashboardOptions(), demoDirectory: String? = nil, initial: DashboardModel? = nil,
        onUpdate: @escaping @Sendable () -> Void = {}
    ) {
        source = FolderSource.dataDirectory(directory)
        self.options = options
        self.demoDirectory = demoDirectory
        reloads = ReloadController(onUpdate: onUpdate)
        reloads.filter = options.historyFilter
        if let initial, initial.filter != options.historyFilter {
            model = reloads.rebuildNow(initial.snapshot)
        } else {
            model = initial ?? DashboardModel(snapshot: Snapshot(directory: directory), filter: options.historyFilter)
        }
        if initial == nil {
            reloads.start(source, previous: nil)
        }
        watcher.markLoaded(directory: source.readPath)
        self.options.noteRecent(RecentPaths.absolute(directory))
    }

    // MARK: - Links

    /// Whether the window's Runs workspace has curves of a pipeline run.
    func runHasCurves(_ id: String) -> Bool { host?.workspace(RunsWorkspace.self)?.hasCurves(of: id) ?? false }

    /// Narrows the Runs workspace to a pipeline run and shows it.
    func openRunCurves(_ id: String) {
        guard let runs = host?.workspace(RunsWorkspace.self) else { return }
        runs.focus(on: id)
        host?.bringForward(runs)
    }

    // MARK: - Actions

    /// F5: reload in the background; the window keeps drawing.
    public func reload() {
        reloads.start(source, previous: model.snapshot)
    }

    /// Switches to another data directory (Open Directory…, Recent, Open Demo Data); the
    /// maximized panel stays, the data is read anew. The selection is cleared (its records
    /// belong to the old data), and so is a dragged time range picked on another directory.
    public func open(directory: String) {
        source = FolderSource.dataDirectory(directory)
        selection = [:]
        var note = ""
        if options.dropDraggedRange(unlessFor: RecentPaths.absolute(directory)) {
            reloads.filter = options.historyFilter
            note = "; the dragged time range was for the other directory: showing all"
        }
        reloads.start(source, previous: nil)
        watcher.markLoaded(directory: source.readPath)
        options.noteRecent(RecentPaths.absolute(directory))
        optionsChanged()
        report("opened \(directory)" + note)
    }

    /// Between frames: takes a finished load, polls the files for auto-reload, and says whether
    /// something changed that needs a frame.
    public func idle(now: Double) -> Bool {
        self.now = now
        var changed = false
        if let finished = reloads.takeFinished() {
            model = finished
            // The model it replaced is gone: give its pages back, so reloads keep memory flat.
            FreedMemory.giveBack()
            // Built before the filter last changed: build it again with the current one.
            if finished.filter != options.historyFilter { reloads.rebuild(finished.snapshot) }
            refreshedAt = now
            nextClockRedraw = now + 10
            watcher.markLoaded(directory: source.readPath)
            changed = true
        }
        if options.autoReload, !reloads.isLoading, watcher.poll(source, now: now) {
            reload()
            changed = true
        }
        if reloads.isLoading { changed = true }  // progress in the status bar
        if source.isRemote, source.problem != shownProblem {
            shownProblem = source.problem
            changed = true
        }
        if now >= nextClockRedraw {  // "last refresh Ns ago"
            // The clock has 10 s resolution for the first minute, then minutes, then hours:
            // each tick costs a whole frame, and an idle window must stay near 0% CPU.
            let age = now - refreshedAt
            let step: Double = age < 60 ? 10 : age < 3600 ? 60 : 3600
            nextClockRedraw = refreshedAt + (floor(age / step) + 1) * step
            changed = true
        }
        return changed
    }

    /// Seconds until `idle` next needs to run (the window may sleep that long).
    public func idleTimeout(now: Double) -> Double {
        var due = nextClockRedraw
        if options.autoReload { due = min(due, watcher.nextPollDue) }
        return max(0.01, min(1, due - now))
    }

    /// Writes one CSV per view's data (`DashboardPanel.csvFiles`) into a new export folder;
    /// returns the paths (and reports the folder in the status bar).
    @discardableResult
    public func exportCSV() -> [String] {
        var written: [String] = []
        do {
            guard let host else { throw CocoaError(.featureUnsupported) }
            let folder = try host.makeExportFolder(for: exportName)
            written = try DashboardExport.write(panels.flatMap { $0.csvFiles(model) }, to: folder)
            report("wrote \(written.count) CSV files to \(folder)/")
        } catch {
            report("CSV export failed: \(error.localizedDescription)", isError: true)
        }
        return written
    }

    public var exportName: String { ExportPlace.name(of: directory) }

    func report(_ text: String, isError: Bool = false) {
        host?.report(text, isError: isError)
    }

    /// Options changed: the host keeps them (in the settings file) right away.
    func optionsChanged() {
        host?.stateChanged()
    }

    /// Picks a record of `kind` (nil: none); charts and the table follow.
    public func select(_ kind: RecordKind, _ id: String?) { selection[kind] = id }

    /// The inspector's fields of record `id`, built once per model and record.
    func inspectorFields(_ kind: RecordKind, _ id: String) -> [InspectorField]? {
        if let cached = inspectorCache[kind], cached.model === model, cached.id == id { return cached.fields }
        let fields = model.table(kind).fields(id)
        if let fields { inspectorCache[kind] = InspectorCache(model: model, id: id, fields: fields) }
        return fields
    }

    /// The selected row of table `kind` as two tab-separated lines: the column titles, then the
    /// cells as shown (nil when nothing of that kind is selected).
    public func selectedRowText(_ kind: RecordKind?) -> String? {
        guard let kind, let id = selection[kind] else { return nil }
        let table = model.table(kind)
        guard let row = table.rows.first(where: { $0.id == id }) else { return nil }
        return table.columns.map(\.title).joined(separator: "\t") + "\n" + row.cells.map(\.text).joined(separator: "\t")
    }

    /// The table that takes the row keys now (nil when no table is shown).
    public var keyTable: RecordKind? {
        if let focusedTable, tablesDrawnLastFrame.contains(focusedTable) { return focusedTable }
        return tablesDrawnLastFrame.first
    }

    /// The key moves waiting for table `kind` (taken once).
    func tableKeys(for kind: RecordKind) -> (move: TableMove?, focusFilter: Bool) {
        guard kind == keyTable else { return (nil, false) }
        defer {
            pendingMove = nil
            pendingFilterFocus = false
        }
        return (pendingMove, pendingFilterFocus)
    }

    /// A table tab drew `kind` this frame; a press inside it gives it the row keys.
    func tableDrawn(_ kind: RecordKind, pressed: Bool) {
        tablesDrawn.append(kind)
        if pressed { focusedTable = kind }
    }

    /// Shows the panel with this id alone (keys 1…N), or the grid for nil or an unknown id.
    public func maximize(_ id: String?) { maximized = panels.contains { $0.id == id } ? id : nil }

    /// Every view of every standard panel, by `DashboardPanel.viewNames`.
    public static var viewNames: [String] { standardPanels.flatMap(\.viewNames) }

    /// Maximizes the panel that has view `name` and selects that view's tab; false when no
    /// panel has it.
    @discardableResult
    public func showView(_ name: String, in ui: UIContext) -> Bool {
        for panel in panels {
            guard let index = panel.viewNames.firstIndex(of: name) else { continue }
            maximize(panel.id)
            if let tabsID = panel.tabsID {
                ui.pushID("panel-\(panel.id)")
                ui.selectTab(tabsID, index)
                ui.popID()
            }
            return true
        }
        return false
    }

    /// The panel with this id.
    public func panel(_ id: String) -> (any DashboardPanel)? { panels.first { $0.id == id } }

    // MARK: - Frame

    /// Draws the panels (or the missing-directory page) into `content`.
    public func frame(_ ui: UIContext, _ content: Rect) {
        let style = ui.style
        defer {
            tablesDrawnLastFrame = tablesDrawn
            tablesDrawn = []
            // A key for a table that is no longer drawn is dropped, not kept for later.
            pendingMove = nil
            pendingFilterFocus = false
        }
        showingMissingDirectory = !model.snapshot.directoryExists && (model.snapshot.generation > 0 || !reloads.isLoading)
        if showingMissingDirectory {
            drawMissingDirectory(ui, content)
        } else if let maximized, let panel = panel(maximized) {
            drawPanel(panel, ui, content)
        } else {
            let visible = panels.filter { !options.hiddenPanels.contains($0.id) }
            if visible.isEmpty {
                ui.label("All panels are hidden: View ▸ show a panel.", in: content, color: style.textDim, centered: true)
            } else {
                let rows = (visible.count + 1) / 2
                let cells = ui.panelGrid("grid-\(visible.count)", content, columns: visible.count == 1 ? 1 : 2, rows: rows)
                for (index, panel) in visible.enumerated() {
                    var cell = cells[index]
                    // An odd panel out spans its whole row.
                    if visible.count % 2 == 1, index == visible.count - 1, visible.count > 1 {
                        cell = Rect(min: cell.min, max: Vec2(cells[index + 1].max.x, cell.max.y))
                    }
                    drawPanel(panel, ui, cell)
                }
            }
        }
    }

    public func savedState() -> [String: String] { options.state }
    public func restore(_ state: [String: String]) {
        options = DashboardOptions(state: state)
        options.noteRecent(RecentPaths.absolute(directory))
        options.dropDraggedRange(unlessFor: RecentPaths.absolute(directory))
        historyFilterChanged()
    }

    /// Sets the span of the history the history views count (Data ▸ Time Range, the strip).
    public func setTimeRange(_ range: TimeRange) {
        guard options.setTimeRange(range, directory: RecentPaths.absolute(directory)) else { return }
        historyFilterChanged()
        optionsChanged()
    }

    /// Counts validation failures in the trend lines and means, or leaves them out.
    public func setIncludeValidationFailures(_ include: Bool) {
        guard options.includeValidationFailures != include else { return }
        options.includeValidationFailures = include
        historyFilterChanged()
        optionsChanged()
    }

    /// Shows or hides one metric's raw series in Quality Trends.
    public func setTrendMetric(_ metric: String, shown: Bool) {
        if shown { options.trendMetrics.insert(metric) } else { options.trendMetrics.remove(metric) }
        optionsChanged()
    }

    /// The filter changed: new loads use it, and the current data is rebuilt with it (unless a
    /// load is reading, which will use it; at start-up the settings arrive during the first load).
    private func historyFilterChanged() {
        reloads.filter = options.historyFilter
        if model.filter != options.historyFilter, !reloads.isReading { reloads.rebuild(model.snapshot) }
    }

    /// Esc: back from a maximized panel.
    public func escape() -> Bool {
        guard maximized != nil else { return false }
        maximized = nil
        return true
    }

    public var helpTopics: [(title: String, text: String)] { [("Data Format", HelpText.dataFormat)] }

    public var errorLines: [String] {
        model.snapshot.errors.map(\.description) + ["", "Fix the file and press F5 (or wait for auto-reload)."]
    }

    public func statusClicked(_ segment: StatusSegment) {
        if segment.text.hasPrefix("errors:") { host?.show(.errors) }
        if segment.text.hasPrefix("drift:") { host?.show(.page(Dashboard.driftPage)) }
    }

    static let driftPage = DashboardPages.driftTitle
    static let sourcesPage = DashboardPages.sourcesTitle

    public func pageTable(_ name: String) -> PageTable? {
        name == Dashboard.driftPage ? DashboardPages.driftTable(model) : nil
    }

    public func page(_ name: String) -> String? {
        switch name {
        case Dashboard.driftPage: DashboardPages.drift(model)
        case Dashboard.sourcesPage: DashboardPages.sources(model, source: source, autoReload: options.autoReload)
        default: nil
        }
    }

    // MARK: - Status bar

    /// The status bar's segments: `Sources ok/found · Generators N · Regions N · Runs N ·
    /// [errors: N (click for details)] · last refresh Ns ago · <dir>`.
    public func statusSegments() -> [StatusSegment] {
        let snapshot = model.snapshot
        var segments = model.statusFigures
        if let progress = reloads.progress {
            segments.append(StatusSegment("reloading \(progress.file) \(Format.percent(progress.fraction, decimals: 0))", tone: .accent))
        } else if reloads.isLoading {
            segments.append(StatusSegment("loading…", tone: .accent))
        } else if snapshot.generation > 0 {
            segments.append(StatusSegment("last refresh \(Format.age(now - refreshedAt))"))
        }
        // A problem names the folder itself.
        if let problem = source.problem {
            segments.append(StatusSegment(DashboardPages.remoteProblem(problem, model), tone: .error))
        } else {
            segments.append(StatusSegment(snapshot.directory))
        }
        return segments
    }

    // MARK: - Empty state

    private func drawMissingDirectory(_ ui: UIContext, _ rect: Rect) {
        let style = ui.style
        ui.panel(rect)
        let lines = [
            "No data directory at \(directory)",
            source.problem ?? "",
            "",
            "hafs-viz shows what your training-data pipeline writes there:",
            "  quality_feedback.json     generator stats, rejection history with quality scores",
            "  active_learning.json      embedding regions (centroids, sample counts)",
            "  training_feedback.json    training runs (model, final loss, eval metrics)",
            "",
            "Point hafs-viz at the folder (hafs-viz <dir>), or create it: the window picks the",
            "files up as soon as they appear. Or look at the bundled demo:",
        ]
        let row = ui.font.lineHeight + 4
        let width = lines.map { ui.font.measure($0) }.max() ?? 0
        var y = rect.center.y - Float(lines.count + 2) * row / 2
        let x = rect.center.x - width / 2
        for (index, line) in lines.enumerated() {
            ui.label(line, at: Vec2(x, y), color: index == 0 ? style.warning : style.text)
            y += row
        }
        let button = Rect(x: x, y: y + 4, width: 180 * style.scale, height: style.rowHeight + 4)
        if let demoDirectory, ui.button("Open Demo Data", button) { open(directory: demoDirectory) }
        if demoDirectory == nil { ui.label("(the bundled demo was not found next to this binary)", at: button.min, color: style.textDim) }
    }
}

/// The fields the inspector showed last, for the model they came from (held weakly: a cache
/// must not keep an old model's data alive).
private final class InspectorCache {
    weak var model: DashboardModel?
    let id: String
    let fields: [InspectorField]

    init(model: DashboardModel, id: String, fields: [InspectorField]) {
        self.model = model
        self.id = id
        self.fields = fields
    }
}
