import Dispatch
import Immediate

/// Draws `DrawData` on the CPU into 32-bit pixels: the same triangles, scissors, texture reads
/// and blending as `GLRenderer`'s three programs, with the rules a GL rasterizer follows (pixel
/// centres at .5, vertices snapped to 1/256 pixel, a top-left rule so a pixel on an edge two
/// triangles share is drawn once).
///
/// The window shows its first frame with it, straight through the window system: under Mesa's
/// software GL the first draw through any program compiles it (40–60 ms with an empty shader
/// cache), while this needs no compile at all. Every later frame goes through GL.
public enum CPURenderer {
    /// Vertex coordinates it takes, in pixels: within this, edge functions on a 1/256 grid fit
    /// in 64 bits. GL clips larger ones; this leaves them to GL.
    public static let coordinateLimit: Float = 4_000_000

    /// Renders `data` at `width` × `height`. `bands` row bands are drawn on as many threads. Nil
    /// when a vertex is not finite or lies beyond `coordinateLimit`, or no memory could be mapped:
    /// draw that frame with GL.
    public static func render(_ data: DrawData, font: FontAtlas, width: Int, height: Int, bands: Int = 2) -> CPUFrame? {
        for list in data.lists {
            for vertex in list.vertices
            where !(abs(vertex.position.x) < coordinateLimit && abs(vertex.position.y) < coordinateLimit) {
                return nil
            }
        }
        guard width > 0, height > 0, let frame = CPUFrame(width: width, height: height), let base = frame.pixels.baseAddress else {
            return nil
        }
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
        return frame
    }
}

/// The frame's pixels, shared by the bands (each writes only its own rows).
private struct Target: @unchecked Sendable {
    let base: UnsafeMutablePointer<UInt32>
    let width: Int
    let height: Int
}

/// The font atlas: one coverage byte per texel, read with bilinear filtering and clamped edges
/// (the GL texture's `GL_LINEAR`, `GL_CLAMP_TO_EDGE`).
private struct Coverage: @unchecked Sendable {
    let texels: UnsafeBufferPointer<UInt8>
    let width: Int
    let height: Int

    /// Coverage at (u, v) in 0…255.
    @inline(__always)
    func sample(_ u: Float, _ v: Float) -> Float {
        guard u.isFinite, v.isFinite else { return 0 }
        // Clamped first: far outside, every read is the edge texel anyway.
        let x = min(max(u * Float(width) - 0.5, -1), Float(width))
        let y = min(max(v * Float(height) - 0.5, -1), Float(height))
        // x, y ≥ −1 here, so truncating x + 1 floors it.
        let ix = Int(x + 1) - 1
        let iy = Int(y + 1) - 1
        let ax = x - Float(ix)
        let ay = y - Float(iy)
        let x0 = clamp(ix, width)
        let x1 = clamp(ix + 1, width)
        let y0 = clamp(iy, height)
        let y1 = clamp(iy + 1, height)
        let top = Float(texels[y0 * width + x0]) * (1 - ax) + Float(texels[y0 * width + x1]) * ax
        let bottom = Float(texels[y1 * width + x0]) * (1 - ax) + Float(texels[y1 * width + x1]) * ax
        return top * (1 - ay) + bottom * ay
    }

    @inline(__always)
    private func clamp(_ value: Int, _ size: Int) -> Int { min(max(value, 0), size - 1) }
}

/// Draws lists into one band of rows.
private struct Painter {
    let target: Target
    let rows: Range<Int>
    let font: Coverage
    let images: [Int: DrawImage]

    func draw(_ list: DrawList) {
        for command in list.commands where command.indexCount > 0 {
            guard let box = scissor(command.clip) else { continue }
            var image: DrawImage?
            if case .image(let slot) = command.texture {
                // GLRenderer skips an image it was not given too; a short pixel array is not read.
                guard let given = images[slot], given.width > 0, given.height > 0, given.pixels.count >= given.width * given.height
                else { continue }
                image = given
            }
            var index = command.indexOffset
            let end = command.indexOffset + command.indexCount
            while index + 2 < end {
                let a = list.vertices[Int(list.indices[index])]
                let b = list.vertices[Int(list.indices[index + 1])]
                let c = list.vertices[Int(list.indices[index + 2])]
                triangle(a, b, c, texture: command.texture, image: image, box: box)
                index += 3
            }
        }
    }

    /// The pixels GLRenderer's `glScissor` lets through for `clip`, within this band:
    /// columns and rows as half-open ranges, or nil when none.
    private func scissor(_ clip: Rect) -> (x: Range<Int>, y: Range<Int>)? {
        let w = Float(target.width)
        let h = Float(target.height)
        let visible = clip.intersection(Rect(min: .zero, max: Vec2(w, h)))
        guard !visible.isEmpty else { return nil }
        // GL's box: origin truncated, size rounded up, in bottom-up rows.
        let x0 = Int(visible.min.x)
        let bottom = Int(h - visible.max.y)
        let left = max(0, x0)
        let right = min(target.width, x0 + Int(visible.width.rounded(.up)))
        let top = max(target.height - (bottom + Int(visible.height.rounded(.up))), rows.lowerBound)
        let end = min(target.height - bottom, rows.upperBound)
        guard left < right, top < end else { return nil }
        return (left..<right, top..<end)
    }

    /// One triangle: its pixel centres inside, row by row as spans, shaded and blended.
    private func triangle(
        _ v0: DrawVertex, _ v1: DrawVertex, _ v2: DrawVertex, texture: TextureID, image: DrawImage?, box: (x: Range<Int>, y: Range<Int>)
    ) {
        let s = Float(subpixel)
        let p0 = (Int64((v0.position.x * s).rounded()), Int64((v0.position.y * s).rounded()))
        var p1 = (Int64((v1.position.x * s).rounded()), Int64((v1.position.y * s).rounded()))
        var p2 = (Int64((v2.position.x * s).rounded()), Int64((v2.position.y * s).rounded()))
        var a1 = v1
        var a2 = v2
        var area = (p1.0 - p0.0) * (p2.1 - p0.1) - (p1.1 - p0.1) * (p2.0 - p0.0)
        guard area != 0 else { return }
        if area < 0 {
            // One winding for the edge functions (no culling: both windings draw).
            swap(&p1, &p2)
            swap(&a1, &a2)
            area = -area
        }
        // Pixel range of the triangle's bounds, within the scissor box.
        let minX = max(box.x.lowerBound, Int(floorDiv(min(p0.0, p1.0, p2.0) - halfPixel, subpixel)))
        let maxX = min(box.x.upperBound - 1, Int(floorDiv(max(p0.0, p1.0, p2.0) - halfPixel, subpixel)) + 1)
        let minY = max(box.y.lowerBound, Int(floorDiv(min(p0.1, p1.1, p2.1) - halfPixel, subpixel)))
        let maxY = min(box.y.upperBound - 1, Int(floorDiv(max(p0.1, p1.1, p2.1) - halfPixel, subpixel)) + 1)
        guard minX <= maxX, minY <= maxY else { return }
        // Edge k is opposite vertex k; each is ≥ 0 inside (> 0 on edges that are not top or left).
        let e0 = Edge(p1, p2)
        let e1 = Edge(p2, p0)
        let e2 = Edge(p0, p1)
        let shade = Shade(v0, a1, a2, texture: texture, image: image, font: font, area: Float(area))
        let steps = (Float(e0.stepX), Float(e1.stepX), Float(e2.stepX))
        let width = maxX - minX + 1
        let centerX = Int64(minX) * subpixel + halfPixel
        for y in minY...maxY {
            let centerY = Int64(y) * subpixel + halfPixel
            let values = (e0.value(centerX, centerY), e1.value(centerX, centerY), e2.value(centerX, centerY))
            var span = 0..<width
            e0.limit(&span, at: values.0)
            e1.limit(&span, at: values.1)
            e2.limit(&span, at: values.2)
            guard !span.isEmpty else { continue }
            shade.span(
                row: target.base + y * target.width + minX, from: span.lowerBound, through: span.upperBound - 1,
                weights: (Float(values.0), Float(values.1), Float(values.2)), steps: steps)
        }
    }
}

/// An edge function in subpixels: zero on the line through `a` and `b`, positive on the side
/// where the triangle lies (its vertices are in one winding).
private struct Edge {
    let a: (Int64, Int64)
    let dx: Int64
    let dy: Int64
    /// 0 where a pixel centre exactly on the edge counts as inside (top and left edges), 1 otherwise.
    let bias: Int64

    init(_ a: (Int64, Int64), _ b: (Int64, Int64)) {
        self.a = a
        dx = b.0 - a.0
        dy = b.1 - a.1
        // With y down and this winding a top edge runs to the right (dy == 0, dx > 0) and a left
        // edge runs upward (dy < 0).
        let topOrLeft = (dy == 0 && dx > 0) || dy < 0
        bias = topOrLeft ? 0 : 1
    }

    @inline(__always)
    func value(_ x: Int64, _ y: Int64) -> Int64 { dx * (y - a.1) - dy * (x - a.0) }

    /// Change of `value` one pixel to the right.
    var stepX: Int64 { -dy * subpixel }

    /// Narrows `span` (pixel offsets along a row) to the pixels i with `value + stepX·i ≥ bias`.
    @inline(__always)
    func limit(_ span: inout Range<Int>, at value: Int64) {
        let need = bias - value
        let step = stepX
        var low = span.lowerBound
        var high = span.upperBound
        if step > 0 {
            low = max(low, Int(clamping: ceilDiv(need, step)))
        } else if step < 0 {
            high = min(high, Int(clamping: floorDiv(-need, -step)) + 1)
        } else if need > 0 {
            high = low
        }
        span = low..<max(low, high)
    }
}

/// What a triangle's pixels get: its fragment colour (the GL program's output) and the blend.
private struct Shade {
    let c0: SIMD4<Float>
    let c1: SIMD4<Float>
    let c2: SIMD4<Float>
    let uv0: SIMD2<Float>
    let uv1: SIMD2<Float>
    let uv2: SIMD2<Float>
    let texture: TextureID
    let image: DrawImage?
    let font: Coverage
    let area: Float
    /// One colour for the whole triangle (its vertices agree and no texture varies over it).
    let constant: UInt32?

    init(_ v0: DrawVertex, _ v1: DrawVertex, _ v2: DrawVertex, texture: TextureID, image: DrawImage?, font: Coverage, area: Float) {
        c0 = Shade.unpack(v0.color)
        c1 = Shade.unpack(v1.color)
        c2 = Shade.unpack(v2.color)
        uv0 = SIMD2(v0.uv.x, v0.uv.y)
        uv1 = SIMD2(v1.uv.x, v1.uv.y)
        uv2 = SIMD2(v2.uv.x, v2.uv.y)
        self.texture = texture
        self.image = image
        self.font = font
        self.area = area
        let sameColor = v0.color == v1.color && v1.color == v2.color
        let sameUV = v0.uv == v1.uv && v1.uv == v2.uv
        switch texture {
        case .solid where sameColor:
            constant = Shade.pack(c0)
        case .font where sameColor && sameUV:
            var color = c0
            color.w *= font.sample(uv0.x, uv0.y) / 255
            constant = Shade.pack(color)
        default:
            constant = nil
        }
    }

    /// Shades pixels `from`…`through` of a row starting at `row`. `weights` are the three edge
    /// functions at pixel 0, `steps` their change per pixel.
    @inline(__always)
    func span(
        row: UnsafeMutablePointer<UInt32>, from: Int, through: Int, weights: (Float, Float, Float), steps: (Float, Float, Float)
    ) {
        if let constant {
            let alpha = constant >> 24
            if alpha == 0 { return }
            if alpha == 255 {
                let opaque = Shade.blend(constant, over: 0)
                for i in from...through { row[i] = opaque }
            } else {
                for i in from...through { row[i] = Shade.blend(constant, over: row[i]) }
            }
            return
        }
        // Colour and texture coordinate are linear along the row: their value at `from`, then a
        // step per pixel (the barycentric weights' own steps).
        let inverse = 1 / area
        let start = Float(from)
        let w = (
            (weights.0 + steps.0 * start) * inverse, (weights.1 + steps.1 * start) * inverse, (weights.2 + steps.2 * start) * inverse
        )
        let d = (steps.0 * inverse, steps.1 * inverse, steps.2 * inverse)
        var color = c0 * w.0 + c1 * w.1 + c2 * w.2
        let colorStep = c0 * d.0 + c1 * d.1 + c2 * d.2
        var uv = uv0 * w.0 + uv1 * w.1 + uv2 * w.2
        let uvStep = uv0 * d.0 + uv1 * d.1 + uv2 * d.2
        switch texture {
        case .solid:
            for i in from...through {
                row[i] = Shade.blend(Shade.pack(color), over: row[i])
                color += colorStep
            }
        case .font:
            for i in from...through {
                var shaded = color
                shaded.w *= font.sample(uv.x, uv.y) * (1 / 255)
                row[i] = Shade.blend(Shade.pack(shaded), over: row[i])
                color += colorStep
                uv += uvStep
            }
        case .image:
            guard let image else { return }
            let size = SIMD2(Float(image.width), Float(image.height))
            image.pixels.withUnsafeBufferPointer { texels in
                for i in from...through {
                    // GL_NEAREST, clamped to the edge texels.
                    let texel = uv * size
                    let x = texel.x.isFinite ? min(max(Int(max(texel.x, -1)), 0), image.width - 1) : 0
                    let y = texel.y.isFinite ? min(max(Int(max(texel.y, -1)), 0), image.height - 1) : 0
                    row[i] = Shade.blend(Shade.pack(color * Shade.unpack(texels[y * image.width + x]) * (1 / 255)), over: row[i])
                    color += colorStep
                    uv += uvStep
                }
            }
        }
    }

    /// RGBA8 (red in the low byte) as four 0…255 floats.
    @inline(__always)
    private static func unpack(_ packed: UInt32) -> SIMD4<Float> {
        SIMD4(Float(packed & 0xff), Float(packed >> 8 & 0xff), Float(packed >> 16 & 0xff), Float(packed >> 24))
    }

    /// Four 0…255 floats rounded to RGBA8 (red in the low byte), as the colour buffer stores them.
    @inline(__always)
    private static func pack(_ color: SIMD4<Float>) -> UInt32 {
        // Clamped to 0…255, then + 0.5 truncated: rounded to nearest.
        let red = UInt32(min(max(color.x, 0), 255) + 0.5)
        let green = UInt32(min(max(color.y, 0), 255) + 0.5)
        let blue = UInt32(min(max(color.z, 0), 255) + 0.5)
        let alpha = UInt32(min(max(color.w, 0), 255) + 0.5)
        return red | green << 8 | blue << 16 | alpha << 24
    }

    /// `source` (RGBA8, straight alpha) over `destination` (0x00RRGGBB): GL's
    /// `SRC_ALPHA, ONE_MINUS_SRC_ALPHA`, each product rounded to 8 bits as an 8-bit blender does.
    @inline(__always)
    static func blend(_ source: UInt32, over destination: UInt32) -> UInt32 {
        let alpha = source >> 24
        let keep = 255 - alpha
        let r = multiply(source & 0xff, alpha) + multiply(destination >> 16 & 0xff, keep)
        let g = multiply(source >> 8 & 0xff, alpha) + multiply(destination >> 8 & 0xff, keep)
        let b = multiply(source >> 16 & 0xff, alpha) + multiply(destination & 0xff, keep)
        return min(r, 255) << 16 | min(g, 255) << 8 | min(b, 255)
    }

    /// a·b/255 rounded, exactly, for 8-bit a and b.
    @inline(__always)
    private static func multiply(_ a: UInt32, _ b: UInt32) -> UInt32 {
        let product = a * b + 128
        return (product + (product >> 8)) >> 8
    }
}

/// Subpixel steps per pixel (GL rasterizers snap vertices to a fixed grid; Mesa's to 1/256), and
/// the offset of a pixel's centre.
private let subpixel: Int64 = 256
private let halfPixel = subpixel / 2

@inline(__always)
private func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
    let q = a / b
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
}

@inline(__always)
private func ceilDiv(_ a: Int64, _ b: Int64) -> Int64 { -floorDiv(-a, b) }
