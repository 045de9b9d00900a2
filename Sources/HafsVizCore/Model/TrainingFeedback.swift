/// `training_feedback.json`: training runs and effectiveness tables.
public struct TrainingFeedback: Sendable, Equatable {
    /// `training_runs`, in file order.
    public var runs: [TrainingRun] = []
    /// `domain_effectiveness`, signed, in file order.
    public var domainEffectiveness: [NamedValue] = []
    /// `quality_threshold_effectiveness`; keys are numbers written as strings.
    public var thresholdEffectiveness: [NamedValue] = []
    public var lastUpdated: String?

    public init() {}
}

/// One training run.
public struct TrainingRun: Sendable, Equatable {
    public var id: String
    public var modelName = ""
    public var baseModel = ""
    public var datasetPath = ""
    public var samplesCount = 0
    public var domainDistribution: [NamedCount] = []
    public var startTime: String?
    public var endTime: String?
    /// nil while the run is in progress, or when the producer never wrote one.
    public var finalLoss: Double?
    public var evalMetrics: [NamedValue] = []
    public var notes = ""

    public init(id: String) {
        self.id = id
    }

    /// A run with no `end_time` is still in progress (docs/data-format.md): listed, never dropped.
    public var isRunning: Bool { endTime == nil }

    /// Seconds from start to end (or nil when either is missing or unreadable).
    public var durationSeconds: Double? {
        guard let start = startTime.flatMap(TimestampParser.parse),
            let end = endTime.flatMap(TimestampParser.parse)
        else { return nil }
        return end - start
    }
}
