// RunsWorkspace: live training curves from a logdir. Platform-free: it builds its UI each frame
// from the newest `RunsModel`, which a `RunsFeed` prepares on its own thread.
//
// [SECTION] Layout
//   A sidebar (runs with their colours and checkboxes, smoothing, x axis, pause) and a grid of
//   charts, one per tag, grouped by tag prefix; a status line at the bottom.
// [SECTION] Replay (RunsReplay.swift), filters (NameFilter.swift)
//   R freezes the display and scrubs the history; regex filters over run names and tags.
// [SECTION] Live
//   Each chart follows its data (a live plot: fitted with room to grow, refitted when the data
//   leaves that room) until the user pans or zooms it (then it stays put);
//   Home returns every chart to following. Pause freezes the display while reading goes on.

import DurableIO
import Foundation
import HafsVizCore
import Immediate
import Synchronization

public final class RunsWorkspace: Workspace {
    public let title = "Runs"
    public weak var host: WorkspaceHost?
    public private(set) var model: RunsModel
    public private(set) var feed: RunsFeed?
    /// Logdirs opened, the latest first (Data ▸ Recent), at most `DashboardOptions.recentLimit`.
    public private(set) var recentLogdirs: [String] = []
    /// The logdir opened with Ctrl+O or Recent (kept, so the next start reads it again); nil
    /// while the one given at start is shown, which then follows `--logdir` or the data dir.
    public private(set) var openedLogdir: String?
    /// Runs the user unticked, by name.
    public private(set) var hiddenRuns: Set<String> = []
    /// The run filter (a regex over run names and MLflow run names) and the tag filter.
    public private(set) var runFilter = NameFilter()
    public private(set) var tagFilter = NameFilter()
    public private(set) var smoothing = Smoothing.defaultWeight
    public private(set) var xAxis = RunsXAxis.step
    /// A log10 y axis on every chart.
    public private(set) var logY = false
    /// While paused the display keeps the model it had; the feed keeps reading.
    public private(set) var paused = false
    /// Replay: how far through the shown runs' history (0 = the first x, 1 = the last) the
    /// charts are drawn; nil when not replaying. Replaying freezes the display like pause.
    public internal(set) var replay: Double?
    /// The replay runs on by itself (the whole history in `replaySeconds`).
    public internal(set) var replayPlaying = false
    static let replaySeconds = 10.0
    var replayTick: Double?
    var pausedBeforeReplay = false
    /// The run whose status the sidebar shows (a click on its name); nil: the latest written.
    public private(set) var selectedRun: String?
    private var waiting: RunsModel?
    private var now = 0.0
    /// The clock's last 10-second bucket: "last write … ago" is redrawn that often, no more.
    private var clockBucket = -1
    /// A CSV export running on its own thread: its outcome, once finished.
    private let exportOutcome = Outcome()
    /// Wakes the window (from any thread).
    private let wake: @Sendable () -> Void

    private final class Outcome: Sendable {
        let value = Mutex<(text: String, isError: Bool)?>(nil)
    }
    /// Each run's colour slot, given the first time the run is seen and kept: a run that appears
    /// later never recolours the others.
    private var colorSlots: [String: Int] = [:]
    /// The run under the mouse in the run list (its lines are drawn over the others this frame).
    public private(set) var hoveredRun: String?
    /// The run list's width at scale 1, as the user dragged it (nil: the default).
    public private(set) var sidebarWidth: Float?
    private var draggingSidebar = false

    /// - Parameters:
    ///   - initial: a model already read (screenshots, tests); nil starts a live feed.
    public init(logdir: String, initial: RunsModel? = nil, onUpdate: @escaping @Sendable () -> Void = {}) {
        wake = onUpdate
        if let initial {
            model = initial
            feed = nil
            assignColors()
        } else {
            model = RunsModel(logdir: logdir)
            let feed = RunsFeed(logdir: logdir, onUpdate: onUpdate)
            self.feed = feed
            feed.start()
        }
        noteRecent(logdir)
    }

    /// Reads another logdir (Ctrl+O, Recent): a new feed; the runs, colours, ticks and the
    /// Dashboard link of the old one are dropped; filters, smoothing and axes stay.
    public func open(logdir: String) {
        feed?.stop()
        model = RunsModel(logdir: logdir)
        waiting = nil
        colorSlots = [:]
        hiddenRuns = []
        focusedOn = nil
        selectedRun = nil
        replay = nil
        replayPlaying = false
        let feed = RunsFeed(logdir: logdir, onUpdate: wake)
        feed.configure(smoothing: smoothing, xAxis: xAxis)
        self.feed = feed
        feed.start()
        noteRecent(logdir)
        openedLogdir = Dashboard.absolute(logdir)
        host?.stateChanged()
        host?.report("opened \(logdir)", isError: false)
    }

    private func noteRecent(_ logdir: String) {
        let path = Dashboard.absolute(logdir)
        recentLogdirs.removeAll { $0 == path }
        recentLogdirs.insert(path, at: 0)
        if recentLogdirs.count > DashboardOptions.recentLimit { recentLogdirs.removeLast(recentLogdirs.count - DashboardOptions.recentLimit) }
    }

    deinit { feed?.stop() }

    /// Takes the newest model (unless paused); true when the window needs a frame.
    public func idle(now: Double) -> Bool {
        self.now = now
        var changed = false
        if let outcome = exportOutcome.value.withLock({ value -> (text: String, isError: Bool)? in defer { value = nil }; return value }) {
            host?.report(outcome.text, isError: outcome.isError)
            changed = true
        }
        if replayPlaying, let replay {
            let step = (now - (replayTick ?? now)) / RunsWorkspace.replaySeconds
            self.replay = min(1, replay + step)
            replayTick = now
            if self.replay == 1 { replayPlaying = false }
            changed = true
        }
        if Int(now / 10) != clockBucket {
            clockBucket = Int(now / 10)
            changed = true
        }
        guard let latest = feed?.takeLatest() else { return changed }
        if paused {
            waiting = latest
            return true  // the status line counts what is waiting
        }
        model = latest
        assignColors()
        return true
    }

    private func assignColors() {
        for run in model.runs where colorSlots[run.name] == nil {
            colorSlots[run.name] = colorSlots.count
        }
    }

    /// The colour of a run (its slot in the style's series colours).
    public func color(of run: String, _ style: Style) -> Color {
        style.seriesColor(colorSlots[run] ?? 0)
    }

    /// The dash pattern of a run's lines: runs past the palette's colours are dashed too.
    public func dash(of run: String, _ style: Style) -> LineDash? {
        style.seriesDash(colorSlots[run] ?? 0)
    }

    public func setPaused(_ value: Bool) {
        paused = value
        if !paused, let waiting {
            model = waiting
            self.waiting = nil
            assignColors()
        }
    }

    /// The runs that are the logs of a pipeline run id: its folder (`id`, `id/…`) or an MLflow
    /// run named `id`.
    public func runs(matching id: String) -> [String] {
        model.runs.filter { $0.name == id || $0.name.hasPrefix(id + "/") || $0.displayName == id }.map(\.name)
    }

    /// Shows only the runs of `id` (the Dashboard's link); "Show All Runs" undoes it.
    public func focus(on id: String) {
        let matching = Set(runs(matching: id))
        guard !matching.isEmpty else { return }
        hiddenRuns = Set(model.runs.map(\.name)).subtracting(matching)
        focusedOn = id
    }

    /// Lets the Dashboard's Training Runs panel open a run's curves here (double-click, Enter).
    public func link(_ dashboard: Dashboard, in window: AppWindow) {
        dashboard.runHasCurves = { [unowned self] id in !runs(matching: id).isEmpty }
        dashboard.openRunCurves = { [unowned self, unowned window] id in
            focus(on: id)
            window.select(window.workspaces.firstIndex { $0 === self } ?? window.current)
        }
    }

    /// The pipeline run id the view is narrowed to, if any.
    public private(set) var focusedOn: String?

    public func showAllRuns() {
        hiddenRuns = []
        focusedOn = nil
    }

    public func setRunFilter(_ pattern: String) { runFilter = NameFilter(pattern) }
    public func setTagFilter(_ pattern: String) { tagFilter = NameFilter(pattern) }

    /// Whether a run passes the run filter (ticked or not).
    func matchesRunFilter(_ run: RunsModel.Run) -> Bool {
        runFilter.matches(run.name) || run.displayName.map(runFilter.matches) == true
    }

    /// Whether run `index` of the model is drawn: ticked and passing the run filter.
    func isShown(_ index: Int) -> Bool {
        let run = model.runs[index]
        return !hiddenRuns.contains(run.name) && matchesRunFilter(run)
    }

    /// The charts passing the tag filter that have a point of a shown run (as TensorBoard
    /// does, a chart none of the shown runs logs is left out rather than drawn empty).
    func shownCharts() -> [RunsModel.Chart] {
        matchingCharts().filter(hasShownData)
    }

    /// The charts passing the tag filter, empty or not.
    func matchingCharts() -> [RunsModel.Chart] {
        tagFilter.isActive ? model.charts.filter { tagFilter.matches($0.tag) } : model.charts
    }

    private func hasShownData(_ chart: RunsModel.Chart) -> Bool {
        chart.lines.contains { isShown($0.run) && $0.raw.count > 0 }
    }

    public func setRunVisible(_ name: String, _ visible: Bool) {
        if visible { hiddenRuns.remove(name) } else { hiddenRuns.insert(name) }
    }

    // MARK: - Frame

    /// Draws the workspace into `rect`.
    public func frame(_ ui: UIContext, _ rect: Rect) {
        let style = ui.style
        let width = min(max((sidebarWidth ?? 280) * style.scale, 160 * style.scale), rect.width * 0.6)
        let (sidebar, charts) = rect.splitLeft(width)
        hoveredRun = nil
        drawSidebar(ui, sidebar.insetBy(0, 0))
        drawSidebarHandle(ui, sidebar, in: rect)
        drawCharts(ui, charts.insetBy(style.spacing, 0))
    }

    /// A handle on the run list's right edge: drag to widen it (long run names), double-click
    /// for the default width. The width is kept in the settings.
    private func drawSidebarHandle(_ ui: UIContext, _ sidebar: Rect, in rect: Rect) {
        let style = ui.style
        let handle = Rect(x: sidebar.max.x - 2, y: sidebar.min.y, width: style.spacing + 4, height: sidebar.height)
        let id = ui.id("runs-sidebar-handle")
        let interaction = ui.interact(id, handle)
        if interaction.hovered || interaction.held {
            ui.draw { $0.addRectFilled(Rect(x: sidebar.max.x, y: sidebar.min.y, width: 2, height: sidebar.height), style.accent) }
            ui.tooltip("drag to widen the run list · double-click: default width")
        }
        if interaction.held, let mouse = ui.input.mouse {
            sidebarWidth = max(160, (mouse.x - rect.min.x) / style.scale)
            draggingSidebar = true
            ui.requestRedraw()
        } else if draggingSidebar {
            draggingSidebar = false
            host?.stateChanged()
        }
        if interaction.hovered, ui.input.wasDoubleClicked(.left) {
            sidebarWidth = nil
            host?.stateChanged()
        }
    }

    /// The feed wakes the window itself; a playing replay needs frames.
    public func idleTimeout(now: Double) -> Double { replayPlaying ? 1.0 / 60 : 1 }

    /// Esc ends a replay.
    public func escape() -> Bool {
        guard replay != nil else { return false }
        setReplay(nil)
        return true
    }

    /// Smoothing, x axis and the unticked runs.
    public func savedState() -> [String: String] {
        ["smoothing": String(smoothing), "xAxis": xAxis.rawValue, "logY": String(logY), "hiddenRuns": hiddenRuns.sorted().joined(separator: "\n"),
         "runFilter": runFilter.pattern, "tagFilter": tagFilter.pattern, "sidebarWidth": sidebarWidth.map { String($0) } ?? "",
         "logdir": openedLogdir ?? "",
         // A JSON array: paths may hold commas and line breaks.
         "recentLogdirs": (try? JSONEncoder().encode(recentLogdirs)).map { String(decoding: $0, as: UTF8.self) } ?? "[]"]
    }

    public func restore(_ state: [String: String]) {
        if let text = state["smoothing"], let value = Double(text), value.isFinite {
            smoothing = min(max(value, 0), Smoothing.maxWeight)
        }
        if let text = state["xAxis"], let mode = RunsXAxis(rawValue: text) { xAxis = mode }
        if let value = state["logY"].flatMap(Bool.init) { logY = value }
        if let pattern = state["runFilter"] { runFilter = NameFilter(pattern) }
        if let opened = state["logdir"], !opened.isEmpty, opened == Dashboard.absolute(model.logdir) { openedLogdir = opened }
        if let recent = state["recentLogdirs"].flatMap({ try? JSONDecoder().decode([String].self, from: Data($0.utf8)) }) {
            let current = recentLogdirs.first
            recentLogdirs = Array(recent.filter { !$0.isEmpty }.prefix(DashboardOptions.recentLimit))
            if let current { noteRecent(current) }
        }
        if let width = state["sidebarWidth"].flatMap(Float.init), width.isFinite, width >= 160 { sidebarWidth = min(width, 4000) }
        if let pattern = state["tagFilter"] { tagFilter = NameFilter(pattern) }
        if let text = state["hiddenRuns"] {
            hiddenRuns = Set(text.split(separator: "\n").map(String.init))
        }
        feed?.configure(smoothing: smoothing, xAxis: xAxis)
    }

    public var exportName: String { ((model.logdir as NSString).standardizingPath as NSString).lastPathComponent }

    public var helpTopics: [(title: String, text: String)] { [("Log Formats", HelpText.logFormats)] }

    public func page(_ name: String) -> String? { nil }

    public var errorLines: [String] {
        model.runs.flatMap { run in run.errors.map { "\(run.name): \($0)" } }
    }

    public func statusClicked(_ segment: StatusSegment) {
        if segment.text.hasPrefix("failed:") { host?.show(.errors) }
    }

    /// Ctrl+E: every point of the shown runs and tags (ticked, passing the filters), read anew
    /// from the files on a thread of its own, written atomically as `runs.csv` in a new export
    /// folder: `run,tag,step,wall_time,value`.
    public func exportCSV() {
        let logdir = model.logdir
        let hidden = hiddenRuns
        let runFilter = runFilter, tagFilter = tagFilter
        let path: String
        do {
            guard let host else { throw CocoaError(.featureUnsupported) }
            path = (try host.makeExportFolder(for: exportName) as NSString).appendingPathComponent("runs.csv")
        } catch {
            host?.report("CSV export failed: \(error.localizedDescription)", isError: true)
            return
        }
        let outcome = exportOutcome
        let wake = self.wake
        Thread.detachNewThread {
            let report = RunsReport.read(logdir: logdir)
            var text = "run,tag,step,wall_time,value\r\n"
            var points = 0
            for run in report.runs where !hidden.contains(run.name)
                && (runFilter.matches(run.name) || run.displayName.map(runFilter.matches) == true) {
                for (tag, series) in zip(run.tags.names, run.tags.series) where tagFilter.matches(tag) {
                    let prefix = CSVExport.field(run.name) + "," + CSVExport.field(tag) + ","
                    for i in 0..<series.count {
                        // Steps are whole numbers in every format we read: written as integers.
                        let step = series.steps[i]
                        let stepText = step == step.rounded() && abs(step) < 1e15 ? String(Int(step)) : CSVExport.number(step)
                        text += prefix + stepText + "," + CSVExport.number(series.wallTimes[i].isFinite ? series.wallTimes[i] : nil)
                            + "," + CSVExport.number(series.values[i]) + "\r\n"
                    }
                    points += series.count
                }
            }
            do {
                try AtomicFile.write(Data(text.utf8), to: path)
                outcome.value.withLock { $0 = ("wrote \(points) points to \(path)", false) }
            } catch {
                outcome.value.withLock { $0 = ("CSV export failed: \(error.localizedDescription)", true) }
            }
            wake()
        }
    }

    /// The workspace's commands: keys, menu items and help lines in one place.
    public func actions(_ ui: UIContext) -> [Action] {
        var actions = [
            Action("Open Logdir…", menu: "Data", keys: [KeyPress(.character("o"), .control)], keyText: "Ctrl+O",
                   help: "Open another logdir (the path completes with Tab)") { [unowned self] in
                host?.askForDirectory(title: "Open Logdir", initial: Dashboard.absolute(model.logdir)) { [weak self] path in
                    self?.open(logdir: path)
                }
            },
        ]
        let current = Dashboard.absolute(model.logdir)
        for (index, path) in recentLogdirs.enumerated() {
            actions.append(Action("Recent: " + Dashboard.abbreviated(path), menu: "Data", isChecked: { path == current },
                                  separatorBefore: index == 0) { [unowned self] in
                if path != Dashboard.absolute(model.logdir) { open(logdir: path) }
            })
        }
        actions += [
            Action("Export CSV", menu: "File", keys: [KeyPress(.character("e"), .control)], keyText: "Ctrl+E",
                   help: "Export CSV of every point of the shown runs") { [unowned self] in exportCSV() },
            Action(paused ? "Resume" : "Pause", id: "Pause", menu: "View", keys: [KeyPress(.character(" "))], keyText: "Space",
                   help: "Pause the display (reading goes on) / resume") { [unowned self] in setPaused(!paused) },
        ]
        for (index, mode) in RunsXAxis.allCases.enumerated() {
            actions.append(Action("X Axis: \(mode.title)", menu: "View", isChecked: { [unowned self] in xAxis == mode },
                                  separatorBefore: index == 0) { [unowned self] in setXAxis(mode, ui) })
        }
        actions.append(Action(replay == nil ? "Replay" : "End Replay", id: "Replay", menu: "View", keys: [KeyPress(.character("r"))], keyText: "R",
                              help: "Replay: scrub the shown runs from their first step to now (Esc ends it)",
                              separatorBefore: true) { [unowned self] in setReplay(replay == nil ? 1 : nil) })
        actions.append(Action("Log Y Axis", menu: "View", keys: [KeyPress(.character("l"))], keyText: "L",
                              help: "Logarithmic y axis on every chart (values ≤ 0 are counted, not drawn)",
                              isChecked: { [unowned self] in logY }, separatorBefore: true) { [unowned self] in setLogY(!logY, ui) })
        return actions
    }

    func setLogY(_ value: Bool, _ ui: UIContext) {
        guard value != logY else { return }
        logY = value
        ui.resetAllPlots()  // the y ranges kept are in the other axis's units
        host?.stateChanged()
    }

    func setXAxis(_ mode: RunsXAxis, _ ui: UIContext) {
        guard mode != xAxis else { return }
        xAxis = mode
        feed?.configure(smoothing: smoothing, xAxis: xAxis)
        ui.resetAllPlots()
        host?.stateChanged()
    }

    public func statusSegments() -> [StatusSegment] {
        let failed = model.runs.filter(\.isFailed).count
        var segments = [StatusSegment("Runs \(model.runs.count)"), StatusSegment("Tags \(model.charts.count)"),
                        StatusSegment("Points \(model.pointCount)")]
        if failed > 0 { segments.append(StatusSegment("failed: \(failed) (click for details)", tone: .error, clickable: true)) }
        if replay != nil {
            segments.append(StatusSegment("replay at \(replayText(replayLimit()))" + (waiting == nil ? "" : " (new data waiting)"), tone: .accent))
        } else if paused {
            segments.append(StatusSegment(waiting == nil ? "paused" : "paused (new data waiting)", tone: .warning))
        }
        if let newest = model.runs.compactMap(\.lastWrite).max() {
            segments.append(StatusSegment("last write \(RunsWorkspace.clock(newest))"))
        }
        segments.append(StatusSegment(model.logdir))
        return segments
    }

    private func drawSidebar(_ ui: UIContext, _ rect: Rect) {
        let style = ui.style
        ui.panel(rect)
        let row = style.rowHeight
        var y = rect.min.y + style.padding
        let inner = rect.insetBy(style.padding, 0)
        let listed = model.runs.filter(matchesRunFilter)
        let count = runFilter.isActive ? "\(listed.count) of \(model.runs.count)" : "\(model.runs.count)"
        ui.label("Runs (\(count))", at: Vec2(inner.min.x, y), color: style.textDim)
        if !hiddenRuns.isEmpty {
            let button = Rect(x: inner.max.x - 90 * style.scale, y: y - 2, width: 90 * style.scale, height: row - 2)
            if ui.button("Show all", button) { showAllRuns() }
        }
        y += row
        var pattern = runFilter.pattern
        if ui.textField("run-filter", &pattern, Rect(x: inner.min.x, y: y, width: inner.width, height: row - 2),
                        placeholder: "filter runs (regex)", isValid: runFilter.problem == nil) {
            setRunFilter(pattern)
        }
        y += row
        if let problem = runFilter.problem {
            ui.label(ui.font.truncate(problem + " (showing all)", toFit: inner.width), at: Vec2(inner.min.x, y), color: style.error)
            y += row
        }
        if let focusedOn {
            ui.label(ui.font.truncate("from the Dashboard: \(focusedOn)", toFit: inner.width), at: Vec2(inner.min.x, y), color: style.accent)
            y += row
        }
        if model.runs.isEmpty {
            ui.label(feed == nil ? "no logs found under this folder" : "looking for logs…", at: Vec2(inner.min.x, y), color: style.warning)
            y += row
        }
        // The run list scrolls above the status box and the controls.
        let listBottom = rect.max.y - row * 11 - style.padding * 2
        let entryHeight = { (run: RunsModel.Run) -> Float in run.isFailed ? row * 2 - 4 : row }
        let listRect = Rect(min: Vec2(rect.min.x, y), max: Vec2(rect.max.x, max(y, listBottom)))
        let contentHeight = listed.reduce(Float(0)) { $0 + entryHeight($1) }
        _ = ui.scrollPanel("runs-list", listRect, contentHeight: contentHeight) { origin in
            var top = origin.y
            for run in listed {
                defer { top += entryHeight(run) }
                guard top + entryHeight(run) > listRect.min.y, top < listRect.max.y else { continue }
                let color = color(of: run.name, style)
                // The swatch is a short stroke of the run's line: colour and dash pattern.
                let swatchY = top + row / 2
                let swatchStart = Vec2(inner.max.x - 26 * style.scale, swatchY), swatchEnd = Vec2(inner.max.x - 6 * style.scale, swatchY)
                if let dash = dash(of: run.name, style) {
                    ui.draw { $0.addDashedPolyline([swatchStart, swatchEnd], color, thickness: 4 * style.scale, dash: dash) }
                } else {
                    ui.draw { $0.addLine(swatchStart, swatchEnd, color, thickness: 4 * style.scale) }
                }
                var visible = !hiddenRuns.contains(run.name)
                // MLflow runs are folders named by id: show the run's name first. Cut in the
                // middle: runs of one sweep share a prefix and differ at the end (…/version_12).
                let label = ui.font.truncateMiddle((run.displayName.map { "\($0) · " } ?? "") + run.name, toFit: inner.width - 54 * style.scale)
                ui.pushID(run.name)  // truncated labels may repeat; the run's name keeps ids apart
                if ui.checkbox(label, &visible, Rect(x: inner.min.x, y: top, width: inner.width - 24 * style.scale, height: row)) {
                    setRunVisible(run.name, visible)
                }
                ui.popID()
                let hover = Rect(x: inner.min.x, y: top, width: inner.width - 8 * style.scale, height: entryHeight(run))
                if run.isFailed {
                    ui.label("  ! " + ui.font.truncate(run.errors[0].message, toFit: inner.width - 28), at: Vec2(inner.min.x, top + row - 4), color: style.error)
                }
                if ui.isMouseOver(hover), listRect.contains(ui.input.mouse ?? .zero) {
                    hoveredRun = run.name
                    ui.tooltip(RunsWorkspace.details(run))
                    if ui.input.wasReleased(.left), ui.input.mouse.map({ $0.x > inner.min.x + 20 * style.scale }) == true { selectedRun = run.name }
                }
                if run.name == selectedRun {
                    ui.draw { $0.addRect(hover, style.accent) }
                }
            }
        }
        y = listBottom
        if let status = statusRun() {
            y += style.spacing
            drawRunStatus(ui, status, Rect(x: inner.min.x, y: y, width: inner.width, height: row * 5.5))
        }
        y = max(y, rect.max.y - row * 5 - style.padding * 2)
        drawReplayRow(ui, Rect(x: inner.min.x, y: y, width: inner.width, height: row))
        y += row + style.spacing
        var weight = smoothing
        if ui.slider("smoothing", &weight, in: 0...Smoothing.maxWeight, Rect(x: inner.min.x, y: y, width: inner.width, height: row),
                     format: { String(format: "%.3f", $0) }) {
            smoothing = weight
            feed?.configure(smoothing: smoothing, xAxis: xAxis)
        }
        y += row + style.spacing
        let third = (inner.width - style.spacing * 2) / 3
        for (index, mode) in RunsXAxis.allCases.enumerated() {
            let button = Rect(x: inner.min.x + Float(index) * (third + style.spacing), y: y, width: third, height: row)
            if ui.button((mode == xAxis ? "● " : "") + mode.title, button) { setXAxis(mode, ui) }
        }
        y += row + style.spacing
        let half = (inner.width - style.spacing) / 2
        var log = logY
        if ui.checkbox("Log y (L)", &log, Rect(x: inner.min.x, y: y, width: half, height: row)) { setLogY(log, ui) }
        if ui.button(paused ? "Resume (Space)" : "Pause (Space)", Rect(x: inner.min.x + half + style.spacing, y: y, width: half, height: row),
                     short: paused ? "Resume" : "Pause") {
            setPaused(!paused)
        }
    }

    private func drawCharts(_ ui: UIContext, _ whole: Rect) {
        let style = ui.style
        // The tag filter above the grid.
        let (filterRow, rect) = whole.splitTop(style.rowHeight + style.spacing)
        let fieldWidth = min(360 * style.scale, filterRow.width * 0.5)
        var pattern = tagFilter.pattern
        if ui.textField("tag-filter", &pattern, Rect(x: filterRow.min.x, y: filterRow.min.y, width: fieldWidth, height: style.rowHeight - 2),
                        placeholder: "filter tags (regex, e.g. ^eval/|loss)", isValid: tagFilter.problem == nil) {
            setTagFilter(pattern)
        }
        let matching = matchingCharts()
        let charts = matching.filter(hasShownData)
        var note = tagFilter.problem.map { $0 + " (showing all)" } ?? (tagFilter.isActive ? "\(charts.count) of \(model.charts.count) charts" : "")
        if charts.count < matching.count {
            note += (note.isEmpty ? "" : " · ") + "\(matching.count - charts.count) charts hidden: no data for the runs shown"
        }
        ui.label(note, at: Vec2(filterRow.min.x + fieldWidth + style.spacing * 2, filterRow.min.y + (style.rowHeight - 2 - ui.font.lineHeight) / 2),
                 color: tagFilter.problem == nil ? style.textDim : style.error)
        guard !charts.isEmpty else {
            let empty = model.runs.isEmpty ? "No runs yet in \(model.logdir)"
                : model.charts.isEmpty ? "The runs have no scalar tags yet"
                : matching.isEmpty ? "No tag matches \(tagFilter.pattern)" : "None of the runs shown has data in these charts: tick a run, or clear the run filter"
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
                let column = index % columns, row = index / columns
                let cellWidth = rect.width / Float(columns)
                let cell = Rect(x: origin.x + Float(column) * cellWidth, y: origin.y + Float(row) * cellHeight,
                                width: cellWidth, height: cellHeight).insetBy(style.spacing / 2, style.spacing / 2)
                guard cell.max.y > rect.min.y, cell.min.y < rect.max.y else { continue }
                drawChart(ui, chart, cell, replayCursor: replayCursor)
            }
        }
    }

    /// `replayCursor`: lines are drawn up to this x (+∞ when not replaying).
    private func drawChart(_ ui: UIContext, _ chart: RunsModel.Chart, _ rect: Rect, replayCursor limit: Double) {
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
        let xOptions = AxisOptions(label: xAxis == .step ? unit : xAxis == .relativeTime ? "seconds since start" : nil, isTime: xAxis == .wallTime)
        let result = ui.plot("chart:" + chart.tag, rect.insetBy(2, 2), title: title, x: xOptions, y: AxisOptions(log: logY), live: true) { p in
            for line in chart.lines where isShown(line.run) {
                let name = model.runs[line.run].name
                let color = color(of: name, style), dash = dash(of: name, style)
                let emphasis: Float = hoveredRun == nil || hoveredRun == name ? 1 : 0.3
                if smoothing > 0 {
                    p.line("", line.raw, color: color.withAlpha(0.25 * emphasis), upTo: limit)
                }
                // No legend: the sidebar shows each run's colour, and a legend would cover data.
                p.line("", line.smoothed, color: color.withAlpha(emphasis), thickness: (hoveredRun == name ? 2.5 : 1.5) * style.scale,
                       upTo: limit, dash: dash)
            }
            if limit.isFinite { p.vline(limit, dashed: true) }
        }
        if let hover = result.hover {
            // Every visible run's value at the nearest step to the cursor.
            var lines = ["\(chart.tag) at \(xAxis == .step ? unit : "x") \(Ticks.formatValue(hover.x))"]
            for line in chart.lines where isShown(line.run) {
                guard let index = RunsWorkspace.nearest(line.raw, min(hover.x, limit)), line.raw.xs[index] <= limit else { continue }
                let smoothed = line.smoothed.ys[index], raw = line.raw.ys[index]
                lines.append("\(model.runs[line.run].name): \(Ticks.formatValue(smoothed))" + (smoothing > 0 ? " (raw \(Ticks.formatValue(raw)))" : ""))
            }
            ui.tooltip(lines.joined(separator: "\n"))
        }
    }

    /// What the x of these lines counts: "epoch" when every run's log counts epochs (Keras),
    /// "step" when every one counts steps, "step or epoch (by run)" for a mix.
    func stepUnit(of lines: [RunsModel.Line]) -> String {
        let units = Set(lines.map { model.runs[$0.run].format.stepUnit })
        return units.count > 1 ? "step or epoch (by run)" : units.first ?? "step"
    }

    /// Index of the point whose x is nearest `target` (binary search when x is sorted).
    static func nearest(_ series: LineSeries, _ target: Double) -> Int? {
        let candidates: any Sequence<Int>
        if series.isSorted {
            let index = series.lowerBound(target)
            candidates = [index - 1, index].filter { $0 >= 0 && $0 < series.count }
        } else {
            candidates = series.xs.indices
        }
        var best: Int?
        var bestDistance = Double.infinity
        for index in candidates where series.xs[index].isFinite && abs(series.xs[index] - target) < bestDistance {
            best = index
            bestDistance = abs(series.xs[index] - target)
        }
        return best
    }

    /// The run the status box describes: the picked one, else the most recently written.
    func statusRun() -> RunsModel.Run? {
        if let selectedRun, let run = model.runs.first(where: { $0.name == selectedRun }) { return run }
        return model.runs.max { ($0.lastWrite ?? .distantPast) < ($1.lastWrite ?? .distantPast) }
    }

    /// Progress against the log's own goal (a gauge), rates, ETA, and how long the log has been quiet.
    private func drawRunStatus(_ ui: UIContext, _ run: RunsModel.Run, _ rect: Rect) {
        let style = ui.style
        let row = style.rowHeight
        var y = rect.min.y
        ui.label(ui.font.truncateMiddle("● " + run.name, toFit: rect.width), at: Vec2(rect.min.x, y), color: color(of: run.name, style))
        y += row
        let progress = run.progress
        var fraction: Double?
        var text = "no goal in the log"
        if let step = progress.step, let max = progress.maxSteps, max > 0 {
            fraction = step / max
            text = "step \(Ticks.formatValue(step)) of \(Ticks.formatValue(max))"
        } else if let epoch = progress.epoch, let epochs = progress.epochs, epochs > 0 {
            fraction = epoch / epochs
            text = "epoch \(Ticks.formatValue(epoch)) of \(Ticks.formatValue(epochs))"
        } else if let step = progress.step {
            let unit = run.format.stepUnit
            text = "\(unit) \(Ticks.formatValue(step))" + (unit == "epoch" ? "" : progress.epoch.map { " · epoch \(Ticks.formatValue($0))" } ?? "")
        }
        let bar = Rect(x: rect.min.x, y: y + 3, width: rect.width, height: row - 6)
        ui.draw { list in
            list.addRectFilled(bar, style.widget)
            if let fraction {
                list.addRectFilled(Rect(x: bar.min.x, y: bar.min.y, width: bar.width * Float(min(max(fraction, 0), 1)), height: bar.height), style.accent)
            }
        }
        ui.label(text + (fraction.map { String(format: " (%.0f%%)", $0 * 100) } ?? ""), in: bar, color: style.text)
        y += row
        var rates = "steps/s " + (run.stepsPerSecond.map { Ticks.formatValue($0, significant: 3) } ?? "— (no times in this log)")
        if let rate = run.stepsPerSecond, rate > 0, let step = progress.step, let max = progress.maxSteps, max > step {
            rates += " · ETA " + Dashboard.age((max - step) / rate).replacingOccurrences(of: " ago", with: "")
        }
        ui.label(ui.font.truncate(rates, toFit: rect.width), at: Vec2(rect.min.x, y), color: style.textDim)
        y += row
        ui.label(ui.font.truncate(RunsWorkspace.samplesText(run.samplesPerSecond), toFit: rect.width), at: Vec2(rect.min.x, y), color: style.textDim)
        y += row
        if let status = progress.status { ui.label("MLflow status: \(status)", at: Vec2(rect.min.x, y), color: style.textDim); y += row }
        if let last = run.lastWrite {
            let quiet = Date().timeIntervalSince(last)
            let stale = quiet > 60
            ui.label("last write " + (stale ? "\(Dashboard.age(quiet)) — quiet" : "within the last minute"), at: Vec2(rect.min.x, y),
                     color: stale ? style.warning : style.textDim)
        }
    }

    /// "samples/s 812 (from the count in train/samples)", "samples/s 2 (logged as train/train_samples_per_second)".
    static func samplesText(_ rate: RunsModel.SamplesRate?) -> String {
        guard let rate else { return "samples/s — (no sample count in this log)" }
        return "samples/s \(Ticks.formatValue(rate.value, significant: 3)) (\(rate.isLogged ? "logged as" : "from the count in") \(rate.tag))"
    }

    static func details(_ run: RunsModel.Run) -> String {
        var lines = [run.name, "format: \(run.format.rawValue)", "tags: \(run.tagCount), points: \(run.pointCount)"]
        if let name = run.displayName { lines.insert("name: \(name)", at: 1) }
        if let step = run.progress.step { lines.append("last \(run.format.stepUnit): \(Ticks.formatValue(step))" + (run.progress.maxSteps.map { " of \(Ticks.formatValue($0))" } ?? "")) }
        if let epoch = run.progress.epoch { lines.append("epoch: \(Ticks.formatValue(epoch))" + (run.progress.epochs.map { " of \(Ticks.formatValue($0))" } ?? "")) }
        if let status = run.progress.status { lines.append("status: \(status)") }
        if let last = run.lastWrite { lines.append("last write: \(clock(last))") }
        lines += run.errors.map { "! \($0)" }
        return lines.joined(separator: "\n")
    }

    static func clock(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
        formatter.locale = Locale(identifier: "en_US_POSIX")
        return formatter.string(from: date)
    }
}
