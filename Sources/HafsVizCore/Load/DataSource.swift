import Foundation

/// A file read whole each time it changes (a rewrite-style file: the pipeline's three JSON
/// documents, Hugging Face's `trainer_state.json`), and how its bytes become a model.
///
/// The set of sources is open: a workspace lists the ones it reads (`Snapshot.sources` for the
/// Dashboard), `SourceLoader` reads any list of them, and each gets its own `SourceState`
/// (status plus last good data). Append-style logs are the other kind of source: a `TailParser`
/// fed by a `LogTail` (see `RunReader`).
public protocol WholeFileSource: Sendable {
    associatedtype Model: Sendable & Equatable
    /// The file's name inside the directory it is read from; errors name it.
    var fileName: String { get }
    /// Decodes the whole file. `checkpoint` is called now and then with the byte position
    /// reached (progress, cancellation); failures are `LoadError`s naming `fileName`.
    func decode(_ bytes: UnsafeBufferPointer<UInt8>, checkpoint: (Int) throws -> Void) throws -> Model
}

/// What every `SourceState` tells without knowing its model: for status bars, `summary`, errors.
public protocol SourceStateInfo: Sendable {
    /// The source's file name.
    var fileName: String { get }
    var status: SourceStatus { get }
    /// True when the data shown comes from an earlier read than the latest one.
    var isStale: Bool { get }
    /// Whether there is data to show (fresh or stale).
    var hasData: Bool { get }
}

extension SourceState: SourceStateInfo {
    public var hasData: Bool { data != nil }
}

/// The sources of one directory as of one load, in the order they were asked for.
public struct SourceSet: Sendable {
    public let directory: String
    public let directoryExists: Bool
    public let states: [any SourceStateInfo]
    public let loadedAt: Date
    /// Counts loads of the same directory: 1 for the first, 0 for nothing read yet.
    public let generation: Int
    /// Where the load's time went.
    public internal(set) var timings = LoadTimings()

    public init(directory: String, directoryExists: Bool, states: [any SourceStateInfo], loadedAt: Date, generation: Int) {
        self.directory = directory
        self.directoryExists = directoryExists
        self.states = states
        self.loadedAt = loadedAt
        self.generation = generation
    }

    /// Nothing read yet: every source missing.
    public init(directory: String, sources: [any WholeFileSource]) {
        self.init(
            directory: directory, directoryExists: false, states: sources.map { SourceSet.emptyInfo($0) },
            loadedAt: Date(timeIntervalSince1970: 0), generation: 0)
    }

    /// The state of `source`; a never-read (missing) state when the set does not hold it.
    public func state<Source: WholeFileSource>(of source: Source) -> SourceState<Source.Model> {
        states.lazy.compactMap { $0 as? SourceState<Source.Model> }.first { $0.fileName == source.fileName } ?? SourceSet.empty(source)
    }

    /// (Returns the erased type so callers holding `any WholeFileSource` can call it.)
    static func emptyInfo<Source: WholeFileSource>(_ source: Source) -> any SourceStateInfo { empty(source) }

    static func empty<Source: WholeFileSource>(_ source: Source) -> SourceState<Source.Model> {
        SourceState(fileName: source.fileName, status: .missing, data: nil, isStale: false, dataReadAt: nil, byteCount: nil)
    }
}
