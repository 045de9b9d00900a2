import HafsVizCore

/// Which runs and charts the Runs view shows, with no UI: the runs unticked, the run and tag
/// filters, and the pipeline run the Dashboard narrowed it to. The charts, hover, the CSV export
/// and a terminal's list all ask this one value.
public struct RunsSelection: Sendable {
    /// Runs unticked, by name.
    public var hiddenRuns: Set<String> = []
    /// A regex over run names and MLflow run names, and one over tags.
    public var runFilter = NameFilter()
    public var tagFilter = NameFilter()
    /// The pipeline run id the view is narrowed to (the Dashboard's link), if any.
    public private(set) var focusedOn: String?
    /// Whether runs the store marks deleted (MLflow) are listed; hidden by default.
    public var showDeleted = false

    public init() {}

    /// Whether a run passes the run filter (ticked or not).
    public func matchesRunFilter(name: String, displayName: String?) -> Bool {
        runFilter.matches(name) || displayName.map(runFilter.matches) == true
    }

    /// Whether a run is listed: passing the run filter, and not deleted unless deleted runs
    /// are shown.
    public func lists(name: String, displayName: String?, deleted: Bool) -> Bool {
        (showDeleted || !deleted) && matchesRunFilter(name: name, displayName: displayName)
    }

    /// Whether a run is shown: listed and ticked.
    public func shows(name: String, displayName: String?, deleted: Bool) -> Bool {
        !hiddenRuns.contains(name) && lists(name: name, displayName: displayName, deleted: deleted)
    }

    /// Whether run `index` of `model` is drawn.
    public func isShown(_ index: Int, in model: RunsModel) -> Bool {
        let run = model.runs[index]
        return shows(name: run.name, displayName: run.displayName, deleted: run.deleted)
    }

    /// The runs of `model` the list holds.
    public func listedRuns(_ model: RunsModel) -> [RunsModel.Run] {
        model.runs.filter { lists(name: $0.name, displayName: $0.displayName, deleted: $0.deleted) }
    }

    /// "12", "3 of 12" with a run filter, and "· 2 deleted hidden" (`showDeleted` off): the run
    /// list's count, the same in every front end.
    public func countText(_ model: RunsModel) -> String {
        let listed = listedRuns(model).count
        let deleted = showDeleted ? 0 : model.runs.filter(\.deleted).count
        let all = model.runs.count - deleted
        return (listed < all ? "\(listed) of \(all)" : "\(all)") + (deleted > 0 ? " · \(deleted) deleted hidden" : "")
    }

    /// Which runs of `model` are drawn, by index: `isShown` for every run at once (a frame asks
    /// it hundreds of times, so the view takes it once).
    public func shownRuns(_ model: RunsModel) -> [Bool] {
        model.runs.map { shows(name: $0.name, displayName: $0.displayName, deleted: $0.deleted) }
    }

    /// The charts passing the tag filter, empty or not.
    public func matchingCharts(_ model: RunsModel) -> [RunsModel.Chart] {
        tagFilter.isActive ? model.charts.filter { tagFilter.matches($0.tag) } : model.charts
    }

    /// Whether a chart has a point of a run that `shown` (from `shownRuns`) marks.
    public static func hasShownData(_ chart: RunsModel.Chart, shown: [Bool]) -> Bool {
        chart.lines.contains { shown.indices.contains($0.run) && shown[$0.run] && $0.raw.count > 0 }
    }

    /// The charts passing the tag filter that have a point of a shown run (as TensorBoard does,
    /// a chart none of the shown runs logs is left out rather than drawn empty).
    public func shownCharts(_ model: RunsModel) -> [RunsModel.Chart] {
        let shown = shownRuns(model)
        return matchingCharts(model).filter { RunsSelection.hasShownData($0, shown: shown) }
    }

    /// The runs that are the logs of a pipeline run id: its folder (`id`, `id/…`) or an MLflow
    /// run named `id`.
    public static func runs(matching id: String, in model: RunsModel) -> [String] {
        model.runs.filter { $0.name == id || $0.name.hasPrefix(id + "/") || $0.displayName == id }.map(\.name)
    }

    /// Shows only the runs of `id`; false (nothing changed) when it has none.
    @discardableResult
    public mutating func focus(on id: String, in model: RunsModel) -> Bool {
        let matching = Set(RunsSelection.runs(matching: id, in: model))
        guard !matching.isEmpty else { return false }
        hiddenRuns = Set(model.runs.map(\.name)).subtracting(matching)
        focusedOn = id
        return true
    }

    /// Ticks every run again and ends a focus.
    public mutating func showAll() {
        hiddenRuns = []
        focusedOn = nil
    }

    public mutating func setRunVisible(_ name: String, _ visible: Bool) {
        if visible { hiddenRuns.remove(name) } else { hiddenRuns.insert(name) }
    }
}
