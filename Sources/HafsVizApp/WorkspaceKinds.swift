// The window's workspaces, as a list of kinds: each says its key (title, settings) and builds its
// workspace from one context, so the live window and `--screenshot` are assembled by the same
// code. Adding a workspace: a `Workspace` class with a `static let key`, a kind here, its entry in
// `WorkspaceKinds.all`, and a CLI subcommand if it opens on its own.

import Foundation
import HafsVizCore
import HafsVizModel

/// What every workspace is built from.
public struct WorkspaceContext {
    /// The pipeline's data directory (the Dashboard's; the others look under it by default).
    public var directory: String
    /// A workspace's own folder given on the command line (`--logdir`, `hafs-viz latent DIR`).
    public var explicit: [WorkspaceKey: String]
    public var settings: Settings
    /// The workspace the window opens on.
    public var start: WorkspaceKey
    /// Read now, on this thread, before the first frame (a screenshot), instead of on threads
    /// while the window runs.
    public var readNow: Bool
    /// Called on a background thread when a workspace has something new to show.
    public var onUpdate: @Sendable () -> Void
    /// The bundled demo, offered when the data directory is missing.
    public var demoDirectory: String?
    /// Problems met while reading now, one line each (a screenshot prints them on stderr).
    public var problem: (String) -> Void

    public init(
        directory: String, explicit: [WorkspaceKey: String] = [:], settings: Settings = Settings(), start: WorkspaceKey,
        readNow: Bool, onUpdate: @escaping @Sendable () -> Void = {}, demoDirectory: String? = nil,
        problem: @escaping (String) -> Void = { _ in }
    ) {
        self.directory = directory
        self.explicit = explicit
        self.settings = settings
        self.start = start
        self.readNow = readNow
        self.onUpdate = onUpdate
        self.demoDirectory = demoDirectory
        self.problem = problem
    }
}

/// One kind of workspace the window holds.
public protocol WorkspaceKind: Sendable {
    var key: WorkspaceKey { get }
    /// The workspace, reading as the context says.
    func make(_ context: WorkspaceContext) -> Workspace
}

/// The window's workspaces, in tab order (Ctrl+1 … follow it).
public enum WorkspaceKinds {
    public static let all: [any WorkspaceKind] = [DashboardKind(), RunsKind(), LatentKind()]
}

extension AppWindow {
    /// A window of every kind in `kinds`, showing `context.start`.
    public convenience init(_ context: WorkspaceContext, kinds: [any WorkspaceKind] = WorkspaceKinds.all) {
        let workspaces = kinds.map { $0.make(context) }
        self.init(workspaces: workspaces, current: kinds.firstIndex { $0.key == context.start } ?? 0)
    }
}

/// The pipeline's three files.
public struct DashboardKind: WorkspaceKind {
    public init() {}
    public var key: WorkspaceKey { Dashboard.key }

    public func make(_ context: WorkspaceContext) -> Workspace {
        guard context.readNow else {
            return Dashboard(directory: context.directory, demoDirectory: context.demoDirectory, onUpdate: context.onUpdate)
        }
        let snapshot: Snapshot
        do {
            snapshot = try FolderSource.dataDirectory(context.directory).loadSnapshot()
        } catch {
            context.problem("\(context.directory): \(error)")
            snapshot = Snapshot(directory: context.directory)
        }
        for error in snapshot.errors { context.problem("\(context.directory)/\(error)") }
        let dashboard = Dashboard(
            directory: context.directory, demoDirectory: context.demoDirectory, initial: DashboardModel(snapshot: snapshot))
        _ = dashboard.idle(now: 0)
        return dashboard
    }
}

/// A logdir's training runs.
public struct RunsKind: WorkspaceKind {
    public init() {}
    public var key: WorkspaceKey { RunsWorkspace.key }

    /// The logdir it reads: `--logdir`, else the one it had open last (Ctrl+O), else the
    /// settings' `logdir`, else `<dir>/runs`.
    public static func logdir(_ context: WorkspaceContext) -> String {
        WorkspaceFolders.logdir(directory: context.directory, explicit: context.explicit[.runs], settings: context.settings)
    }

    public func make(_ context: WorkspaceContext) -> Workspace {
        let logdir = RunsKind.logdir(context)
        guard context.readNow else { return RunsWorkspace(logdir: logdir, onUpdate: context.onUpdate) }
        // Read for the Dashboard too: the Training Runs panel marks the runs that have curves.
        let model = RunsModel.readOnce(logdir: logdir)
        if context.start == key {
            for run in model.runs { for error in run.errors { context.problem("\(run.name): \(error)") } }
        }
        return RunsWorkspace(logdir: logdir, initial: model)
    }
}

/// An embedding map to label.
public struct LatentKind: WorkspaceKind {
    public init() {}
    public var key: WorkspaceKey { LatentWorkspace.key }

    /// The directory it reads: `hafs-viz latent DIR`, else the settings', else `<dir>/latent`.
    public static func directory(_ context: WorkspaceContext) -> String {
        WorkspaceFolders.latent(directory: context.directory, explicit: context.explicit[.latent], settings: context.settings)
    }

    public func make(_ context: WorkspaceContext) -> Workspace {
        let directory = LatentKind.directory(context)
        guard context.readNow else { return LatentWorkspace(directory: directory, onUpdate: context.onUpdate) }
        // Read now only when shown, so the picture shows the map (or, when latent.npy fails, why).
        guard context.start == key else { return LatentWorkspace(directory: directory, failed: nil) }
        switch LatentWorkspace.readNow(directory) {
        case .success(let scene):
            let latent = LatentWorkspace(directory: directory, initial: scene)
            for line in latent.errorLines { context.problem(line) }
            return latent
        case .failure(let error):
            context.problem("\(directory)/\(error)")
            return LatentWorkspace(directory: directory, failed: "\(error)")
        }
    }
}
