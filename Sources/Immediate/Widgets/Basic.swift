extension UIContext {
    /// Text at `position` (top-left). Returns its width.
    @discardableResult
    public func label(_ text: String, at position: Vec2, color: Color? = nil, layer: Int? = nil) -> Float {
        var width: Float = 0
        draw(layer: layer) { width = $0.addText(text, at: position, font: font, color ?? style.text) }
        return width
    }

    /// Text centred vertically in `rect`, left-aligned after padding, truncated with "…" to fit
    /// (numbers kept whole where the words around them can give way); a cut text shows whole
    /// on hover. Returns whether it was cut.
    @discardableResult
    public func label(_ text: String, in rect: Rect, color: Color? = nil, centered: Bool = false) -> Bool {
        let shown = font.truncateKeepingNumbers(text, toFit: rect.width - style.padding * 2)
        let width = font.measure(shown)
        let x = centered ? rect.center.x - width / 2 : rect.min.x + style.padding
        label(shown, at: Vec2(x, rect.center.y - font.lineHeight / 2), color: color)
        if shown != text, isMouseOver(rect) { tooltip(text) }
        return shown != text
    }

    /// A push button; true when clicked. `short` is drawn instead of `title` when the title
    /// does not fit (its key hint dropped, say), and the title then shows on hover.
    @discardableResult
    public func button(_ title: String, _ rect: Rect, enabled: Bool = true, short: String? = nil) -> Bool {
        let interaction = enabled ? interact(id(title), rect) : Interaction()
        let fill = interaction.held ? style.widgetActive : interaction.hovered ? style.widgetHovered : style.widget
        draw { list in
            list.addRectFilled(rect, fill)
            list.addRect(rect, style.panelBorder)
        }
        let shown = short.flatMap { font.measure(title) > rect.width - style.padding * 2 ? $0 : nil } ?? title
        label(shown, in: rect, color: enabled ? style.text : style.textDim, centered: true)
        if shown != title, isMouseOver(rect) { tooltip(title) }
        return interaction.clicked
    }

    /// A checkbox with its title; flips `value` when clicked and returns true then.
    @discardableResult
    public func checkbox(_ title: String, _ value: inout Bool, _ rect: Rect) -> Bool {
        let interaction = interact(id("checkbox:" + title), rect)
        let box = Rect(x: rect.min.x, y: rect.center.y - 7 * style.scale, width: 14 * style.scale, height: 14 * style.scale)
        draw { list in
            list.addRectFilled(box, interaction.hovered ? style.widgetHovered : style.widget)
            list.addRect(box, style.axis)
            if value { list.addRectFilled(box.insetBy(3 * style.scale, 3 * style.scale), style.accent) }
        }
        label(title, at: Vec2(box.max.x + style.spacing * 1.5, rect.center.y - font.lineHeight / 2))
        if interaction.clicked {
            value.toggle()
            return true
        }
        return false
    }

    /// A filled panel with a border.
    public func panel(_ rect: Rect) {
        draw { list in
            list.addRectFilled(rect, style.panel)
            list.addRect(rect, style.panelBorder)
        }
    }
}
