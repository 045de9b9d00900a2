import Immediate

/// The font atlas: one coverage byte per texel, read with bilinear filtering and clamped edges
/// (the GL texture's `GL_LINEAR`, `GL_CLAMP_TO_EDGE`).
struct Coverage: @unchecked Sendable {
    let texels: UnsafeBufferPointer<UInt8>
    let width: Int
    let height: Int

    /// Coverage at (u, v) in 0…255.
    @inline(__always)
    func sample(_ u: Float, _ v: Float) -> Float {
        guard u.isFinite, v.isFinite else { return 0 }
        let x = Coverage.taps(u, size: width)
        let y = Coverage.taps(v, size: height)
        return mix(x, y)
    }

    /// The two texels a bilinear read at texture coordinate `u` mixes along an axis of `size`
    /// texels, and the second one's weight. `u` must be finite.
    @inline(__always)
    static func taps(_ u: Float, size: Int) -> Taps {
        // Clamped first: far outside, every read is the edge texel anyway.
        let x = min(max(u * Float(size) - 0.5, -1), Float(size))
        // x ≥ −1 here, so truncating x + 1 floors it.
        let index = Int(x + 1) - 1
        return Taps(first: min(max(index, 0), size - 1), second: min(max(index + 1, 0), size - 1), weight: x - Float(index))
    }

    /// Coverage mixed from the texels `x` and `y` name.
    @inline(__always)
    func mix(_ x: Taps, _ y: Taps) -> Float {
        let top = Float(texels[y.first * width + x.first]) * (1 - x.weight) + Float(texels[y.first * width + x.second]) * x.weight
        let bottom = Float(texels[y.second * width + x.first]) * (1 - x.weight) + Float(texels[y.second * width + x.second]) * x.weight
        return top * (1 - y.weight) + bottom * y.weight
    }
}

/// Two neighbouring texels along one axis and the second one's share of a bilinear read.
struct Taps {
    var first: Int
    var second: Int
    var weight: Float
}
