import Dispatch
import Foundation
import Immediate

/// Draws `DrawData` on the CPU into 32-bit pixels: the same triangles, scissors, texture reads
/// and blending as `GLRenderer`'s three programs, with the rules a GL rasterizer follows (pixel
/// centres at .5, vertices snapped to 1/256 pixel, a top-left rule so a pixel on an edge two
/// triangles share is drawn once).
///
/// A window without GL draws every frame with it (`Drawing.cpu`); a GL window draws its first
/// frame with it, since under Mesa's software GL the first draw through any program compiles it
/// (40–60 ms with an empty shader cache) while this needs no compile at all.
///
/// Two shapes get their own paths: a quad that is an axis-aligned rectangle is filled row by row
/// with no edge tests, and a triangle taller than wide (a band's one-pixel columns) is walked
/// column by column, so its edge tests are paid per column.
public enum CPURenderer {
    /// Vertex coordinates it rasterizes directly, in pixels: within this, edge functions on a
    /// 1/256 grid fit in 64 bits. A triangle with a vertex beyond it is first clipped to
    /// ±`coordinateLimit`/2 (as GL clips to its guard band); one with a vertex that is not finite
    /// is not drawn.
    public static let coordinateLimit: Float = 4_000_000

    /// Row bands a frame is split into, drawn side by side: twice the cores (up to 8), so a band
    /// left waiting behind another busy thread (a log reader) leaves the others to the free core.
    public static let defaultBands = min(8, 2 * ProcessInfo.processInfo.activeProcessorCount)

    /// Renders `data` at `width` × `height` into a new frame. `bands` row bands are drawn on as
    /// many threads. Nil when no memory could be mapped.
    public static func render(
        _ data: DrawData, font: FontAtlas, width: Int, height: Int, bands: Int = defaultBands
    ) -> CPUFrame? {
        guard width > 0, height > 0, let frame = CPUFrame(width: width, height: height) else { return nil }
        render(data, font: font, into: frame, bands: bands)
        return frame
    }

    /// Renders `data` into all of `frame`'s pixels.
    public static func render(_ data: DrawData, font: FontAtlas, into frame: CPUFrame, bands: Int = defaultBands) {
        guard let base = frame.pixels.baseAddress else { return }
        let width = frame.width
        let height = frame.height
        let background = Shade.blend(data.clearColor.packed | 0xff00_0000, over: 0)
        let count = max(1, min(bands, height))
        let target = Target(base: base, width: width, height: height)
        font.pixels.withUnsafeBufferPointer { atlas in
            let texture = Coverage(texels: atlas, width: font.width, height: font.height)
            // Bands write disjoint rows of the frame, so they run side by side.
            DispatchQueue.concurrentPerform(iterations: count) { band in
                let rows = (height * band / count)..<(height * (band + 1) / count)
                (target.base + rows.lowerBound * width).update(repeating: background, count: rows.count * width)
                let painter = Painter(target: target, rows: rows, font: texture, images: data.images)
                for list in data.lists { painter.draw(list) }
            }
        }
    }
}

/// The frame's pixels, shared by the bands (each writes only its own rows).
struct Target: @unchecked Sendable {
    let base: UnsafeMutablePointer<UInt32>
    let width: Int
    let height: Int
}
