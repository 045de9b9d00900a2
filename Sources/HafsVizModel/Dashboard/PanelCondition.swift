import HafsVizCore

/// What a panel's source looks like right now, in words: every front end shows this message
/// (centred when there is nothing to draw, as a banner over stale data).
public struct SourceCondition: Sendable {
    public enum Kind: Sendable { case loading, missing, failed, empty, ok }
    public var kind: Kind
    /// Shown in the panel when there is nothing (or only stale data) to draw.
    public var message: String?
    /// The data on screen is from an earlier read.
    public var isStale: Bool
    /// Something to draw exists (fresh or stale).
    public var hasData: Bool
}

extension DashboardModel {
    /// The condition of one source for a panel that needs `isEmpty` to be false; `loading`:
    /// the first read is still under way (a missing file is not reported yet).
    public func condition<Model>(_ state: SourceState<Model>, isEmpty: (Model) -> Bool, emptyMessage: String, loading: Bool)
        -> SourceCondition
    {
        let file = state.fileName
        let hasData = state.data != nil && !(state.data.map(isEmpty) ?? true)
        switch state.status {
        case .ok:
            if let data = state.data, isEmpty(data) {
                return SourceCondition(kind: .empty, message: emptyMessage, isStale: false, hasData: false)
            }
            return SourceCondition(kind: .ok, message: nil, isStale: false, hasData: true)
        case .missing:
            if snapshot.generation == 0, loading {
                return SourceCondition(kind: .loading, message: "loading \(file)…", isStale: false, hasData: false)
            }
            let note = state.staleNote.map { "\n" + $0 } ?? ""
            return SourceCondition(
                kind: .missing, message: "\(file) not found in \(snapshot.directory)\(note)", isStale: state.isStale, hasData: hasData)
        case .failed(let error):
            let note = state.staleNote.map { "\n" + $0 } ?? "\nnothing was read from it yet"
            return SourceCondition(
                kind: .failed, message: "\(file) could not be read:\n\(error)\(note)", isStale: state.isStale, hasData: hasData)
        }
    }

    /// Quality Trends: quality_feedback.json with rejection_history entries.
    public func qualityCondition(loading: Bool) -> SourceCondition {
        condition(
            snapshot.quality, isEmpty: { $0.history.count == 0 },
            emptyMessage: "quality_feedback.json has no rejection_history entries yet", loading: loading)
    }

    /// Generator Stats: quality_feedback.json with generator_stats.
    public func generatorCondition(loading: Bool) -> SourceCondition {
        condition(
            snapshot.quality, isEmpty: { $0.generators.isEmpty }, emptyMessage: "quality_feedback.json has no generator_stats yet",
            loading: loading)
    }

    /// Embedding Coverage: active_learning.json with regions.
    public func coverageCondition(loading: Bool) -> SourceCondition {
        condition(
            snapshot.activeLearning, isEmpty: { $0.regions.isEmpty }, emptyMessage: "active_learning.json has no regions yet (regions: [])",
            loading: loading)
    }

    /// Training Runs: training_feedback.json with training_runs.
    public func trainingCondition(loading: Bool) -> SourceCondition {
        condition(
            snapshot.training, isEmpty: { $0.runs.isEmpty }, emptyMessage: "training_feedback.json has no training_runs yet",
            loading: loading)
    }
}
