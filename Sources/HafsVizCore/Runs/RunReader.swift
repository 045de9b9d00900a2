import Foundation

/// Reads one run and keeps reading it as it grows, through its format's `RunFiles`: append-style
/// logs are tailed from where the last read stopped; `trainer_state.json` is read whole when it
/// changes. Owned by one thread at a time; `log()` gives an immutable `RunLog` to share.
public final class RunReader {
    public let location: RunLocation
    private let files: any RunFiles

    public init(location: RunLocation) {
        self.location = location
        files = location.format.makeFiles(for: location)
    }

    /// Reads what changed since the last call; true when anything did.
    @discardableResult
    public func refresh() -> Bool { files.refresh() }

    /// The run as read so far.
    public func log() -> RunLog {
        let read = files.read()
        return RunLog(
            location: location, displayName: read.displayName, tags: read.tags, errors: read.errors, progress: read.progress,
            lastWrite: read.modified.max(), resets: read.resets, params: read.params, deleted: read.deleted, summary: read.summary,
            notes: read.notes)
    }
}

/// Append-style log files read by their tails: the points of all of them merged into one table.
final class TailedRunFiles: RunFiles {
    /// The files, as read so far (a format's own `RunFiles` reads its parsers' other facts).
    private(set) var files: [TailedFile]

    init(_ files: [TailedFile]) { self.files = files }

    func refresh() -> Bool {
        var changed = false
        for index in files.indices where files[index].refresh() { changed = true }
        return changed
    }

    func read() -> RunFilesRead {
        let tags = ScalarTable.merged(files.map(\.table))
        var progress = RunProgress()
        progress.step = tags.series.compactMap { $0.steps.last }.max()
        progress.epoch = files.first?.parser.lastEpoch
        progress.maxSteps = files.compactMap(\.parser.maxSteps).max()
        var read = RunFilesRead(
            tags: tags, progress: progress, errors: files.compactMap(\.problem), modified: files.compactMap { $0.signature?.modified },
            resets: files.reduce(0) { $0 + $1.resets })
        for file in files {
            let params = file.parser.params
            for name in params.names { if let value = params[name] { read.params.set(name, value) } }
        }
        return read
    }
}

/// Size, inode and modification time: a change means the file was written.
/// What a file looks like from outside (size, inode, modification time): a change in any of
/// them means it was written or replaced.
public struct FileSignature: Equatable, Sendable {
    public var size: Int
    public var inode: UInt64
    public var modified: Date

    /// Nil when `path` is not a regular file.
    public init?(path: String) {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        size = Int(info.st_size)
        inode = UInt64(info.st_ino)
        modified = Date(timeIntervalSince1970: Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) / 1e9)
    }
}

/// One append-style log file: its tail, its format's parser, and the points read from it.
struct TailedFile {
    var tail: LogTail
    var parser: any TailParser
    var table = ScalarTable()
    /// Set when the file cannot be read further (a corrupt record length, a read error).
    var stopped: RunLogError?
    var vanished = false
    var signature: FileSignature?
    /// Times the file was read again from its start.
    var resets = 0

    init(path: String, parser: any TailParser) {
        tail = LogTail(path: path)
        self.parser = parser
    }

    /// The first problem with this file, if any.
    var problem: RunLogError? {
        if let stopped { return stopped }
        if vanished {
            return RunLogError(file: tail.path, message: "the file is gone; showing the \(table.pointCount) points read before")
        }
        return parser.skipped.summary
    }

    /// Polls the file and parses what arrived; true when the points or the status changed.
    mutating func refresh() -> Bool {
        var changed = false
        while true {
            let poll: LogTail.Poll
            do throws(RunLogError) {
                poll = try tail.poll()
            } catch {
                if stopped != error {
                    stopped = error
                    changed = true
                }
                return changed
            }
            switch poll {
            case .unchanged:
                return changed
            case .missing:
                if !vanished, signature != nil {
                    vanished = true
                    changed = true
                }
                return changed
            case .restarted:
                resets += 1
                table.removeAll()
                parser.reset()
                stopped = nil
                vanished = false
                changed = true
            case .appended:
                vanished = false
                changed = true
            }
            signature = FileSignature(path: tail.path)
            guard stopped == nil else { return changed }
            let consumed = parsePending()
            tail.consume(consumed)
            // A read cut at the per-poll limit: parse and poll again for the rest, also when the
            // parser took nothing yet (a record longer than one read). Each poll reads further
            // into the file, so this ends at its end.
            guard case .appended(let count) = poll, count == LogTail.maxReadBytes else { return changed }
        }
    }

    /// Parses `tail.pending` into `table`; returns the bytes consumed.
    private mutating func parsePending() -> Int {
        let offset = tail.consumedOffset
        // A git-LFS pointer in place of the log: said for what it is, not parsed.
        if offset == 0, let pointer = GitLFSPointer.problem(path: tail.path, firstBytes: tail.pending) {
            stopped = pointer
            return 0
        }
        return tail.pending.withUnsafeBytes { bytes in
            do throws(RunLogError) {
                return try parser.parse(bytes, offset: offset, into: &table)
            } catch {
                stopped = error
                return 0
            }
        }
    }
}

/// `trainer_state.json`: read whole whenever its signature changes, through the same
/// whole-file read as the Dashboard's documents. A torn read (the trainer rewrites it in place)
/// keeps the last good state and says why.
struct WholeFile {
    let path: String
    var signature: FileSignature?
    var state: SourceState<TrainerState>
    /// Good reads so far: each replaces the points whole.
    var reads = 0

    init(path: String) {
        self.path = path
        state = SourceState(fileName: path, status: .missing, data: nil, isStale: false, dataReadAt: nil, byteCount: nil)
    }

    /// Set when the file is a git-LFS pointer, not the state itself.
    var pointer: RunLogError?

    /// The latest read's problem, if any.
    var problem: RunLogError? {
        if let pointer { return pointer }
        switch state.status {
        case .ok: return nil
        case .missing: return state.data == nil ? nil : RunLogError(file: path, message: "the file is gone; showing its last good read")
        case .failed(let error):
            let field = error.fieldPath.map { $0.isEmpty ? "" : $0 + ": " } ?? ""
            return RunLogError(
                file: path, message: field + error.message + (state.data == nil ? "" : "; showing its last good read"),
                location: error.position.map { "line \($0.line), column \($0.column)" })
        }
    }

    mutating func refresh() -> Bool {
        let now = FileSignature(path: path)
        guard now != signature else { return false }
        signature = now
        pointer = GitLFSPointer.problem(at: path)
        guard pointer == nil else { return true }
        // Not cancellable (a run's reader has no task), so the only errors are `LoadError`s.
        guard let read = try? SourceLoader.read(TrainerStateSource(path: path), path: path, previous: state) else { return true }
        state = read
        if read.status == .ok { reads += 1 }
        return true
    }
}
