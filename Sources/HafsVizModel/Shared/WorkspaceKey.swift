/// Names a workspace: its tab's title and the key its state is kept under in the settings.
/// Each workspace type has one (`Dashboard.key`, `RunsWorkspace.key`, `LatentWorkspace.key`), so
/// nothing reads a workspace's settings by a string typed twice.
public struct WorkspaceKey: Hashable, Sendable {
    public let title: String
    public init(_ title: String) { self.title = title }
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
