import DurableIO
import Foundation
import HafsVizCore

/// What the app remembers between runs, in `$XDG_CONFIG_HOME/hafs-viz/settings.json` (or
/// `~/.config/hafs-viz/`). Written atomically; unreadable or missing settings fall back to defaults.
public struct Settings: Codable, Equatable, Sendable {
    public var windowWidth = 1600
    public var windowHeight = 1000
    public var windowX: Int?
    public var windowY: Int?
    /// The logdir the Runs workspace reads (nil: `<data dir>/runs`; `--logdir` overrides).
    public var logdir: String?
    /// Each workspace's own view state, by its title (`Workspace.savedState`).
    public var workspaces: [String: [String: String]]?
    /// UI scale (View ▸ Larger / Smaller / Actual Size); nil: 1.
    public var uiScale: Float?
    /// Colour theme (`Theme.rawValue`); nil: dark.
    public var theme: String?

    public init() {}

    /// The settings file's path for an environment.
    public static func path(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        let base =
            environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? ((environment["HOME"] ?? NSHomeDirectory()) as NSString).appendingPathComponent(".config")
        return (base as NSString).appendingPathComponent("hafs-viz/settings.json")
    }

    /// Reads settings; a missing or damaged file gives the defaults (and says why in `problem`).
    public static func load(from path: String) -> (settings: Settings, problem: String?) {
        guard let data = FileManager.default.contents(atPath: path) else { return (Settings(), nil) }
        do {
            var settings = try JSONDecoder().decode(Settings.self, from: data)
            settings.windowWidth = min(max(settings.windowWidth, 320), 16384)
            settings.windowHeight = min(max(settings.windowHeight, 240), 16384)
            return (settings, nil)
        } catch {
            return (Settings(), "ignored unreadable settings \(path): \(error)")
        }
    }

    /// Writes settings atomically (temporary file in the same folder, then rename).
    public func save(to path: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try AtomicFile.write(try encoder.encode(self), to: path)
    }
}
