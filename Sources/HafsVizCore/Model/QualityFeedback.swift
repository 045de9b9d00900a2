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

/// `rejection_history`, stored by column: names are interned, scores live in one flat array.
/// 230k entries cost a few arrays, not a million small allocations.
public struct RejectionHistory: Sendable, Equatable {
    /// One entry; names are indices into the tables below. A plain value (no references), so
    /// 230k of them are one allocation and copy like bytes.
    public struct Entry: Sendable, Equatable {
        /// Range of the sample id's UTF-8 bytes in `sampleIDBytes`.
        public var sampleIDStart: Int32
        public var sampleIDCount: Int32
        public var domain: Int32
        public var generator: Int32
        public var reason: Int32
        /// Seconds since 1970 of the wall-clock time written (see `TimestampParser`); nil when
        /// absent or unreadable.
        public var timestamp: Double?
        /// Range of this entry's scores in `scores`.
        public var scoreStart: Int32
        public var scoreCount: Int32
    }

    /// One score of one entry.
    public struct Score: Sendable, Equatable {
        public var metric: Int32
        public var value: Double
    }

    public var entries: [Entry] = []
    public var scores: [Score] = []
    /// Every entry's `sample_id`, UTF-8, back to back (see `sampleID(of:)`).
    public var sampleIDBytes: [UInt8] = []
    /// Interned names; an entry's `domain` indexes `domains`, and so on. First-seen order.
    public var domains: [String] = []
    public var generators: [String] = []
    public var reasons: [String] = []
    public var metrics: [String] = []
    /// Entries whose timestamp was present but could not be read.
    public var unreadableTimestamps = 0

    public init() {}

    public var count: Int { entries.count }

    /// The `sample_id` of entry `index`.
    public func sampleID(of index: Int) -> String {
        let entry = entries[index]
        let start = Int(entry.sampleIDStart)
        return String(decoding: sampleIDBytes[start..<(start + Int(entry.sampleIDCount))], as: UTF8.self)
    }

    /// The scores of entry `index`.
    public func scores(of index: Int) -> ArraySlice<Score> {
        let entry = entries[index]
        let start = Int(entry.scoreStart)
        return scores[start..<(start + Int(entry.scoreCount))]
    }
}
