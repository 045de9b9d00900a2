/// An edge function in subpixels: zero on the line through `a` and `b`, positive on the side
/// where the triangle lies (its vertices are in one winding).
struct Edge {
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

    /// Coordinates within `CPURenderer.coordinateLimit` keep every product within 64 bits, so
    /// the arithmetic wraps rather than checks.
    @inline(__always)
    func value(_ x: Int64, _ y: Int64) -> Int64 { dx &* (y &- a.1) &- dy &* (x &- a.0) }

    /// Change of `value` one pixel to the right.
    var stepX: Int64 { -dy &* subpixel }

    /// Change of `value` one pixel down.
    var stepY: Int64 { dx &* subpixel }

    /// Narrows `span` (pixel offsets along a row or a column) to the pixels i with
    /// `value + step·i ≥ bias`, `step` being `stepX` or `stepY`.
    @inline(__always)
    func limit(_ span: inout Range<Int>, at value: Int64, step: Int64) {
        let need = bias &- value
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

/// Subpixel steps per pixel (GL rasterizers snap vertices to a fixed grid; Mesa's to 1/256), and
/// the offset of a pixel's centre.
let subpixel: Int64 = 256
let halfPixel = subpixel / 2

@inline(__always)
func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
    let q = a / b
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
}

@inline(__always)
func ceilDiv(_ a: Int64, _ b: Int64) -> Int64 { -floorDiv(-a, b) }
