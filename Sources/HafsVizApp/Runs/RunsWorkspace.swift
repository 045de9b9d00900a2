// RunsWorkspace: live training curves from a logdir. Platform-free: it builds its UI each frame
// from the newest `RunsModel`, which a `RunsFeed` prepares on its own thread.
//
// [SECTION] Layout
//   A sidebar (RunsSidebar.swift: runs with their strokes and checkboxes, the status box of
//   RunsStatus.swift, smoothing, x axis, pause) and a grid of charts (RunsCharts.swift), one per
//   tag, grouped by tag prefix; a status line at the bottom.
// [SECTION] Replay (RunsReplay.swift), filters (NameFilter.swift)
//   R freezes the display and scrubs the history; regex filters over run names and tags.
// [SECTION] Live
//   Each chart follows its data (a live plot: fitted with room to grow, refitted when the data
//   leaves that room) until the user pans or zooms it (then it stays put);
//   Home returns every chart to following. Pause freezes the display while reading goes on.

import DurableIO
import Figures
import Foundation
import HafsVizCore
import HafsVizModel
import Immediate
import Synchronization

public final class RunsWorkspace: Workspace {
    public static let key = WorkspaceKey("Runs")
    public var key: WorkspaceKey { Self.key }
    public weak var host: WorkspaceHost?
    public private(set) var model: RunsModel {
        didSet { shownRunsCache = nil }
    }
    public private(set) var feed: RunsFeed<RunsModel>?
    /// Logdirs opened, the latest first (Data ▸ Recent), at most `DashboardOptions.recentLimit`.
    public private(set) var recentLogdirs: [String] = []
    /// The logdir opened with Ctrl+O or Recent (kept, so the next start reads it again); nil
    /// while the one given at start is shown, which then follows `--logdir` or the data dir.
    public private(set) var openedLogdir: String?
    /// Which runs and charts are shown (ticks, filters, the Dashboard's focus).
    public private(set) var selection = RunsSelection() {
        didSet { shownRunsCache = nil }
    }
    public var hiddenRuns: Set<String> { selection.hiddenRuns }
    public var runFilter: NameFilter { selection.runFilter }
    public var tagFilter: NameFilter { selection.tagFilter }
    /// The pipeline run id the view is narrowed to, if any.
    public var focusedOn: String? { selection.focusedOn }
    public internal(set) var smoothing = Smoothing.defaultWeight
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
    public internal(set) var selectedRun: String?
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
    public internal(set) var hoveredRun: String?
    /// The run list's width at scale 1, as the user dragged it (nil: the default).
    public internal(set) var sidebarWidth: Float?
    var draggingSidebar = false
    /// The selection's `shownRuns` for the model and selection now: asked hundreds of times a
    /// frame, worked out again only after either changed.
    var shownRuns: [Bool] {
        if let shownRunsCache { return shownRunsCache }
        let shown = selection.shownRuns(model)
        shownRunsCache = shown
        return shown
    }
    private var shownRunsCache: [Bool]?

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
        selection.showAll()
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
        recentLogdirs = RecentPaths.noting(Dashboard.absolute(logdir), in: recentLogdirs)
    }

    deinit { feed?.stop() }

    /// Takes the newest model (unless paused); true when the window needs a frame.
    public func idle(now: Double) -> Bool {
        self.now = now
        var changed = false
        if let outcome = exportOutcome.value.withLock({ value -> (text: String, isError: Bool)? in
            defer { value = nil }
            return value
        }) {
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

    /// Shows only the runs of pipeline run `id` (the Dashboard's link); "Show All Runs" undoes it.
    public func focus(on id: String) { selection.focus(on: id, in: model) }

    /// Whether a pipeline run (the Dashboard's Training Runs) has curves here.
    public func hasCurves(of id: String) -> Bool { !RunsSelection.runs(matching: id, in: model).isEmpty }

    public func showAllRuns() { selection.showAll() }
    public func setRunFilter(_ pattern: String) { selection.runFilter = NameFilter(pattern) }
    public func setTagFilter(_ pattern: String) { selection.tagFilter = NameFilter(pattern) }
    public func setRunVisible(_ name: String, _ visible: Bool) { selection.setRunVisible(name, visible) }

    /// Whether run `index` of the model is drawn: ticked and passing the run filter (asked of
    /// the selection once a frame, `shownRuns`).
    func isShown(_ index: Int) -> Bool { shownRuns.indices.contains(index) && shownRuns[index] }

    /// The charts drawn: passing the tag filter, with a point of a shown run.
    func shownCharts() -> [RunsModel.Chart] { selection.matchingCharts(model).filter { RunsSelection.hasShownData($0, shown: shownRuns) } }

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
        [
            "smoothing": String(smoothing), "xAxis": xAxis.rawValue, "logY": String(logY),
            "hiddenRuns": hiddenRuns.sorted().joined(separator: "\n"),
            "runFilter": runFilter.pattern, "tagFilter": tagFilter.pattern, "sidebarWidth": sidebarWidth.map { String($0) } ?? "",
            "logdir": openedLogdir ?? "",
            "recentLogdirs": RecentPaths.settingText(recentLogdirs),
        ]
    }

    public func restore(_ state: [String: String]) {
        if let text = state["smoothing"], let value = Double(text), value.isFinite {
            smoothing = min(max(value, 0), Smoothing.maxWeight)
        }
        if let text = state["xAxis"], let mode = RunsXAxis(rawValue: text) { xAxis = mode }
        if let value = state["logY"].flatMap(Bool.init) { logY = value }
        if let pattern = state["runFilter"] { selection.runFilter = NameFilter(pattern) }
        if let opened = state["logdir"], !opened.isEmpty, opened == Dashboard.absolute(model.logdir) { openedLogdir = opened }
        if let recent = RecentPaths.paths(settingText: state["recentLogdirs"]) {
            // The logdir shown now stays first.
            recentLogdirs = recentLogdirs.first.map { RecentPaths.noting($0, in: recent) } ?? recent
        }
        if let width = state["sidebarWidth"].flatMap(Float.init), width.isFinite, width >= 160 { sidebarWidth = min(width, 4000) }
        if let pattern = state["tagFilter"] { selection.tagFilter = NameFilter(pattern) }
        if let text = state["hiddenRuns"] {
            selection.hiddenRuns = Set(text.split(separator: "\n").map(String.init))
        }
        feed?.configure(smoothing: smoothing, xAxis: xAxis)
    }

    public var exportName: String { ExportPlace.name(of: model.logdir) }

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
        let selection = selection
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
            for run in report.runs where selection.shows(name: run.name, displayName: run.displayName) {
                for (tag, series) in zip(run.tags.names, run.tags.series) where selection.tagFilter.matches(tag) {
                    let prefix = CSVExport.field(run.name) + "," + CSVExport.field(tag) + ","
                    for i in 0..<series.count {
                        // Steps are whole numbers in every format we read: written as integers.
                        let step = series.steps[i]
                        let stepText = step == step.rounded() && abs(step) < 1e15 ? String(Int(step)) : CSVExport.number(step)
                        text +=
                            prefix + stepText + "," + CSVExport.number(series.wallTimes[i].isFinite ? series.wallTimes[i] : nil)
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

    func setLogY(_ value: Bool) {
        guard value != logY else { return }
        logY = value
        host?.resetViews()  // the y ranges kept are in the other axis's units
        host?.stateChanged()
    }

    func setXAxis(_ mode: RunsXAxis) {
        guard mode != xAxis else { return }
        xAxis = mode
        feed?.configure(smoothing: smoothing, xAxis: xAxis)
        host?.resetViews()
        host?.stateChanged()
    }

    public func statusSegments() -> [StatusSegment] {
        let failed = model.runs.filter(\.isFailed).count
        var segments = [
            StatusSegment("Runs \(model.runs.count)"), StatusSegment("Tags \(model.charts.count)"),
            StatusSegment("Points \(model.pointCount)"),
        ]
        if failed > 0 { segments.append(StatusSegment("failed: \(failed) (click for details)", tone: .error, clickable: true)) }
        if replay != nil {
            segments.append(
                StatusSegment("replay at \(replayText(replayLimit()))" + (waiting == nil ? "" : " (new data waiting)"), tone: .accent))
        } else if paused {
            segments.append(StatusSegment(waiting == nil ? "paused" : "paused (new data waiting)", tone: .warning))
        }
        if let newest = model.runs.compactMap(\.lastWrite).max() {
            segments.append(StatusSegment("last write \(RunsWorkspace.clock(newest))"))
        }
        segments.append(StatusSegment(model.logdir))
        return segments
    }

}
