import Figures
import Immediate

/// One command of the window: its keys, its place and label in the menus, and its line in the
/// F1 help. Keys, menus and help are all built from these, so they cannot drift apart.
public struct Action {
    /// Names the command whatever its title says now ("pause" is titled Pause or Resume); the
    /// title unless given.
    public var id: String
    public var title: String
    /// The menu it appears in ("File", "View", "Data", "Help"); nil for a key-only command.
    public var menu: String?
    public var keys: [KeyPress]
    /// How menus and help write the keys ("F5", "Ctrl+S", "1 – 4"); nil when there are none.
    public var keyText: String?
    /// The help line; nil: the title.
    public var help: String?
    /// A check mark in the menu; nil: no check box.
    public var isChecked: (() -> Bool)?
    public var isEnabled: () -> Bool
    /// A separator above it in its menu.
    public var separatorBefore: Bool
    public var perform: () -> Void
    /// Its keys work while a dialog (Open Directory…) has the keyboard: Esc, Quit.
    public var worksOverDialogs = false

    public init(
        _ title: String, id: String? = nil, menu: String? = nil, keys: [KeyPress] = [], keyText: String? = nil, help: String? = nil,
        isChecked: (() -> Bool)? = nil, isEnabled: @escaping () -> Bool = { true }, separatorBefore: Bool = false,
        perform: @escaping () -> Void
    ) {
        self.id = id ?? title
        self.title = title
        self.menu = menu
        self.keys = keys
        self.keyText = keyText
        self.help = help
        self.isChecked = isChecked
        self.isEnabled = isEnabled
        self.separatorBefore = separatorBefore
        self.perform = perform
    }
}

/// What a workspace can ask of the window hosting it.
public protocol WorkspaceHost: AnyObject {
    /// Shows a line in the status bar (export paths, failures) for 30 s.
    func report(_ text: String, isError: Bool)
    /// Opens a window over the workspace.
    func show(_ overlay: Overlay)
    /// The workspace's `savedState()` changed: keep it now (the settings file), not only at exit.
    func stateChanged()
    /// Asks for a folder (Data ▸ Open Directory…), starting at `initial`; `open` gets the path
    /// chosen, and is not called when the dialog is cancelled.
    func askForDirectory(title: String, initial: String, open: @escaping (String) -> Void)
    /// Makes a new folder for one export of `name`'s data (`ExportPlace`); its path.
    func makeExportFolder(for name: String) throws -> String
}

/// A screen of the window (Dashboard, Runs, …): draws its body, lists its commands and its part
/// of the status bar. The window around it (menus, tabs, status bar, overlays) is `AppWindow`'s.
public protocol Workspace: AnyObject {
    /// The tab's title, and the name its settings are kept under.
    var title: String { get }
    var host: WorkspaceHost? { get set }
    /// Between frames: takes finished background work; true when a frame is needed.
    func idle(now: Double) -> Bool
    /// Seconds until `idle` next needs to run.
    func idleTimeout(now: Double) -> Double
    /// Draws the workspace's body into `rect`.
    func frame(_ ui: UIContext, _ rect: Rect)
    /// Its commands, in menu order.
    func actions(_ ui: UIContext) -> [Action]
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

/// A workspace page laid out as a table (sortable, aligned columns) between lines of text.
public struct PageTable {
    public var intro: [String]
    public var columns: [TableColumn]
    public var rows: [TableRow]
    public var footer: [String]

    public init(intro: [String], columns: [TableColumn], rows: [TableRow], footer: [String]) {
        self.intro = intro
        self.columns = columns
        self.rows = rows
        self.footer = footer
    }
}

extension Workspace {
    public func pageTable(_ name: String) -> PageTable? { nil }
}
