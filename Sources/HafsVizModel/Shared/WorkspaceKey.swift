import Foundation

/// Names a workspace: its title (a window tab, a terminal screen) and the key its state is kept
/// under in the settings. Each workspace has one (`.dashboard`, `.runs`, `.latent`), shared by
/// every front end, so the window and the terminal keep one workspace's settings in one place and
/// nothing reads them by a string typed twice.
public struct WorkspaceKey: Hashable, Sendable {
    public let title: String
    public init(_ title: String) { self.title = title }

    public static let dashboard = WorkspaceKey("Dashboard")
    public static let runs = WorkspaceKey("Runs")
    public static let latent = WorkspaceKey("Latent")
}

extension Settings {
    /// The state a workspace kept (`savedState`), empty when it kept none.
    public func state(of key: WorkspaceKey) -> [String: String] { workspaces?[key.title] ?? [:] }

    /// Keeps a workspace's state (nothing for an empty one).
    public mutating func setState(_ state: [String: String], of key: WorkspaceKey) {
        var all = workspaces ?? [:]
        all[key.title] = state.isEmpty ? nil : state
        workspaces = all.isEmpty ? nil : all
    }
}

/// Where the Runs and Latent workspaces read from, for every front end alike.
public enum WorkspaceFolders {
    /// The logdir: `--logdir`, else the one opened last (Ctrl+O), else the settings' `logdir`,
    /// else `<dir>/runs`.
    public static func logdir(directory: String, explicit: String?, settings: Settings) -> String {
        explicit ?? settings.state(of: .runs)["logdir"].flatMap { $0.isEmpty ? nil : $0 } ?? settings.logdir
            ?? (directory as NSString).appendingPathComponent("runs")
    }

    /// The latent directory: `hafs-viz latent DIR`, else the settings', else `<dir>/latent`.
    public static func latent(directory: String, explicit: String?, settings: Settings) -> String {
        explicit ?? settings.state(of: .latent)["directory"] ?? (directory as NSString).appendingPathComponent("latent")
    }
}
