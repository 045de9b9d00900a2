/// `quality_feedback.json`: thresholds, per-generator statistics and the rejection history.
public struct QualityFeedback: Sendable, Equatable {
    /// `thresholds`, in file order (min_quality_score, min_diversity, …).
    public var thresholds: [NamedValue] = []
    /// `generator_stats`, in file order.
    public var generators: [GeneratorStats] = []
    /// `rejection_history`, oldest first, stored by column.
    public var history = RejectionHistory()
    /// `last_updated` as written.
    public var lastUpdated: String?

    public init() {}
}

/// One entry of `generator_stats`.
public struct GeneratorStats: Sendable, Equatable {
    public var name: String
    public var samplesGenerated = 0
    public var samplesAccepted = 0
    public var samplesRejected = 0
    /// `rejection_reasons`, in file order.
    public var rejectionReasons: [NamedCount] = []
    /// `avg_quality_score`; nil when the file does not give it.
    public var avgQualityScore: Double?
    /// `total_quality_sum`; nil when the file does not give it.
    public var totalQualitySum: Double?

    public init(name: String) {
        self.name = name
    }

    /// accepted / (accepted + rejected), 0 when both are 0 (docs/data-format.md).
    public var acceptanceRate: Double {
        let decided = samplesAccepted + samplesRejected
        return decided == 0 ? 0 : Double(samplesAccepted) / Double(decided)
    }
}

/// `rejection_history`, stored by column: one array per field, names interned, every entry's
/// scores back to back in two arrays. 230k entries cost a dozen arrays, not a million small
/// allocations, and no per-entry padding: with names as one-byte ids (`IDColumn`), 19 bytes an
/// entry and 9 a score (a struct per entry and per score took 48 and 16).
public struct RejectionHistory: Sendable, Equatable {
    /// One score of one entry.
    public struct Score: Sendable, Equatable {
        public var metric: Int32
        public var value: Double

        public init(metric: Int32, value: Double) {
            self.metric = metric
            self.value = value
        }
    }

    /// Per entry: its `domain`, `generator` and `reason`, as indices into the name tables below.
    public var entryDomain = IDColumn()
    public var entryGenerator = IDColumn()
    public var entryReason = IDColumn()
    /// Per entry: seconds since 1970 of the wall-clock time written (see `TimestampParser`); NaN
    /// when absent or unreadable.
    public var entryTime: [Double] = []
    /// Per entry: the end of its scores in `scoreMetric`/`scoreValue` (they start where the
    /// previous entry's end).
    public var entryScoreEnd: [Int32] = []
    /// Per entry: the end of its `sample_id` in `sampleIDBytes` (it starts where the previous
    /// entry's ends).
    public var entrySampleIDEnd: [Int32] = []
    /// Every entry's scores, file order: the metric (an index into `metrics`) and the value
    /// (NaN for null).
    public var scoreMetric = IDColumn()
    public var scoreValue: [Double] = []
    /// Every entry's `sample_id`, UTF-8, back to back (see `sampleID(of:)`).
    public var sampleIDBytes: [UInt8] = []
    /// Interned names; an entry's domain indexes `domains`, and so on. First-seen order.
    public var domains: [String] = []
    public var generators: [String] = []
    public var reasons: [String] = []
    public var metrics: [String] = []
    /// Entries whose timestamp was present but could not be read.
    public var unreadableTimestamps = 0

    public init() {}

    public var count: Int { entryDomain.count }

    /// The timestamp of entry `index`; nil when it has none (or none that could be read).
    public func timestamp(of index: Int) -> Double? {
        let time = entryTime[index]
        return time.isNaN ? nil : time
    }

    /// The `sample_id` of entry `index`.
    public func sampleID(of index: Int) -> String {
        let start = index == 0 ? 0 : Int(entrySampleIDEnd[index - 1])
        return String(decoding: sampleIDBytes[start..<Int(entrySampleIDEnd[index])], as: UTF8.self)
    }

    /// Where entry `index`'s scores are in `scoreMetric` and `scoreValue`.
    public func scoreRange(of index: Int) -> Range<Int> {
        (index == 0 ? 0 : Int(entryScoreEnd[index - 1]))..<Int(entryScoreEnd[index])
    }

    /// The scores of entry `index`, file order.
    public func scores(of index: Int) -> [Score] {
        scoreRange(of: index).map { Score(metric: scoreMetric[$0], value: scoreValue[$0]) }
    }
}
