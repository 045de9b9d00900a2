import Immediate

/// What a triangle's pixels get: its fragment colour (the GL program's output) and the blend.
struct Shade {
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

    /// Shades pixels `from`…`through` of a row or column: pixel i is `start[i · stride]`.
    /// `weights` are the three edge functions at pixel 0, `steps` their change per pixel.
    @inline(__always)
    func span(
        start: UnsafeMutablePointer<UInt32>, stride: Int, from: Int, through: Int, weights: (Float, Float, Float),
        steps: (Float, Float, Float)
    ) {
        if let constant {
            let alpha = constant >> 24
            if alpha == 0 { return }
            if alpha == 255 {
                let opaque = Shade.blend(constant, over: 0)
                if stride == 1 {
                    (start + from).update(repeating: opaque, count: through - from + 1)
                } else {
                    for i in from...through { start[i &* stride] = opaque }
                }
            } else {
                // The source's share of each channel is the same for every pixel.
                let source = Shade.blend(constant, over: 0)
                let keep = 255 - alpha
                for i in from...through {
                    let pixel = start + i &* stride
                    pixel.pointee = Shade.add(source, Shade.scale(pixel.pointee, by: keep))
                }
            }
            return
        }
        // Colour and texture coordinate are linear along the span: their value at `from`, then a
        // step per pixel (the barycentric weights' own steps).
        let inverse = 1 / area
        let first = Float(from)
        let w = (
            (weights.0 + steps.0 * first) * inverse, (weights.1 + steps.1 * first) * inverse, (weights.2 + steps.2 * first) * inverse
        )
        let d = (steps.0 * inverse, steps.1 * inverse, steps.2 * inverse)
        var color = c0 * w.0 + c1 * w.1 + c2 * w.2
        let colorStep = c0 * d.0 + c1 * d.1 + c2 * d.2
        var uv = uv0 * w.0 + uv1 * w.1 + uv2 * w.2
        let uvStep = uv0 * d.0 + uv1 * d.1 + uv2 * d.2
        switch texture {
        case .solid:
            for i in from...through {
                start[i &* stride] = Shade.blend(Shade.pack(color), over: start[i &* stride])
                color += colorStep
            }
        case .font:
            for i in from...through {
                var shaded = color
                shaded.w *= font.sample(uv.x, uv.y) * (1 / 255)
                start[i &* stride] = Shade.blend(Shade.pack(shaded), over: start[i &* stride])
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
                    start[i &* stride] = Shade.blend(
                        Shade.pack(color * Shade.unpack(texels[y * image.width + x]) * (1 / 255)), over: start[i &* stride])
                    color += colorStep
                    uv += uvStep
                }
            }
        }
    }

    /// RGBA8 (red in the low byte) as four 0…255 floats.
    @inline(__always)
    static func unpack(_ packed: UInt32) -> SIMD4<Float> {
        SIMD4(Float(packed & 0xff), Float(packed >> 8 & 0xff), Float(packed >> 16 & 0xff), Float(packed >> 24))
    }

    /// Four 0…255 floats rounded to RGBA8 (red in the low byte), as the colour buffer stores them.
    @inline(__always)
    static func pack(_ color: SIMD4<Float>) -> UInt32 {
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
        let rgb = (source & 0xff) << 16 | (source & 0xff00) | (source >> 16 & 0xff)
        return add(scale(rgb, by: alpha), scale(destination, by: 255 - alpha))
    }

    /// Each channel of `pixel` (0x00RRGGBB) times `factor`/255, rounded as `multiply` rounds it:
    /// red and blue side by side in one 32-bit product, green in another (a lane's sum stays
    /// under 65,536, so none carries into the next).
    @inline(__always)
    static func scale(_ pixel: UInt32, by factor: UInt32) -> UInt32 {
        var redBlue = (pixel & 0xff_00ff) &* factor &+ 0x80_0080
        redBlue = ((redBlue &+ ((redBlue >> 8) & 0xff_00ff)) >> 8) & 0xff_00ff
        var green = (pixel & 0xff00) &* factor &+ 0x8000
        green = ((green &+ ((green >> 8) & 0xff00)) >> 8) & 0xff00
        return redBlue | green
    }

    /// Channel-wise sum of a source's share and a destination's share of a blend. Each channel's
    /// sum is at most 255 (c·a/255 and d·(255 − a)/255, each rounded, checked for every c, d and a),
    /// so the words add without carries.
    @inline(__always)
    static func add(_ a: UInt32, _ b: UInt32) -> UInt32 { a &+ b }

    /// a·b/255 rounded, exactly, for 8-bit a and b.
    @inline(__always)
    static func multiply(_ a: UInt32, _ b: UInt32) -> UInt32 {
        let product = a * b + 128
        return (product + (product >> 8)) >> 8
    }
}
