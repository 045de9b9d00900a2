/// `active_learning.json`: embedding-space regions.
public struct ActiveLearningState: Sendable, Equatable {
    public var regions: [EmbeddingRegion] = []
    /// `embedding_dim` as written; nil when absent.
    public var embeddingDim: Int?
    /// `num_regions` as written; nil when absent.
    public var numRegions: Int?
    public var lastUpdated: String?

    public init() {}
}

/// One region of the embedding space.
public struct EmbeddingRegion: Sendable, Equatable {
    public var centroid: [Double] = []
    public var sampleCount = 0
    public var sampleIDs: [String] = []
    public var domain = ""
    /// `avg_quality` as written. Producers often leave 0.0 for "not computed".
    public var avgQuality: Double?

    public init() {}
}
