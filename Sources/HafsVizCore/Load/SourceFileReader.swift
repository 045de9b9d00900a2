import Dispatch

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads one source file whole, in chunks so the caller can watch progress and cancel, and
/// detects a file rewritten while it was being read (producers write in place, not atomically).
enum SourceFileReader {
    /// What a read found.
    enum Outcome {
        case missing
        case bytes(FileBytes)
    }

    /// Largest file read; bigger ones are reported rather than exhausting memory.
    static let maxFileBytes = 2 << 30
    static let chunkBytes = 8 << 20
    static let parallelReadBytes = 16 << 20
    static let attempts = 3

    /// - Parameters:
    ///   - progress: called after each chunk with (bytes read, file size).
    ///   - isCancelled: polled between chunks; a true answer throws `CancellationError`.
    static func read(
        path: String, fileName: String,
        progress: (Int, Int) -> Void,
        isCancelled: () -> Bool
    ) throws -> Outcome {
        var lastProblem = ""
        for attempt in 1...attempts {
            switch try readOnce(path: path, fileName: fileName, progress: progress, isCancelled: isCancelled) {
            case .missing: return .missing
            case .bytes(let bytes): return .bytes(bytes)
            case .changed(let problem):
                lastProblem = problem
                if attempt < attempts { usleep(50_000) }
            }
        }
        throw LoadError(
            file: fileName,
            message: "the file kept changing while it was read (\(attempts) tries: \(lastProblem)); it is probably still being written")
    }

    private enum AttemptResult {
        case missing
        case bytes(FileBytes)
        case changed(String)
    }

    private static func readOnce(
        path: String, fileName: String,
        progress: (Int, Int) -> Void,
        isCancelled: () -> Bool
    ) throws -> AttemptResult {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        if descriptor < 0 {
            let code = errno
            if code == ENOENT { return .missing }
            throw LoadError(file: fileName, message: "cannot open \(path): \(String(cString: strerror(code)))")
        }
        defer { close(descriptor) }
        var before = stat()
        guard fstat(descriptor, &before) == 0 else {
            throw LoadError(file: fileName, message: "cannot read file status of \(path): \(String(cString: strerror(errno)))")
        }
        if (before.st_mode & S_IFMT) == S_IFDIR {
            throw LoadError(file: fileName, message: "\(path) is a directory, not a file")
        }
        if (before.st_mode & S_IFMT) != S_IFREG {
            throw LoadError(file: fileName, message: "\(path) is not a regular file")
        }
        let size = Int(before.st_size)
        if size > maxFileBytes {
            throw LoadError(
                file: fileName, message: "file is \(size / (1 << 20)) MiB; hafs-viz reads files up to \(maxFileBytes >> 20) MiB")
        }
        var failure: LoadError?
        var cancelled = false
        var total = 0
        // One spare byte lets us notice a file that grew after fstat.
        let bytes = FileBytes(capacity: size + 1)
        // Big files: a helper thread reads the second half while we read the first; copying out
        // of the page cache and faulting in fresh pages then use both cores.
        let half = size >= parallelReadBytes && LoadThreads.allowParallel ? (size / 2) & ~0xFFFF : size
        let helper = half < size ? ParallelRead(descriptor: descriptor, bytes: bytes, from: half, to: size) : nil
        total = 0
        while total < half {
            if isCancelled() {
                cancelled = true
                break
            }
            let got = pread(descriptor, bytes.base + total, min(chunkBytes, half - total), off_t(total))
            if got < 0 {
                if errno == EINTR { continue }
                failure = LoadError(file: fileName, message: "read error: \(String(cString: strerror(errno)))")
                break
            }
            if got == 0 { break }
            total += got
            progress(helper == nil ? total : total * 2, size)
        }
        if let helper {
            let second = helper.wait()
            if total == half {
                if let code = second.errorNumber {
                    failure = LoadError(file: fileName, message: "read error: \(String(cString: strerror(code)))")
                } else {
                    total += second.bytesRead
                }
            }
        }
        // Anything past the size seen by fstat means the file grew while we read.
        if failure == nil, !cancelled, total == size {
            let extra = pread(descriptor, bytes.base + total, 1, off_t(total))
            if extra > 0 { total += extra }
        }
        bytes.count = total
        if cancelled { throw CancellationError() }
        if let failure { throw failure }
        var after = stat()
        if stat(path, &after) != 0 {
            return .changed("the file disappeared during the read")
        }
        if total != size {
            return .changed("\(size) bytes expected, \(total) read")
        }
        if after.st_ino != before.st_ino || after.st_size != before.st_size
            || after.st_mtim.tv_sec != before.st_mtim.tv_sec || after.st_mtim.tv_nsec != before.st_mtim.tv_nsec
        {
            return .changed("size or modification time changed during the read")
        }
        // A git-LFS pointer in place of the document: said for what it is, not parsed as JSON.
        if total < GitLFSPointer.maxBytes, let pointed = GitLFSPointer.pointedSize(UnsafeRawBufferPointer(start: bytes.base, count: total))
        {
            throw LoadError(file: fileName, message: GitLFSPointer.message(size: pointed))
        }
        return .bytes(bytes)
    }
}

/// Reads bytes [from, to) of a file into a buffer on another thread.
private final class ParallelRead: @unchecked Sendable {
    // @unchecked: fields are written by the worker before `done.signal()` and read after `wait()`.
    struct Outcome {
        var bytesRead: Int
        var errorNumber: Int32?
    }

    private let done = DispatchSemaphore(value: 0)
    private var outcome = Outcome(bytesRead: 0, errorNumber: nil)

    init(descriptor: Int32, bytes: FileBytes, from start: Int, to stop: Int) {
        DispatchQueue.global(qos: .userInitiated).async { [self] in
            var offset = start
            while offset < stop {
                let got = pread(descriptor, bytes.base + offset, min(SourceFileReader.chunkBytes, stop - offset), off_t(offset))
                if got < 0 {
                    if errno == EINTR { continue }
                    outcome.errorNumber = errno
                    break
                }
                if got == 0 { break }
                offset += got
            }
            outcome.bytesRead = offset - start
            done.signal()
        }
    }

    func wait() -> Outcome {
        done.wait()
        return outcome
    }
}
