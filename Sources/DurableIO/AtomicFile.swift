import Foundation

/// Atomic, durable file writes: a temporary file beside the target, written and fsynced, renamed
/// over the target, then the folder fsynced. A reader (or a crash, or `kill -9` at any moment)
/// sees the old file or the new one, never a part; once `write` returns, the new one survives a
/// power cut.
public enum AtomicFile {
    /// Why a write failed, with the path and the system's reason.
    public struct Failure: LocalizedError, CustomStringConvertible, Sendable {
        public var path: String
        public var reason: String
        public var description: String { "cannot write \(path): \(reason)" }
        public var errorDescription: String? { description }
    }

    public static func write(_ data: Data, to path: String) throws {
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty {
            do {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            } catch {
                throw Failure(path: path, reason: "cannot create \(directory): \(error.localizedDescription)")
            }
        }
        let folder = directory.isEmpty ? "." : directory
        let temporary = folder + "/.\((path as NSString).lastPathComponent).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
        func failure(_ step: String) -> Failure { Failure(path: path, reason: "\(step): \(String(cString: strerror(errno)))") }
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw failure("cannot create a temporary file in \(folder)") }
        var ok = false
        defer {
            if !ok { unlink(temporary) }
        }
        let written = data.withUnsafeBytes { buffer -> Bool in
            guard let base = buffer.baseAddress else { return true }  // nothing to write
            var offset = 0
            while offset < buffer.count {
                let n = Foundation.write(fd, base + offset, buffer.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                offset += n
            }
            return true
        }
        guard written else {
            let error = failure("write failed")
            close(fd)
            throw error
        }
        guard fsync(fd) == 0 else {
            let error = failure("fsync failed")
            close(fd)
            throw error
        }
        close(fd)
        guard rename(temporary, path) == 0 else { throw failure("rename failed") }
        ok = true
        // The rename is durable once the folder's entry is on disk.
        let folderFD = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if folderFD >= 0 {
            _ = fsync(folderFD)
            close(folderFD)
        }
    }
}
