import CPURenderer
import GLRenderer
import GalleryKit
import Platform
import Shell
import Testing

@testable import Immediate

/// The CPU renderer draws every frame of a window without a GPU, and a GL window's first frame.
/// These check it against GL's own pixels (Mesa's) for the same `DrawData`, and against
/// hand-computed values.
@Suite("CPU renderer (needs a display for the GL side: run under xvfb-run)", .serialized)
@MainActor
struct CPURendererTests {
    /// Both renderers' pixels (RGBA8, top row first) for the last of `frames` builds of `frame`.
    func both(_ shell: Shell, width: Int, height: Int, input: InputState, frames: Int = 3, _ frame: (UIContext) -> Void) throws
        -> (gl: [UInt8], cpu: [UInt8])
    {
        var sized = input
        sized.displaySize = Vec2(Float(width), Float(height))
        var data = DrawData(lists: [], images: [:], displaySize: .zero, clearColor: .black)
        for _ in 0..<frames {
            shell.ui.beginFrame(sized)
            frame(shell.ui)
            data = shell.ui.endFrame()
            shell.addMissingGlyphs()
        }
        let renderer = try shell.renderer
        renderer.finishWarmUp(font: shell.ui.font)
        let target = try OffscreenTarget(width: width, height: height)
        target.bind()
        renderer.render(data, width: width, height: height)
        let gl = target.readPixels()
        target.unbind()
        let cpu = try #require(CPURenderer.render(data, font: shell.ui.font, width: width, height: height)).rgba
        return (gl, cpu)
    }

    /// How many pixels differ by more than `tolerance` in any channel (alpha aside).
    func differing(_ a: [UInt8], _ b: [UInt8], tolerance: Int) -> Int {
        var count = 0
        for pixel in 0..<(min(a.count, b.count) / 4) {
            for channel in 0..<3 where abs(Int(a[pixel * 4 + channel]) - Int(b[pixel * 4 + channel])) > tolerance {
                count += 1
                break
            }
        }
        return count
    }

    @Test("every gallery page (lines, markers, bars, heat maps, text, clips) comes out as GL draws it")
    func galleryMatchesGL() throws {
        let width = 900
        let height = 600
        let shell = try Shell(title: "cpu render test", width: width, height: height, visible: false, drawing: .openGL)
        let gallery = Gallery(data: GalleryData(linePoints: 20_000, scatterPoints: 5_000))
        var hover = InputState()
        hover.mouse = Vec2(250, 200)
        for page in 0..<Gallery.pages.count {
            let (gl, cpu) = try both(shell, width: width, height: height, input: hover) { ui in
                ui.setState(page, for: ui.id("gallery-pages"))
                gallery.frame(ui)
            }
            #expect(gl.count == width * height * 4 && cpu.count == gl.count)
            // Rounding of blends and filtering: a level or two. Anything beyond is a pixel the two
            // disagree on covering (an edge's tie, a scissor's border): allow about a hundred in 540k.
            let offByMore = differing(gl, cpu, tolerance: 2)
            let offByMuch = differing(gl, cpu, tolerance: 40)
            #expect(offByMore <= width * height / 5000, "page \(page): \(offByMore) pixels differ by more than 2")
            #expect(offByMuch <= 30, "page \(page): \(offByMuch) pixels differ by more than 40")
        }
    }

    /// One frame of `body` on the CPU; pixel (x, y) as (r, g, b).
    func cpuFrame(width: Int, height: Int, clear: Color, _ body: (inout DrawList) -> Void) -> (Int, Int) -> (Int, Int, Int) {
        let font = FontAtlas.testing
        var list = DrawList()
        list.whiteUV = font.whiteUV
        body(&list)
        let data = DrawData(lists: [list], images: [:], displaySize: Vec2(Float(width), Float(height)), clearColor: clear)
        let frame = CPURenderer.render(data, font: font, width: width, height: height)
        let pixels = frame.map { Array($0.pixels) } ?? []
        return { x, y in
            let p = pixels[y * width + x]
            return (Int(p >> 16 & 0xff), Int(p >> 8 & 0xff), Int(p & 0xff))
        }
    }

    @Test("a translucent quad blends every pixel once, the shared diagonal included")
    func blendOnce() {
        let pixel = cpuFrame(width: 40, height: 40, clear: Color(r: 0, g: 0, b: 200)) { list in
            list.addRectFilled(Rect(x: 5, y: 5, width: 30, height: 30), Color(r: 255, g: 100, b: 0, a: 128))
        }
        // By hand: c·128/255 + d·127/255, each rounded: 255 → 128, 100 → 50, blue 200 → 100.
        for y in 5..<35 {
            for x in 5..<35 {
                let p = pixel(x, y)
                #expect(p == (128, 50, 100), "(\(x), \(y)): \(p)")
            }
        }
        #expect(pixel(4, 20) == (0, 0, 200) && pixel(35, 20) == (0, 0, 200) && pixel(20, 4) == (0, 0, 200) && pixel(20, 35) == (0, 0, 200))
    }

    @Test("pixel centres decide coverage: a top or left edge through a centre takes it, a bottom or right one does not")
    func coverageRule() {
        let pixel = cpuFrame(width: 6, height: 6, clear: .black) { list in
            // Corners at pixel centres (0.5, 0.5) and (2.5, 2.5): its top and left edges pass
            // through the centres of row 0 and column 0, its bottom and right through row 2 and column 2.
            list.addQuad(
                Vec2(0.5, 0.5), Vec2(2.5, 2.5), uv0: list.whiteUV, uv1: list.whiteUV, color: Color(r: 255, g: 255, b: 255), texture: .solid)
        }
        for y in 0..<6 {
            for x in 0..<6 {
                let inside = x < 2 && y < 2
                #expect(pixel(x, y) == (inside ? (255, 255, 255) : (0, 0, 0)), "(\(x), \(y))")
            }
        }
    }

    @Test("a triangle with a vertex that is not finite is not drawn; the rest of the frame is")
    func notFinite() {
        for bad: Float in [.nan, .infinity, -.infinity] {
            let pixel = cpuFrame(width: 8, height: 8, clear: .black) { list in
                list.addQuad(Vec2(1, 1), Vec2(bad, 3), uv0: list.whiteUV, uv1: list.whiteUV, color: .white, texture: .solid)
                list.addQuad(Vec2(2, 5), Vec2(4, 7), uv0: list.whiteUV, uv1: list.whiteUV, color: .white, texture: .solid)
            }
            for y in 0..<8 {
                for x in 0..<8 {
                    let drawn = (2..<4).contains(x) && (5..<7).contains(y)
                    #expect(pixel(x, y) == (drawn ? (255, 255, 255) : (0, 0, 0)), "x = \(bad): (\(x), \(y))")
                }
            }
        }
    }

    @Test("a triangle far beyond the fixed-point range is clipped first, and covers what it covers on screen")
    func farOut() {
        // Within the range (drawn directly) and a hundred times beyond it (clipped first): both
        // rows 1 and 2 across the whole width, as GL would draw them.
        for reach: Float in [3e6, 3e8] {
            let pixel = cpuFrame(width: 8, height: 8, clear: .black) { list in
                list.addQuad(Vec2(-reach, 1), Vec2(reach, 3), uv0: list.whiteUV, uv1: list.whiteUV, color: .white, texture: .solid)
            }
            for y in 0..<8 {
                for x in 0..<8 {
                    #expect(pixel(x, y) == ((1...2).contains(y) ? (255, 255, 255) : (0, 0, 0)), "reach \(reach): (\(x), \(y))")
                }
            }
        }
    }

    @Test("a quad that is not a rectangle blends every pixel once too, and covers its area")
    func parallelogramOnce() {
        // Corners on whole pixels: translates of it tile the plane, so it holds exactly its area
        // of pixel centres, 30 × 20 = 600, each blended once.
        let pixel = cpuFrame(width: 40, height: 40, clear: Color(r: 0, g: 0, b: 200)) { list in
            list.addFilledStrip(
                upper: [Vec2(5, 5), Vec2(35, 15)], lower: [Vec2(5, 25), Vec2(35, 35)], Color(r: 255, g: 100, b: 0, a: 128))
        }
        var blended = 0
        for y in 0..<40 {
            for x in 0..<40 {
                let p = pixel(x, y)
                #expect(p == (128, 50, 100) || p == (0, 0, 200), "(\(x), \(y)): \(p)")
                if p == (128, 50, 100) { blended += 1 }
            }
        }
        #expect(blended == 600)
    }

    @Test("a triangle taller than wide (walked by columns) keeps the same coverage rule")
    func tallTriangle() {
        // (0, 0), (2, 0), (0, 10): a pixel centre (x + ½, y + ½) is inside when
        // (x + ½)/2 + (y + ½)/10 < 1; on the long edge (a right edge) it is not, e.g. (1, 2).
        let pixel = cpuFrame(width: 4, height: 12, clear: .black) { list in
            list.addFilledStrip(upper: [Vec2(0, 0), Vec2(2, 0)], lower: [Vec2(0, 10), Vec2(0, 10)], .white)
        }
        for y in 0..<12 {
            for x in 0..<4 {
                let inside = (Double(x) + 0.5) / 2 + (Double(y) + 0.5) / 10 < 1
                #expect(pixel(x, y) == (inside ? (255, 255, 255) : (0, 0, 0)), "(\(x), \(y))")
            }
        }
        #expect(pixel(1, 1) == (255, 255, 255) && pixel(1, 2) == (0, 0, 0))
    }

    @Test("a clip keeps what GL's scissor keeps: origin truncated, size rounded up")
    func scissorRule() {
        let pixel = cpuFrame(width: 20, height: 20, clear: .black) { list in
            list.pushClip(Rect(x: 4.6, y: 3.2, width: 5.3, height: 6.1))
            list.addRectFilled(Rect(x: 0, y: 0, width: 20, height: 20), Color(r: 0, g: 255, b: 0))
            list.popClip()
        }
        // Columns: from 4 (4.6 truncated), 6 wide (5.3 up) → 4…9. Rows, counted from the bottom as
        // GL does: from trunc(20 − 9.3) = 10, 7 high → GL rows 10…16 → rows 3…9 from the top.
        for y in 0..<20 {
            for x in 0..<20 {
                let kept = (4...9).contains(x) && (3...9).contains(y)
                #expect(pixel(x, y) == (kept ? (0, 255, 0) : (0, 0, 0)), "(\(x), \(y))")
            }
        }
    }
}
