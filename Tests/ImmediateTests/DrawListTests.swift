import Testing

@testable import Immediate

@Suite("Draw list")
struct DrawListTests {
    @Test("clip rects nest by intersection and are carried by commands")
    func clipping() {
        var list = DrawList()
        list.addRectFilled(Rect(x: 0, y: 0, width: 10, height: 10), .white)
        list.pushClip(Rect(x: 0, y: 0, width: 100, height: 100))
        list.pushClip(Rect(x: 50, y: 50, width: 100, height: 100))
        list.addRectFilled(Rect(x: 60, y: 60, width: 10, height: 10), .white)
        #expect(list.clip == Rect(x: 50, y: 50, width: 50, height: 50))
        list.popClip()
        list.addRectFilled(Rect(x: 5, y: 5, width: 10, height: 10), .white)
        list.popClip()
        #expect(
            list.commands.map(\.clip) == [
                Rect.infinite, Rect(x: 50, y: 50, width: 50, height: 50), Rect(x: 0, y: 0, width: 100, height: 100),
            ])
        #expect(list.commands.map(\.indexCount) == [6, 6, 6])
        #expect(list.commands.map(\.indexOffset) == [0, 6, 12])
    }

    @Test("primitives wholly outside the clip add nothing")
    func culling() {
        var list = DrawList()
        list.pushClip(Rect(x: 0, y: 0, width: 100, height: 100))
        list.addRectFilled(Rect(x: 200, y: 200, width: 10, height: 10), .white)
        list.addCircleFilled(Vec2(-50, -50), radius: 5, .white)
        list.addText("hidden", at: Vec2(500, 500), font: .testing, .white)
        #expect(list.vertices.isEmpty && list.indices.isEmpty)
        list.addRectFilled(Rect(x: 90, y: 90, width: 20, height: 20), .white)  // partly inside: kept, scissor clips
        #expect(list.vertices.count == 4)
    }

    @Test("textures split commands (solid, font, images); adjacent compatible draws share one")
    func textures() {
        var list = DrawList()
        list.addRectFilled(Rect(x: 0, y: 0, width: 1, height: 1), .white)
        list.addRectFilled(Rect(x: 2, y: 0, width: 1, height: 1), .white)
        list.addImage(.image(3), Rect(x: 0, y: 0, width: 5, height: 5))
        list.addRectFilled(Rect(x: 4, y: 0, width: 1, height: 1), .white)
        #expect(list.commands.map(\.texture) == [.solid, .image(3), .solid])
        #expect(list.commands.map(\.indexCount) == [12, 6, 6])
        list.addText("a", at: .zero, font: .testing, .white)
        #expect(list.commands.last?.texture == .font, "glyphs sample the atlas")
    }

    @Test("coalescing joins a fill to the last fill when the text between does not overlap it")
    func coalescingJoins() {
        var list = DrawList()
        list.addRectFilled(Rect(x: 0, y: 0, width: 10, height: 10), .white)
        list.addText("a", at: Vec2(50, 0), font: .testing, .white)
        list.addRectFilled(Rect(x: 100, y: 0, width: 10, height: 10), Color(hex: 0xFF0000))
        list.addText("b", at: Vec2(150, 0), font: .testing, .white)
        let before = list
        #expect(list.commands.map(\.texture) == [.solid, .font, .solid, .font])
        list.coalesce()
        #expect(list.commands.map(\.texture) == [.solid, .font])
        #expect(list.commands.map(\.indexCount) == [12, before.commands[1].indexCount + before.commands[3].indexCount])
        // Each command's triangles keep their order: the first fill's, then the second's.
        let solids = Array(list.indices[0..<12])
        #expect(
            solids == Array(before.indices[0..<6])
                + Array(before.indices[before.commands[2].indexOffset..<(before.commands[2].indexOffset + 6)]))
        #expect(list.vertices == before.vertices)
    }

    @Test("coalescing keeps a fill after text it covers, and keeps clips apart")
    func coalescingKeepsOrder() {
        var list = DrawList()
        list.addRectFilled(Rect(x: 0, y: 0, width: 10, height: 10), .white)
        list.addText("a", at: Vec2(50, 0), font: .testing, .white)
        list.addRectFilled(Rect(x: 45, y: 0, width: 30, height: 30), Color(hex: 0xFF0000, alpha: 128))  // over the glyph
        list.pushClip(Rect(x: 200, y: 0, width: 50, height: 50))
        list.addText("c", at: Vec2(210, 0), font: .testing, .white)
        list.addRectFilled(Rect(x: 300, y: 0, width: 10, height: 10), .white)  // clipped away: draws nothing
        list.popClip()
        list.coalesce()
        #expect(list.commands.map(\.texture) == [.solid, .font, .solid, .font])
        #expect(list.commands.last?.clip == Rect(x: 200, y: 0, width: 50, height: 50))
    }

    @Test("anti-aliased polylines have a transparent fringe; indices stay in range")
    func polylines() {
        var list = DrawList()
        list.addPolyline([Vec2(0, 0), Vec2(10, 5), Vec2(20, 0)], Color(hex: 0xFF0000), thickness: 2)
        #expect(list.vertices.count == 12)
        #expect(list.vertices.filter { $0.color >> 24 == 0 }.count == 6, "outer ring transparent")
        #expect(list.indices.allSatisfy { Int($0) < list.vertices.count })
        list.addConvexFilled([Vec2(0, 0), Vec2(10, 0), Vec2(5, 8)], .white)
        #expect(list.indices.allSatisfy { Int($0) < list.vertices.count })
    }

    @Test("text advances by the font's metrics")
    func text() {
        var list = DrawList()
        let width = list.addText("abc d", at: Vec2(10, 10), font: .testing, .white)
        #expect(width == 35)
        #expect(list.vertices.count == 16, "4 glyph quads; the space draws nothing")
        #expect(FontAtlas.testing.truncate("abcdefghij", toFit: 40) == "abcd…")
    }
}
