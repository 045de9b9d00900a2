import Figures
import Foundation
import HafsVizCore

/// Folders opened, the latest first, at most `limit`: Data ▸ Recent of the Dashboard (data
/// directories) and of Runs (logdirs). Kept in the settings as a JSON array (paths may hold
/// commas and line breaks).
public enum RecentPaths {
    public static let limit = 10

    /// `path` made absolute against the working directory, with "." and ".." resolved: how a
    /// folder is kept, so the same one opened from two places is one entry.
    public static func absolute(_ path: String) -> String {
        // Several logdirs read as one: each made absolute.
        let parts = LogdirList.split(path)
        guard parts.count == 1 else { return LogdirList.join(parts.map(absolute)) }
        // A remote location (host:/path) is kept as written.
        if case .remote = try? Location.parse(path) { return path }
        let full = path.hasPrefix("/") ? path : (FileManager.default.currentDirectoryPath as NSString).appendingPathComponent(path)
        return (full as NSString).standardizingPath
    }

    /// `paths` with `path` first (once), cut to `limit`.
    public static func noting(_ path: String, in paths: [String]) -> [String] {
        Array(([path] + paths.filter { $0 != path }).prefix(limit))
    }

    public static func settingText(_ paths: [String]) -> String {
        (try? JSONEncoder().encode(paths)).map { String(decoding: $0, as: UTF8.self) } ?? "[]"
    }

    /// The paths a setting holds (empty ones dropped, at most `limit`); nil when unreadable.
    public static func paths(settingText text: String?) -> [String]? {
        guard let text, let paths = try? JSONDecoder().decode([String].self, from: Data(text.utf8)) else { return nil }
        return Array(paths.filter { !$0.isEmpty }.prefix(limit))
    }

    /// Data ▸ Recent: one entry per path, `current` checked; choosing another calls `open`.
    public static func actions(_ paths: [String], current: String, open: @escaping (String) -> Void) -> [Action] {
        paths.enumerated().map { index, path in
            Action(
                "Recent: " + LogdirList.split(path).map { Format.path($0) }.joined(separator: " + "), menu: "Data",
                isChecked: { path == current }, separatorBefore: index == 0
            ) {
                if path != current { open(path) }
            }
        }
    }
}
