import Figures
import Synchronization

/// The editing state of a one-line text field: a caret and an optional selection over the text's
/// characters, and what each editing key does to them. No drawing here, so every key can be
/// tested on its own.
///
/// Keys: ←/→ (a character), Ctrl+←/→ (a word), Home/End; with Shift each extends the selection.
/// Backspace/Delete remove the selection or a character, Ctrl+Backspace/Ctrl+Delete a word,
/// Ctrl+U everything. Ctrl+A selects all; Ctrl+C copies, Ctrl+X cuts and Ctrl+V pastes through
/// a `Clipboard`.
public struct TextEdit: Sendable, Equatable {
    /// Where the caret is, in characters from the start.
    public var caret: Int
    /// The other end of the selection (nil: nothing selected).
    public var anchor: Int?

    public init(caret: Int, anchor: Int? = nil) {
        self.caret = caret
        self.anchor = anchor
    }

    /// The selected characters' range, when the selection is not empty.
    public var selection: Range<Int>? {
        guard let anchor, anchor != caret else { return nil }
        return min(anchor, caret)..<max(anchor, caret)
    }

    /// Keeps the caret and anchor inside a text of `count` characters.
    public mutating func clamp(to count: Int) {
        caret = min(max(caret, 0), count)
        if let anchor { self.anchor = min(max(anchor, 0), count) }
    }

    /// Whether `press` is an editing key of a text field (and so not a shortcut while one has
    /// the keyboard).
    public static func handles(_ press: KeyPress) -> Bool {
        let control = press.modifiers.contains(.control)
        if press.modifiers.contains(.alt) || press.modifiers.contains(.super) { return false }
        switch press.key {
        case .left, .right, .home, .end, .backspace, .delete: return true
        case .enter, .escape: return !control
        case .character(let c): return !control || "uacxv".contains(c)
        default: return false
        }
    }

    /// Applies one key to `text`; true when the text changed.
    public mutating func apply(_ press: KeyPress, to text: inout String, clipboard: Clipboard) -> Bool {
        var characters = Array(text)
        clamp(to: characters.count)
        let shift = press.modifiers.contains(.shift)
        let control = press.modifiers.contains(.control)
        func move(to position: Int) {
            if shift {
                if anchor == nil { anchor = caret }
            } else {
                anchor = nil
            }
            caret = position
        }
        func replaceSelection(with inserted: [Character]) -> Bool {
            guard let range = selection else { return false }
            characters.replaceSubrange(range, with: inserted)
            caret = range.lowerBound + inserted.count
            anchor = nil
            return true
        }
        switch press.key {
        case .left:
            if !shift, let range = selection {
                move(to: range.lowerBound)
            } else {
                move(to: control ? TextEdit.wordStart(characters, before: caret) : max(0, caret - 1))
            }
            return false
        case .right:
            if !shift, let range = selection {
                move(to: range.upperBound)
            } else {
                move(to: control ? TextEdit.wordEnd(characters, after: caret) : min(characters.count, caret + 1))
            }
            return false
        case .home:
            move(to: 0)
            return false
        case .end:
            move(to: characters.count)
            return false
        case .backspace, .delete:
            if replaceSelection(with: []) {
                text = String(characters)
                return true
            }
            let forward = press.key == .delete
            let range: Range<Int>
            if forward {
                range = caret..<(control ? TextEdit.wordEnd(characters, after: caret) : min(characters.count, caret + 1))
            } else {
                range = (control ? TextEdit.wordStart(characters, before: caret) : max(0, caret - 1))..<caret
            }
            guard !range.isEmpty else { return false }
            characters.removeSubrange(range)
            caret = range.lowerBound
            anchor = nil
            text = String(characters)
            return true
        case .character(let c) where control:
            switch c {
            case "a":
                anchor = 0
                caret = characters.count
                return false
            case "c", "x":
                guard let range = selection else { return false }
                clipboard.set(String(characters[range]))
                guard c == "x" else { return false }
                _ = replaceSelection(with: [])
                text = String(characters)
                return true
            case "v":
                // One line: a pasted line break would end the field's text, so it becomes a space.
                let pasted = (clipboard.get() ?? "").map { $0.isNewline ? " " : $0 }.filter { !TextEdit.isControl($0) }
                guard !pasted.isEmpty || selection != nil else { return false }
                if !replaceSelection(with: pasted) {
                    characters.insert(contentsOf: pasted, at: caret)
                    caret += pasted.count
                }
                text = String(characters)
                return true
            case "u":
                guard !characters.isEmpty else { return false }
                text = ""
                caret = 0
                anchor = nil
                return true
            default:
                return false
            }
        default:
            return false
        }
    }

    /// Inserts typed text at the caret (over the selection); true when the text changed.
    public mutating func insert(_ typed: String, into text: inout String) -> Bool {
        let inserted = typed.filter { !TextEdit.isControl($0) }
        guard !inserted.isEmpty else { return false }
        var characters = Array(text)
        clamp(to: characters.count)
        if let range = selection {
            characters.replaceSubrange(range, with: inserted)
            caret = range.lowerBound + inserted.count
        } else {
            characters.insert(contentsOf: inserted, at: caret)
            caret += inserted.count
        }
        anchor = nil
        text = String(characters)
        return true
    }

    static func isControl(_ character: Character) -> Bool {
        character.asciiValue.map { $0 < 32 || $0 == 127 } ?? false
    }

    /// Word boundaries as editors have them: letters, digits and `_` make words; a move skips
    /// the separators next to the caret, then the word.
    static func isWord(_ character: Character) -> Bool { character.isLetter || character.isNumber || character == "_" }

    static func wordStart(_ characters: [Character], before position: Int) -> Int {
        var index = position
        while index > 0, !isWord(characters[index - 1]) { index -= 1 }
        while index > 0, isWord(characters[index - 1]) { index -= 1 }
        return index
    }

    static func wordEnd(_ characters: [Character], after position: Int) -> Int {
        var index = position
        while index < characters.count, !isWord(characters[index]) { index += 1 }
        while index < characters.count, isWord(characters[index]) { index += 1 }
        return index
    }
}

/// The system clipboard as the UI sees it: the platform layer supplies one that reads and
/// writes the window system's (GLFW's); tests and headless frames use `Clipboard.memory()`.
public struct Clipboard: Sendable {
    public var get: @Sendable () -> String?
    public var set: @Sendable (String) -> Void

    public init(get: @escaping @Sendable () -> String?, set: @escaping @Sendable (String) -> Void) {
        self.get = get
        self.set = set
    }

    /// A clipboard of its own, in memory.
    public static func memory() -> Clipboard {
        let box = ClipboardBox()
        return Clipboard(get: { box.value.withLock { $0 } }, set: { text in box.value.withLock { $0 = text } })
    }
}

private final class ClipboardBox: Sendable {
    let value = Mutex<String?>(nil)
}
