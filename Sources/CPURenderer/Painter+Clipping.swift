import Immediate

/// Triangles too far out for the fixed-point edges.
extension Painter {
    /// True when `vertex` lies within `CPURenderer.coordinateLimit` (false for one not finite).
    @inline(__always)
    static func inRange(_ vertex: DrawVertex) -> Bool {
        abs(vertex.position.x) < CPURenderer.coordinateLimit && abs(vertex.position.y) < CPURenderer.coordinateLimit
    }

    /// A triangle with a vertex beyond `coordinateLimit`: clipped to the square within half of
    /// it (colour and texture coordinates interpolated to the new corners), and the polygon left
    /// drawn as a fan. One with a vertex that is not finite is not drawn.
    func clipped(
        _ v0: DrawVertex, _ v1: DrawVertex, _ v2: DrawVertex, texture: TextureID, image: DrawImage?, box: (x: Range<Int>, y: Range<Int>)
    ) {
        let corners = [v0, v1, v2]
        guard corners.allSatisfy({ $0.position.x.isFinite && $0.position.y.isFinite }) else { return }
        let bound = Double(CPURenderer.coordinateLimit / 2)
        var polygon = corners.map(ClipVertex.init)
        // Against x ≤ bound, −x ≤ bound, y ≤ bound, −y ≤ bound in turn (Sutherland–Hodgman).
        for (axis, sign) in [(0, 1.0), (0, -1.0), (1, 1.0), (1, -1.0)] {
            var kept: [ClipVertex] = []
            for (index, current) in polygon.enumerated() {
                let next = polygon[(index + 1) % polygon.count]
                let inside = sign * current.position[axis] <= bound
                let nextInside = sign * next.position[axis] <= bound
                if inside { kept.append(current) }
                if inside != nextInside {
                    let t = (bound - sign * current.position[axis]) / (sign * (next.position[axis] - current.position[axis]))
                    kept.append(current.mixed(with: next, t))
                }
            }
            polygon = kept
            if polygon.count < 3 { return }
        }
        let fan = polygon.map(\.vertex)
        for index in 1..<(fan.count - 1) {
            triangle(fan[0], fan[index], fan[index + 1], texture: texture, image: image, box: box)
        }
    }
}

/// A vertex being clipped: position, texture coordinate and colour (0…255) in Double.
struct ClipVertex {
    var position: SIMD2<Double>
    var uv: SIMD2<Double>
    var color: SIMD4<Double>

    init(_ vertex: DrawVertex) {
        position = SIMD2(Double(vertex.position.x), Double(vertex.position.y))
        uv = SIMD2(Double(vertex.uv.x), Double(vertex.uv.y))
        let c = vertex.color
        color = SIMD4(Double(c & 0xff), Double(c >> 8 & 0xff), Double(c >> 16 & 0xff), Double(c >> 24))
    }

    private init(position: SIMD2<Double>, uv: SIMD2<Double>, color: SIMD4<Double>) {
        self.position = position
        self.uv = uv
        self.color = color
    }

    /// The point `t` of the way to `other`.
    func mixed(with other: ClipVertex, _ t: Double) -> ClipVertex {
        ClipVertex(
            position: position + (other.position - position) * t, uv: uv + (other.uv - uv) * t,
            color: color + (other.color - color) * t)
    }

    var vertex: DrawVertex {
        let channels = color.rounded(.toNearestOrAwayFromZero)
        let c = (0..<4).reduce(UInt32(0)) { packed, channel in
            packed | UInt32(min(max(channels[channel], 0), 255)) << (8 * UInt32(channel))
        }
        return DrawVertex(
            position: Vec2(Float(position.x), Float(position.y)), uv: Vec2(Float(uv.x), Float(uv.y)), color: c)
    }
}
