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
    public static let key = WorkspaceKey.runs
    public var key: WorkspaceKey { Self.key }
    public weak var host: WorkspaceHost? {
        didSet { session.host = host }
    }
    /// The state and commands the terminal shares: the model, selection, smoothing, axes, pause, replay.
    public let session: RunsSession
    public var model: RunsModel { session.model }
    public var feed: RunsFeed<RunsModel>? { session.feed }
    public var recentLogdirs: [String] { session.recentLogdirs }
    public var openedLogdir: String? { session.openedLogdir }
    public var selection: RunsSelection { session.selection }
    public var hiddenRuns: Set<String> { selection.hiddenRuns }
    public var runFilter: NameFilter { selection.runFilter }
    public var tagFilter: NameFilter { selection.tagFilter }
    /// The pipeline run id the view is narrowed to, if any.
    public var focusedOn: String? { selection.focusedOn }
    public var smoothing: Double { session.smoothing }
    public var xAxis: RunsXAxis { session.xAxis }
    public var logY: Bool { session.logY }
    public var paused: Bool { session.paused }
    public var replay: Double? { session.replay }
    public var replayPlaying: Bool { session.replayPlaying }
    /// The run whose status the sidebar shows (a click on its name); nil: the latest written.
    public var selectedRun: String? {
        get { session.selectedRun }
        set { session.selectedRun = newValue }
    }
    private var now = 0.0
    /// The clock's last 10-second bucket: "last write … ago" is redrawn that often, no more.
    private var clockBucket = -1
    /// The run under the mouse in the run list (its lines are drawn over the others this frame).
    public internal(set) var hoveredRun: String?
    /// The run list's width at scale 1, as the user dragged it (nil: the default).
    public internal(set) var sidebarWidth: Float?
    var draggingSidebar = false
    var shownRuns: [Bool] { session.shownRuns }

    /// - Parameters:
    ///   - initial: a model already read (screenshots, tests); nil starts a live feed.
    public init(logdir: String, initial: RunsModel? = nil, onUpdate: @escaping @Sendable () -> Void = {}) {
        session = RunsSession(logdir: logdir, initial: initial, onUpdate: onUpdate)
    }

    /// Reads another logdir (Ctrl+O, Recent): see `RunsSession.open`.
    public func open(logdir: String) { session.open(logdir: logdir) }

    /// Takes the newest model (unless paused); true when the window needs a frame.
    public func idle(now: Double) -> Bool {
        self.now = now
        var changed = false
        if Int(now / 10) != clockBucket {
            clockBucket = Int(now / 10)
            changed = true
        }
        return session.takeLatest(now: now) || changed
    }

    /// The colour of a run (its slot in the style's series colours).
    public func color(of run: String, _ style: Style) -> Color {
        style.seriesColor(session.colorSlot(of: run))
    }

    /// The dash pattern of a run's lines: runs past the palette's colours are dashed too.
    public func dash(of run: String, _ style: Style) -> LineDash? {
        style.seriesDash(session.colorSlot(of: run))
    }

    public func setPaused(_ value: Bool) { session.setPaused(value) }
    public func setReplay(_ fraction: Double?) { session.setReplay(fraction) }
    public func setReplayPlaying(_ playing: Bool) { session.setReplayPlaying(playing) }
    func setLogY(_ value: Bool) { session.setLogY(value) }
    func setXAxis(_ mode: RunsXAxis) { session.setXAxis(mode) }

    /// Shows only the runs of pipeline run `id` (the Dashboard's link); "Show All Runs" undoes it.
    public func focus(on id: String) { session.focus(on: id) }

    /// Whether a pipeline run (the Dashboard's Training Runs) has curves here.
    public func hasCurves(of id: String) -> Bool { session.hasCurves(of: id) }

    public func showAllRuns() { session.showAllRuns() }
    public func setRunFilter(_ pattern: String) { session.setRunFilter(pattern) }
    public func setTagFilter(_ pattern: String) { session.setTagFilter(pattern) }
    public func setRunVisible(_ name: String, _ visible: Bool) { session.setRunVisible(name, visible) }

    /// Whether run `index` of the model is drawn: ticked and passing the run filter.
    func isShown(_ index: Int) -> Bool { session.isShown(index) }

    /// The charts drawn: passing the tag filter, with a point of a shown run.
    func shownCharts() -> [RunsModel.Chart] { session.shownCharts() }

    // MARK: - Frame

    /// Draws the workspace into `rect`.
    public func frame(_ ui: UIContext, _ rect: Rect) {
        let style = ui.style
        let width = min(max((sidebarWidth ?? 280) * style.scale, 160 * style.scale), rect.width * 0.6)
        let (sidebar, charts) = rect.splitLeft(width)
        hoveredRun = nil
        drawSidebar(ui, sidebar.insetBy(0, 0))
        drawSidebarHandle(ui, sidebar, in: rect)
        if session.showsTable {
            drawRunTable(ui, charts.insetBy(style.spacing, 0))
        } else {
            drawCharts(ui, charts.insetBy(style.spacing, 0))
        }
    }

    /// The feed wakes the window itself; a playing replay needs frames.
    public func idleTimeout(now: Double) -> Double { replayPlaying ? 1.0 / 60 : 1 }

    /// Esc ends a replay.
    public func escape() -> Bool { session.escape() }

    /// The session's state (smoothing, axes, ticks, filters, logdir, Recent) and the run list's width.
    public func savedState() -> [String: String] {
        var state = session.savedState()
        state["sidebarWidth"] = sidebarWidth.map { String($0) } ?? ""
        return state
    }

    public func restore(_ state: [String: String]) {
        session.restore(state)
        if let width = state["sidebarWidth"].flatMap(Float.init), width.isFinite, width >= 160 { sidebarWidth = min(width, 4000) }
    }

    public var exportName: String { session.exportName }

    public var helpTopics: [(title: String, text: String)] { [("Log Formats", HelpText.logFormats)] }

    public func page(_ name: String) -> String? { nil }

    public var errorLines: [String] {
        model.runs.flatMap { run in run.errors.map { "\(run.name): \($0)" } }
    }

    public func statusClicked(_ segment: StatusSegment) {
        if segment.text.hasPrefix("failed:") { host?.show(.errors) }
    }

    /// Ctrl+E: the session's export (`RunsSession.exportCSV`).
    public func exportCSV() { session.exportCSV() }

    public func statusSegments() -> [StatusSegment] { session.statusSegments() }
}
