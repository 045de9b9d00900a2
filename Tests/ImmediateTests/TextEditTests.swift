import Figures
import Testing

@testable import Immediate

@Suite("Text editing keys")
struct TextEditTests {
    /// Applies `keys` to `text` with the caret at `caret`; the text and the editing state after.
    func run(_ text: String, caret: Int, _ keys: [KeyPress], clipboard: Clipboard = .memory()) -> (String, TextEdit) {
        var text = text
        var edit = TextEdit(caret: caret)
        for key in keys { _ = edit.apply(key, to: &text, clipboard: clipboard) }
        return (text, edit)
    }

    @Test("←/→ move a character, Home/End to the ends, Ctrl+←/→ a word (separators skipped first)")
    func moves() {
        let path = "/data/run_12/eval"
        #expect(run(path, caret: 5, [KeyPress(.left)]).1.caret == 4)
        #expect(run(path, caret: 5, [KeyPress(.right), KeyPress(.right)]).1.caret == 7)
        #expect(run(path, caret: 0, [KeyPress(.left)]).1.caret == 0, "stops at the start")
        #expect(run(path, caret: 3, [KeyPress(.end)]).1.caret == path.count)
        #expect(run(path, caret: 9, [KeyPress(.home)]).1.caret == 0)
        // "/data/run_12/eval": words are data (1…5), run_12 (6…12), eval (13…17).
        #expect(run(path, caret: path.count, [KeyPress(.left, .control)]).1.caret == 13)
        #expect(run(path, caret: 13, [KeyPress(.left, .control)]).1.caret == 6, "the / is skipped, then run_12")
        #expect(run(path, caret: 0, [KeyPress(.right, .control)]).1.caret == 5)
        #expect(run(path, caret: 5, [KeyPress(.right, .control)]).1.caret == 12)
    }

    @Test("Shift extends a selection; typing replaces it; Backspace and Delete remove it or a character; Ctrl+Backspace a word")
    func selectAndDelete() {
        let (selected, edit) = run("loss|acc", caret: 4, [KeyPress(.right, .shift), KeyPress(.end, .shift)])
        #expect(edit.selection == 4..<8 && selected == "loss|acc")
        var text = selected
        var replacing = edit
        #expect(replacing.insert("$", into: &text) && text == "loss$" && replacing.caret == 5)
        #expect(run("loss|acc", caret: 4, [KeyPress(.backspace)]).0 == "los|acc")
        #expect(run("loss|acc", caret: 4, [KeyPress(.delete)]).0 == "lossacc")
        #expect(run("loss|acc", caret: 8, [KeyPress(.home, .shift), KeyPress(.delete)]).0 == "")
        #expect(run("train/loss_avg", caret: 14, [KeyPress(.backspace, .control)]).0 == "train/")
        #expect(run("train/loss_avg", caret: 0, [KeyPress(.delete, .control)]).0 == "/loss_avg")
        #expect(run("abc", caret: 0, [KeyPress(.backspace)]).0 == "abc", "nothing before the caret")
        let (left, collapsed) = run("abcdef", caret: 2, [KeyPress(.right, .shift), KeyPress(.right, .shift), KeyPress(.left)])
        #expect(left == "abcdef" && collapsed.caret == 2 && collapsed.selection == nil, "← with a selection goes to its start")
    }

    @Test("Ctrl+A selects all; Ctrl+C copies, Ctrl+X cuts, Ctrl+V pastes at the caret (a line break becomes a space)")
    func clipboard() {
        let clipboard = Clipboard.memory()
        let (_, all) = run(
            "^eval/", caret: 2, [KeyPress(.character("a"), .control), KeyPress(.character("c"), .control)], clipboard: clipboard)
        #expect(all.selection == 0..<6 && clipboard.get() == "^eval/")
        #expect(run("abc", caret: 1, [KeyPress(.character("v"), .control)], clipboard: clipboard).0 == "a^eval/bc")
        let (cut, _) = run("run_a|run_b", caret: 5, [KeyPress(.end, .shift), KeyPress(.character("x"), .control)], clipboard: clipboard)
        #expect(cut == "run_a" && clipboard.get() == "|run_b")
        clipboard.set("/mnt/data\n")
        #expect(run("", caret: 0, [KeyPress(.character("v"), .control)], clipboard: clipboard).0 == "/mnt/data ")
        #expect(
            run("xy", caret: 1, [KeyPress(.character("c"), .control)], clipboard: clipboard).0 == "xy", "nothing selected: nothing copied")
        #expect(clipboard.get() == "/mnt/data\n")
    }

    @Test("the editing keys are the field's, not shortcuts: Home, arrows, Ctrl+V; Ctrl+S and F5 still are shortcuts")
    func keysTaken() {
        for key in [
            KeyPress(.home), KeyPress(.left, .control), KeyPress(.character("v"), .control), KeyPress(.character(" ")),
            KeyPress(.end, .shift),
        ] {
            #expect(key.isTextEditing, "\(key)")
        }
        for key in [KeyPress(.character("s"), .control), KeyPress(.f(5)), KeyPress(.character("1"), .control), KeyPress(.up)] {
            #expect(!key.isTextEditing, "\(key)")
        }
    }

    @Test("in the field: a click puts the caret under the mouse, typing inserts there, the caret stays in view")
    func fieldCaret() {
        let h = Harness()
        let rect = Rect(x: 10, y: 10, width: 200, height: 24)
        var text = "abcdef"
        func frame(_ events: (inout InputCollector) -> Void) { h.frame(events) { _ = $0.textField("f", &text, rect) } }
        // The testing font's glyphs are of one width: the caret after "abc".
        let x = rect.min.x + h.ui.style.padding + h.ui.font.measure("abc") + 1
        frame {
            $0.mouseMoved(to: Vec2(x, 20))
            $0.mouseButton(.left, down: true)
        }
        frame { $0.mouseButton(.left, down: false) }
        frame { $0.character("X") }
        #expect(text == "abcXdef")
        frame { $0.key(KeyPress(.home)) }
        frame { $0.character(">") }
        #expect(text == ">abcXdef")
        frame {
            $0.key(KeyPress(.end))
            $0.key(KeyPress(.backspace, .control))
        }
        #expect(text == ">", "Ctrl+Backspace removed the word before the caret")
    }
}
