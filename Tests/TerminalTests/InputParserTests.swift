import Figures
import Terminal
import Testing

@Suite("Terminal input")
struct InputParserTests {
    func events(_ text: String) -> [TerminalEvent] {
        var parser = InputParser()
        var events = parser.parse(Array(text.utf8))
        if parser.hasPending { events += parser.flush() }
        return events
    }

    @Test("keys as xterm sends them: letters, Shift, Ctrl, Alt, arrows, F-keys, Esc alone")
    func keys() {
        #expect(events("q") == [.key(KeyPress(.character("q")))])
        #expect(events("R") == [.key(KeyPress(.character("r"), .shift))], "Shift+R as the window names it")
        #expect(events("\u{1A}") == [.key(KeyPress(.character("z"), .control))])
        #expect(events("\u{1B}1") == [.key(KeyPress(.character("1"), .alt))], "Alt+1: Esc then the key in one read")
        #expect(events("\u{1B}") == [.key(KeyPress(.escape))], "a lone Esc is Esc")
        #expect(
            events("\u{1B}[A\u{1B}[6~\u{1B}OP\u{1B}[15~") == [
                .key(KeyPress(.up)), .key(KeyPress(.pageDown)), .key(KeyPress(.f(1))), .key(KeyPress(.f(5))),
            ])
        #expect(events("\u{1B}[Z") == [.key(KeyPress(.tab, .shift))])
        #expect(events("\u{1B}[1;5C") == [.key(KeyPress(.right, .control))])
        #expect(events("é") == [.key(KeyPress(.character("é")))], "UTF-8 input")
    }

    @Test("SGR mouse, bracketed paste, and a sequence split across reads")
    func sequences() {
        #expect(
            events("\u{1B}[<0;12;5M\u{1B}[<0;12;5m") == [
                .mouse(button: 0, x: 11, y: 4, pressed: true), .mouse(button: 0, x: 11, y: 4, pressed: false),
            ])
        #expect(events("\u{1B}[200~q1\u{1B}[201~") == [.paste("q1")], "pasted text is never keys")
        var parser = InputParser()
        #expect(parser.parse(Array("\u{1B}[1".utf8)).isEmpty && parser.hasPending)
        #expect(parser.parse(Array("5~".utf8)) == [.key(KeyPress(.f(5)))])
    }
}
