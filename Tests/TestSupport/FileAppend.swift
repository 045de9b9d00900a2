import Foundation

/// Appends to an existing file, as a writer that keeps its log open does.
public enum FileAppend {
    /// Writes `line` and a newline at the end of `path`.
    public static func line(_ line: String, to path: String) throws {
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: Data((line + "\n").utf8))
    }
}
