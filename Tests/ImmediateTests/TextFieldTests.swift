import Figures
import Testing

@testable import Immediate

@Suite("Text field")
struct TextFieldTests {
    let rect = Rect(x: 10, y: 10, width: 200, height: 24)

    @Test("a click gives it the keyboard; typing appends, Backspace and Ctrl+U edit, Enter lets go; control characters are not text")
    func typing() {
        let h = Harness()
        var text = ""
        func frame(_ events: (inout InputCollector) -> Void) -> Bool {
            var changed = false
            h.frame(events) { changed = $0.textField("f", &text, rect, placeholder: "filter") }
            return changed
        }
        _ = frame { $0.character("x") }
        #expect(text.isEmpty && !h.ui.wantsTextInput, "no keyboard before a click")
        _ = frame {
            $0.mouseMoved(to: Vec2(50, 20))
            $0.mouseButton(.left, down: true)
        }
        _ = frame { $0.mouseButton(.left, down: false) }
        #expect(h.ui.wantsTextInput)
        #expect(
            frame {
                $0.character("lo")
                $0.character("ss\u{8}")
            } && text == "loss")
        #expect(frame { $0.key(KeyPress(.backspace)) } && text == "los")
        #expect(frame { $0.key(KeyPress(.character("u"), .control)) } && text.isEmpty)
        _ = frame { $0.character("^eval/") }
        _ = frame { $0.key(KeyPress(.enter)) }
        #expect(!h.ui.wantsTextInput && text == "^eval/", "Enter keeps the text and lets the keyboard go")
        #expect(!frame { $0.character("z") } && text == "^eval/")
    }

    @Test("a click elsewhere, or the field no longer being drawn, lets the keyboard go; × clears")
    func focusAndClear() {
        let h = Harness()
        var text = "abc"
        h.frame({
            $0.mouseMoved(to: Vec2(50, 20))
            $0.mouseButton(.left, down: true)
        }) { $0.textField("f", &text, rect) }
        h.frame({ $0.mouseButton(.left, down: false) }) { $0.textField("f", &text, rect) }
        #expect(h.ui.wantsTextInput)
        h.frame({
            $0.mouseMoved(to: Vec2(400, 300))
            $0.mouseButton(.left, down: true)
        }) { $0.textField("f", &text, rect) }
        #expect(!h.ui.wantsTextInput, "a press outside")
        h.frame({ $0.mouseButton(.left, down: false) }) { $0.textField("f", &text, rect) }
        h.frame({
            $0.mouseMoved(to: Vec2(50, 20))
            $0.mouseButton(.left, down: true)
        }) { $0.textField("f", &text, rect) }
        h.frame({ $0.mouseButton(.left, down: false) }) { $0.textField("f", &text, rect) }
        #expect(h.ui.wantsTextInput)
        h.frame { _ in }
        #expect(!h.ui.wantsTextInput, "a frame without the field")
        // The clear button is the square at the right end.
        h.frame({
            $0.mouseMoved(to: Vec2(rect.max.x - 12, 22))
            $0.mouseButton(.left, down: true)
        }) { $0.textField("f", &text, rect) }
        h.frame({ $0.mouseButton(.left, down: false) }) { $0.textField("f", &text, rect) }
        #expect(text.isEmpty)
    }

    @Test("keys a focused field takes are not shortcuts: letters, Enter, Backspace, Esc, Ctrl+U; Ctrl+S still is")
    func textEditingKeys() {
        #expect(KeyPress(.character("r")).isTextEditing && KeyPress(.escape).isTextEditing && KeyPress(.enter).isTextEditing)
        #expect(KeyPress(.character("u"), .control).isTextEditing)
        #expect(!KeyPress(.character("s"), .control).isTextEditing && !KeyPress(.f(5)).isTextEditing && !KeyPress(.pageDown).isTextEditing)
    }
}
