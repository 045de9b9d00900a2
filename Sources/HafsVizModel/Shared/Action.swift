import Figures

/// One command of a workspace or of the window: its id, its keys, its place and label in the
/// menus, its line in the F1 help, whether it can run now, and what it does. Every front end
/// binds its own input to these (the window its keys and menus, the terminal its keys), so
/// keys, menus and help cannot drift apart, and no command needs a UI to run.
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

extension Action {
    /// The Keyboard Shortcuts list of `actions`, in every front end: one line per command that
    /// names its keys (`keyText`), with its help line (else its title). A command without key
    /// text is covered by a sibling's line ("0 – 9", "↓ ↑").
    public static func shortcutLines(_ actions: [Action]) -> [(keys: String, text: String)] {
        actions.compactMap { action in action.keyText.map { ($0, action.help ?? action.title) } }
    }
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
