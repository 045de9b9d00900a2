import Immediate

/// Quads that are axis-aligned rectangles, drawn without edge tests.
extension Painter {
    /// The two triangles (a b c) and (a c d) when they make an axis-aligned rectangle whose
    /// colour and texture coordinates are one plane (one colour, texture coordinates that follow
    /// the edges): drawn as one, row by row, with no edge tests. False, having drawn nothing,
    /// when they do not. The pixels are the ones the two triangles cover: their shared diagonal
    /// is drawn once and of the outer edges only the top and left ones hold their pixel centres,
    /// so it is the centres in [left, right) × [top, bottom).
    func rectangle(
        _ a: DrawVertex, _ b: DrawVertex, _ c: DrawVertex, _ d: DrawVertex, texture: TextureID, image: DrawImage?,
        box: (x: Range<Int>, y: Range<Int>)
    ) -> Bool {
        // The corners in either order around: a–b and c–d horizontal, or a–b and c–d vertical.
        let horizontalFirst =
            a.position.y == b.position.y && b.position.x == c.position.x && c.position.y == d.position.y
            && d.position.x == a.position.x
        let verticalFirst =
            a.position.x == b.position.x && b.position.y == c.position.y && c.position.x == d.position.x
            && d.position.y == a.position.y
        guard horizontalFirst || verticalFirst, a.color == b.color, b.color == c.color, c.color == d.color,
            Painter.inRange(a), Painter.inRange(c)
        else { return false }
        if texture != .solid {
            // Texture coordinates change along x only with x and along y only with y.
            let follows =
                horizontalFirst
                ? a.uv.y == b.uv.y && b.uv.x == c.uv.x && c.uv.y == d.uv.y && d.uv.x == a.uv.x
                : a.uv.x == b.uv.x && b.uv.y == c.uv.y && c.uv.x == d.uv.x && d.uv.y == a.uv.y
            guard follows else { return false }
        }
        let (xa, ya) = SnappedTriangle.snap(a)
        let (xc, yc) = SnappedTriangle.snap(c)
        let minX = max(box.x.lowerBound, Int(ceilDiv(min(xa, xc) - halfPixel, subpixel)))
        let endX = min(box.x.upperBound, Int(ceilDiv(max(xa, xc) - halfPixel, subpixel)))
        let minY = max(box.y.lowerBound, Int(ceilDiv(min(ya, yc) - halfPixel, subpixel)))
        let endY = min(box.y.upperBound, Int(ceilDiv(max(ya, yc) - halfPixel, subpixel)))
        // Degenerate (zero width or height): nothing, as its triangles would draw.
        guard xa != xc, ya != yc else { return true }
        guard minX < endX, minY < endY else { return true }
        if let image, a.color == 0xffff_ffff {
            // An image untinted (a chart's line raster): its texels as they are, no colour maths.
            copyImage(
                image, columns: minX..<endX, rows: minY..<endY, x: (Float(xa), Float(xc), a.uv.x, c.uv.x),
                y: (Float(ya), Float(yc), a.uv.y, c.uv.y))
            return true
        }
        if texture == .font, a.uv.x.isFinite, a.uv.y.isFinite, c.uv.x.isFinite, c.uv.y.isFinite {
            // Text: one colour, its alpha times the atlas's coverage.
            fontRectangle(
                color: a.color, columns: minX..<endX, rows: minY..<endY, x: (Float(xa), Float(xc), a.uv.x, c.uv.x),
                y: (Float(ya), Float(yc), a.uv.y, c.uv.y))
            return true
        }
        // Shaded as triangle (a b c), whose plane the whole rectangle shares.
        guard let snapped = SnappedTriangle(a, b, c, texture: texture, image: image, font: font) else { return true }
        let (e0, e1, e2, shade) = (snapped.e0, snapped.e1, snapped.e2, snapped.shade)
        let steps = (Float(e0.stepX), Float(e1.stepX), Float(e2.stepX))
        let centerX = Int64(minX) * subpixel + halfPixel
        for y in minY..<endY {
            let centerY = Int64(y) * subpixel + halfPixel
            let weights = (
                Float(e0.value(centerX, centerY)), Float(e1.value(centerX, centerY)), Float(e2.value(centerX, centerY))
            )
            shade.span(
                start: target.base + y * target.width + minX, stride: 1, from: 0, through: endX - minX - 1, weights: weights,
                steps: steps)
        }
        return true
    }

    /// An untinted image over `columns` × `rows`, read nearest (GL_NEAREST, clamped to the edge
    /// texels) with texture coordinate u going from `x.2` at subpixel `x.0` to `x.3` at `x.1`, and
    /// v likewise along `y`. Each column's texel is found once for all rows.
    func copyImage(
        _ image: DrawImage, columns: Range<Int>, rows: Range<Int>, x: (Float, Float, Float, Float), y: (Float, Float, Float, Float)
    ) {
        /// The texel index for a pixel centre at subpixel `center`, along one axis of `size` texels.
        func texel(_ center: Float, _ axis: (Float, Float, Float, Float), size: Int) -> Int {
            let scaled = Painter.coordinate(center, axis) * Float(size)
            return scaled.isFinite ? min(max(Int(max(scaled, -1)), 0), size - 1) : 0
        }
        let s = Float(subpixel)
        let half = Float(halfPixel)
        withUnsafeTemporaryAllocation(of: Int.self, capacity: columns.count) { table in
            for (i, column) in columns.enumerated() { table[i] = texel(Float(column) * s + half, x, size: image.width) }
            image.pixels.withUnsafeBufferPointer { texels in
                guard let base = texels.baseAddress else { return }
                for row in rows {
                    let source = base + texel(Float(row) * s + half, y, size: image.height) * image.width
                    let destination = target.base + row * target.width + columns.lowerBound
                    for i in 0..<columns.count {
                        let texel = source[table[i]]
                        let alpha = texel >> 24
                        if alpha == 0 { continue }
                        destination[i] = Shade.blend(texel, over: alpha == 255 ? 0 : destination[i])
                    }
                }
            }
        }
    }

    /// The texture coordinate at subpixel `center` along an axis whose coordinate goes from
    /// `axis.2` at subpixel `axis.0` to `axis.3` at `axis.1`.
    @inline(__always)
    static func coordinate(_ center: Float, _ axis: (Float, Float, Float, Float)) -> Float {
        axis.2 + (center - axis.0) / (axis.1 - axis.0) * (axis.3 - axis.2)
    }

    /// Glyphs (and the markers' disk): a rectangle of `color` whose alpha is scaled by the
    /// atlas's coverage, read bilinearly as `Coverage.sample` reads it. Each column's and each
    /// row's texels are found once; a texel read at its centre (a glyph drawn at its size on
    /// whole pixels) takes its coverage straight from a table.
    func fontRectangle(
        color: UInt32, columns: Range<Int>, rows: Range<Int>, x: (Float, Float, Float, Float), y: (Float, Float, Float, Float)
    ) {
        let alpha = color >> 24
        guard alpha > 0, let atlas = font.texels.baseAddress else { return }
        let s = Float(subpixel)
        let half = Float(halfPixel)
        let rgb = color & 0x00ff_ffff
        withUnsafeTemporaryAllocation(of: Taps.self, capacity: columns.count) { table in
            var aligned = true
            for (i, column) in columns.enumerated() {
                let u = Painter.coordinate(Float(column) * s + half, x)
                table[i] = u.isFinite ? Coverage.taps(u, size: font.width) : Taps(first: 0, second: 0, weight: 0)
                if table[i].weight != 0 { aligned = false }
            }
            for row in rows {
                let v = Painter.coordinate(Float(row) * s + half, y)
                let taps = v.isFinite ? Coverage.taps(v, size: font.height) : Taps(first: 0, second: 0, weight: 0)
                let destination = target.base + row * target.width + columns.lowerBound
                if aligned && taps.weight == 0 {
                    // alpha × coverage / 255, rounded: what the float path gives for a whole coverage byte.
                    let texels = atlas + taps.first * font.width
                    for i in 0..<columns.count {
                        let shade = Shade.multiply(alpha, UInt32(texels[table[i].first]))
                        if shade != 0 { destination[i] = Shade.blend(rgb | shade << 24, over: destination[i]) }
                    }
                } else {
                    let scale = Float(alpha) * (1 / 255)
                    for i in 0..<columns.count {
                        let shade = UInt32(min(max(scale * font.mix(table[i], taps), 0), 255) + 0.5)
                        if shade != 0 { destination[i] = Shade.blend(rgb | shade << 24, over: destination[i]) }
                    }
                }
            }
        }
    }
}
