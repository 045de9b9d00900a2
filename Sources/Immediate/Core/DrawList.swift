import Foundation

// DrawList: what the UI hands the renderer. Vertices, 32-bit indices and commands; each command
// carries a clip rect (a scissor) and a texture. No GL here: the renderer turns this into draws.
//
// [SECTION] Anti-aliasing
//   Diagonal lines and filled convex shapes get a 1 px feather: an outer ring of vertices with
//   alpha 0 (as Dear ImGui does), so edges are smooth without MSAA. Axis-aligned rects are snapped
//   to whole pixels and drawn crisp with 4 vertices.
// [SECTION] Textures
//   `.solid` draws with the vertex colour alone (fills, lines, spans: the cheapest pixels);
//   `.font` is the font atlas (glyphs, and a disk for markers; its white texel is kept for any
//   textured solid need); `.image(n)` is image n of the frame's `DrawData` (density images).

/// Which texture a command samples.
public enum TextureID: Hashable, Sendable {
    /// No texture: the vertex colour alone (fills, lines, spans).
    case solid
    /// The font atlas (glyphs, the marker disk).
    case font
    /// Image n of the frame's `DrawData`.
    case image(Int)
}

/// One vertex: position in framebuffer pixels, texture coordinate, colour (RGBA8, straight alpha).
public struct DrawVertex: Sendable, Equatable {
    public var position: Vec2
    public var uv: Vec2
    public var color: UInt32

    public init(position: Vec2, uv: Vec2, color: UInt32) {
        self.position = position
        self.uv = uv
        self.color = color
    }
}

/// A run of indices drawn with one clip rect and one texture.
public struct DrawCommand: Sendable, Equatable {
    public var clip: Rect
    public var texture: TextureID
    public var indexOffset: Int
    public var indexCount: Int
}

/// Geometry of one layer of a frame.
public struct DrawList: Sendable {
    public internal(set) var vertices: [DrawVertex] = []
    public internal(set) var indices: [UInt32] = []
    public internal(set) var commands: [DrawCommand] = []
    private var clipStack: [Rect] = []
    private var texture: TextureID = .solid
    /// Texture coordinates of a white texel and of the marker disk (from the font atlas).
    public var whiteUV: Vec2 = .zero
    public var diskUV: Rect = .zero
    /// Every string `addText` was given this frame, drawn or culled, when recording is on
    /// (`UIContext.recordsText`, for tests); nil otherwise, at no cost.
    public var recordedTexts: [String]?

    public init() {}

    /// Empties the list for a new frame, keeping its capacity.
    public mutating func reset() {
        vertices.removeAll(keepingCapacity: true)
        indices.removeAll(keepingCapacity: true)
        commands.removeAll(keepingCapacity: true)
        clipStack.removeAll(keepingCapacity: true)
        texture = .solid
    }

    /// The clip rect in force.
    public var clip: Rect { clipStack.last ?? .infinite }

    /// Clips what follows to `rect` (intersected with the clip in force).
    public mutating func pushClip(_ rect: Rect) {
        clipStack.append(rect.intersection(clip))
    }

    public mutating func popClip() {
        _ = clipStack.popLast()
    }

    /// Appends another list's geometry after this one's (its clip rects are kept as they are).
    public mutating func append(_ other: DrawList) {
        let vertexBase = UInt32(vertices.count)
        let indexBase = indices.count
        vertices.append(contentsOf: other.vertices)
        indices.append(contentsOf: other.indices.map { $0 + vertexBase })
        for command in other.commands {
            commands.append(
                DrawCommand(
                    clip: command.clip.intersection(clip), texture: command.texture,
                    indexOffset: command.indexOffset + indexBase, indexCount: command.indexCount))
        }
    }

    // MARK: - Commands

    /// Makes sure the last command matches the clip and texture in force, then returns where new
    /// vertices start.
    private mutating func begin(texture wanted: TextureID) -> UInt32 {
        let clip = self.clip
        if let last = commands.last, last.clip == clip, last.texture == wanted {
            // keep appending to it
        } else if let last = commands.last, last.indexCount == 0 {
            commands[commands.count - 1] = DrawCommand(clip: clip, texture: wanted, indexOffset: last.indexOffset, indexCount: 0)
        } else {
            commands.append(DrawCommand(clip: clip, texture: wanted, indexOffset: indices.count, indexCount: 0))
        }
        texture = wanted
        return UInt32(vertices.count)
    }

    private mutating func end() {
        commands[commands.count - 1].indexCount = indices.count - commands[commands.count - 1].indexOffset
    }

    /// False when `bounds` lies wholly outside the clip: the caller skips the primitive.
    @inline(__always)
    public func isVisible(_ bounds: Rect) -> Bool {
        clip.intersects(bounds)
    }

    @inline(__always)
    private mutating func quadIndices(_ base: UInt32, _ a: UInt32, _ b: UInt32, _ c: UInt32, _ d: UInt32) {
        indices.append(contentsOf: [base + a, base + b, base + c, base + a, base + c, base + d])
    }

    // MARK: - Rectangles

    /// A filled rect, snapped to whole pixels (crisp; no feather).
    public mutating func addRectFilled(_ rect: Rect, _ color: Color) {
        guard color.a > 0, !rect.isEmpty, isVisible(rect) else { return }
        let lo = Vec2(rect.min.x.rounded(), rect.min.y.rounded())
        let hi = Vec2(max(rect.max.x.rounded(), lo.x + 1), max(rect.max.y.rounded(), lo.y + 1))
        addQuad(lo, hi, uv0: whiteUV, uv1: whiteUV, color: color, texture: .solid)
    }

    /// A textured quad.
    public mutating func addQuad(_ lo: Vec2, _ hi: Vec2, uv0: Vec2, uv1: Vec2, color: Color, texture: TextureID) {
        let base = begin(texture: texture)
        vertices.append(DrawVertex(position: lo, uv: uv0, color: color.packed))
        vertices.append(DrawVertex(position: Vec2(hi.x, lo.y), uv: Vec2(uv1.x, uv0.y), color: color.packed))
        vertices.append(DrawVertex(position: hi, uv: uv1, color: color.packed))
        vertices.append(DrawVertex(position: Vec2(lo.x, hi.y), uv: Vec2(uv0.x, uv1.y), color: color.packed))
        quadIndices(base, 0, 1, 2, 3)
        end()
    }

    /// An image (a texture of the frame) stretched over `rect`.
    public mutating func addImage(_ texture: TextureID, _ rect: Rect, uv0: Vec2 = Vec2(0, 0), uv1: Vec2 = Vec2(1, 1), tint: Color = .white)
    {
        guard isVisible(rect) else { return }
        addQuad(rect.min, rect.max, uv0: uv0, uv1: uv1, color: tint, texture: texture)
    }

    /// A rect outline of `thickness` pixels, drawn inside `rect`.
    public mutating func addRect(_ rect: Rect, _ color: Color, thickness: Float = 1) {
        guard isVisible(rect) else { return }
        let t = max(1, thickness.rounded())
        addRectFilled(Rect(min: rect.min, max: Vec2(rect.max.x, rect.min.y + t)), color)
        addRectFilled(Rect(min: Vec2(rect.min.x, rect.max.y - t), max: rect.max), color)
        addRectFilled(Rect(min: Vec2(rect.min.x, rect.min.y + t), max: Vec2(rect.min.x + t, rect.max.y - t)), color)
        addRectFilled(Rect(min: Vec2(rect.max.x - t, rect.min.y + t), max: Vec2(rect.max.x, rect.max.y - t)), color)
    }

    // MARK: - Lines and shapes (anti-aliased)

    /// A straight line; horizontal and vertical ones are drawn as crisp rects.
    public mutating func addLine(_ a: Vec2, _ b: Vec2, _ color: Color, thickness: Float = 1) {
        if a.x == b.x || a.y == b.y {
            let half = max(thickness, 1) / 2
            if a.x == b.x {
                addRectFilled(Rect(min: Vec2(a.x - half, min(a.y, b.y)), max: Vec2(a.x + half, max(a.y, b.y))), color)
            } else {
                addRectFilled(Rect(min: Vec2(min(a.x, b.x), a.y - half), max: Vec2(max(a.x, b.x), a.y + half)), color)
            }
            return
        }
        addPolyline([a, b], color, thickness: thickness)
    }

    /// A dashed straight line (reference lines).
    public mutating func addDashedLine(_ a: Vec2, _ b: Vec2, _ color: Color, thickness: Float = 1, dash: Float = 6, gap: Float = 4) {
        let length = vectorLength(b - a)
        guard length > 0 else { return }
        let direction = (b - a) / length
        var t: Float = 0
        while t < length {
            let stop = min(length, t + dash)
            addLine(a + direction * t, a + direction * stop, color, thickness: thickness)
            t = stop + gap
        }
    }

    /// An open polyline drawn in dashes of `dash.on` pixels with `dash.off` between, measured
    /// along the line (so the pattern runs on through its bends).
    public mutating func addDashedPolyline(_ points: [Vec2], _ color: Color, thickness: Float = 1, dash: LineDash) {
        guard points.count >= 2, dash.on > 0 else { return }
        let period = dash.on + max(dash.off, 0)
        var phase: Float = 0  // position within the period where the current segment starts
        var piece: [Vec2] = []
        for index in 1..<points.count {
            let a = points[index - 1]
            let b = points[index]
            let length = vectorLength(b - a)
            guard length > 0 else { continue }
            let direction = (b - a) / length
            var t: Float = 0
            while t < length {
                if phase < dash.on {
                    if piece.isEmpty { piece.append(a + direction * t) }
                    let step = min(dash.on - phase, length - t)
                    t += step
                    phase += step
                    piece.append(a + direction * t)
                    if phase >= dash.on {
                        addPolyline(piece, color, thickness: thickness)
                        piece.removeAll(keepingCapacity: true)
                    }
                } else {
                    let step = min(period - phase, length - t)
                    t += step
                    phase += step
                    if phase >= period { phase = 0 }
                }
            }
        }
        if piece.count >= 2 { addPolyline(piece, color, thickness: thickness) }
    }

    /// An open polyline of `thickness` pixels with a 1 px feather on both sides.
    public mutating func addPolyline(_ points: [Vec2], _ color: Color, thickness: Float = 1) {
        points.withUnsafeBufferPointer { addPolyline($0, color, thickness: thickness) }
    }

    public mutating func addPolyline(_ points: UnsafeBufferPointer<Vec2>, _ color: Color, thickness: Float = 1) {
        let count = points.count
        guard count >= 2, color.a > 0 else { return }
        let core = max(thickness, 1) * 0.5 - 0.5  // half width of the opaque part
        let fringe = core + 1
        let opaque = color.packed
        let transparent = color.packed & 0x00FF_FFFF
        let base = begin(texture: .solid)
        vertices.reserveCapacity(vertices.count + count * 4)
        // A ring is 4 vertices across the line at one point: outer, core, core, outer.
        func ring(_ p: Vec2, _ normal: Vec2) -> UInt32 {
            let index = UInt32(vertices.count) - base
            vertices.append(DrawVertex(position: p + normal * fringe, uv: whiteUV, color: transparent))
            vertices.append(DrawVertex(position: p + normal * core, uv: whiteUV, color: opaque))
            vertices.append(DrawVertex(position: p - normal * core, uv: whiteUV, color: opaque))
            vertices.append(DrawVertex(position: p - normal * fringe, uv: whiteUV, color: transparent))
            return index
        }
        func connect(_ a: UInt32, _ b: UInt32) {
            let a = base + a
            let b = base + b
            // three strips: outer-left fringe, core, outer-right fringe
            indices.append(contentsOf: [
                a, b, b + 1, a, b + 1, a + 1,
                a + 1, b + 1, b + 2, a + 1, b + 2, a + 2,
                a + 2, b + 2, b + 3, a + 2, b + 3, a + 3,
            ])
        }
        var startRing = ring(points[0], normalized(Vec2(points[1].y - points[0].y, points[0].x - points[1].x)))
        for i in 1..<count {
            let previous = points[i] - points[i - 1]
            let n0 = normalized(Vec2(previous.y, -previous.x))
            if i == count - 1 {
                connect(startRing, ring(points[i], n0))
                break
            }
            let next = points[i + 1] - points[i]
            let n1 = normalized(Vec2(next.y, -next.x))
            let sum = n0 + n1
            let lengthSquared = sum.x * sum.x + sum.y * sum.y
            if lengthSquared >= 1 {
                // Gentle turn (≤ 120°): one mitred ring shared by both segments.
                let joint = ring(points[i], sum * (2 / lengthSquared))
                connect(startRing, joint)
                startRing = joint
            } else {
                // Sharp turn (a spike): end this segment square and start the next one afresh,
                // so the geometry never folds over itself.
                connect(startRing, ring(points[i], n0))
                startRing = ring(points[i], n1)
            }
        }
        end()
    }

    /// A filled convex polygon (points in order) with a 1 px feather.
    public mutating func addConvexFilled(_ points: [Vec2], _ color: Color) {
        let count = points.count
        guard count >= 3, color.a > 0 else { return }
        let opaque = color.packed
        let transparent = color.packed & 0x00FF_FFFF
        // Orientation decides which side of each edge is outside.
        var area: Float = 0
        for i in 0..<count {
            let a = points[i]
            let b = points[(i + 1) % count]
            area += a.x * b.y - b.x * a.y
        }
        let outward: Float = area > 0 ? -1 : 1
        let base = begin(texture: .solid)
        for i in 0..<count {
            let previous = points[i] - points[(i + count - 1) % count]
            let next = points[(i + 1) % count] - points[i]
            var normal = normalized(Vec2(previous.y, -previous.x)) + normalized(Vec2(next.y, -next.x))
            let lengthSquared = normal.x * normal.x + normal.y * normal.y
            normal *= lengthSquared > 1e-6 ? min(2 / lengthSquared, 4) : 0
            normal *= outward * 0.5
            vertices.append(DrawVertex(position: points[i] - normal, uv: whiteUV, color: opaque))
            vertices.append(DrawVertex(position: points[i] + normal, uv: whiteUV, color: transparent))
        }
        for i in 1..<UInt32(count - 1) {
            indices.append(contentsOf: [base, base + i * 2, base + (i + 1) * 2])
        }
        for i in 0..<UInt32(count) {
            let j = (i + 1) % UInt32(count)
            indices.append(contentsOf: [base + i * 2, base + j * 2, base + j * 2 + 1, base + i * 2, base + j * 2 + 1, base + i * 2 + 1])
        }
        end()
    }

    /// The area between two polylines of equal length (`upper[i]` above `lower[i]`, x growing),
    /// as one triangle strip without feathering, so neighbouring segments meet without seams;
    /// draw the edges as lines over it for anti-aliasing.
    public mutating func addFilledStrip(upper: [Vec2], lower: [Vec2], _ color: Color) {
        let count = min(upper.count, lower.count)
        guard count >= 2, color.a > 0 else { return }
        let packed = color.packed
        let base = begin(texture: .solid)
        for i in 0..<count {
            vertices.append(DrawVertex(position: upper[i], uv: whiteUV, color: packed))
            vertices.append(DrawVertex(position: lower[i], uv: whiteUV, color: packed))
        }
        for i in 0..<UInt32(count - 1) {
            let a = base + i * 2
            indices.append(contentsOf: [a, a + 2, a + 3, a, a + 3, a + 1])
        }
        end()
    }

    /// A filled ring sector (a pie slice when `inner` is 0): radii in pixels, angles in radians
    /// measured as on screen (0 along +x, growing clockwise since y points down). The curved
    /// edges are feathered by 1 px; the straight ends are not, so sectors meet without seams.
    public mutating func addAnnularSector(center: Vec2, inner: Float, outer: Float, from a0: Float, to a1: Float, _ color: Color) {
        guard outer > 0, a1 > a0, color.a > 0 else { return }
        let opaque = color.packed
        let transparent = color.packed & 0x00FF_FFFF
        let steps = max(2, Int(((a1 - a0) * outer / 3).rounded(.up)))
        let innerCore = inner > 0 ? inner + 0.5 : 0
        let base = begin(texture: .solid)
        for s in 0...steps {
            let angle = a0 + (a1 - a0) * Float(s) / Float(steps)
            let direction = Vec2(cos(angle), sin(angle))
            // Per step: outer fringe, outer core, inner core, inner fringe.
            vertices.append(DrawVertex(position: center + direction * (outer + 0.5), uv: whiteUV, color: transparent))
            vertices.append(DrawVertex(position: center + direction * max(innerCore, outer - 0.5), uv: whiteUV, color: opaque))
            vertices.append(DrawVertex(position: center + direction * innerCore, uv: whiteUV, color: opaque))
            vertices.append(
                DrawVertex(position: center + direction * max(0, inner - 0.5), uv: whiteUV, color: inner > 0 ? transparent : opaque))
        }
        for s in 0..<UInt32(steps) {
            let a = base + s * 4
            let b = a + 4
            for k in 0..<UInt32(3) {
                indices.append(contentsOf: [a + k, b + k, b + k + 1, a + k, b + k + 1, a + k + 1])
            }
        }
        end()
    }

    /// A filled, anti-aliased disk: one textured quad using the atlas's disk image.
    public mutating func addCircleFilled(_ center: Vec2, radius: Float, _ color: Color) {
        let r = max(radius, 0.5) + 1  // the atlas disk has a 1 px transparent margin at this size
        let bounds = Rect(min: center - Vec2(r, r), max: center + Vec2(r, r))
        guard color.a > 0, isVisible(bounds) else { return }
        addQuad(bounds.min, bounds.max, uv0: diskUV.min, uv1: diskUV.max, color: color, texture: .font)
    }

    /// Vertical spans of `width` pixels centred on `x[i]`, from `low[i]` to `high[i]`: the dense
    /// form of a line (one span per pixel column), 4 vertices each.
    public mutating func addColumnSpans(
        x: UnsafeBufferPointer<Float>, low: UnsafeBufferPointer<Float>,
        high: UnsafeBufferPointer<Float>, width: Float, _ color: Color
    ) {
        guard !x.isEmpty, color.a > 0 else { return }
        let half = width / 2
        let packed = color.packed
        let base = begin(texture: .solid)
        vertices.reserveCapacity(vertices.count + x.count * 4)
        indices.reserveCapacity(indices.count + x.count * 6)
        var emitted: UInt32 = 0
        for i in 0..<x.count {
            let top = min(low[i], high[i]) - half
            let bottom = max(low[i], high[i]) + half
            let left = x[i] - half
            let right = x[i] + half
            vertices.append(DrawVertex(position: Vec2(left, top), uv: whiteUV, color: packed))
            vertices.append(DrawVertex(position: Vec2(right, top), uv: whiteUV, color: packed))
            vertices.append(DrawVertex(position: Vec2(right, bottom), uv: whiteUV, color: packed))
            vertices.append(DrawVertex(position: Vec2(left, bottom), uv: whiteUV, color: packed))
            let v = base + emitted * 4
            indices.append(contentsOf: [v, v + 1, v + 2, v, v + 2, v + 3])
            emitted += 1
        }
        end()
    }

    // MARK: - Text

    /// Draws `text` with its top-left at `position`; returns the advance width.
    @discardableResult
    public mutating func addText(_ text: String, at position: Vec2, font: FontAtlas, _ color: Color) -> Float {
        var x = position.x.rounded()
        let baseline = (position.y + font.ascent).rounded()
        recordedTexts?.append(text)
        let bounds = Rect(min: position, max: position + Vec2(font.measure(text), font.lineHeight))
        guard color.a > 0, isVisible(bounds) else { return bounds.width }
        let clip = self.clip
        for scalar in text.unicodeScalars {
            let glyph = font.glyph(scalar.value)
            if glyph.size.x > 0 {
                let lo = Vec2(x + glyph.offset.x, baseline + glyph.offset.y)
                let hi = lo + glyph.size
                if hi.x >= clip.min.x, lo.x <= clip.max.x {
                    addQuad(lo, hi, uv0: glyph.uv0, uv1: glyph.uv1, color: color, texture: .font)
                }
            }
            x += glyph.advance
        }
        return x - position.x.rounded()
    }
}

@inline(__always)
func normalized(_ v: Vec2) -> Vec2 {
    let length = vectorLength(v)
    return length > 0 ? v / length : .zero
}

/// All layers of one frame, in drawing order, plus the images its commands refer to.
public struct DrawData: Sendable {
    public var lists: [DrawList]
    /// Images by `TextureID.image` number: RGBA8 pixels, row 0 at the top.
    public var images: [Int: DrawImage]
    public var displaySize: Vec2
    public var clearColor: Color

    public init(lists: [DrawList], images: [Int: DrawImage], displaySize: Vec2, clearColor: Color) {
        self.lists = lists
        self.images = images
        self.displaySize = displaySize
        self.clearColor = clearColor
    }

    public var vertexCount: Int { lists.reduce(0) { $0 + $1.vertices.count } }
}

/// An RGBA8 image made by the UI (e.g. a density plot). `version` changes when the pixels do, so
/// the renderer uploads only then.
public struct DrawImage: Sendable {
    public var width: Int
    public var height: Int
    public var pixels: [UInt32]
    public var version: Int
    /// When only some columns changed since version `update.of` (a live chart's right edge),
    /// a renderer holding that version may upload just those columns.
    public var update: (of: Int, columns: Range<Int>)?

    public init(width: Int, height: Int, pixels: [UInt32], version: Int, update: (of: Int, columns: Range<Int>)? = nil) {
        self.width = width
        self.height = height
        self.pixels = pixels
        self.version = version
        self.update = update
    }
}
