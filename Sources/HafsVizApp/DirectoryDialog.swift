// DirectoryDialog: Data ▸ Open Directory…, a path field with the folders it could name listed
// beneath (and how many of the pipeline's files each holds).
//
// Keys: typing edits the path; Tab completes it as far as the folders agree (or takes the
// highlighted one); ↑/↓ highlight a folder; Enter opens the highlighted folder, else the path;
// Esc cancels. A click on a folder takes it into the field, a double-click opens it.

import Figures
import Foundation
import HafsVizCore
import HafsVizModel
import Immediate

public final class DirectoryDialog {
    public let title: String
    /// The path typed so far.
    public var text: String
    /// The folders `text` could go on to name (listed again when it changes).
    public private(set) var completion: DirectoryCompletion
    /// The highlighted folder (↑/↓), an index into `completion.candidates`.
    public private(set) var highlighted: Int?
    private let home: String
    private let open: (String) -> Void

    /// What a frame of the dialog ended in.
    public enum Outcome: Equatable {
        case stay, cancel
        case open(String)
    }

    public init(
        title: String, initial: String, home: String = NSHomeDirectory(), open: @escaping (String) -> Void
    ) {
        self.title = title
        self.home = home
        self.open = open
        // Start in the folder: its subfolders are listed.
        text = initial.hasSuffix("/") || initial.isEmpty ? initial : initial + "/"
        completion = DirectoryCompletion(typed: text, home: home)
    }

    /// Lists the folders again when the text changed.
    func refresh() {
        let expected = DirectoryCompletion(typed: text, home: home)
        if expected != completion {
            completion = expected
            highlighted = nil
        }
    }

    /// Tab: the highlighted folder, else as far as the folders agree.
    public func complete() {
        if let highlighted, completion.candidates.indices.contains(highlighted) {
            text = completion.candidates[highlighted].path
        } else {
            text = completion.completed(text, home: home)
        }
        refresh()
    }

    /// ↑/↓: moves the highlight (nil above the first row).
    public func moveHighlight(_ by: Int) {
        let count = completion.candidates.count
        guard count > 0 else { return }
        let next = (highlighted ?? -1) + by
        highlighted = next < 0 ? nil : min(next, count - 1)
    }

    /// The path Enter opens: the highlighted folder, else the typed text (with "~" expanded
    /// and no trailing "/").
    public var target: String {
        // A remote location is opened as typed (nothing here to expand it against).
        if isRemote { return text }
        let chosen = highlighted.flatMap { completion.candidates.indices.contains($0) ? completion.candidates[$0].path : nil } ?? text
        return DirectoryDialog.trimmed(DirectoryCompletion.expand(chosen, home: home))
    }

    /// Whether the text names a folder on another machine (`host:/path`, `ssh://…`).
    var isRemote: Bool {
        if case .remote = try? Location.parse(text) { return true }
        return false
    }

    /// Hands `path` to whoever asked (the window closes the dialog).
    public func finish(_ path: String) { open(path) }

    // MARK: - Drawing

    /// Draws the dialog centred in `content` on the popup layer, handles its keys and clicks,
    /// and says how the frame ended.
    func draw(_ ui: UIContext, _ content: Rect) -> Outcome {
        let style = ui.style
        let input = ui.input
        if input.pressed(KeyPress(.tab)) { complete() }
        if input.pressed(KeyPress(.down)) { moveHighlight(1) }
        if input.pressed(KeyPress(.up)) { moveHighlight(-1) }
        if input.pressed(KeyPress(.pageDown)) { moveHighlight(8) }
        if input.pressed(KeyPress(.pageUp)) { moveHighlight(-8) }
        if input.pressed(KeyPress(.enter)) { return .open(target) }

        let row = style.rowHeight
        let width = min(content.width - 40, 760 * style.scale)
        let height = min(content.height - 40, row * 16 + style.padding * 6)
        let box = Rect(min: content.center - Vec2(width, height) / 2, max: content.center + Vec2(width, height) / 2)
        var outcome = Outcome.stay
        ui.withLayer(1) {
            ui.draw { list in
                // The window beneath is dimmed: the dialog has the keys until it closes.
                list.addRectFilled(content, Color(r: 0, g: 0, b: 0, a: 70))
                list.addRectFilled(Rect(min: box.min + Vec2(4, 4), max: box.max + Vec2(4, 4)), Color(r: 0, g: 0, b: 0, a: 100))
                list.addRectFilled(box, style.popup)
                list.addRect(box, style.panelBorder)
            }
            let inner = box.insetBy(style.padding * 2, style.padding)
            let (titleRow, rest) = inner.splitTop(row)
            ui.label(title, at: Vec2(titleRow.min.x, titleRow.center.y - ui.font.lineHeight / 2), color: style.text)
            let hint = "Tab completes · ↑/↓ choose · Enter opens · Esc cancels"
            ui.label(
                hint, at: Vec2(titleRow.max.x - ui.font.measure(hint), titleRow.center.y - ui.font.lineHeight / 2), color: style.textDim)
            let (fieldRow, belowField) = rest.splitTop(row + style.spacing)
            ui.focusTextField("open-directory")
            if ui.textField("open-directory", &text, Rect(x: fieldRow.min.x, y: fieldRow.min.y, width: fieldRow.width, height: row)) {
                refresh()
            }
            let (listRect, footer) = belowField.splitBottom(row * 2 + style.spacing)
            outcome = drawCandidates(ui, listRect.insetBy(0, style.spacing / 2))
            // Footer: what Enter would open, then the buttons.
            let (statusRow, buttonRow) = footer.splitTop(row)
            let status = statusLine()
            ui.label(
                ui.font.truncate(status.text, toFit: statusRow.width),
                at: Vec2(statusRow.min.x, statusRow.center.y - ui.font.lineHeight / 2), color: status.color(style))
            let buttonWidth = 110 * style.scale
            let cancel = Rect(x: buttonRow.max.x - buttonWidth, y: buttonRow.min.y + 2, width: buttonWidth, height: row)
            let openButton = Rect(x: cancel.min.x - buttonWidth - style.spacing * 2, y: cancel.min.y, width: buttonWidth, height: row)
            if ui.button("Open", openButton) { outcome = .open(target) }
            if ui.button("Cancel", cancel) { outcome = .cancel }
        }
        ui.blockMouse(in: box)
        if input.wasPressed(.left), let mouse = input.mouse, !box.contains(mouse), ui.openPopup == nil { outcome = .cancel }
        return outcome
    }

    /// The folders under the field: name, then how many pipeline files each holds.
    private func drawCandidates(_ ui: UIContext, _ rect: Rect) -> Outcome {
        let style = ui.style
        let row = style.rowHeight
        let candidates = completion.candidates
        ui.draw { $0.addRectFilled(rect, style.panel) }
        if let problem = completion.problem {
            ui.label(problem, in: rect, color: style.warning, centered: true)
            return .stay
        }
        if candidates.isEmpty {
            // Nothing typed after the last "/": the folder has no subfolders, whatever is typed next.
            let typedName = (text as NSString).lastPathComponent
            let message =
                text.hasSuffix("/") || typedName.isEmpty ? "no folders inside \(text)" : "no folders here start with “\(typedName)”"
            ui.label(ui.font.truncateMiddle(message, toFit: rect.width - style.padding * 2), in: rect, color: style.textDim, centered: true)
            return .stay
        }
        // Keep the highlighted row in view.
        let scrollLabel = "open-directory:list"
        if let highlighted {
            let offset: Float = ui.existingState(for: ui.id(scrollLabel)) ?? 0
            let top = Float(highlighted) * row
            let wanted = top < offset ? top : top + row > offset + rect.height ? top + row - rect.height : offset
            ui.setState(wanted, for: ui.id(scrollLabel))
        }
        var outcome = Outcome.stay
        var picked: Int?
        let total = candidates.count + (completion.leftOut > 0 ? 1 : 0)
        ui.scrollPanel(scrollLabel, rect, contentHeight: Float(total) * row) { origin in
            let first = max(0, Int((rect.min.y - origin.y) / row))
            let last = min(total, Int((rect.max.y - origin.y) / row) + 1)
            guard first < last else { return }
            for index in first..<last {
                let rowRect = Rect(x: rect.min.x, y: origin.y + Float(index) * row, width: rect.width - 10 * style.scale, height: row)
                let y = rowRect.center.y - ui.font.lineHeight / 2
                guard index < candidates.count else {
                    ui.label(
                        "… \(completion.leftOut) more: type more of the name", at: Vec2(rowRect.min.x + style.padding, y),
                        color: style.textDim)
                    continue
                }
                let candidate = candidates[index]
                let interaction = ui.interact(ui.id("open-directory:row:\(index)"), rowRect)
                if index == highlighted {
                    ui.draw { $0.addRectFilled(rowRect, style.accent.withAlpha(0.3)) }
                } else if interaction.hovered {
                    ui.draw { $0.addRectFilled(rowRect, style.widgetHovered) }
                }
                ui.label(candidate.name + "/", at: Vec2(rowRect.min.x + style.padding, y), color: style.text)
                let files = candidate.dataFiles > 0 ? "\(candidate.dataFiles) of 3 pipeline files" : ""
                ui.label(files, at: Vec2(rowRect.max.x - ui.font.measure(files) - style.padding, y), color: style.accent)
                if interaction.clicked { picked = index }
                if interaction.hovered, ui.input.wasDoubleClicked(.left) {
                    outcome = .open(DirectoryDialog.trimmed(DirectoryCompletion.expand(candidate.path, home: home)))
                }
            }
        }
        if let picked, outcome == .stay {
            text = candidates[picked].path
            refresh()
        }
        return outcome
    }

    /// The line under the field: what Enter would open, and whether it is there (or why not).
    public var status: String { statusLine().text }

    /// What Enter would open, and whether it is there.
    private func statusLine() -> (text: String, color: (Style) -> Color) {
        let path = target
        if isRemote {
            return ("\(path): on another machine, read over SSH", { $0.accent })
        }
        guard DirectoryCompletion.isDirectory(path, home: home) else {
            return ("\(path) does not exist yet: Open waits for the pipeline to write it", { $0.warning })
        }
        let files = DirectoryCompletion.dataFileCount(path)
        return files > 0
            ? ("\(path): \(files) of 3 pipeline files", { $0.accent })
            : ("\(path): a folder without quality_feedback.json, active_learning.json or training_feedback.json", { $0.textDim })
    }

    static func trimmed(_ path: String) -> String {
        var path = path
        while path.count > 1, path.hasSuffix("/") { path.removeLast() }
        return path
    }
}
