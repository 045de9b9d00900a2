import Figures
import Testing

@testable import Immediate

@Suite("Widgets")
struct WidgetTests {
    let buttonRect = Rect(x: 10, y: 10, width: 100, height: 24)

    @Test("a button clicks on press and release over it, not when released elsewhere")
    func button() {
        let h = Harness()
        var clicked = false
        h.frame({ $0.mouseMoved(to: Vec2(50, 20)) }) { clicked = $0.button("OK", buttonRect) }
        h.frame({ $0.mouseButton(.left, down: true) }) { clicked = $0.button("OK", buttonRect) }
        #expect(!clicked)
        h.frame({ $0.mouseButton(.left, down: false) }) { clicked = $0.button("OK", buttonRect) }
        #expect(clicked)
        h.frame({ $0.mouseButton(.left, down: true) }) { clicked = $0.button("OK", buttonRect) }
        h.frame({ $0.mouseMoved(to: Vec2(300, 300)) }) { clicked = $0.button("OK", buttonRect) }
        h.frame({ $0.mouseButton(.left, down: false) }) { clicked = $0.button("OK", buttonRect) }
        #expect(!clicked, "released outside: no click")
    }

    @Test("a checkbox flips its value when clicked")
    func checkbox() {
        let h = Harness()
        var value = false
        h.frame({ $0.mouseMoved(to: Vec2(15, 20)) }) { ui in ui.checkbox("band", &value, buttonRect) }
        h.frame({ $0.mouseButton(.left, down: true) }) { ui in ui.checkbox("band", &value, buttonRect) }
        h.frame({ $0.mouseButton(.left, down: false) }) { ui in ui.checkbox("band", &value, buttonRect) }
        #expect(value)
    }

    @Test("menus open on click, show shortcuts, choose an item, close on Esc and outside clicks")
    func menus() {
        let h = Harness()
        let bar = Rect(x: 0, y: 0, width: 800, height: 22)
        var reloads = 0
        func menu(_ ui: UIContext) -> DrawData? {
            ui.menuBar(bar) { menus in
                menus.menu("File") { menu in
                    if menu.item("Reload", shortcut: "F5") { reloads += 1 }
                    if menu.item("Quit", shortcut: "Ctrl+Q") {}
                }
                menus.menu("View") { menu in _ = menu.item("Reset All Zoom", shortcut: "Home") }
            }
            return nil
        }
        h.frame({ $0.mouseMoved(to: Vec2(20, 10)) }) { _ = menu($0) }
        h.frame({ $0.mouseButton(.left, down: true) }) { _ = menu($0) }
        let open = h.frame({ $0.mouseButton(.left, down: false) }) { _ = menu($0) }
        #expect(h.ui.openPopup != nil)
        #expect(!open.lists[1].vertices.isEmpty, "the drop-down is drawn on the popup layer")
        // Hovering another title while open switches menus.
        h.frame({ $0.mouseMoved(to: Vec2(70, 10)) }) { _ = menu($0) }
        #expect(h.ui.openPopup == h.ui.id("menu:View"))
        h.frame({ $0.mouseMoved(to: Vec2(20, 10)) }) { _ = menu($0) }
        // The first item row sits just below the bar.
        let itemPoint = Vec2(40, 22 + h.ui.style.padding / 2 + h.ui.style.rowHeight / 2)
        h.frame({ $0.mouseMoved(to: itemPoint) }) { _ = menu($0) }
        h.frame({ $0.mouseButton(.left, down: true) }) { _ = menu($0) }
        h.frame({ $0.mouseButton(.left, down: false) }) { _ = menu($0) }
        #expect(reloads == 1)
        #expect(h.ui.openPopup == nil, "choosing an item closes the menu")
        h.frame({ $0.mouseMoved(to: Vec2(20, 10)) }) { _ = menu($0) }
        h.frame({ $0.mouseButton(.left, down: true) }) { _ = menu($0) }
        h.frame({ $0.mouseButton(.left, down: false) }) { _ = menu($0) }
        #expect(h.ui.openPopup != nil)
        h.frame({ $0.key(KeyPress(.escape)) }) { _ = menu($0) }
        #expect(h.ui.openPopup == nil, "Esc closes")
    }

    @Test("an open menu blocks the widgets under it")
    func popupBlocksMouse() {
        let h = Harness()
        let bar = Rect(x: 0, y: 0, width: 800, height: 22)
        var clicked = false
        let under = Rect(x: 0, y: 22, width: 200, height: 40)
        func frame(_ ui: UIContext) {
            clicked = ui.button("under", under) || clicked
            ui.menuBar(bar) { menus in menus.menu("File") { menu in _ = menu.item("Reload", shortcut: "F5") } }
        }
        h.frame({ $0.mouseMoved(to: Vec2(20, 10)) }, frame)
        h.frame({ $0.mouseButton(.left, down: true) }, frame)
        h.frame({ $0.mouseButton(.left, down: false) }, frame)
        h.frame({ $0.mouseMoved(to: Vec2(40, 35)) }, frame)
        h.frame({ $0.mouseButton(.left, down: true) }, frame)
        h.frame({ $0.mouseButton(.left, down: false) }, frame)
        #expect(!clicked)
    }

    @Test("tabs keep their selection by id")
    func tabs() {
        let h = Harness()
        let rect = Rect(x: 0, y: 0, width: 400, height: 24)
        var selected = -1
        h.frame { selected = $0.tabs("t", ["One", "Two"], rect) }
        #expect(selected == 0)
        let secondTab = Vec2(Float(FontAtlas.testing.measure("One")) + h.ui.style.padding * 4 + 10, 12)
        h.frame({ $0.mouseMoved(to: secondTab) }) { selected = $0.tabs("t", ["One", "Two"], rect) }
        h.frame({ $0.mouseButton(.left, down: true) }) { selected = $0.tabs("t", ["One", "Two"], rect) }
        h.frame({ $0.mouseButton(.left, down: false) }) { selected = $0.tabs("t", ["One", "Two"], rect) }
        h.frame({ $0.mouseMoved(to: nil) }) { selected = $0.tabs("t", ["One", "Two"], rect) }
        #expect(selected == 1)
    }

    @Test("the panel grid follows its rect; dragging a splitter resizes the cells")
    func panelGrid() {
        let h = Harness()
        let rect = Rect(x: 0, y: 0, width: 800, height: 600)
        var cells: [Rect] = []
        h.frame { cells = $0.panelGrid("g", rect, columns: 2, rows: 2, gap: 4) }
        #expect(cells.count == 4)
        #expect(abs(cells[0].max.x - 398) < 0.01 && abs(cells[1].min.x - 402) < 0.01)
        h.frame({ $0.mouseMoved(to: Vec2(400, 100)) }) { cells = $0.panelGrid("g", rect, columns: 2, rows: 2, gap: 4) }
        h.frame({ $0.mouseButton(.left, down: true) }) { cells = $0.panelGrid("g", rect, columns: 2, rows: 2, gap: 4) }
        h.frame({ $0.mouseMoved(to: Vec2(600, 100)) }) { cells = $0.panelGrid("g", rect, columns: 2, rows: 2, gap: 4) }
        h.frame({ $0.mouseButton(.left, down: false) }) { cells = $0.panelGrid("g", rect, columns: 2, rows: 2, gap: 4) }
        #expect(abs(cells[0].max.x - 598) < 0.01, "\(cells[0])")
        let wide = Rect(x: 0, y: 0, width: 1600, height: 600)
        h.frame { cells = $0.panelGrid("g", wide, columns: 2, rows: 2, gap: 4) }
        #expect(abs(cells[0].max.x - 1198) < 0.01, "splitter fractions scale with the window")
    }

    @Test("a scroll panel scrolls with the wheel within its content")
    func scrollPanel() {
        let h = Harness()
        let rect = Rect(x: 0, y: 0, width: 200, height: 100)
        var offset: Float = 0
        h.frame({ $0.mouseMoved(to: Vec2(50, 50)) }) { offset = $0.scrollPanel("s", rect, contentHeight: 400) { _ in } }
        h.frame({ $0.scroll(Vec2(0, -1)) }) { offset = $0.scrollPanel("s", rect, contentHeight: 400) { _ in } }
        #expect(offset == h.ui.style.rowHeight * 3)
        for _ in 0..<10 { h.frame({ $0.scroll(Vec2(0, -5)) }) { offset = $0.scrollPanel("s", rect, contentHeight: 400) { _ in } } }
        #expect(offset == 300, "stops at the end of the content")
    }

    @Test("input: double clicks need two quick presses close together")
    func doubleClick() {
        var collector = InputCollector()
        collector.mouseMoved(to: Vec2(10, 10))
        collector.setTime(1)
        collector.mouseButton(.left, down: true)
        #expect(!collector.nextFrame().wasDoubleClicked(.left))
        collector.mouseButton(.left, down: false)
        collector.setTime(1.2)
        collector.mouseButton(.left, down: true)
        #expect(collector.nextFrame().wasDoubleClicked(.left))
        collector.setTime(3)
        collector.mouseButton(.left, down: true)
        collector.setTime(3.1)
        collector.mouseMoved(to: Vec2(40, 10))
        collector.mouseButton(.left, down: true)
        #expect(!collector.nextFrame().wasDoubleClicked(.left), "too far apart")
    }
}
