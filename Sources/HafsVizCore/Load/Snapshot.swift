import Foundation

/// How the latest read of one source went.
public enum SourceStatus: Sendable, Equatable {
    /// The file is not in the directory.
    case missing
    /// The file was read and decoded.
    case ok
    /// The file is there but could not be read or decoded.
    case failed(LoadError)

    /// "missing", "ok" or "failed", as the summary writes it.
    public var name: String {
        switch self {
        case .missing: "missing"
        case .ok: "ok"
        case .failed: "failed"
        }
    }
}

/// One source as of one load: the status of the latest read, and the data to show, which is
/// the latest read's when it succeeded and otherwise the last good read's (then `isStale`).
public struct SourceState<Model: Sendable & Equatable>: Sendable, Equatable {
    public let file: DataFile
    public let status: SourceStatus
    /// The data to show; nil when there never was a good read.
    public let data: Model?
    /// True when `data` comes from an earlier read than the latest one.
    public let isStale: Bool
    /// When `data` was read.
    public let dataReadAt: Date?
    /// Size of the file at the latest read, when there was one.
    public let byteCount: Int?

    public init(file: DataFile, status: SourceStatus, data: Model?, isStale: Bool, dataReadAt: Date?, byteCount: Int?) {
        self.file = file
        self.status = status
        self.data = data
        self.isStale = isStale
        self.dataReadAt = dataReadAt
        self.byteCount = byteCount
    }

    /// A sentence for the UI and CLI when the data shown is not from the latest read, else nil.
    public var staleNote: String? {
        guard isStale, data != nil else { return nil }
        let when = dataReadAt.map { " read at \(Snapshot.clockFormat($0))" } ?? ""
        switch status {
        case .failed: return "showing the last good data\(when); the latest read failed"
        case .missing: return "showing the last good data\(when); the file is now missing"
        case .ok: return nil
        }
    }
}

/// Everything read from one data directory at one moment, plus every derived figure (docs/data-format.md).
/// Immutable and `Sendable`: a reload builds a new one off the main thread and swaps it in whole.
public struct Snapshot: Sendable {
    public let directory: String
    public let directoryExists: Bool
    public let quality: SourceState<QualityFeedback>
    public let activeLearning: SourceState<ActiveLearningState>
    public let training: SourceState<TrainingFeedback>
    /// Figures derived from the data shown (stale data included).
    public let derived: DerivedFigures
    public let loadedAt: Date
    /// Counts loads from the same loader: 1 for the first.
    public let generation: Int
    /// Where the load's time went.
    public internal(set) var timings = LoadTimings()

    /// An empty snapshot (nothing read yet).
    public init(directory: String) {
        self.init(directory: directory, directoryExists: false,
                  quality: SourceState(file: .quality, status: .missing, data: nil, isStale: false, dataReadAt: nil, byteCount: nil),
                  activeLearning: SourceState(file: .activeLearning, status: .missing, data: nil, isStale: false, dataReadAt: nil, byteCount: nil),
                  training: SourceState(file: .training, status: .missing, data: nil, isStale: false, dataReadAt: nil, byteCount: nil),
                  loadedAt: Date(timeIntervalSince1970: 0), generation: 0)
    }

    public init(directory: String, directoryExists: Bool,
                quality: SourceState<QualityFeedback>,
                activeLearning: SourceState<ActiveLearningState>,
                training: SourceState<TrainingFeedback>,
                loadedAt: Date, generation: Int) {
        self.directory = directory
        self.directoryExists = directoryExists
        self.quality = quality
        self.activeLearning = activeLearning
        self.training = training
        self.derived = DerivedFigures(quality: quality.data, activeLearning: activeLearning.data, training: training.data)
        self.loadedAt = loadedAt
        self.generation = generation
    }

    /// Status per file, in `DataFile.allCases` order.
    public var statuses: [(file: DataFile, status: SourceStatus)] {
        [(.quality, quality.status), (.activeLearning, activeLearning.status), (.training, training.status)]
    }

    /// Every failure of the latest read.
    public var errors: [LoadError] {
        statuses.compactMap { if case .failed(let error) = $0.status { error } else { nil } }
    }

    /// Sources read successfully / sources present (ok or failed).
    public var okCount: Int { statuses.filter { $0.status == .ok }.count }
    public var foundCount: Int { statuses.filter { $0.status != .missing }.count }

    static func clockFormat(_ date: Date) -> String {
        let seconds = Int(date.timeIntervalSince1970) % 86_400
        return String(format: "%02d:%02d:%02d UTC", seconds / 3600, seconds / 60 % 60, seconds % 60)
    }
}
