import Figures
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
    /// The source's file name.
    public let fileName: String
    public let status: SourceStatus
    /// The data to show; nil when there never was a good read.
    public let data: Model?
    /// True when `data` comes from an earlier read than the latest one.
    public let isStale: Bool
    /// When `data` was read.
    public let dataReadAt: Date?
    /// Size of the file at the latest read, when there was one.
    public let byteCount: Int?

    public init(fileName: String, status: SourceStatus, data: Model?, isStale: Bool, dataReadAt: Date?, byteCount: Int?) {
        self.fileName = fileName
        self.status = status
        self.data = data
        self.isStale = isStale
        self.dataReadAt = dataReadAt
        self.byteCount = byteCount
    }

    /// A sentence for the UI and CLI when the data shown is not from the latest read, else nil.
    public var staleNote: String? {
        guard isStale, data != nil else { return nil }
        let when = dataReadAt.map { " read at \(SourceState.clockFormat($0))" } ?? ""
        switch status {
        case .failed: return "showing the last good data\(when); the latest read failed"
        case .missing: return "showing the last good data\(when); the file is now missing"
        case .ok: return nil
        }
    }

    static func clockFormat(_ date: Date) -> String {
        Format.clock(date.timeIntervalSince1970, withSeconds: true) + " UTC"
    }
}

/// The Dashboard's data: its sources (`Snapshot.sources`) as of one load, each typed, plus
/// every derived figure (docs/data-format.md). Immutable and `Sendable`: a reload builds a new
/// one off the main thread and swaps it in whole.
public struct Snapshot: Sendable {
    /// The files the Dashboard reads, in the order status lines and `summary` list them. A new
    /// file is a new `WholeFileSource` added here (and a typed field below if panels draw it).
    public static let sources: [any WholeFileSource] = [QualityFeedbackSource(), ActiveLearningSource(), TrainingFeedbackSource()]

    /// Every source's state, in `sources` order.
    public let sourceSet: SourceSet
    public let quality: SourceState<QualityFeedback>
    public let activeLearning: SourceState<ActiveLearningState>
    public let training: SourceState<TrainingFeedback>
    /// Figures derived from the data shown (stale data included).
    public let derived: DerivedFigures

    public var directory: String { sourceSet.directory }
    public var directoryExists: Bool { sourceSet.directoryExists }
    public var loadedAt: Date { sourceSet.loadedAt }
    /// Counts loads from the same loader: 1 for the first.
    public var generation: Int { sourceSet.generation }
    /// Where the load's time went (deriving included).
    public internal(set) var timings: LoadTimings

    /// An empty snapshot (nothing read yet).
    public init(directory: String) {
        self.init(SourceSet(directory: directory, sources: Snapshot.sources))
    }

    /// Takes the Dashboard's typed sources out of a loaded set and derives the figures.
    public init(_ set: SourceSet) {
        sourceSet = set
        quality = set.state(of: QualityFeedbackSource())
        activeLearning = set.state(of: ActiveLearningSource())
        training = set.state(of: TrainingFeedbackSource())
        derived = DerivedFigures(quality: quality.data, activeLearning: activeLearning.data, training: training.data)
        timings = set.timings
    }

    /// Status per file, in `sources` order.
    public var statuses: [(file: String, status: SourceStatus)] {
        sourceSet.states.map { ($0.fileName, $0.status) }
    }

    /// Every failure of the latest read.
    public var errors: [LoadError] {
        statuses.compactMap { if case .failed(let error) = $0.status { error } else { nil } }
    }

    /// Sources read successfully / sources present (ok or failed).
    public var okCount: Int { statuses.filter { $0.status == .ok }.count }
    public var foundCount: Int { statuses.filter { $0.status != .missing }.count }
}
