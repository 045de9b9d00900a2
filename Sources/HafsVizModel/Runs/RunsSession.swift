// RunsSession: the Runs view's state and commands with no UI: the newest model from the feed,
// which runs and charts are shown, smoothing, x axis, log y, pause, replay, the picked run and
// each run's colour slot. The window's Runs workspace and the terminal's Runs screen both own
// one, so a key does the same thing in both and the settings they keep are the same.

import DurableIO
import Figures
import Foundation
import HafsVizCore
import Synchronization

/// What a session's commands ask of the front end that shows it.
public protocol SessionHost: AnyObject {
    /// Shows a line in the status bar (export paths, failures) for a while.
    func report(_ text: String, isError: Bool)
    /// The saved state changed: keep it now (the settings file), not only at exit.
    func stateChanged()
    /// Fits every chart again and follows the newest point (the ranges kept belong to another axis).
    func resetViews()
    /// Makes a new folder for one export of `name`'s data (`ExportPlace`); its path.
    func makeExportFolder(for name: String) throws -> String
}

/// The Runs view's state and commands, shared by the window and the terminal.
public final class RunsSession {
    public weak var host: SessionHost?
    public private(set) var model: RunsModel {
        didSet { shownRunsCache = nil }
    }
    public private(set) var feed: RunsFeed<RunsModel>?
    /// Logdirs opened, the latest first (Data ▸ Recent), at most `DashboardOptions.recentLimit`.
    public private(set) var recentLogdirs: [String] = []
    /// The logdir opened with Ctrl+O or Recent (kept, so the next start reads it again); nil
    /// while the one given at start is shown.
    public private(set) var openedLogdir: String?
    /// Which runs and charts are shown (ticks, filters, the Dashboard's focus).
    public private(set) var selection = RunsSelection() {
        didSet { shownRunsCache = nil }
    }
    public private(set) var smoothing = Smoothing.defaultWeight
    public private(set) var xAxis = RunsXAxis.step
    /// A log10 y axis on every chart.
    public private(set) var logY = false
    /// While paused the display keeps the model it had; the feed keeps reading.
    public private(set) var paused = false
    /// Replay: how far through the shown runs' history (0 = the first x, 1 = the last) the
    /// charts are drawn; nil when not replaying. Replaying freezes the display like pause.
    public private(set) var replay: Double?
    /// The replay runs on by itself (the whole history in `replaySeconds`).
    public private(set) var replayPlaying = false
    public static let replaySeconds = 10.0
    private var replayTick: Double?
    private var pausedBeforeReplay = false
    /// The run whose status is shown (picked in the run list); nil: the latest written.
    public var selectedRun: String?
    /// A model that arrived while paused.
    private var waiting: RunsModel?
    /// Each run's colour slot, given the first time the run is seen and kept: a run that appears
    /// later never recolours the others.
    private var colorSlots: [String: Int] = [:]
    private let wake: @Sendable () -> Void
    private var shownRunsCache: [Bool]?
    /// A CSV export running on its own thread: its outcome, once finished.
    private let exportOutcome = ExportOutcome()

    /// Where the export's thread leaves what to report.
    private final class ExportOutcome: Sendable {
        let value = Mutex<(text: String, isError: Bool)?>(nil)
    }

    /// The smoothing weights `s` and `S` step through.
    public static let smoothingSteps = [0, 0.3, 0.6, 0.8, 0.9, 0.95, 0.99]

    /// - Parameters:
    ///   - initial: a model already read (screenshots, tests, `--once`); nil starts a live feed.
    ///   - onUpdate: called from the feed's thread when a new model is ready.
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

    deinit { feed?.stop() }

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
        openedLogdir = RecentPaths.absolute(logdir)
        host?.stateChanged()
        host?.report("opened \(LogdirList.display(logdir))", isError: false)
    }

    private func noteRecent(_ logdir: String) {
        recentLogdirs = RecentPaths.noting(RecentPaths.absolute(logdir), in: recentLogdirs)
    }

    /// Moves a playing replay on and takes the feed's newest model (kept aside while paused);
    /// true when what is shown changed.
    public func takeLatest(now: Double) -> Bool {
        var changed = false
        if let outcome = exportOutcome.value.withLock({ value -> (text: String, isError: Bool)? in
            defer { value = nil }
            return value
        }) {
            host?.report(outcome.text, isError: outcome.isError)
            changed = true
        }
        if replayPlaying, let replay {
            let step = (now - (replayTick ?? now)) / RunsSession.replaySeconds
            self.replay = min(1, replay + step)
            replayTick = now
            if self.replay == 1 { replayPlaying = false }
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

    /// A new model arrived while the display was paused.
    public var hasWaiting: Bool { waiting != nil }

    private func assignColors() {
        for run in model.runs where colorSlots[run.name] == nil {
            colorSlots[run.name] = colorSlots.count
        }
    }

    /// A run's colour slot (its index into a front end's series colours).
    public func colorSlot(of run: String) -> Int { colorSlots[run] ?? 0 }

    // MARK: - Shown runs and charts

    /// The selection's `shownRuns` for the model and selection now: asked hundreds of times a
    /// frame, worked out again only after either changed.
    public var shownRuns: [Bool] {
        if let shownRunsCache { return shownRunsCache }
        let shown = selection.shownRuns(model)
        shownRunsCache = shown
        return shown
    }

    /// Whether run `index` of the model is drawn: ticked and passing the run filter.
    public func isShown(_ index: Int) -> Bool { shownRuns.indices.contains(index) && shownRuns[index] }

    /// The charts drawn: passing the tag filter, with a point of a shown run.
    public func shownCharts() -> [RunsModel.Chart] {
        selection.matchingCharts(model).filter { RunsSelection.hasShownData($0, shown: shownRuns) }
    }

    /// Why no chart is drawn, when none is: no runs, no scalar tags, no tag passing the filter,
    /// or no shown run with data; `tickHint` says how a front end ticks a run.
    public func noChartsText(tickHint: String) -> String {
        if model.runs.isEmpty, let problem = model.problem { return "Cannot read \(problem)" }
        if model.runs.isEmpty { return "No runs yet in \(LogdirList.display(model.logdir))" }
        if model.charts.isEmpty { return "The runs have no scalar tags yet" }
        if selection.matchingCharts(model).isEmpty { return "No tag matches \(selection.tagFilter.pattern)" }
        return "None of the runs shown has data in these charts: \(tickHint)"
    }

    /// The runs listed: passing the run filter, ticked or not.
    public var listedRuns: [RunsModel.Run] { selection.listedRuns(model) }

    /// Lists (and draws) runs the store marks deleted, or hides them again.
    public func setShowDeleted(_ show: Bool) { selection.showDeleted = show }

    // MARK: - Run table and scatter

    /// The run table shows instead of the charts (T).
    public private(set) var showsTable = false
    /// The tag the table's figures and the scatter's y are of (nil: the first chart's).
    public var tableTag: String?
    /// The param the scatter's x is (nil: the first one with a number).
    public var scatterParam: String?

    public func setShowsTable(_ shows: Bool) {
        showsTable = shows
        host?.stateChanged()
    }

    /// The tags the table can be of: every chart's, in chart order.
    public var tableTags: [String] { model.charts.map(\.tag) }

    /// The listed runs side by side (`RunTable`): params, and the chosen tag's last, best and
    /// final-step values, from the same figures `runs --json` gives.
    public func runTable() -> RunTable {
        let tag = tableTag.flatMap { tag in tableTags.contains(tag) ? tag : nil } ?? tableTags.first
        let chart = model.charts.first { $0.tag == tag }
        let inputs = model.runs.indices.compactMap { index -> RunTable.Input? in
            let run = model.runs[index]
            guard selection.lists(name: run.name, displayName: run.displayName, deleted: run.deleted) else { return nil }
            return RunTable.Input(
                name: run.name, displayName: run.displayName, params: run.params,
                figures: chart?.lines.first { $0.run == index }?.figures, end: run.progress.step)
        }
        return RunTable(inputs, tag: tag)
    }

    /// The params a scatter can put on x: those some listed run gives a number.
    public func scatterParams(_ table: RunTable) -> [String] {
        table.paramNames.filter { name in table.rows.contains { $0.params[name]?.number != nil } }
    }

    /// The scatter of the table's runs by the chosen param (by default the one whose numbers
    /// vary most across the runs: a sweep's swept param); nil when no param has a number.
    public func scatter(_ table: RunTable) -> ParamScatter? {
        let numeric = scatterParams(table)
        func distinct(_ name: String) -> Int { Set(table.rows.compactMap { $0.params[name]?.number }).count }
        let swept = numeric.max { distinct($0) < distinct($1) || (distinct($0) == distinct($1) && $0 > $1) }
        guard table.tag != nil, let param = scatterParam.flatMap({ numeric.contains($0) ? $0 : nil }) ?? swept else { return nil }
        return ParamScatter(table, param: param)
    }

    /// The next (or previous) choice in `choices` after `current` (the first when none).
    public static func cycle(_ choices: [String], from current: String?, by step: Int) -> String? {
        guard !choices.isEmpty else { return nil }
        let index = current.flatMap { choices.firstIndex(of: $0) } ?? (step > 0 ? -1 : 0)
        return choices[(index + step + choices.count) % choices.count]
    }

    /// Shows only the runs of pipeline run `id` (the Dashboard's link); "Show All Runs" undoes it.
    public func focus(on id: String) { selection.focus(on: id, in: model) }

    /// Whether a pipeline run (the Dashboard's Training Runs) has curves here.
    public func hasCurves(of id: String) -> Bool { !RunsSelection.runs(matching: id, in: model).isEmpty }

    public func showAllRuns() { selection.showAll() }
    public func setRunFilter(_ pattern: String) { selection.runFilter = NameFilter(pattern) }
    public func setTagFilter(_ pattern: String) { selection.tagFilter = NameFilter(pattern) }
    public func setRunVisible(_ name: String, _ visible: Bool) { selection.setRunVisible(name, visible) }

    /// The run the status box describes: the picked one, else the most recently written.
    public func statusRun() -> RunsModel.Run? {
        if let selectedRun, let run = model.runs.first(where: { $0.name == selectedRun }) { return run }
        return model.runs.max { ($0.lastWrite ?? .distantPast) < ($1.lastWrite ?? .distantPast) }
    }

    /// What the x of these lines counts: "epoch" when every run's log counts epochs (Keras),
    /// "step" when every one counts steps, "step or epoch (by run)" for a mix.
    public func stepUnit(of lines: [RunsModel.Line]) -> String {
        let units = Set(lines.map { model.runs[$0.run].format.stepUnit })
        return units.count > 1 ? "step or epoch (by run)" : units.first ?? "step"
    }

    /// The x axis's label on a chart of `lines`.
    public func xLabel(of lines: [RunsModel.Line]) -> String? {
        switch xAxis {
        case .step: stepUnit(of: lines)
        case .relativeTime: "seconds since start"
        case .wallTime: nil
        }
    }

    // MARK: - View settings

    public func setPaused(_ value: Bool) {
        paused = value
        if !paused, let waiting {
            model = waiting
            self.waiting = nil
            assignColors()
        }
    }

    public func setLogY(_ value: Bool) {
        guard value != logY else { return }
        logY = value
        host?.resetViews()  // the y ranges kept are in the other axis's units
        host?.stateChanged()
    }

    public func setXAxis(_ mode: RunsXAxis) {
        guard mode != xAxis else { return }
        xAxis = mode
        feed?.configure(smoothing: smoothing, xAxis: xAxis)
        host?.resetViews()
        host?.stateChanged()
    }

    /// The EMA weight (0 = raw), clamped to `0...Smoothing.maxWeight`; the feed rebuilds the lines.
    public func setSmoothing(_ weight: Double) {
        guard weight.isFinite else { return }
        let clamped = min(max(weight, 0), Smoothing.maxWeight)
        guard clamped != smoothing else { return }
        smoothing = clamped
        feed?.configure(smoothing: smoothing, xAxis: xAxis)
        host?.stateChanged()
    }

    /// The next step of `smoothingSteps` above (`up`) or below the weight now.
    public func stepSmoothing(up: Bool) {
        let steps = RunsSession.smoothingSteps
        let next = up ? steps.first { $0 > smoothing + 1e-9 } : steps.last { $0 < smoothing - 1e-9 }
        if let next { setSmoothing(next) }
    }

    // MARK: - Replay

    /// Starts a replay at `fraction` of the history (pausing the display), moves it, or ends it
    /// (nil: back to the live view, paused only if it was before).
    public func setReplay(_ fraction: Double?) {
        if let fraction {
            if replay == nil {
                pausedBeforeReplay = paused
                setPaused(true)
            }
            replay = min(max(fraction, 0), 1)
        } else {
            guard replay != nil else { return }
            replay = nil
            replayPlaying = false
            setPaused(pausedBeforeReplay)
        }
    }

    /// Plays the replay on from where it is (from the start when at the end), or stops it.
    public func setReplayPlaying(_ playing: Bool) {
        if playing {
            if replay == nil || replay == 1 { setReplay(0) }
            replayTick = nil
        }
        replayPlaying = playing
    }

    /// The x range the replay scrubs: the shown lines' extent on the current x axis.
    public func replayRange() -> AxisRange? {
        var low = Double.infinity
        var high = -Double.infinity
        for chart in model.charts {
            for line in chart.lines where isShown(line.run) {
                guard let bounds = line.raw.bounds?.x else { continue }
                low = min(low, bounds.min)
                high = max(high, bounds.max)
            }
        }
        return low <= high ? AxisRange(low, high) : nil
    }

    /// The replay cursor on the x axis; +∞ when not replaying.
    public func replayLimit() -> Double {
        guard let replay, let range = replayRange() else { return .infinity }
        let limit = replay >= 1 ? range.max : range.min + range.span * replay
        return xAxis == .step ? limit.rounded(.down) : limit  // steps are whole
    }

    /// An x as the x axis writes it ("step 120", "42 s", a date and time).
    public func xText(_ x: Double) -> String {
        switch xAxis {
        case .step: "step \(Format.value(x))"
        case .relativeTime: "\(Format.value(x)) s"
        case .wallTime: Format.dateTime(x)
        }
    }

    /// Esc ends a replay; true when it did.
    public func escape() -> Bool {
        guard replay != nil else { return false }
        setReplay(nil)
        return true
    }

    // MARK: - Settings, status

    /// Smoothing, x axis, log y, the unticked runs, the filters, the logdir opened, Recent.
    public func savedState() -> [String: String] {
        [
            "smoothing": String(smoothing), "xAxis": xAxis.rawValue, "logY": String(logY),
            "hiddenRuns": selection.hiddenRuns.sorted().joined(separator: "\n"),
            "runFilter": selection.runFilter.pattern, "tagFilter": selection.tagFilter.pattern,
            "logdir": openedLogdir ?? "",
            "recentLogdirs": RecentPaths.settingText(recentLogdirs),
        ]
    }

    /// Takes back what `savedState` gave (unknown keys and bad values are ignored).
    public func restore(_ state: [String: String]) {
        if let text = state["smoothing"], let value = Double(text), value.isFinite {
            smoothing = min(max(value, 0), Smoothing.maxWeight)
        }
        if let text = state["xAxis"], let mode = RunsXAxis(rawValue: text) { xAxis = mode }
        if let value = state["logY"].flatMap(Bool.init) { logY = value }
        if let pattern = state["runFilter"] { selection.runFilter = NameFilter(pattern) }
        if let opened = state["logdir"], !opened.isEmpty, opened == RecentPaths.absolute(model.logdir) { openedLogdir = opened }
        if let recent = RecentPaths.paths(settingText: state["recentLogdirs"]) {
            // The logdir shown now stays first.
            recentLogdirs = recentLogdirs.first.map { RecentPaths.noting($0, in: recent) } ?? recent
        }
        if let pattern = state["tagFilter"] { selection.tagFilter = NameFilter(pattern) }
        if let text = state["hiddenRuns"] {
            selection.hiddenRuns = Set(text.split(separator: "\n").map(String.init))
        }
        feed?.configure(smoothing: smoothing, xAxis: xAxis)
    }

    /// The status line: counts, failures, replay or pause, the last write, the logdir.
    public func statusSegments() -> [StatusSegment] {
        let failed = model.runs.filter(\.isFailed).count
        var segments = [
            StatusSegment("Runs \(model.runs.count)"), StatusSegment("Tags \(model.charts.count)"),
            StatusSegment("Points \(model.pointCount)"),
        ]
        if failed > 0 { segments.append(StatusSegment("failed: \(failed) (click for details)", tone: .error, clickable: true)) }
        if let problem = model.problem { segments.append(StatusSegment(problem, tone: .error)) }
        if replay != nil {
            segments.append(
                StatusSegment("replay at \(xText(replayLimit()))" + (waiting == nil ? "" : " (new data waiting)"), tone: .accent))
        } else if paused {
            segments.append(StatusSegment(waiting == nil ? "paused" : "paused (new data waiting)", tone: .warning))
        }
        if let newest = model.runs.compactMap(\.lastWrite).max() {
            segments.append(StatusSegment("last write \(Format.localDateTime(newest))"))
        }
        segments.append(StatusSegment(LogdirList.display(model.logdir)))
        return segments
    }

    // MARK: - Export

    /// The name exports of this logdir are filed under.
    public var exportName: String { ExportPlace.name(of: LogdirList.split(model.logdir).first ?? model.logdir) }

    /// Ctrl+E: every point of the shown runs and tags (ticked, passing the filters), read anew
    /// from the files on a thread of its own, written atomically as `runs.csv` in a new export
    /// folder: `run,tag,step,wall_time,value`. The outcome is reported on a later `takeLatest`.
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
            let result = RunsSession.writeCSV(logdir: logdir, selection: selection, to: path)
            outcome.value.withLock { $0 = result }
            wake()
        }
    }

    /// Writes the CSV of `logdir`'s shown runs to `path`; what to report.
    static func writeCSV(logdir: String, selection: RunsSelection, to path: String) -> (text: String, isError: Bool) {
        let report = RunsReport.read(logdir: logdir)
        var text = "run,tag,step,wall_time,value\r\n"
        var points = 0
        for run in report.runs where selection.shows(name: run.name, displayName: run.displayName, deleted: run.deleted) {
            for (tag, series) in zip(run.tags.names, run.tags.series) where selection.tagFilter.matches(tag) {
                let prefix = CSVExport.field(run.name) + "," + CSVExport.field(tag) + ","
                for i in 0..<series.count {
                    // Steps are whole numbers in every format we read: written as integers.
                    let step = series.steps[i]
                    let stepText = step == step.rounded() && abs(step) < 1e15 ? String(Int(step)) : CSVExport.number(step)
                    text +=
                        prefix + stepText + "," + CSVExport.number(series.wallTimes[i].isFinite ? series.wallTimes[i] : nil) + ","
                        + CSVExport.number(series.values[i]) + "\r\n"
                }
                points += series.count
            }
        }
        do {
            try AtomicFile.write(Data(text.utf8), to: path)
            return ("wrote \(points) points to \(path)", false)
        } catch {
            return ("CSV export failed: \(error.localizedDescription)", true)
        }
    }

    // MARK: - Commands

    /// The commands every front end binds: CSV export, pause, x axis, replay, log y, smoothing.
    public func actions() -> [Action] {
        var actions = [
            Action(
                "Export CSV", menu: "File", keys: [KeyPress(.character("e"), .control)], keyText: "Ctrl+E",
                help: "Export CSV of every point of the shown runs"
            ) { [unowned self] in exportCSV() },
            Action(
                paused ? "Resume" : "Pause", id: "Pause", menu: "View", keys: [KeyPress(.character(" "))], keyText: "Space",
                help: "Pause the display (reading goes on) / resume"
            ) { [unowned self] in setPaused(!paused) },
        ]
        for (index, mode) in RunsXAxis.allCases.enumerated() {
            actions.append(
                Action(
                    "X Axis: \(mode.title)", menu: "View", isChecked: { [unowned self] in xAxis == mode },
                    separatorBefore: index == 0
                ) { [unowned self] in setXAxis(mode) })
        }
        actions.append(
            Action(
                "Next X Axis", keys: [KeyPress(.character("x"))], keyText: "X",
                help: "X axis: step, then relative time, then wall time"
            ) { [unowned self] in
                let all = RunsXAxis.allCases
                setXAxis(all[((all.firstIndex(of: xAxis) ?? 0) + 1) % all.count])
            })
        actions.append(
            Action(
                replay == nil ? "Replay" : "End Replay", id: "Replay", menu: "View",
                keys: [KeyPress(.character("r")), KeyPress(.character("r"), .shift)], keyText: "R",
                help: "Replay: scrub the shown runs from their first step to now (Esc ends it)",
                separatorBefore: true
            ) { [unowned self] in
                setReplay(replay == nil ? 1 : nil)
            })
        actions.append(
            Action(
                "Run Table", menu: "View", keys: [KeyPress(.character("t")), KeyPress(.character("t"), .shift)], keyText: "T",
                help: "The runs side by side: params, and a tag's last, best and final-step values, with a param-vs-best scatter",
                isChecked: { [unowned self] in showsTable }, separatorBefore: true
            ) { [unowned self] in setShowsTable(!showsTable) })
        actions.append(
            Action(
                "Next Table Tag", keys: [KeyPress(.character("]"))], keyText: "]",
                help: "The run table's tag: the next chart's (the scatter's y follows)", isEnabled: { [unowned self] in showsTable }
            ) { [unowned self] in tableTag = RunsSession.cycle(tableTags, from: runTable().tag, by: 1) })
        actions.append(
            Action("Previous Table Tag", keys: [KeyPress(.character("["))], keyText: "[", isEnabled: { [unowned self] in showsTable }) {
                [unowned self] in tableTag = RunsSession.cycle(tableTags, from: runTable().tag, by: -1)
            })
        actions.append(
            Action(
                "Next Scatter Param", keys: [KeyPress(.character("p"))], keyText: "P",
                help: "The scatter's x: the next param with a number", isEnabled: { [unowned self] in showsTable }
            ) { [unowned self] in
                let table = runTable()
                scatterParam = RunsSession.cycle(scatterParams(table), from: scatter(table)?.param, by: 1)
            })
        actions.append(
            Action(
                "Show Deleted Runs", menu: "View", help: "List the runs the MLflow store marks deleted (hidden by default)",
                isChecked: { [unowned self] in selection.showDeleted },
                isEnabled: { [unowned self] in model.runs.contains(where: \.deleted) }, separatorBefore: true
            ) { [unowned self] in setShowDeleted(!selection.showDeleted) })
        actions.append(
            Action(
                "Log Y Axis", menu: "View", keys: [KeyPress(.character("l")), KeyPress(.character("l"), .shift)], keyText: "L",
                help: "Logarithmic y axis on every chart (values ≤ 0 are counted, not drawn)",
                isChecked: { [unowned self] in logY }, separatorBefore: true
            ) { [unowned self] in setLogY(!logY) })
        actions.append(
            Action(
                "More Smoothing", menu: "View", keys: [KeyPress(.character("s"), .shift)], keyText: "Shift+S",
                help: "Smoothing one step up (\(RunsSession.smoothingSteps.map { Format.value($0) }.joined(separator: ", ")))",
                isEnabled: { [unowned self] in smoothing < RunsSession.smoothingSteps.last ?? 1 }
            ) { [unowned self] in stepSmoothing(up: true) })
        actions.append(
            Action(
                "Less Smoothing", menu: "View", keys: [KeyPress(.character("s"))], keyText: "S",
                help: "Smoothing one step down (0 draws the raw values)", isEnabled: { [unowned self] in smoothing > 0 }
            ) { [unowned self] in stepSmoothing(up: false) })
        return actions
    }
}
