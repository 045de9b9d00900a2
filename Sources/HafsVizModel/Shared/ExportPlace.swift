import Foundation

/// Where exports go. Each export (Ctrl+S, Ctrl+E) gets a folder of its own,
/// `<data-dir-name>-export-<time>/`, under one visible base folder: `--export-dir`, else the
/// working directory when the app was started from a terminal, else `~/hafs-viz-exports`.
public struct ExportPlace: Sendable, Equatable {
    /// The folder the export folders are made in.
    public var base: String

    public init(base: String) { self.base = base }

    /// The name a workspace's exports are filed under: the last part of the folder it shows.
    public static func name(of folder: String) -> String { ((folder as NSString).standardizingPath as NSString).lastPathComponent }

    /// The base for a run of the app: `explicit` (from `--export-dir`), else `workingDirectory`
    /// when started from a terminal, else `<home>/hafs-viz-exports`.
    public static func resolve(explicit: String?, startedFromTerminal: Bool, workingDirectory: String, home: String) -> ExportPlace {
        if let explicit, !explicit.isEmpty {
            let absolute = explicit.hasPrefix("/") ? explicit : (workingDirectory as NSString).appendingPathComponent(explicit)
            return ExportPlace(base: (absolute as NSString).standardizingPath)
        }
        if startedFromTerminal { return ExportPlace(base: workingDirectory) }
        return ExportPlace(base: (home as NSString).appendingPathComponent("hafs-viz-exports"))
    }

    /// This process's base: `explicit`, else as `resolve` says for how it was started.
    public static func forThisProcess(explicit: String?) -> ExportPlace {
        resolve(
            explicit: explicit, startedFromTerminal: isatty(STDIN_FILENO) != 0 || isatty(STDOUT_FILENO) != 0,
            workingDirectory: FileManager.default.currentDirectoryPath, home: NSHomeDirectory())
    }

    /// Makes a new, empty folder for one export of `name`'s data and returns its path. Two
    /// exports in one second get `-2`, `-3`… rather than sharing a folder.
    public func makeFolder(for name: String, at date: Date = Date()) throws -> String {
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        formatter.locale = Locale(identifier: "en_US_POSIX")
        let safeName = name.isEmpty || name == "/" ? "hafs-viz" : name
        let stem = (base as NSString).appendingPathComponent("\(safeName)-export-\(formatter.string(from: date))")
        try FileManager.default.createDirectory(atPath: base, withIntermediateDirectories: true)
        var candidate = stem
        var attempt = 1
        // mkdir fails when the folder exists, so a folder is never shared by two exports.
        while mkdir(candidate, 0o755) != 0 {
            guard errno == EEXIST, attempt < 1000 else {
                throw CocoaError(
                    .fileWriteUnknown,
                    userInfo: [
                        NSFilePathErrorKey: candidate,
                        NSLocalizedDescriptionKey: "cannot make \(candidate): \(String(cString: strerror(errno)))",
                    ])
            }
            attempt += 1
            candidate = "\(stem)-\(attempt)"
        }
        return candidate
    }
}
