#if canImport(Glibc)
    import Glibc
#endif

/// Reads a growing log file from where the last read stopped.
///
/// Bytes arrive in `pending`; the format's parser consumes whole records from its front and
/// leaves a torn last record there until the rest is written. A file that shrinks, is replaced
/// (another inode) or whose first bytes change (a whole-file rewrite, as Lightning does when a
/// new metric appears) is read again from the start: `poll` says `.restarted`, and the caller
/// drops what it parsed from the old content.
public struct LogTail: Sendable {
    public let path: String
    /// Bytes read from the file and not yet consumed by the parser.
    public private(set) var pending: [UInt8] = []
    /// File offset of `pending`'s first byte.
    public private(set) var consumedOffset = 0
    private var readOffset = 0
    private var identity: (device: UInt64, inode: UInt64)?
    /// The file's first bytes as last read: a change means the file was rewritten.
    private var head: [UInt8] = []
    private static let headBytes = 256
    /// The file's status when it was last read to its end: while a `stat` still shows it, a poll
    /// opens nothing (one system call per idle poll, not four).
    private var settled: Stamp?

    /// What `stat` says of a file that any write or replacement changes.
    private struct Stamp: Equatable, Sendable {
        var device: UInt64
        var inode: UInt64
        var size: Int
        var modified: (Int, Int)
        var changed: (Int, Int)

        init(_ info: stat) {
            device = UInt64(info.st_dev)
            inode = UInt64(info.st_ino)
            size = Int(info.st_size)
            modified = (info.st_mtim.tv_sec, info.st_mtim.tv_nsec)
            changed = (info.st_ctim.tv_sec, info.st_ctim.tv_nsec)
        }

        static func == (a: Stamp, b: Stamp) -> Bool {
            a.device == b.device && a.inode == b.inode && a.size == b.size && a.modified == b.modified && a.changed == b.changed
        }
    }
    /// Largest read per poll: a file is read, parsed and dropped 4 MiB at a time, so reading a
    /// logdir holds its points and a few MiB of bytes per reading thread, not whole files (a
    /// 24 MB event file was 24 MB of buffer beside its points). A record longer than this is
    /// read on over several polls.
    public static let maxReadBytes = 4 << 20

    public init(path: String) {
        self.path = path
    }

    /// What a poll found.
    public enum Poll: Equatable, Sendable {
        /// Nothing new.
        case unchanged
        /// New bytes were appended to `pending`.
        case appended(Int)
        /// The file was shrunk, replaced or rewritten: everything parsed so far is void, and
        /// `pending` now holds the file from its start.
        case restarted
        /// The file is gone (or not a regular file).
        case missing
    }

    /// Reads what was appended since the last poll (at most `maxReadBytes`).
    public mutating func poll() throws(RunLogError) -> Poll {
        if let settled {
            var info = stat()
            if stat(path, &info) == 0, Stamp(info) == settled { return .unchanged }
            self.settled = nil
        }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        if descriptor < 0 {
            let code = errno
            if code == ENOENT || code == ENOTDIR { return reset(.missing) }
            throw RunLogError(file: path, message: "cannot open: \(String(cString: strerror(code)))")
        }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            throw RunLogError(file: path, message: "cannot read file status: \(String(cString: strerror(errno)))")
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else { return reset(.missing) }
        let size = Int(info.st_size)
        let current = (UInt64(info.st_dev), UInt64(info.st_ino))
        var restarted = false
        if let identity, identity != current || size < readOffset || !headMatches(descriptor, size: size) {
            _ = reset(.restarted)
            restarted = true
        }
        identity = current
        guard size > readOffset else {
            if size == readOffset { settled = Stamp(info) }
            return restarted ? .restarted : .unchanged
        }
        let want = min(size - readOffset, LogTail.maxReadBytes)
        let start = pending.count
        pending.reserveCapacity(start + want)
        pending.append(contentsOf: repeatElement(0, count: want))
        var got = 0
        while got < want {
            let n = pending.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress! + start + got, want - got, off_t(readOffset + got)) }
            if n < 0, errno == EINTR { continue }
            if n <= 0 { break }
            got += n
        }
        pending.removeLast(want - got)
        if readOffset < LogTail.headBytes {
            head.append(contentsOf: pending[start..<min(pending.count, start + LogTail.headBytes - readOffset)])
        }
        readOffset += got
        if readOffset == size { settled = Stamp(info) }
        if restarted { return .restarted }
        // A read cut at maxReadBytes: the caller parses, then polls again for the rest.
        return got > 0 ? .appended(got) : .unchanged
    }

    /// Drops `count` bytes the parser consumed from the front of `pending`.
    public mutating func consume(_ count: Int) {
        guard count > 0 else { return }
        pending.removeFirst(min(count, pending.count))
        consumedOffset += count
    }

    private mutating func reset(_ poll: Poll) -> Poll {
        pending = []
        consumedOffset = 0
        readOffset = 0
        identity = nil
        head = []
        settled = nil
        return poll
    }

    /// Whether the file still starts with the bytes read earlier.
    private func headMatches(_ descriptor: Int32, size: Int) -> Bool {
        guard !head.isEmpty else { return true }
        var now = [UInt8](repeating: 0, count: min(head.count, size))
        let n = now.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress!, $0.count, 0) }
        return n == now.count && now.elementsEqual(head[0..<now.count])
    }
}

/// A problem reading one log file, with where it is.
public struct RunLogError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file's path.
    public var file: String
    public var message: String
    /// Where in the file: "byte 1234" or "line 12", when known.
    public var location: String?

    public init(file: String, message: String, location: String? = nil) {
        self.file = file
        self.message = message
        self.location = location
    }

    public var description: String {
        "\(file)\(location.map { " (\($0))" } ?? ""): \(message)"
    }
}
