import Foundation

/// A git-LFS pointer: the small text file git leaves in place of a large one (Hugging Face model
/// repositories keep their `runs/` event files so) until `git lfs pull` fetches it. Read as a
/// log it would be garbage; it is said for what it is instead.
///
/// A pointer is under 1 KiB of `key value` lines: `version https://git-lfs.github.com/spec/v1`
/// first, then `oid sha256:<hex>` and `size <bytes>`.
public enum GitLFSPointer {
    /// Pointers are smaller than this, by the spec.
    static let maxBytes = 1024

    /// Whether `bytes` (a file's first bytes) begin as a pointer does.
    static func starts(_ bytes: some Collection<UInt8>) -> Bool {
        bytes.starts(with: Array("version https://git-lfs.github.com/spec/".utf8))
            || bytes.starts(with: Array("version https://hawser.github.com/spec/".utf8))
    }

    /// The size of the file the pointer `bytes` (the whole file) stands for, -1 when it names
    /// none; nil when `bytes` are not a pointer.
    static func pointedSize(_ bytes: some Collection<UInt8>) -> Int? {
        guard bytes.count < maxBytes, starts(bytes) else { return nil }
        let text = String(decoding: bytes, as: UTF8.self)
        for line in text.split(separator: "\n") where line.hasPrefix("size ") {
            return Int(line.dropFirst(5).trimmingCharacters(in: .whitespaces)) ?? -1
        }
        return -1
    }

    /// What to say of a pointer to a file of `size` bytes (-1: unknown).
    static func message(size: Int) -> String {
        let what =
            size >= 0
            ? "a git-LFS pointer to a \(ByteCountFormatter.string(fromByteCount: Int64(size), countStyle: .file)) file"
            : "a git-LFS pointer"
        return what + ": fetch it with `git lfs pull`"
    }

    /// The problem of the file at `path` when it is a pointer; nil when it is not.
    public static func problem(at path: String) -> RunLogError? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        guard let head = try? handle.read(upToCount: maxBytes), let size = pointedSize(head) else { return nil }
        return RunLogError(file: path, message: message(size: size))
    }

    /// The problem of a file whose first bytes, from offset 0, are `bytes`; nil when it is not a pointer.
    static func problem(path: String, firstBytes bytes: some Collection<UInt8>) -> RunLogError? {
        pointedSize(bytes).map { RunLogError(file: path, message: message(size: $0)) }
    }
}
