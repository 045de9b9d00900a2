import Figures
import HafsVizModel
import Immediate

/// What a workspace can ask of the window hosting it: what a session asks of any front end
/// (`report` in the status bar for 30 s, `stateChanged`, `resetViews`, `makeExportFolder`), and
/// the window's own.
public protocol WorkspaceHost: SessionHost {
    /// Opens a window over the workspace.
    func show(_ overlay: Overlay)
    /// Asks for a folder (Data ▸ Open Directory…), starting at `initial`; `open` gets the path
    /// chosen (a local path, or `host:/path`), and is not called when the dialog is cancelled.
    func askForDirectory(title: String, initial: String, open: @escaping (String) -> Void)
    /// Puts `text` on the clipboard (a command's copy; the window sets it after the command ran).
    func copyToClipboard(_ text: String)
    /// The window's workspace of type `T`, if it has one: how one workspace links to another
    /// (the Dashboard's Training Runs open a run's curves in Runs).
    func workspace<T: Workspace>(_ type: T.Type) -> T?
    /// Shows `workspace` (its tab).
    func bringForward(_ workspace: Workspace)
}

/// A screen of the window (Dashboard, Runs, …): draws its body, lists its commands and its part
/// of the status bar. The window around it (menus, tabs, status bar, overlays) is `AppWindow`'s.
public protocol Workspace: AnyObject {
    /// Its tab's title and the key its settings are kept under (each type's `static let key`).
    var key: WorkspaceKey { get }
    var host: WorkspaceHost? { get set }
    /// Between frames: takes finished background work; true when a frame is needed.
    func idle(now: Double) -> Bool
    /// Seconds until `idle` next needs to run.
    func idleTimeout(now: Double) -> Double
    /// Draws the workspace's body into `rect`.
    func frame(_ ui: UIContext, _ rect: Rect)
    /// Its commands, in menu order. They need no UI to run: what they ask of the window goes
    /// through the host.
    func actions() -> [Action]
    /// Its status-bar segments.
    func statusSegments() -> [StatusSegment]
    /// A clickable segment was clicked.
    func statusClicked(_ segment: StatusSegment)
    /// Esc, when no menu or window is open: close what the workspace has open; true when it did.
    func escape() -> Bool
    /// The name its exports are filed under: the last part of the directory it shows ("demo").
    var exportName: String { get }
    /// Help ▸ topics of its own (title, text), e.g. the data format.
    var helpTopics: [(title: String, text: String)] { get }
    /// Lines for the errors window (empty when there are none).
    var errorLines: [String] { get }
    /// A window of text the workspace opens itself (`Overlay.page`): Source Details, the
    /// drift list; nil for a name it does not know.
    func page(_ name: String) -> String?
    /// A page that is a table (the drift alerts): text above it, the table, text below; nil
    /// for a page of text only.
    func pageTable(_ name: String) -> PageTable?
    /// Its view state to keep between runs, as text (settings keep it under its title).
    func savedState() -> [String: String]
    /// Takes back what `savedState` gave (keys it does not know, or bad values, are ignored).
    func restore(_ state: [String: String])
}

extension Workspace {
    /// The tab's title.
    public var title: String { key.title }

    public func pageTable(_ name: String) -> PageTable? { nil }
}
