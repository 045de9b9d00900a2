extension UIContext {
    /// Gives the text field `idLabel` the keyboard (Ctrl+F on a filter box); it keeps it while
    /// it is drawn.
    public func focusTextField(_ idLabel: String) {
        keyboardFocus = id("textfield:" + idLabel)
        keyboardFocusSeen = true
    }

    /// A one-line text field (a filter box): a click gives it the keyboard; typed text is added
    /// at the end, Backspace removes the last character, Ctrl+U clears it, and Enter, Esc or a
    /// click elsewhere let the keyboard go. The × at its right end clears it. Returns true when
    /// `text` changed. `isValid: false` draws its border in the error colour.
    @discardableResult
    public func textField(_ idLabel: String, _ text: inout String, _ rect: Rect, placeholder: String = "", isValid: Bool = true) -> Bool {
        let fieldID = id("textfield:" + idLabel)
        let clearWidth = text.isEmpty ? 0 : rect.height
        let field = Rect(min: rect.min, max: Vec2(rect.max.x - clearWidth, rect.max.y))
        let interaction = interact(fieldID, field)
        var changed = false
        if interaction.pressed { keyboardFocus = fieldID }
        var focused = keyboardFocus == fieldID
        if focused, input.wasPressed(.left), !interaction.hovered {
            keyboardFocus = nil
            focused = false
        }
        if focused {
            keyboardFocusSeen = true
            // Control characters arrive as keys, not text.
            let typed = input.text.filter { !($0.asciiValue.map { $0 < 32 || $0 == 127 } ?? false) }
            if !typed.isEmpty {
                text += typed
                changed = true
            }
            if input.pressed(KeyPress(.backspace)), !text.isEmpty {
                text.removeLast()
                changed = true
            }
            if input.pressed(KeyPress(.character("u"), .control)), !text.isEmpty {
                text = ""
                changed = true
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
        let inner = field.insetBy(style.padding, 0)
        let y = rect.center.y - font.lineHeight / 2
        if text.isEmpty, !focused {
            label(font.truncate(placeholder, toFit: inner.width), at: Vec2(inner.min.x, y), color: style.textDim)
        } else {
            // The end of the text stays in view (the caret is there).
            var shown = text
            while font.measure(shown) > inner.width - 4, !shown.isEmpty { shown.removeFirst() }
            let width = label(shown, at: Vec2(inner.min.x, y), color: style.text)
            if focused {
                let caretX = inner.min.x + width + 1
                draw { $0.addRectFilled(Rect(x: caretX, y: y, width: max(1, style.scale), height: font.lineHeight), style.text) }
            }
        }
        if clearWidth > 0 {
            let clear = Rect(min: Vec2(field.max.x, rect.min.y), max: rect.max)
            if interact(id("textfield-clear:" + idLabel), clear).clicked {
                text = ""
                changed = true
            }
            let r = min(clear.width, clear.height) * 0.18
            let c = clear.center
            draw { list in
                list.addLine(c - Vec2(r, r), c + Vec2(r, r), style.textDim, thickness: 1.5 * style.scale)
                list.addLine(c + Vec2(-r, r), c + Vec2(r, -r), style.textDim, thickness: 1.5 * style.scale)
            }
        }
        return changed
    }
}
