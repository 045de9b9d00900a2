import FontRaster
import Foundation
import GLRenderer
import GalleryKit
import ImageIO
import Platform
import Shell
import Testing

@testable import Immediate

/// Rendering tests, through GL and through the CPU where both draw: they need a display
/// (`Scripts/test` runs them under xvfb-run) and fail, not skip, without one.
@Suite("Rendering (needs a display: run under xvfb-run)", .serialized)
@MainActor
struct RenderTests {
    func pixel(_ pixels: [UInt8], width: Int, _ x: Int, _ y: Int) -> (Int, Int, Int, Int) {
        let i = (y * width + x) * 4
        return (Int(pixels[i]), Int(pixels[i + 1]), Int(pixels[i + 2]), Int(pixels[i + 3]))
    }

    func close(_ a: (Int, Int, Int, Int), _ b: (Int, Int, Int), tolerance: Int = 3) -> Bool {
        abs(a.0 - b.0) <= tolerance && abs(a.1 - b.1) <= tolerance && abs(a.2 - b.2) <= tolerance
    }

    @Test("a known scene renders the expected colours at known pixels", arguments: [Drawing.openGL, .cpu])
    func knownScene(drawing: Drawing) throws {
        let shell = try Shell(title: "render test", width: 200, height: 100, visible: false, drawing: drawing)
        let background = shell.ui.style.background
        let pixels = try shell.renderOffscreen(width: 200, height: 100, inputs: [InputState()]) { ui in
            ui.draw { list in
                list.addRectFilled(Rect(x: 10, y: 10, width: 40, height: 30), Color(hex: 0xFF0000))
                list.addRectFilled(Rect(x: 60, y: 10, width: 40, height: 30), Color(hex: 0x00FF00, alpha: 128))
                list.pushClip(Rect(x: 110, y: 0, width: 20, height: 100))
                list.addRectFilled(Rect(x: 100, y: 50, width: 60, height: 20), Color(hex: 0x0000FF))
                list.popClip()
                list.addCircleFilled(Vec2(170, 70), radius: 12, Color(hex: 0xFFFFFF))
            }
            let image = DrawImage(width: 2, height: 1, pixels: [Color(hex: 0xFFFF00).packed, Color(hex: 0x00FFFF).packed], version: 1)
            let texture = ui.addImage(image)
            ui.draw { $0.addImage(texture, Rect(x: 10, y: 60, width: 40, height: 20)) }
        }
        #expect(close(pixel(pixels, width: 200, 30, 25), (255, 0, 0)), "opaque red rect")
        #expect(close(pixel(pixels, width: 200, 5, 5), (Int(background.r), Int(background.g), Int(background.b))), "clear colour outside")
        // 50% green over the background.
        let blended = pixel(pixels, width: 200, 80, 25)
        #expect(abs(blended.1 - (128 + Int(background.g) / 2)) <= 4 && blended.0 < 30, "\(blended)")
        #expect(close(pixel(pixels, width: 200, 120, 60), (0, 0, 255)), "inside the clip")
        #expect(close(pixel(pixels, width: 200, 105, 60), (Int(background.r), Int(background.g), Int(background.b))), "scissored away")
        #expect(close(pixel(pixels, width: 200, 140, 60), (Int(background.r), Int(background.g), Int(background.b))), "scissored away")
        #expect(close(pixel(pixels, width: 200, 170, 70), (255, 255, 255)), "disk centre")
        #expect(close(pixel(pixels, width: 200, 185, 70), (Int(background.r), Int(background.g), Int(background.b))), "outside the disk")
        #expect(close(pixel(pixels, width: 200, 20, 70), (255, 255, 0)), "image left texel")
        #expect(close(pixel(pixels, width: 200, 40, 70), (0, 255, 255)), "image right texel")
    }

    @Test("before the solid program is made, solid fills drawn by the UI program give the same pixels")
    func solidFallback() throws {
        let shell = try Shell(title: "render test", width: 160, height: 100, visible: false, drawing: .openGL)
        var input = InputState()
        input.displaySize = Vec2(160, 100)
        shell.ui.beginFrame(input)
        shell.ui.draw { list in
            list.addRectFilled(Rect(x: 10, y: 10, width: 50, height: 30), Color(hex: 0xE04020))
            list.addRectFilled(Rect(x: 30, y: 20, width: 50, height: 30), Color(hex: 0x20A0E0, alpha: 100))
            list.addLine(Vec2(5, 90), Vec2(150, 55), Color(hex: 0xFFFFFF), thickness: 1.5)
            list.addPolyline([Vec2(90, 10), Vec2(120, 60), Vec2(155, 15)], Color(hex: 0x40E040, alpha: 200), thickness: 2)
            list.addText("solid", at: Vec2(90, 70), font: shell.ui.font, Color(hex: 0xFFFF00))
        }
        let frame = shell.ui.endFrame()
        let target = try OffscreenTarget(width: 160, height: 100)
        func render() throws -> [UInt8] {
            target.bind()
            try shell.renderer.render(frame, width: 160, height: 100)
            return target.readPixels()
        }
        // Shell's init made only the UI program: this frame's fills go through it.
        let throughUI = try render()
        try shell.renderer.finishWarmUp(font: shell.ui.font)
        let throughSolid = try render()
        target.unbind()
        #expect(close(pixel(throughUI, width: 160, 15, 15), (0xE0, 0x40, 0x20)), "the fill is drawn, not dropped")
        let differing = zip(throughUI, throughSolid).filter { $0 != $1 }.count
        #expect(differing == 0, "\(differing) channel values differ between the two programs")
    }

    @Test("coalesced draw lists give the same pixels in fewer commands (every gallery page, hovered)", arguments: [Drawing.openGL, .cpu])
    func coalescedPixels(drawing: Drawing) throws {
        let shell = try Shell(title: "render test", width: 900, height: 600, visible: false, drawing: drawing)
        let gallery = Gallery(data: GalleryData(linePoints: 20_000, scatterPoints: 5_000))
        var hover = InputState()
        hover.mouse = Vec2(250, 200)
        for page in 0..<Gallery.pages.count {
            var commands: [Bool: Int] = [:]
            var pixels: [Bool: [UInt8]] = [:]
            for coalescing in [false, true] {
                shell.ui.coalescesDraws = coalescing
                pixels[coalescing] = try shell.renderOffscreen(width: 900, height: 600, inputs: [hover, hover, hover]) { ui in
                    ui.setState(page, for: ui.id("gallery-pages"))  // the page tabs' selection
                    gallery.frame(ui)
                }
                commands[coalescing] = shell.ui.endFrame().lists.map(\.commands.count).reduce(0, +)
            }
            shell.ui.coalescesDraws = true
            #expect(gallery.page == page)
            let differing = zip(pixels[false] ?? [], pixels[true] ?? []).filter { $0 != $1 }.count
            #expect(differing == 0, "page \(page): \(differing) channel values differ")
            #expect((pixels[false]?.count ?? 0) == 900 * 600 * 4)
            #expect((commands[true] ?? 0) < (commands[false] ?? 0), "page \(page): \(commands)")
        }
    }

    @Test("text is rasterized where it is drawn", arguments: [Drawing.openGL, .cpu])
    func text(drawing: Drawing) throws {
        let shell = try Shell(title: "render test", width: 200, height: 40, visible: false, drawing: drawing)
        let pixels = try shell.renderOffscreen(width: 200, height: 40, inputs: [InputState()]) { ui in
            ui.label("Hafs 0.75", at: Vec2(5, 5), color: .white)
        }
        var lit = 0
        for y in 0..<40 { for x in 0..<200 where pixel(pixels, width: 200, x, y).0 > 128 { lit += 1 } }
        #expect(lit > 60, "glyph pixels: \(lit)")
        var litRight = 0
        for y in 0..<40 { for x in 150..<200 where pixel(pixels, width: 200, x, y).0 > 128 { litRight += 1 } }
        #expect(litRight == 0, "nothing right of the text")
    }

    @Test("PNG export round-trips, written atomically")
    func pngRoundTrip() throws {
        let directory = NSTemporaryDirectory() + "hafs-png-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var rgba = [UInt8](repeating: 0, count: 37 * 23 * 4)
        for i in rgba.indices { rgba[i] = UInt8((i * 7919 + i / 4) % 256) }
        for i in stride(from: 3, to: rgba.count, by: 4) { rgba[i] = 255 }
        let path = directory + "/out.png"
        try PNGFile.write(path: path, width: 37, height: 23, rgba: rgba)
        let back = try PNGFile.read(path: path)
        #expect(back.width == 37 && back.height == 23)
        #expect(back.rgba == rgba)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory)
        #expect(leftovers == ["out.png"], "no temporary file left behind")
        // A folder that cannot exist (its parent is a file), and too few pixels for the size.
        #expect(throws: (any Error).self) { try PNGFile.write(path: path + "/x.png", width: 1, height: 1, rgba: [0, 0, 0, 255]) }
        #expect(throws: PNGFile.Failure.self) { try PNGFile.write(path: directory + "/y.png", width: 2, height: 2, rgba: [0, 0, 0, 255]) }
    }

    @Test("a screenshot of a plot is a PNG of the requested size with the plot in it", arguments: [Drawing.openGL, .cpu])
    func screenshot(drawing: Drawing) throws {
        let directory = NSTemporaryDirectory() + "hafs-shot-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let shell = try Shell(title: "render test", width: 320, height: 200, visible: false, drawing: drawing)
        let path = directory + "/plot.png"
        try shell.screenshot(path: path, width: 320, height: 200) { ui in
            ui.plot("p", Rect(x: 0, y: 0, width: 320, height: 200)) { p in
                p.bars("b", values: [1, 2, 3], color: Color(hex: 0xFF0000))
            }
        }
        let image = try PNGFile.read(path: path)
        #expect(image.width == 320 && image.height == 200)
        var red = 0
        for i in stride(from: 0, to: image.rgba.count, by: 4) where image.rgba[i] > 200 && image.rgba[i + 1] < 40 { red += 1 }
        #expect(red > 2000, "bars visible: \(red) red pixels")
    }

    @Test("characters outside the standard set are rasterized on demand; ones the font lacks stay boxes")
    func lazyGlyphs() throws {
        let shell = try Shell(title: "render test", width: 300, height: 40, visible: false)
        let cyrillic = "математика"
        #expect(shell.ui.font.glyphs[Character("м").unicodeScalars.first!.value] == nil, "not in the standard set")
        _ = try shell.renderOffscreen(width: 300, height: 40, inputs: [InputState(), InputState()]) { ui in
            ui.label(cyrillic + " 日本", at: Vec2(4, 4))
        }
        let font = shell.ui.font
        #expect(cyrillic.unicodeScalars.allSatisfy { font.glyphs[$0.value] != nil }, "rasterized after the first frame")
        #expect(font.measure(cyrillic) != Float(cyrillic.count) * font.fallback.advance)
        #expect(font.unavailable.contains(Character("日").unicodeScalars.first!.value), "DejaVu has no CJK: a box, not a retry")
        #expect(!shell.addMissingGlyphs(), "nothing left to add")
    }

    @Test("FreeType finds a font and rasterizes the standard characters")
    func fontAtlas() throws {
        let atlas = try FontRasterizer.makeAtlas(pixelSize: 14)
        #expect(atlas.glyphs["A".unicodeScalars.first!.value] != nil)
        #expect(atlas.glyphs[0xFC] != nil, "ü")
        #expect(atlas.glyphs[0x2191] != nil, "↑")
        #expect(atlas.measure("MMMM") > atlas.measure("iiii"), "proportional")
        #expect(atlas.lineHeight >= 14 && atlas.lineHeight < 24)
        let doubled = try FontRasterizer.makeAtlas(pixelSize: 28)
        #expect(doubled.measure("Hafs") > atlas.measure("Hafs") * 1.8, "HiDPI sizes scale")
    }
}
