import Immediate

/// Draws lists into one band of rows.
struct Painter {
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
                // A quad as `DrawList` makes one (a b c, a c d): drawn as one rectangle when it is one.
                if index + 5 < end, list.indices[index + 3] == list.indices[index],
                    list.indices[index + 4] == list.indices[index + 2],
                    rectangle(a, b, c, list.vertices[Int(list.indices[index + 5])], texture: command.texture, image: image, box: box)
                {
                    index += 6
                    continue
                }
                triangle(a, b, c, texture: command.texture, image: image, box: box)
                index += 3
            }
        }
    }

    /// The pixels GLRenderer's `glScissor` lets through for `clip`, within this band:
    /// columns and rows as half-open ranges, or nil when none.
    func scissor(_ clip: Rect) -> (x: Range<Int>, y: Range<Int>)? {
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
    func triangle(
        _ v0: DrawVertex, _ v1: DrawVertex, _ v2: DrawVertex, texture: TextureID, image: DrawImage?, box: (x: Range<Int>, y: Range<Int>)
    ) {
        guard Painter.inRange(v0), Painter.inRange(v1), Painter.inRange(v2) else {
            clipped(v0, v1, v2, texture: texture, image: image, box: box)
            return
        }
        guard let snapped = SnappedTriangle(v0, v1, v2, texture: texture, image: image, font: font) else { return }
        let (p0, p1, p2) = (snapped.p0, snapped.p1, snapped.p2)
        // Pixel range of the triangle's bounds, within the scissor box.
        let minX = max(box.x.lowerBound, Int(floorDiv(min(p0.0, p1.0, p2.0) - halfPixel, subpixel)))
        let maxX = min(box.x.upperBound - 1, Int(floorDiv(max(p0.0, p1.0, p2.0) - halfPixel, subpixel)) + 1)
        let minY = max(box.y.lowerBound, Int(floorDiv(min(p0.1, p1.1, p2.1) - halfPixel, subpixel)))
        let maxY = min(box.y.upperBound - 1, Int(floorDiv(max(p0.1, p1.1, p2.1) - halfPixel, subpixel)) + 1)
        guard minX <= maxX, minY <= maxY else { return }
        let (e0, e1, e2, shade) = (snapped.e0, snapped.e1, snapped.e2, snapped.shade)
        // A triangle taller than wide (a band's one-pixel columns) is walked column by column,
        // so its edge tests are paid per column rather than per row.
        let byColumns = maxX - minX < maxY - minY
        let edgeSteps = byColumns ? (e0.stepY, e1.stepY, e2.stepY) : (e0.stepX, e1.stepX, e2.stepX)
        let steps = (Float(edgeSteps.0), Float(edgeSteps.1), Float(edgeSteps.2))
        let lines = byColumns ? minX...maxX : minY...maxY
        let length = byColumns ? maxY - minY + 1 : maxX - minX + 1
        for line in lines {
            // The line's first pixel: the top of a column, the left end of a row.
            let x = byColumns ? line : minX
            let y = byColumns ? minY : line
            let centerX = Int64(x) &* subpixel &+ halfPixel
            let centerY = Int64(y) &* subpixel &+ halfPixel
            let values = (e0.value(centerX, centerY), e1.value(centerX, centerY), e2.value(centerX, centerY))
            var span = 0..<length
            e0.limit(&span, at: values.0, step: edgeSteps.0)
            e1.limit(&span, at: values.1, step: edgeSteps.1)
            e2.limit(&span, at: values.2, step: edgeSteps.2)
            guard !span.isEmpty else { continue }
            shade.span(
                start: target.base + y * target.width + x, stride: byColumns ? target.width : 1, from: span.lowerBound,
                through: span.upperBound - 1, weights: (Float(values.0), Float(values.1), Float(values.2)), steps: steps)
        }
    }
}

/// A triangle with its vertices snapped to the subpixel grid and put in one winding (no culling:
/// both windings draw), with its edge functions and its shading.
struct SnappedTriangle {
    let p0: (Int64, Int64)
    let p1: (Int64, Int64)
    let p2: (Int64, Int64)
    /// Edge k is opposite vertex k; each is ≥ 0 inside (> 0 on edges that are not top or left).
    let e0: Edge
    let e1: Edge
    let e2: Edge
    let shade: Shade

    /// Nil for a triangle of no area.
    init?(_ v0: DrawVertex, _ v1: DrawVertex, _ v2: DrawVertex, texture: TextureID, image: DrawImage?, font: Coverage) {
        let p0 = SnappedTriangle.snap(v0)
        var p1 = SnappedTriangle.snap(v1)
        var p2 = SnappedTriangle.snap(v2)
        var a1 = v1
        var a2 = v2
        var area = (p1.0 - p0.0) * (p2.1 - p0.1) - (p1.1 - p0.1) * (p2.0 - p0.0)
        guard area != 0 else { return nil }
        if area < 0 {
            swap(&p1, &p2)
            swap(&a1, &a2)
            area = -area
        }
        (self.p0, self.p1, self.p2) = (p0, p1, p2)
        e0 = Edge(p1, p2)
        e1 = Edge(p2, p0)
        e2 = Edge(p0, p1)
        shade = Shade(v0, a1, a2, texture: texture, image: image, font: font, area: Float(area))
    }

    /// A vertex's position on the subpixel grid.
    static func snap(_ vertex: DrawVertex) -> (Int64, Int64) {
        let s = Float(subpixel)
        return (Int64((vertex.position.x * s).rounded()), Int64((vertex.position.y * s).rounded()))
    }
}
