import HafsVizCore

/// The Dashboard's own view options, kept in the settings under its name.
public struct DashboardOptions: Equatable, Sendable {
    /// Ids of the panels turned off in View.
    public var hiddenPanels: Set<String> = []
    public var autoReload = true
    /// Quality trends over time (true) or by sample index (false).
    public var xAxisByTime = false
    /// The span of `rejection_history` the history views count (Data ▸ Time Range).
    public var timeRange = TimeRange.all
    /// The directory (absolute) a dragged range was picked on: dates mean nothing elsewhere, so
    /// the range applies only there. nil for the presets, which count back from the newest entry.
    public var timeRangeDirectory: String?
    /// Validation failures (dummy scores) drawn in lines and means; off by default.
    public var includeValidationFailures = false
    /// Quality Trends' raw view: the metrics shown (the legend toggles domains).
    public var trendMetrics: Set<String> = ["overall"]
    /// Data directories opened, the latest first (Data ▸ Recent, `RecentPaths`).
    public var recentDirectories: [String] = []

    /// Puts `directory` first among the recent ones.
    public mutating func noteRecent(_ directory: String) {
        recentDirectories = RecentPaths.noting(directory, in: recentDirectories)
    }

    /// Drops a dragged range unless it was picked on `directory` (its dates mean nothing
    /// elsewhere; with no directory, nowhere): back to all. True when it did.
    @discardableResult
    public mutating func dropDraggedRange(unlessFor directory: String?) -> Bool {
        guard case .between = timeRange, directory == nil || timeRangeDirectory != directory else { return false }
        timeRange = .all
        timeRangeDirectory = nil
        return true
    }

    /// Sets the span the history views count; a dragged span (`.between`) remembers the
    /// directory it was picked on. False when it already was.
    public mutating func setTimeRange(_ range: TimeRange, directory: String) -> Bool {
        guard timeRange != range else { return false }
        timeRange = range
        if case .between = range { timeRangeDirectory = directory } else { timeRangeDirectory = nil }
        return true
    }

    /// The history filter these options ask for.
    public var historyFilter: HistoryFilter { HistoryFilter(range: timeRange, includeValidationFailures: includeValidationFailures) }

    public init() {}

    /// As text, for the settings (under `Dashboard.key`).
    public var state: [String: String] {
        [
            "hiddenPanels": hiddenPanels.sorted().joined(separator: ","), "autoReload": "\(autoReload)",
            "xAxis": xAxisByTime ? "time" : "index", "timeRange": timeRange.settingText, "timeRangeDirectory": timeRangeDirectory ?? "",
            "validationFailures": includeValidationFailures ? "included" : "excluded",
            "trendMetrics": trendMetrics.sorted().joined(separator: ","),
            // A JSON array: paths may hold commas.
            "recentDirectories": RecentPaths.settingText(recentDirectories),
        ]
    }

    /// Takes back what `state` gave; unknown keys and bad values keep the defaults.
    public init(state: [String: String]) {
        if let hidden = state["hiddenPanels"] { hiddenPanels = Set(hidden.split(separator: ",").map(String.init)) }
        if let auto = state["autoReload"].flatMap(Bool.init) { autoReload = auto }
        if let axis = state["xAxis"] { xAxisByTime = axis == "time" }
        if let range = state["timeRange"].flatMap(TimeRange.init(settingText:)) { timeRange = range }
        timeRangeDirectory = state["timeRangeDirectory"].flatMap { $0.isEmpty ? nil : $0 }
        // A dragged range without the directory it belongs to cannot be trusted anywhere.
        dropDraggedRange(unlessFor: timeRangeDirectory)
        if let failures = state["validationFailures"] { includeValidationFailures = failures == "included" }
        if let metrics = state["trendMetrics"] { trendMetrics = Set(metrics.split(separator: ",").map(String.init)) }
        if let recent = RecentPaths.paths(settingText: state["recentDirectories"]) { recentDirectories = recent }
    }
}
