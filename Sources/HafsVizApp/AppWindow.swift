// AppWindow: the whole window around the workspaces. Platform-free: it builds the menu bar, the
// workspace tabs, the status bar and the overlays each frame, and routes keys.
//
// [SECTION] Commands
//   One table: the window's own actions plus the current workspace's. Keys, menus and the F1
//   help are all built from it. Esc closes a menu first (the menu bar does), then a window,
//   then whatever the workspace has open (a maximized panel).
// [SECTION] Host
//   What needs the platform (rendering a PNG of the window, quitting) is asked of an `AppHost`.

import Figures
import Foundation
import HafsVizModel
import Immediate

/// A window over the workspace.
public enum Overlay: Equatable, Sendable {
    case shortcuts, about, errors
    /// A help topic of the current workspace, by title.
    case topic(String)
    /// A page of the current workspace's own (`Workspace.page`).
    case page(String)
}

/// What the window asks of the program that shows it.
public protocol AppHost: AnyObject {
    /// Renders the window as it is once the current frame is done, writes it to `path` as a PNG
    /// (atomically), and calls `done` with nil or what went wrong.
    func exportPNG(to path: String, done: @escaping (String?) -> Void)
    /// Ends the program (after the current frame).
    func quit()
    /// A workspace's saved state changed: write the settings now.
    func saveSettings()
    /// Draw from the next frame on at this scale and in this theme (the font is rasterized
    /// anew at the new size, so text stays crisp).
    func apply(_ appearance: Appearance)
}

/// How the window looks: a UI scale (on top of the display's own) and a colour theme.
public struct Appearance: Equatable, Sendable {
    public var scale: Float
    public var theme: Theme

    public init(scale: Float = 1, theme: Theme = .dark) {
        self.scale = Appearance.steps.min { abs($0 - scale) < abs($1 - scale) } ?? 1
        self.theme = theme
    }

    /// The scales Ctrl+= and Ctrl+- step through.
    public static let steps: [Float] = [0.75, 0.85, 1, 1.15, 1.3, 1.5, 1.75, 2, 2.5, 3]

    /// One step larger (`by` 1) or smaller (-1), clamped to the ends.
    public func stepped(_ by: Int) -> Appearance {
        let index = Appearance.steps.firstIndex(of: scale) ?? 2
        return Appearance(scale: Appearance.steps[min(max(index + by, 0), Appearance.steps.count - 1)], theme: theme)
    }
}

public final class AppWindow: WorkspaceHost {
    public let workspaces: [Workspace]
    public private(set) var current: Int
    public private(set) var overlay: Overlay?
    /// The folder dialog open now (`askForDirectory`); it takes the keyboard while open.
    public private(set) var directoryDialog: DirectoryDialog?
    /// The last action's outcome for the status bar (export paths, errors), with when it happened.
    public private(set) var notice: (text: String, isError: Bool, time: Double)?
    public weak var host: AppHost?
    /// Told of every command performed, from a key or a menu, after it ran (the trace that the
    /// end-to-end key test reads).
    public var onPerform: ((_ workspace: String, _ action: Action) -> Void)?
    /// Where exports go (`--export-dir`, else as `ExportPlace.forThisProcess` says).
    public var exportPlace = ExportPlace.forThisProcess(explicit: nil)
    /// Scale and theme, kept in the settings.
    public private(set) var appearance = Appearance()
    private var now: Double = 0
    private var pendingCopy: String?
    private var pendingViewReset = false
    /// Menus in the order the bar shows them.
    static let menuOrder = ["File", "View", "Data", "Help"]

    public init(workspaces: [Workspace], current: Int = 0) {
        self.workspaces = workspaces
        self.current = min(max(current, 0), max(workspaces.count - 1, 0))
        for workspace in workspaces { workspace.host = self }
    }

    public var workspace: Workspace { workspaces[current] }

    /// Every workspace's state, by title, into `settings`.
    public func save(into settings: inout Settings) {
        for workspace in workspaces { settings.setState(workspace.savedState(), of: workspace.key) }
        settings.uiScale = appearance.scale == 1 ? nil : appearance.scale
        settings.theme = appearance.theme == .dark ? nil : appearance.theme.rawValue
    }

    /// Changes scale or theme: the host redraws with it and the settings keep it.
    public func setAppearance(_ new: Appearance) {
        guard new != appearance else { return }
        appearance = new
        host?.apply(new)
        host?.saveSettings()
        report("\(new.theme.title) theme, UI scale \(Int((new.scale * 100).rounded()))%", isError: false)
    }

    /// Gives each workspace its saved state back.
    public func restore(from settings: Settings) {
        appearance = Appearance(scale: settings.uiScale ?? 1, theme: settings.theme.flatMap(Theme.init(rawValue:)) ?? .dark)
        for workspace in workspaces {
            let state = settings.state(of: workspace.key)
            if !state.isEmpty { workspace.restore(state) }
        }
    }

    /// Shows workspace `index` (Ctrl+1 … Ctrl+9, the tabs).
    public func select(_ index: Int) {
        guard workspaces.indices.contains(index) else { return }
        current = index
    }

    // MARK: - WorkspaceHost

    public func report(_ text: String, isError: Bool) {
        notice = (text, isError, now)
    }

    public func show(_ overlay: Overlay) { self.overlay = overlay }

    public func stateChanged() { host?.saveSettings() }

    public func makeExportFolder(for name: String) throws -> String { try exportPlace.makeFolder(for: name) }

    public func copyToClipboard(_ text: String) { pendingCopy = text }

    public func resetViews() { pendingViewReset = true }

    public func workspace<T: Workspace>(_ type: T.Type) -> T? { workspaces.lazy.compactMap { $0 as? T }.first }

    public func bringForward(_ workspace: Workspace) {
        if let index = workspaces.firstIndex(where: { $0 === workspace }) { select(index) }
    }

    /// What commands asked of the UI (`copyToClipboard`, `resetViews`), done once a frame has the UI.
    private func applyRequests(_ ui: UIContext) {
        if let text = pendingCopy { ui.clipboard.set(text) }
        pendingCopy = nil
        if pendingViewReset {
            ui.resetAllPlots()
            ui.requestRedraw()  // plots already drawn this frame fit on the next one
        }
        pendingViewReset = false
    }

    public func askForDirectory(title: String, initial: String, open: @escaping (String) -> Void) {
        overlay = nil
        directoryDialog = DirectoryDialog(title: title, initial: initial, open: open)
    }

    // MARK: - Between frames

    /// Runs every workspace's `idle` (background ones keep their data fresh); true when the shown
    /// one needs a frame.
    public func idle(now: Double) -> Bool {
        self.now = now
        var changed = false
        for (index, workspace) in workspaces.enumerated() where workspace.idle(now: now) && index == current {
            changed = true
        }
        return changed
    }

    public func idleTimeout(now: Double) -> Double { workspace.idleTimeout(now: now) }

    // MARK: - Commands

    /// The window's own commands.
    func windowActions(_ ui: UIContext) -> [Action] {
        var actions = [
            Action(
                "Export PNG", menu: "File", keys: [KeyPress(.character("s"), .control)], keyText: "Ctrl+S",
                help: "Export PNG of the window", separatorBefore: true
            ) { [unowned self] in exportPNG() },
            Action("Quit", menu: "File", keys: [KeyPress(.character("q"), .control)], keyText: "Ctrl+Q", separatorBefore: true) {
                [unowned self] in
                host?.quit()
            },
        ]
        // Export PNG and Quit work while the folder dialog is open (a picture of it is fair).
        for index in actions.indices { actions[index].worksOverDialogs = true }
        for (index, workspace) in workspaces.enumerated() where index < 9 {
            actions.append(
                Action(
                    workspace.title, menu: "View", keys: [KeyPress(.character(Character("\(index + 1)")), .control)],
                    keyText: index == 0 ? "Ctrl+1 – \(min(9, workspaces.count))" : nil,
                    help: index == 0 ? "Switch workspace (\(workspaces.prefix(9).map(\.title).joined(separator: ", ")))" : nil,
                    isChecked: { [unowned self] in current == index }, separatorBefore: index == 0
                ) { [unowned self] in select(index) })
        }
        actions.append(
            Action("Reset All Zoom", menu: "View", keys: [KeyPress(.home)], keyText: "Home", separatorBefore: true) { [unowned self] in
                resetViews()
            })
        // Ctrl+= and Ctrl++ (Shift+= on most layouts) both enlarge; the keypad's too.
        actions.append(
            Action(
                "Larger Text and Controls", menu: "View",
                keys: [
                    KeyPress(.character("="), .control), KeyPress(.character("+"), .control),
                    KeyPress(.character("="), [.control, .shift]),
                    KeyPress(.character("+"), [.control, .shift]),
                ],
                keyText: "Ctrl+=", help: "UI scale up (remembered)", separatorBefore: true
            ) { [unowned self] in
                setAppearance(appearance.stepped(1))
            })
        actions.append(
            Action(
                "Smaller Text and Controls", menu: "View", keys: [KeyPress(.character("-"), .control)], keyText: "Ctrl+-",
                help: "UI scale down"
            ) { [unowned self] in setAppearance(appearance.stepped(-1)) })
        actions.append(
            Action(
                "Actual Size", menu: "View", keys: [KeyPress(.character("0"), .control)], keyText: "Ctrl+0",
                help: "UI scale 100%"
            ) { [unowned self] in setAppearance(Appearance(scale: 1, theme: appearance.theme)) })
        for theme in Theme.allCases {
            actions.append(
                Action(
                    "\(theme.title) Theme", menu: "View", isChecked: { [unowned self] in appearance.theme == theme },
                    separatorBefore: theme == Theme.allCases.first
                ) { [unowned self] in
                    setAppearance(Appearance(scale: appearance.scale, theme: theme))
                })
        }
        // Esc: an open menu closes itself (the menu bar sees the key); then a window, then what the
        // workspace has open (a maximized panel).
        var back = Action(
            "Back", keys: [KeyPress(.escape)], keyText: "Esc", help: "Close a menu, dialog or window / back to all panels",
            isEnabled: { ui.openPopup == nil }
        ) { [unowned self] in
            if directoryDialog != nil {
                directoryDialog = nil
            } else if overlay != nil {
                overlay = nil
            } else {
                _ = workspace.escape()
            }
        }
        back.worksOverDialogs = true
        actions.append(back)
        actions.append(
            Action("Keyboard Shortcuts", menu: "Help", keys: [KeyPress(.f(1))], keyText: "F1", help: "This list") { [unowned self] in
                overlay = overlay == .shortcuts ? nil : .shortcuts
            })
        for topic in workspace.helpTopics {
            actions.append(Action(topic.title, menu: "Help") { [unowned self] in overlay = .topic(topic.title) })
        }
        actions.append(Action("About", menu: "Help") { [unowned self] in overlay = .about })
        return actions
    }

    /// Every command now: the current workspace's first, then the window's.
    public func actions(_ ui: UIContext) -> [Action] {
        workspace.actions() + windowActions(ui)
    }

    private func exportPNG() {
        guard let host else {
            report("PNG export is not available here", isError: true)
            return
        }
        let path: String
        do {
            path = (try makeExportFolder(for: workspace.exportName) as NSString).appendingPathComponent(
                workspace.title.lowercased() + ".png")
        } catch {
            report("PNG export failed: \(error.localizedDescription)", isError: true)
            return
        }
        host.exportPNG(to: path) { [weak self] error in
            if let error {
                self?.report("PNG export failed: \(error)", isError: true)
            } else {
                self?.report("wrote \(path)", isError: false)
            }
        }
    }

    // MARK: - Frame

    /// Builds one frame of the whole window.
    public func frame(_ ui: UIContext) {
        let actions = self.actions(ui)
        handleKeys(ui, actions)
        applyRequests(ui)
        let style = ui.style
        let screen = Rect(min: .zero, max: ui.input.displaySize)
        let (bar, rest) = screen.splitTop(style.rowHeight + 2)
        var (body, statusRect) = rest.splitBottom(style.rowHeight + 2)
        if workspaces.count > 1 {
            let (tabRow, below) = body.splitTop(style.rowHeight + 4)
            let chosen = ui.tabs("workspaces", workspaces.map(\.title), tabRow.insetBy(style.spacing, 2))
            if chosen != current { select(chosen) }
            body = below
        }
        let content = body.insetBy(style.spacing, style.spacing)
        workspace.frame(ui, content)
        drawStatusBar(ui, statusRect)
        drawMenuBar(ui, bar, actions)
        if let overlay { drawOverlay(overlay, ui, content, actions) }
        applyRequests(ui)
        if let dialog = directoryDialog {
            switch dialog.draw(ui, content) {
            case .stay: break
            case .cancel: directoryDialog = nil
            case .open(let path):
                directoryDialog = nil
                dialog.finish(path)
            }
        }
    }

    private func handleKeys(_ ui: UIContext, _ actions: [Action]) {
        let input = ui.input
        // While a text field has the keyboard, what it types is not a shortcut.
        let typing = ui.wantsTextInput
        let dialog = directoryDialog != nil
        for action in actions
        where action.keys.contains(where: { input.pressed($0) && !(typing && $0.isTextEditing && !($0 == KeyPress(.escape) && dialog)) })
            && action.isEnabled() && (!dialog || action.worksOverDialogs)
        {
            perform(action)
        }
        ui.selectTab("workspaces", current)
    }

    private func perform(_ action: Action) {
        let shown = workspace.title
        action.perform()
        onPerform?(shown, action)
    }

    private func drawMenuBar(_ ui: UIContext, _ bar: Rect, _ actions: [Action]) {
        ui.menuBar(bar) { menus in
            for title in AppWindow.menuOrder {
                let items = actions.filter { $0.menu == title }
                guard !items.isEmpty else { continue }
                menus.menu(title) { menu in
                    for (index, action) in items.enumerated() {
                        if action.separatorBefore, index > 0 { menu.separator() }
                        if menu.item(action.title, shortcut: action.keyText, checked: action.isChecked?(), enabled: action.isEnabled()) {
                            perform(action)
                        }
                    }
                }
            }
        }
    }

    /// The status bar: the workspace's segments, then the last notice for 30 s.
    public func statusSegments() -> [StatusSegment] {
        var segments = workspace.statusSegments()
        if let notice, now - notice.time < 30 {
            segments.append(StatusSegment(notice.text, tone: notice.isError ? .error : .accent))
        }
        return segments
    }

    private func drawStatusBar(_ ui: UIContext, _ rect: Rect) {
        let segments = statusSegments()
        if let clicked = ui.statusBar(rect, segments), segments[clicked].clickable {
            workspace.statusClicked(segments[clicked])
        }
    }

    // MARK: - Overlays

    /// A page that is a table: its text, then the table widget (aligned columns that sort on a
    /// click), then the footer, in a box over the workspace.
    private func drawPageTable(_ name: String, _ table: PageTable, _ ui: UIContext, _ content: Rect) {
        let style = ui.style
        let row = ui.font.lineHeight + 2
        let textWidth = (table.intro + table.footer).map { ui.font.measure($0) }.max() ?? 0
        let tableWidth = table.columns.isEmpty ? 0 : ui.tableWidth(columns: table.columns, rows: table.rows)
        let width = min(content.width - 40, max(480 * style.scale, textWidth, tableWidth) + style.padding * 4)
        let tableHeight = table.columns.isEmpty ? 0 : style.rowHeight * Float(table.rows.count + 3) + style.padding
        let height = min(content.height - 40, Float(table.intro.count + table.footer.count + 2) * row + tableHeight + style.padding * 3)
        let box = overlayFrame(name, size: Vec2(width, height), ui, content)
        ui.withLayer(1) {
            let inner = box.insetBy(style.padding * 2, style.padding)
            var y = inner.min.y + row * 1.5
            for line in table.intro {
                ui.label(ui.font.truncate(line, toFit: inner.width), at: Vec2(inner.min.x, y), color: style.text)
                y += row
            }
            let footerHeight = Float(table.footer.count) * row
            if !table.columns.isEmpty {
                var selected: String?
                let rect = Rect(
                    min: Vec2(inner.min.x, y + style.padding / 2), max: Vec2(inner.max.x, inner.max.y - footerHeight - style.padding / 2))
                _ = ui.table("page-table:" + name, columns: table.columns, rows: table.rows, rect, selection: &selected)
                y = rect.max.y + style.padding / 2
            }
            for line in table.footer {
                ui.label(ui.font.truncate(line, toFit: inner.width), at: Vec2(inner.min.x, y), color: style.textDim)
                y += row
            }
        }
    }

    /// The F1 list: every command with keys, then the mouse.
    func shortcutLines(_ actions: [Action]) -> [(String, String)] {
        Action.shortcutLines(actions).map { ($0.keys, $0.text) } + HelpText.mouse
    }

    private func drawOverlay(_ overlay: Overlay, _ ui: UIContext, _ content: Rect, _ actions: [Action]) {
        if case .page(let name) = overlay, let table = workspace.pageTable(name) {
            drawPageTable(name, table, ui, content)
            return
        }
        let lines: [(String, String?)]
        let title: String
        var isError = false
        switch overlay {
        case .shortcuts:
            title = "Keyboard Shortcuts — \(workspace.title)"
            lines = shortcutLines(actions).map { ($0.0, $0.1) }
        case .topic(let name):
            title = name
            let text = workspace.helpTopics.first { $0.title == name }?.text ?? ""
            lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { (String($0), nil) }
        case .page(let name):
            title = name
            let text = workspace.page(name) ?? "(nothing to show)"
            lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { (String($0), nil) }
        case .about:
            title = "About hafs-viz"
            lines = HelpText.about.split(separator: "\n", omittingEmptySubsequences: false).map { (String($0), nil) }
        case .errors:
            title = "Errors — \(workspace.title)"
            lines = workspace.errorLines.map { ($0, nil) }
            isError = true
        }
        let style = ui.style
        let row = ui.font.lineHeight + 2
        let keyWidth = lines.contains { $0.1 != nil } ? (lines.map { ui.font.measure($0.0) }.max() ?? 0) + style.padding * 3 : 0
        let textWidth = lines.map { ui.font.measure($0.1 ?? $0.0) }.max() ?? 0
        let width = min(content.width - 40, max(360 * style.scale, keyWidth + textWidth + style.padding * 4))
        let height = min(content.height - 40, Float(lines.count + 3) * row + style.padding * 2)
        let box = overlayFrame(title, size: Vec2(width, height), ui, content)
        ui.draw(layer: 1) { list in
            list.pushClip(box.insetBy(style.padding, style.padding))
            for (index, line) in lines.enumerated() {
                let y = box.min.y + style.padding + row * Float(index + 2)
                list.addText(
                    line.0, at: Vec2(box.min.x + style.padding * 2, y), font: ui.font,
                    line.1 == nil ? (isError ? style.error : style.text) : style.accent)
                if let text = line.1 {
                    list.addText(text, at: Vec2(box.min.x + style.padding * 2 + keyWidth, y), font: ui.font, style.text)
                }
            }
            list.popClip()
        }
    }

    /// A window of `size` centred over `content` on the popup layer: its shadow, fill, border,
    /// `title` and "Esc to close". It takes the mouse; a click outside it closes it. Its box.
    private func overlayFrame(_ title: String, size: Vec2, _ ui: UIContext, _ content: Rect) -> Rect {
        let style = ui.style
        let box = Rect(min: content.center - size / 2, max: content.center + size / 2)
        ui.draw(layer: 1) { list in
            list.addRectFilled(Rect(min: box.min + Vec2(4, 4), max: box.max + Vec2(4, 4)), Color(r: 0, g: 0, b: 0, a: 100))
            list.addRectFilled(box, style.popup)
            list.addRect(box, style.panelBorder)
            list.addText(title, at: box.min + Vec2(style.padding * 2, style.padding), font: ui.font, style.text)
            list.addText(
                "Esc to close", at: Vec2(box.max.x - ui.font.measure("Esc to close") - style.padding * 2, box.min.y + style.padding),
                font: ui.font, style.textDim)
        }
        ui.blockMouse(in: box)
        if ui.input.wasPressed(.left), let mouse = ui.input.mouse, !box.contains(mouse), ui.openPopup == nil {
            overlay = nil
        }
        return box
    }
}
