import Terminal
import TestSupport
import Testing

@Suite("Diff renderer")
struct DiffRendererTests {
    static let glyphs = ["a", "b", "·", "█", "⠿", "中", "é", " "]

    /// A random frame: text, colours, bold, wide characters.
    static func frame(_ width: Int, _ height: Int, _ random: inout SeededGenerator) -> CellBuffer {
        var buffer = CellBuffer(width: width, height: height)
        for _ in 0..<(width * height / 3) {
            let text = glyphs[Int.random(in: 0..<glyphs.count, using: &random)]
            let color = TermColor.rgb(UInt8.random(in: 0...3, using: &random) * 60, 10, 20)
            buffer.put(
                text, x: Int.random(in: 0..<width, using: &random), y: Int.random(in: 0..<height, using: &random), foreground: color,
                bold: Bool.random(using: &random))
        }
        return buffer
    }

    @Test("random frames, resizes and wide glyphs: the screen is the frame, by diff and by full repaint alike")
    func randomSequences() {
        var (random, seedNote) = TestSeed.generator(fallback: 0xD1FF_0001)
        var renderer = DiffRenderer(depth: .truecolor)
        var width = 20
        var height = 6
        var screen = ScreenReplay(width: width, height: height)
        for step in 0..<300 {
            if step % 50 == 49 {
                // A resize: the terminal keeps nothing the renderer can rely on; it repaints.
                width = Int.random(in: 8...30, using: &random)
                height = Int.random(in: 3...9, using: &random)
                screen = ScreenReplay(width: width, height: height)
            }
            let frame = DiffRendererTests.frame(width, height, &random)
            screen.feed(renderer.render(frame))
            #expect(screen.unknown.isEmpty, "step \(step), \(seedNote): \(screen.unknown.prefix(3))")
            #expect(screen.matches(frame, depth: .truecolor), "step \(step), \(seedNote): the screen differs from the frame")
            var fresh = DiffRenderer(depth: .truecolor)
            var full = ScreenReplay(width: width, height: height)
            full.feed(fresh.render(frame))
            #expect(full.cells == screen.cells, "step \(step), \(seedNote): a full repaint shows something else than the diff")
        }
    }

    @Test("an unchanged frame writes nothing; one changed cell writes a few bytes, in synchronized output")
    func smallChanges() {
        var renderer = DiffRenderer(depth: .truecolor)
        var frame = CellBuffer(width: 200, height: 60)
        frame.put("loss", x: 3, y: 4, foreground: .rgb(90, 169, 255))
        let full = renderer.render(frame)
        #expect(!full.isEmpty)
        #expect(renderer.render(frame).isEmpty, "idle: 0 bytes")
        frame.put("⠁", x: 100, y: 30, foreground: .rgb(90, 169, 255))
        let bytes = renderer.render(frame)
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.hasPrefix("\u{1B}[?2026h") && text.hasSuffix("\u{1B}[?2026l"))
        #expect(text.contains("\u{1B}[31;101H"), "the cursor goes straight to the cell")
        #expect(bytes.count < 60, "\(bytes.count) bytes for one cell")
    }

    @Test("colour depths: 256 and 16 pick the nearest palette entry, none writes no colour at all")
    func depths() {
        var frame = CellBuffer(width: 4, height: 1)
        frame.put("x", x: 0, y: 0, foreground: .rgb(255, 0, 0), background: .rgb(0, 0, 0))
        let at256 = String(decoding: DiffRenderer(depth: .palette256).rendering(frame), as: UTF8.self)
        #expect(at256.contains("38;5;196") && at256.contains("48;5;16"), "\(at256)")
        let at16 = String(decoding: DiffRenderer(depth: .palette16).rendering(frame), as: UTF8.self)
        #expect(at16.contains("91") && at16.contains(";40"), "\(at16)")
        let none = String(decoding: DiffRenderer(depth: .none).rendering(frame), as: UTF8.self)
        #expect(!none.contains("38;") && !none.contains("48;"))
        // Colours with blue in them, nearest by squared distance to xterm's 16 (worked by hand):
        // the accent blue (90,169,255) is bright blue (92,92,255): 94; grey text (138,144,155)
        // is bright black (127,127,127): 90.
        #expect(ColorDepth.palette16.sgr(Cell("x", foreground: .rgb(90, 169, 255))) == "0;94")
        #expect(ColorDepth.palette16.sgr(Cell("x", foreground: .rgb(138, 144, 155))) == "0;90")
    }

    @Test("depth detection: --color, NO_COLOR, TERM=dumb, COLORTERM, SSH and tmux")
    func detection() {
        #expect(ColorDepth.detect(flag: "16", environment: ["COLORTERM": "truecolor", "TERM": "xterm"]) == .palette16)
        #expect(ColorDepth.detect(flag: nil, environment: ["NO_COLOR": "1", "TERM": "xterm-256color"]) == ColorDepth.none)
        #expect(ColorDepth.detect(flag: nil, environment: ["TERM": "dumb"]) == ColorDepth.none)
        #expect(ColorDepth.detect(flag: nil, environment: ["TERM": "xterm-256color", "COLORTERM": "truecolor"]) == .truecolor)
        #expect(
            ColorDepth.detect(flag: nil, environment: ["TERM": "xterm-256color", "COLORTERM": "truecolor", "SSH_CONNECTION": "x"])
                == .palette256)
        #expect(ColorDepth.detect(flag: nil, environment: ["TERM": "tmux-256color"]) == .palette256)
        #expect(ColorDepth.detect(flag: nil, environment: ["TERM": "linux"]) == .palette16)
    }
}

extension DiffRenderer {
    /// The first frame's bytes from a fresh renderer (tests).
    func rendering(_ frame: CellBuffer) -> [UInt8] {
        var copy = self
        copy.invalidate()
        return copy.render(frame)
    }
}
