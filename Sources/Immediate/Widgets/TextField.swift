import Figures

extension UIContext {
    /// Gives the text field `idLabel` the keyboard (Ctrl+F on a filter box); it keeps it while
    /// it is drawn.
    public func focusTextField(_ idLabel: String) {
        keyboardFocus = id("textfield:" + idLabel)
        keyboardFocusSeen = true
    }

    /// A one-line text field (a filter box, a path): a click gives it the keyboard and puts the
    /// caret there; typing inserts at the caret; the keys of `TextEdit` move, select, delete and
    /// use the clipboard; Enter, Esc or a click elsewhere let the keyboard go. The × at its right
    /// end clears it. Returns true when `text` changed. `isValid: false` draws its border in the
    /// error colour.
    @discardableResult
    public func textField(_ idLabel: String, _ text: inout String, _ rect: Rect, placeholder: String = "", isValid: Bool = true) -> Bool {
        let fieldID = id("textfield:" + idLabel)
        let clearWidth = text.isEmpty ? 0 : rect.height
        let field = Rect(min: rect.min, max: Vec2(rect.max.x - clearWidth, rect.max.y))
        let inner = field.insetBy(style.padding, 0)
        let interaction = interact(fieldID, field)
        var changed = false
        let count = text.count
        // Caret and selection, the scroll, and the text as last drawn; a field that takes the
        // keyboard starts with the caret at the end.
        var kept = state(for: fieldID) { TextFieldState(edit: TextEdit(caret: count), scroll: 0, drawnText: text) }
        var edit = kept.edit
        var scroll = kept.scroll
        // Text set by the caller since the last frame (Tab completion, ×): the caret goes to its end.
        if kept.drawnText != text { edit = TextEdit(caret: count) }
        if interaction.pressed, keyboardFocus != fieldID {
            edit = TextEdit(caret: count)
            keyboardFocus = fieldID
        }
        // A press puts the caret under the mouse (Shift extends the selection); dragging selects
        // from where the press put it.
        if interaction.pressed || (interaction.held && keyboardFocus == fieldID), let mouse = input.mouse {
            let extend = !interaction.pressed || input.modifiers.contains(.shift)
            if !extend {
                edit.anchor = nil
            } else if edit.anchor == nil {
                edit.anchor = edit.caret
            }
            edit.caret = caretIndex(in: text, at: mouse.x - inner.min.x + scroll)
        }
        var focused = keyboardFocus == fieldID
        if focused, input.wasPressed(.left), !interaction.hovered {
            keyboardFocus = nil
            focused = false
        }
        if !focused { edit = TextEdit(caret: count) }
        if focused {
            keyboardFocusSeen = true
            edit.clamp(to: count)
            // Control characters arrive as keys, not text.
            if edit.insert(input.text, into: &text) { changed = true }
            for press in input.keysPressed where TextEdit.handles(press) {
                if edit.apply(press, to: &text, clipboard: clipboard) { changed = true }
            }
            if input.pressed(KeyPress(.enter)) || input.pressed(KeyPress(.escape)) {
                keyboardFocus = nil
                focused = false
            }
        }
        let border = !isValid ? style.error : focused ? style.accent : style.panelBorder
        draw { list in
            list.addRectFilled(rect, focused ? style.widgetActive : interaction.hovered ? style.widgetHovered : style.widget)
            list.addRect(rect, border)
        }
        let y = rect.center.y - font.lineHeight / 2
        if text.isEmpty, !focused {
            scroll = 0
            label(font.truncate(placeholder, toFit: inner.width), at: Vec2(inner.min.x, y), color: style.textDim)
        } else {
            // Scroll so the caret stays in view.
            let characters = Array(text)
            let caretOffset = font.measure(String(characters[0..<min(edit.caret, characters.count)]))
            let room = max(inner.width - 4, 1)
            if caretOffset - scroll > room { scroll = caretOffset - room }
            if caretOffset - scroll < 0 { scroll = caretOffset }
            scroll = max(0, min(scroll, max(0, font.measure(text) - room)))
            let origin = inner.min.x - scroll
            draw { $0.pushClip(inner) }
            if focused, let range = edit.selection {
                let x0 = origin + font.measure(String(characters[0..<range.lowerBound]))
                let x1 = origin + font.measure(String(characters[0..<range.upperBound]))
                draw { $0.addRectFilled(Rect(x: x0, y: y, width: x1 - x0, height: font.lineHeight), style.accent.withAlpha(0.4)) }
            }
            label(text, at: Vec2(origin, y), color: style.text)
            if focused {
                let caretX = origin + caretOffset
                draw { $0.addRectFilled(Rect(x: caretX, y: y, width: max(1, style.scale), height: font.lineHeight), style.text) }
            }
            draw { $0.popClip() }
        }
        kept = TextFieldState(edit: edit, scroll: scroll, drawnText: text)
        if clearWidth > 0 {
            let clear = Rect(min: Vec2(field.max.x, rect.min.y), max: rect.max)
            if interact(id("textfield-clear:" + idLabel), clear).clicked {
                text = ""
                changed = true
                kept = TextFieldState(edit: TextEdit(caret: 0), scroll: 0, drawnText: text)
            }
            let r = min(clear.width, clear.height) * 0.18
            let c = clear.center
            draw { list in
                list.addLine(c - Vec2(r, r), c + Vec2(r, r), style.textDim, thickness: 1.5 * style.scale)
                list.addLine(c + Vec2(-r, r), c + Vec2(r, -r), style.textDim, thickness: 1.5 * style.scale)
            }
        }
        setState(kept, for: fieldID)
        return changed
    }

    /// The caret position (in characters) nearest `x` pixels from the text's start.
    func caretIndex(in text: String, at x: Float) -> Int {
        var width: Float = 0
        for (index, character) in text.enumerated() {
            let w = font.measure(String(character))
            if x < width + w / 2 { return index }
            width += w
        }
        return text.count
    }
}

/// What a text field keeps between frames.
private struct TextFieldState {
    var edit: TextEdit
    /// How far the text is scrolled left, in pixels (so the caret stays in view).
    var scroll: Float
    /// The text as the field last drew it: a different one was set by the caller.
    var drawnText: String
}
