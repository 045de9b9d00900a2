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
        for name in names.sorted() where !name.hasPrefix(".") {
            let path = directory + "/" + name
            var entry = stat()
            guard stat(path, &entry) == 0 else { continue }
            switch entry.st_mode & S_IFMT {
            case S_IFDIR: folders.append(name)
            case S_IFREG: files.append(name)
            default: break
            }
        }
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
    /// Whether `line` is one whole JSON object with a number in it (a one-line config file
    /// without numbers is not taken for metrics).
    static func isObjectLine(_ line: String) -> Bool {
        var bytes = Array(line.utf8)
        return bytes.withUnsafeMutableBytes { fields(UnsafeRawBufferPointer($0))?.isEmpty == false }
    }
}
