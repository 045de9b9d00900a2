import Foundation

/// Progress of one load, for a status bar: bytes read and decoded out of the total.
public struct LoadProgress: Sendable, Equatable {
    public enum Phase: Sendable, Equatable { case reading, decoding, deriving }

    /// The file being read (its name).
    public var file: String
    public var phase: Phase
    /// Bytes of all files read so far (and decoded so far), each counted once per phase.
    public var bytesRead: Int
    public var bytesDecoded: Int
    /// Sum of the sizes of the files present when the load started.
    public var bytesTotal: Int

    /// 0…1: reading and decoding weigh half each.
    public var fraction: Double {
        guard bytesTotal > 0 else { return phase == .deriving ? 1 : 0 }
        return min(1, Double(bytesRead + bytesDecoded) / Double(2 * bytesTotal))
    }
}

/// How many threads one load may use. The command line uses two (decoding halves of a big
/// history, merging them, testing drift); the window turns that off so its loads leave a core to
/// the UI thread (on a 2-core machine a two-thread load starved the frames: gaps up to 106 ms).
public enum LoadThreads {
    @TaskLocal public static var allowParallel = true
}

/// Where the time of one load went (all files together).
public struct LoadTimings: Sendable, Equatable {
    public var read: Duration = .zero
    public var decode: Duration = .zero
    public var derive: Duration = .zero

    public init() {}
}

/// Loads the Dashboard's data directory into a `Snapshot`: its `Snapshot.sources` through a
/// `SourceLoader`, then the derived figures. Loading never touches the main thread.
public final class SnapshotLoader: Sendable {
    public let directory: String
    private let loader: SourceLoader

    /// - Parameter name: the directory as people should read it (a remote copy's `host:/path`);
    ///   the snapshot carries it. Default: `directory`.
    public init(directory: String, name: String? = nil) {
        self.directory = directory
        loader = SourceLoader(directory: directory, sources: Snapshot.sources, name: name)
    }

    /// Loads off the caller's actor (on the concurrent pool). Cancelling the task stops the read
    /// between chunks or every few thousand entries and throws `CancellationError`.
    @concurrent
    public func load(
        previous: Snapshot? = nil,
        progress: @escaping @Sendable (LoadProgress) -> Void = { _ in }
    ) async throws -> Snapshot {
        try loadNow(previous: previous, progress: progress, isCancelled: { Task.isCancelled })
    }

    /// Synchronous load on the calling thread (the CLI, tests).
    public func loadNow(
        previous: Snapshot? = nil,
        progress: (LoadProgress) -> Void = { _ in },
        isCancelled: () -> Bool = { false }
    ) throws -> Snapshot {
        var last = LoadProgress(file: "", phase: .reading, bytesRead: 0, bytesDecoded: 0, bytesTotal: 0)
        let set = try loader.loadNow(
            previous: previous?.sourceSet,
            progress: {
                last = $0
                progress($0)
            }, isCancelled: isCancelled)
        last.phase = .deriving
        progress(last)
        if isCancelled() { throw CancellationError() }
        let deriveStart = ContinuousClock.now
        var snapshot = Snapshot(set)
        snapshot.timings.derive = deriveStart.duration(to: .now)
        return snapshot
    }
}

/// Reads any list of whole-file sources from one directory into a `SourceSet`, keeping the last
/// good data of any source whose new read fails or whose file went missing.
public final class SourceLoader: Sendable {
    public let directory: String
    public let sources: [any WholeFileSource]
    /// What the set calls the directory (`SourceSet.directory`).
    public let name: String

    public init(directory: String, sources: [any WholeFileSource], name: String? = nil) {
        self.directory = directory
        self.sources = sources
        self.name = name ?? directory
    }

    /// Reads every source on the calling thread, in order.
    /// - Parameters:
    ///   - previous: the last load, whose good data a failed read keeps showing (stale).
    ///   - isCancelled: polled between chunks and entries; a true answer throws `CancellationError`.
    public func loadNow(
        previous: SourceSet? = nil,
        progress: (LoadProgress) -> Void = { _ in },
        isCancelled: () -> Bool = { false }
    ) throws -> SourceSet {
        try withoutActuallyEscaping(progress) { progress in
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) && isDirectory.boolValue
            let total = sources.map { fileSize(path(of: $0.fileName)) }.reduce(0, +)
            var tracker = ProgressTracker(total: total, report: progress)
            var states: [any SourceStateInfo] = []
            for source in sources {
                states.append(try read(source, previous: previous, tracker: &tracker, isCancelled: isCancelled))
            }
            var set = SourceSet(
                directory: name, directoryExists: exists, states: states,
                loadedAt: Date(), generation: (previous?.generation ?? 0) + 1)
            set.timings = tracker.timings
            return set
        }
    }

    /// Full path of one source file.
    public func path(of fileName: String) -> String {
        (directory as NSString).appendingPathComponent(fileName)
    }

    private func fileSize(_ path: String) -> Int {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return 0 }
        return Int(info.st_size)
    }

    private func read<Source: WholeFileSource>(
        _ source: Source, previous: SourceSet?, tracker: inout ProgressTracker,
        isCancelled: () -> Bool
    ) throws -> any SourceStateInfo {
        try SourceLoader.read(
            source, path: path(of: source.fileName), previous: previous?.state(of: source),
            tracker: &tracker, isCancelled: isCancelled)
    }

    /// Reads one whole-file source at `path` (any folder: `trainer_state.json` lives in several).
    /// A missing or failed read keeps `previous`'s data, marked stale.
    public static func read<Source: WholeFileSource>(
        _ source: Source, path: String, previous: SourceState<Source.Model>?,
        isCancelled: () -> Bool = { false }
    ) throws -> SourceState<Source.Model> {
        var tracker = ProgressTracker(total: 0, report: { _ in })
        return try read(source, path: path, previous: previous, tracker: &tracker, isCancelled: isCancelled)
    }

    fileprivate static func read<Source: WholeFileSource>(
        _ source: Source, path: String, previous: SourceState<Source.Model>?, tracker: inout ProgressTracker,
        isCancelled: () -> Bool
    ) throws -> SourceState<Source.Model> {
        let file = source.fileName
        tracker.phase(.reading, file: file)
        let status: SourceStatus
        var byteCount: Int?
        do {
            // Bases for this file's progress; a try after a rewrite counts from them again.
            let readBase = tracker.bytesRead
            let decodeBase = tracker.bytesDecoded
            let start = ContinuousClock.now
            var decodeTime = Duration.zero
            defer { tracker.timings.read += start.duration(to: .now) - decodeTime }
            let outcome = try SourceFileReader.load(
                path: path, fileName: file,
                progress: { done, _ in tracker.read(readBase + done) },
                isCancelled: isCancelled
            ) { bytes in
                tracker.phase(.decoding, file: file)
                let decodeStart = ContinuousClock.now
                defer {
                    let spent = decodeStart.duration(to: .now)
                    decodeTime += spent
                    tracker.timings.decode += spent
                }
                let model = try source.decode(bytes.buffer) { position in
                    tracker.decoded(decodeBase + position)
                    if isCancelled() { throw CancellationError() }
                }
                tracker.decoded(decodeBase + bytes.count)
                return model
            }
            switch outcome {
            case .missing:
                status = .missing
            case .decoded(let model, let count):
                return SourceState(fileName: file, status: .ok, data: model, isStale: false, dataReadAt: Date(), byteCount: count)
            case .failed(let error, let count):
                byteCount = count
                status = .failed(error)
            }
        } catch let error as LoadError {
            status = .failed(error)
        }
        // Missing or failed: keep showing the last good data, marked stale.
        return SourceState(
            fileName: file, status: status, data: previous?.data, isStale: previous?.data != nil,
            dataReadAt: previous?.dataReadAt, byteCount: byteCount)
    }
}

/// Accumulates progress over a load's files and forwards it.
private struct ProgressTracker {
    let total: Int
    let report: (LoadProgress) -> Void
    var timings = LoadTimings()
    var current = LoadProgress(file: "", phase: .reading, bytesRead: 0, bytesDecoded: 0, bytesTotal: 0)
    var bytesRead: Int { current.bytesRead }
    var bytesDecoded: Int { current.bytesDecoded }

    init(total: Int, report: @escaping (LoadProgress) -> Void) {
        self.total = total
        self.report = report
        current.bytesTotal = total
    }

    mutating func phase(_ phase: LoadProgress.Phase, file: String) {
        current.phase = phase
        current.file = file
        report(current)
    }

    mutating func read(_ bytes: Int) {
        current.bytesRead = min(bytes, total)
        report(current)
    }

    mutating func decoded(_ bytes: Int) {
        current.bytesDecoded = min(bytes, total)
        report(current)
    }
}
