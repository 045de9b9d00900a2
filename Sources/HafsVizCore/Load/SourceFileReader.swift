#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads one source file whole and decodes it, and detects a file rewritten meanwhile (producers
/// write in place, not atomically): such a read is tried again.
///
/// Files of a mebibyte or more are mapped (`FileBytes(mapping:size:)`), so their bytes are read
/// as the decoder reaches them. A mapping sees the file as it is when each page is first read,
/// so for them the check for a rewrite comes after decoding; smaller files are read into memory
/// first, in chunks so the caller can watch progress and cancel, and checked before.
enum SourceFileReader {
    /// What a load found.
    enum Outcome<Model> {
        case missing
        case decoded(Model, byteCount: Int)
        /// The bytes were read but do not decode.
        case failed(LoadError, byteCount: Int)
    }

    /// Largest file read; bigger ones are reported rather than exhausting memory.
    static let maxFileBytes = 2 << 30
    static let chunkBytes = 8 << 20
    static let attempts = 3
    /// Files this big or bigger are mapped rather than read.
    static let defaultMappingBytes = 1 << 20
    /// Tests set this to map small files (1) or never map (Int.max).
    @TaskLocal static var mappingBytesOverride: Int?
    static var mappingBytes: Int { mappingBytesOverride ?? defaultMappingBytes }

    /// - Parameters:
    ///   - progress: called as bytes arrive with (bytes read, file size).
    ///   - isCancelled: polled between chunks; a true answer throws `CancellationError`.
    ///   - decode: turns the bytes into the model; its `LoadError`s are the file's errors unless
    ///     the file changed meanwhile.
    static func load<Model>(
        path: String, fileName: String,
        progress: (Int, Int) -> Void,
        isCancelled: () -> Bool,
        decode: (FileBytes) throws -> Model
    ) throws -> Outcome<Model> {
        var lastProblem = ""
        var mayMap = true
        for attempt in 1...attempts {
            if attempt > 1 { usleep(50_000) }
            let bytes: FileBytes
            let opened: stat
            switch try readOnce(path: path, fileName: fileName, mayMap: mayMap, progress: progress, isCancelled: isCancelled) {
            case .missing: return .missing
            case .changed(let problem):
                lastProblem = problem
                continue
            case .bytes(let read, let status):
                (bytes, opened) = (read, status)
            }
            let decoded: Result<Model, LoadError>
            do {
                decoded = .success(try decode(bytes))
            } catch let error as LoadError {
                decoded = .failure(error)
            }
            if bytes.isMapping, let problem = change(since: opened, path: path) {
                lastProblem = problem
                continue
            }
            if bytes.wasTruncated {
                // A fault in the mapping with the file as it was: an I/O error, not a rewrite.
                // Reading it reports the error itself.
                lastProblem = "the file could not be read through a mapping"
                mayMap = false
                continue
            }
            switch decoded {
            case .success(let model): return .decoded(model, byteCount: bytes.count)
            case .failure(let error): return .failed(error, byteCount: bytes.count)
            }
        }
        throw LoadError(
            file: fileName,
            message: "the file kept changing while it was read (\(attempts) tries: \(lastProblem)); it is probably still being written")
    }

    private enum AttemptResult {
        case missing
        case bytes(FileBytes, opened: stat)
        case changed(String)
    }

    /// What changed about the file at `path` since `opened` (its status when opened), if anything.
    private static func change(since opened: stat, path: String) -> String? {
        var now = stat()
        if stat(path, &now) != 0 {
            return "the file disappeared during the read"
        }
        if now.st_ino != opened.st_ino || now.st_size != opened.st_size
            || now.st_mtim.tv_sec != opened.st_mtim.tv_sec || now.st_mtim.tv_nsec != opened.st_mtim.tv_nsec
        {
            return "size or modification time changed during the read"
        }
        return nil
    }

    private static func readOnce(
        path: String, fileName: String, mayMap: Bool,
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
        if mayMap, size >= mappingBytes, let mapped = FileBytes(mapping: descriptor, size: size) {
            progress(size, size)
            return .bytes(mapped, opened: before)
        }
        // One spare byte lets us notice a file that grew after fstat.
        let bytes = FileBytes(capacity: size + 1)
        guard let target = bytes.writable else { fatalError("FileBytes(capacity:) is always writable") }
        var total = 0
        while total < size {
            if isCancelled() { throw CancellationError() }
            let got = pread(descriptor, target + total, min(chunkBytes, size - total), off_t(total))
            if got < 0 {
                if errno == EINTR { continue }
                throw LoadError(file: fileName, message: "read error: \(String(cString: strerror(errno)))")
            }
            if got == 0 { break }
            total += got
            progress(total, size)
        }
        // Anything past the size seen by fstat means the file grew while we read.
        if total == size {
            let extra = pread(descriptor, target + total, 1, off_t(total))
            if extra > 0 { total += extra }
        }
        bytes.count = total
        if total != size {
            return .changed("\(size) bytes expected, \(total) read")
        }
        if let problem = change(since: before, path: path) {
            return .changed(problem)
        }
        // A git-LFS pointer in place of the document: said for what it is, not parsed as JSON.
        if total < GitLFSPointer.maxBytes, let pointed = GitLFSPointer.pointedSize(UnsafeRawBufferPointer(start: bytes.base, count: total))
        {
            throw LoadError(file: fileName, message: GitLFSPointer.message(size: pointed))
        }
        return .bytes(bytes, opened: before)
    }
}
