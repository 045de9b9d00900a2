import Foundation

/// Finds the runs of a logdir, recursively, as TensorBoard does: every folder holding a log is
/// a run, named by its path relative to the logdir.
///
/// Recognised by name or by content, never by the user's choice of name alone: each format of
/// `LogFormats.all` says how (`LogFormat.detect`). One format per folder, the first in that
/// list that recognises it.
public enum LogdirScanner {
    public static func scan(_ logdir: String) -> [RunLocation] {
        var directories: [String] = []
        return scan(logdir, directories: &directories)
    }

    /// The runs of `logdir`, and in `directories` every folder listed to find them (the ones a
    /// `DirectoryWatch` watches for new runs).
    public static func scan(_ logdir: String, directories: inout [String]) -> [RunLocation] {
        var runs: [RunLocation] = []
        var visited: Set<UInt64> = []
        // Paths keep the logdir as given, so messages name files the way the user wrote them.
        let root = logdir.count > 1 && logdir.hasSuffix("/") ? String(logdir.dropLast()) : logdir
        walk(root, relative: ".", into: &runs, visited: &visited, directories: &directories)
        return runs.sorted { $0.name < $1.name }
    }

    /// One metrics file as a run of its own (the Latent workspace's training metrics), recognised
    /// as `scan` recognises a folder's files; nil when it is not (yet) a log we read.
    public static func location(ofFile path: String) -> RunLocation? {
        let directory = (path as NSString).deletingLastPathComponent
        var claimed: Set<String> = []
        return detect(
            directory.isEmpty ? "." : directory, relative: (path as NSString).lastPathComponent,
            files: [(path as NSString).lastPathComponent], folders: [], claimed: &claimed)
    }

    private static func walk(
        _ directory: String, relative: String, into runs: inout [RunLocation], visited: inout Set<UInt64>, directories: inout [String]
    ) {
        var info = stat()
        guard stat(directory, &info) == 0, visited.insert(UInt64(info.st_ino)).inserted else { return }
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return }
        directories.append(directory)
        var files: [String] = []
        var folders: [String] = []
        var linkedFolders: [String] = []
        for name in names.sorted() where !name.hasPrefix(".") {
            let path = directory + "/" + name
            var entry = stat()
            guard stat(path, &entry) == 0 else { continue }
            switch entry.st_mode & S_IFMT {
            case S_IFDIR:
                var link = stat()
                if lstat(path, &link) == 0, link.st_mode & S_IFMT == S_IFLNK { linkedFolders.append(name) } else { folders.append(name) }
            case S_IFREG: files.append(name)
            default: break
            }
        }
        // A folder reached through a link (W&B's latest-run) is walked after the real ones, so
        // a run found both ways keeps its own name.
        folders += linkedFolders
        var claimed: Set<String> = []
        if let run = detect(directory, relative: relative, files: files, folders: folders, claimed: &claimed) {
            runs.append(run)
        }
        for folder in folders where !claimed.contains(folder) {
            walk(
                directory + "/" + folder, relative: relative == "." ? folder : relative + "/" + folder, into: &runs, visited: &visited,
                directories: &directories)
        }
    }

    /// The run `directory` holds: the first format of `LogFormats.all` that recognises it.
    private static func detect(
        _ directory: String, relative: String, files: [String], folders: [String],
        claimed: inout Set<String>
    ) -> RunLocation? {
        let folder = LogFolder(directory: directory, files: files, folders: folders)
        for format in LogFormats.all {
            guard let paths = format.detect(in: folder) else { continue }
            claimed = folder.claimed
            return RunLocation(name: relative, directory: directory, format: format, files: paths)
        }
        return nil
    }
}

extension JSONLParser {
    /// Whether `line` is a metrics row: one whole JSON object with a number that is not a
    /// process's bookkeeping (`pid`, `ppid`, `tid`, `line`, `lineno`), and not a structured log
    /// record (a `level` and a `msg`, as W&B's `debug-core.log` and most JSON loggers write).
    /// A one-line config file without numbers is not one either.
    static func isMetricLine(_ line: String) -> Bool {
        var bytes = Array(line.utf8)
        return bytes.withUnsafeMutableBytes { buffer -> Bool in
            var scanner = JSONScanner(UnsafeRawBufferPointer(buffer).bindMemory(to: UInt8.self))
            var numbers: [String] = []
            var strings: Set<String> = []
            do {
                scanner.skipWhitespace()
                guard try scanner.peekKind() == .object else { return false }
                try scanner.readObject { scanner, key in
                    switch try scanner.peekKind() {
                    case .number:
                        numbers.append(key.decoded())
                        _ = try scanner.readDouble()
                    case .string:
                        strings.insert(key.decoded().lowercased())
                        try scanner.skipValue()
                    default: try scanner.skipValue()
                    }
                }
                try scanner.expectEnd()
            } catch {
                return false
            }
            let isLogRecord =
                !strings.isDisjoint(with: ["level", "levelname", "severity", "lvl"])
                && !strings.isDisjoint(with: ["msg", "message", "event"])
            return !isLogRecord && numbers.contains { !JSONLParser.bookkeepingKeys.contains($0.lowercased()) }
        }
    }

    /// Numbers a log line carries about the process that wrote it, not about training.
    static let bookkeepingKeys: Set<String> = ["pid", "ppid", "tid", "thread", "line", "lineno"]
}
