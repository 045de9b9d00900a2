import Foundation

/// Progress of one load, for a status bar: bytes read and decoded out of the total.
public struct LoadProgress: Sendable, Equatable {
    public enum Phase: Sendable, Equatable { case reading, decoding, deriving }

    public var file: DataFile
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

/// How many threads one load may use. The command line uses two (reading halves of a big file,
/// decoding halves of a big history); the window turns that off so its loads leave a core to
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

/// Loads a data directory into a `Snapshot`, keeping the last good data of any source whose new
/// read fails. Loading never touches the main thread: call `load` from any task.
public final class SnapshotLoader: Sendable {
    public let directory: String

    public init(directory: String) {
        self.directory = directory
    }

    /// Loads off the caller's actor (on the concurrent pool). Cancelling the task stops the read
    /// between chunks or every few thousand entries and throws `CancellationError`.
    @concurrent
    public func load(previous: Snapshot? = nil,
                     progress: @escaping @Sendable (LoadProgress) -> Void = { _ in }) async throws -> Snapshot {
        try loadNow(previous: previous, progress: progress, isCancelled: { Task.isCancelled })
    }

    /// Synchronous load on the calling thread (the CLI, tests).
    public func loadNow(previous: Snapshot? = nil,
                        progress: (LoadProgress) -> Void = { _ in },
                        isCancelled: () -> Bool = { false }) throws -> Snapshot {
        try withoutActuallyEscaping(progress) { progress in
            try loadNow(escapingProgress: progress, previous: previous, isCancelled: isCancelled)
        }
    }

    private func loadNow(escapingProgress progress: @escaping (LoadProgress) -> Void, previous: Snapshot?,
                         isCancelled: () -> Bool) throws -> Snapshot {
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) && isDirectory.boolValue
        let sizes = DataFile.allCases.map { fileSize(path(of: $0)) }
        let total = sizes.reduce(0, +)
        var tracker = ProgressTracker(total: total, report: progress)
        func checkCancel() throws { if isCancelled() { throw CancellationError() } }

        let quality = try loadSource(.quality, previous: previous?.quality, tracker: &tracker, isCancelled: isCancelled) { bytes, tick in
            try DocumentDecoder.quality(bytes, checkpoint: { tick($0); try checkCancel() })
        }
        let active = try loadSource(.activeLearning, previous: previous?.activeLearning, tracker: &tracker, isCancelled: isCancelled) { bytes, tick in
            try DocumentDecoder.activeLearning(bytes, checkpoint: { tick($0); try checkCancel() })
        }
        let training = try loadSource(.training, previous: previous?.training, tracker: &tracker, isCancelled: isCancelled) { bytes, tick in
            try DocumentDecoder.training(bytes, checkpoint: { tick($0); try checkCancel() })
        }
        tracker.phase(.deriving, file: .training)
        try checkCancel()
        let deriveStart = ContinuousClock.now
        var snapshot = Snapshot(directory: directory, directoryExists: exists,
                                quality: quality, activeLearning: active, training: training,
                                loadedAt: Date(), generation: (previous?.generation ?? 0) + 1)
        tracker.timings.derive = deriveStart.duration(to: .now)
        snapshot.timings = tracker.timings
        return snapshot
    }

    /// Full path of one source file.
    public func path(of file: DataFile) -> String {
        (directory as NSString).appendingPathComponent(file.fileName)
    }

    private func fileSize(_ path: String) -> Int {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return 0 }
        return Int(info.st_size)
    }

    private func loadSource<Model>(
        _ file: DataFile, previous: SourceState<Model>?, tracker: inout ProgressTracker,
        isCancelled: () -> Bool,
        decode: (UnsafeBufferPointer<UInt8>, (Int) -> Void) throws -> Model
    ) throws -> SourceState<Model> {
        tracker.phase(.reading, file: file)
        let status: SourceStatus
        var byteCount: Int?
        do {
            let readBase = tracker.bytesRead
            let readStart = ContinuousClock.now
            let outcome = try SourceFileReader.read(
                path: path(of: file), file: file,
                progress: { done, _ in tracker.read(readBase + done) },
                isCancelled: isCancelled)
            tracker.timings.read += readStart.duration(to: .now)
            switch outcome {
            case .missing:
                status = .missing
            case .bytes(let bytes):
                byteCount = bytes.count
                tracker.phase(.decoding, file: file)
                let decodeBase = tracker.bytesDecoded
                let decodeStart = ContinuousClock.now
                defer { tracker.timings.decode += decodeStart.duration(to: .now) }
                let model = try decode(bytes.buffer) { position in tracker.decoded(decodeBase + position) }
                tracker.decoded(decodeBase + bytes.count)
                return SourceState(file: file, status: .ok, data: model, isStale: false, dataReadAt: Date(), byteCount: byteCount)
            }
        } catch let error as LoadError {
            status = .failed(error)
        }
        // Missing or failed: keep showing the last good data, marked stale.
        return SourceState(file: file, status: status, data: previous?.data, isStale: previous?.data != nil,
                           dataReadAt: previous?.dataReadAt, byteCount: byteCount)
    }
}

/// Accumulates progress over the three files and forwards it.
private struct ProgressTracker {
    let total: Int
    let report: (LoadProgress) -> Void
    var timings = LoadTimings()
    var current = LoadProgress(file: .quality, phase: .reading, bytesRead: 0, bytesDecoded: 0, bytesTotal: 0)
    var bytesRead: Int { current.bytesRead }
    var bytesDecoded: Int { current.bytesDecoded }

    init(total: Int, report: @escaping (LoadProgress) -> Void) {
        self.total = total
        self.report = report
        current.bytesTotal = total
    }

    mutating func phase(_ phase: LoadProgress.Phase, file: DataFile) {
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
