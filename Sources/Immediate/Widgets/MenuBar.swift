import Figures

/// A menu bar: `ui.menuBar(rect) { bar in bar.menu("File") { menu in if menu.item("Reload", shortcut: "F5") { … } } }`.
/// Menus open on click, switch on hover while one is open, close on Esc, on a click outside, or
/// when an item is chosen. Shortcuts are shown right-aligned; the app handles the keys themselves
/// (so they work with the menu closed).
public struct MenuBar {
    let ui: UIContext
    let rect: Rect
    var cursorX: Float

    /// A drop-down menu; `body` adds its items while it is open.
    public mutating func menu(_ title: String, _ body: (inout Menu) -> Void) {
        let titleWidth = ui.font.measure(title) + ui.style.padding * 4
        let titleRect = Rect(min: Vec2(cursorX, rect.min.y), max: Vec2(cursorX + titleWidth, rect.max.y))
        cursorX += titleWidth
        let menuID = ui.id("menu:" + title)
        let interaction = ui.interact(menuID, titleRect)
        if interaction.pressed {
            ui.openPopup = ui.openPopup == menuID ? nil : menuID
        } else if interaction.hovered, let open = ui.openPopup, open != menuID, ui.menuIDs.contains(open) {
            ui.openPopup = menuID
        }
        ui.menuIDs.insert(menuID)
        let isOpen = ui.openPopup == menuID
        if isOpen || interaction.hovered {
            ui.draw { $0.addRectFilled(titleRect, isOpen ? ui.style.widgetActive : ui.style.widgetHovered) }
        }
        ui.label(title, in: titleRect, centered: true)
        guard isOpen else { return }
        var menu = Menu(ui: ui, origin: Vec2(titleRect.min.x, titleRect.max.y))
        body(&menu)
        menu.finish()
        if ui.input.pressed(KeyPress(.escape)) { ui.openPopup = nil }
        if let mouse = ui.input.mouse, ui.input.wasPressed(.left) || ui.input.wasPressed(.right),
            !menu.rect.contains(mouse), !rect.contains(mouse)
        {
            ui.openPopup = nil
        }
    }
}

/// The items of one open drop-down menu.
public struct Menu {
    let ui: UIContext
    let origin: Vec2
    private var items: [(title: String, shortcut: String?, checked: Bool?, enabled: Bool)] = []
    private var chosen: Int?
    private(set) var rect = Rect.zero

    init(ui: UIContext, origin: Vec2) {
        self.ui = ui
        self.origin = origin
        // Item rows need the menu's width before all items are known: use last frame's.
        rect = Rect(min: origin, max: origin + Vec2(ui.state(for: ui.id("menu-width")) { Float(220) * ui.style.scale }, 0))
    }

    /// A menu item; true when chosen this frame (the menu then closes).
    public mutating func item(_ title: String, shortcut: String? = nil, checked: Bool? = nil, enabled: Bool = true) -> Bool {
        let index = items.count
        items.append((title, shortcut, checked, enabled))
        let row = itemRect(index)
        let interaction = enabled ? ui.interact(ui.id("item:" + title), row, layer: 1) : Interaction()
        if interaction.clicked {
            chosen = index
            ui.openPopup = nil
            return true
        }
        return false
    }

    /// A thin line between groups of items.
    public mutating func separator() {
        items.append(("-", nil, nil, false))
    }

    private func itemRect(_ index: Int) -> Rect {
        let height = ui.style.rowHeight
        let y = origin.y + ui.style.padding / 2 + Float(index) * height
        return Rect(min: Vec2(origin.x, y), max: Vec2(rect.max.x, y + height))
    }

    mutating func finish() {
        let style = ui.style
        let widest = items.map { ui.font.measure($0.title) + ui.font.measure($0.shortcut ?? "") }.max() ?? 0
        let width = max(widest + style.padding * 10 + 24 * style.scale, 160 * style.scale)
        ui.setState(width, for: ui.id("menu-width"))
        rect = Rect(min: origin, max: Vec2(origin.x + width, itemRect(items.count).min.y + style.padding / 2))
        let background = rect
        let shadow = Rect(min: background.min + Vec2(3, 3), max: background.max + Vec2(3, 3))
        var layer = DrawList()
        layer.whiteUV = ui.font.whiteUV
        layer.diskUV = ui.font.diskUV
        layer.addRectFilled(shadow, Color(r: 0, g: 0, b: 0, a: 90))
        layer.addRectFilled(background, style.popup)
        layer.addRect(background, style.panelBorder)
        for (index, item) in items.enumerated() {
            let row = itemRect(index)
            if item.title == "-" {
                layer.addRectFilled(
                    Rect(min: Vec2(row.min.x + style.padding, row.center.y), max: Vec2(row.max.x - style.padding, row.center.y + 1)),
                    style.panelBorder)
                continue
            }
            if let mouse = ui.input.mouse, row.contains(mouse), item.enabled { layer.addRectFilled(row, style.widgetHovered) }
            let textY = row.center.y - ui.font.lineHeight / 2
            if item.checked == true {
                layer.addText("✓", at: Vec2(row.min.x + style.padding, textY), font: ui.font, style.accent)
            }
            layer.addText(
                item.title, at: Vec2(row.min.x + style.padding + 18 * style.scale, textY), font: ui.font,
                item.enabled ? style.text : style.textDim)
            if let shortcut = item.shortcut {
                let w = ui.font.measure(shortcut)
                layer.addText(shortcut, at: Vec2(row.max.x - style.padding * 2 - w, textY), font: ui.font, style.textDim)
            }
        }
        ui.draw(layer: 1) { $0.append(layer) }
        ui.blockMouse(in: background)
    }
}

extension UIContext {
    /// Draws a menu bar across `rect` and lets `body` add menus to it.
    public func menuBar(_ rect: Rect, _ body: (inout MenuBar) -> Void) {
        draw { list in
            list.addRectFilled(rect, style.menuBar)
            list.addRectFilled(Rect(min: Vec2(rect.min.x, rect.max.y - 1), max: rect.max), style.panelBorder)
        }
        var bar = MenuBar(ui: self, rect: rect, cursorX: rect.min.x + style.padding)
        body(&bar)
    }
}
