/// A point or size in framebuffer pixels.
public typealias Vec2 = SIMD2<Float>

/// An axis-aligned rectangle in framebuffer pixels (y grows downwards).
public struct Rect: Sendable, Equatable, CustomStringConvertible {
    public var min: Vec2
    public var max: Vec2

    public init(min: Vec2, max: Vec2) {
        self.min = min
        self.max = max
    }

    public init(x: Float, y: Float, width: Float, height: Float) {
        min = Vec2(x, y)
        max = Vec2(x + width, y + height)
    }

    public static let zero = Rect(min: .zero, max: .zero)
    /// Covers everything: the clip rect of "no clipping".
    public static let infinite = Rect(min: Vec2(-1e9, -1e9), max: Vec2(1e9, 1e9))

    public var width: Float { max.x - min.x }
    public var height: Float { max.y - min.y }
    public var size: Vec2 { max - min }
    public var center: Vec2 { (min + max) * 0.5 }
    public var isEmpty: Bool { width <= 0 || height <= 0 }

    public func contains(_ point: Vec2) -> Bool {
        point.x >= min.x && point.x < max.x && point.y >= min.y && point.y < max.y
    }

    public func intersects(_ other: Rect) -> Bool {
        min.x < other.max.x && other.min.x < max.x && min.y < other.max.y && other.min.y < max.y
    }

    /// The overlap of two rects (empty, never negative, when they do not overlap).
    public func intersection(_ other: Rect) -> Rect {
        let lo = pointwiseMax(min, other.min)
        let hi = pointwiseMin(max, other.max)
        return Rect(min: lo, max: pointwiseMax(lo, hi))
    }

    public func insetBy(_ dx: Float, _ dy: Float) -> Rect {
        Rect(min: min + Vec2(dx, dy), max: max - Vec2(dx, dy))
    }

    /// Splits off `amount` from the top; returns (top, rest).
    public func splitTop(_ amount: Float) -> (Rect, Rect) {
        let cut = Swift.min(max.y, min.y + amount)
        return (Rect(min: min, max: Vec2(max.x, cut)), Rect(min: Vec2(min.x, cut), max: max))
    }

    /// Splits off `amount` from the bottom; returns (rest, bottom).
    public func splitBottom(_ amount: Float) -> (Rect, Rect) {
        let cut = Swift.max(min.y, max.y - amount)
        return (Rect(min: min, max: Vec2(max.x, cut)), Rect(min: Vec2(min.x, cut), max: max))
    }

    /// Splits off `amount` from the left; returns (left, rest).
    public func splitLeft(_ amount: Float) -> (Rect, Rect) {
        let cut = Swift.min(max.x, min.x + amount)
        return (Rect(min: min, max: Vec2(cut, max.y)), Rect(min: Vec2(cut, min.y), max: max))
    }

    public var description: String { "Rect(\(min.x), \(min.y), \(width)×\(height))" }
}

/// An sRGB colour with straight alpha, packed as RGBA8 in memory order (what the vertex shader reads).
public struct Color: Sendable, Equatable, Hashable {
    public var packed: UInt32

    public init(packed: UInt32) {
        self.packed = packed
    }

    public init(r: UInt8, g: UInt8, b: UInt8, a: UInt8 = 255) {
        packed = UInt32(r) | UInt32(g) << 8 | UInt32(b) << 16 | UInt32(a) << 24
    }

    /// From 0…1 components.
    public init(_ r: Float, _ g: Float, _ b: Float, _ a: Float = 1) {
        func byte(_ v: Float) -> UInt8 { UInt8(Swift.max(0, Swift.min(255, (v * 255).rounded()))) }
        self.init(r: byte(r), g: byte(g), b: byte(b), a: byte(a))
    }

    /// From 0xRRGGBB.
    public init(hex: UInt32, alpha: UInt8 = 255) {
        self.init(r: UInt8(hex >> 16 & 0xFF), g: UInt8(hex >> 8 & 0xFF), b: UInt8(hex & 0xFF), a: alpha)
    }

    public var r: UInt8 { UInt8(packed & 0xFF) }
    public var g: UInt8 { UInt8(packed >> 8 & 0xFF) }
    public var b: UInt8 { UInt8(packed >> 16 & 0xFF) }
    public var a: UInt8 { UInt8(packed >> 24) }

    public func withAlpha(_ alpha: Float) -> Color {
        Color(r: r, g: g, b: b, a: UInt8(Swift.max(0, Swift.min(255, Float(a) * alpha))))
    }

    /// Linear mix towards `other` by `t` (0…1).
    public func mixed(with other: Color, _ t: Float) -> Color {
        func lerp(_ x: UInt8, _ y: UInt8) -> UInt8 { UInt8(Float(x) + (Float(y) - Float(x)) * t) }
        return Color(r: lerp(r, other.r), g: lerp(g, other.g), b: lerp(b, other.b), a: lerp(a, other.a))
    }

    public static let white = Color(r: 255, g: 255, b: 255)
    public static let black = Color(r: 0, g: 0, b: 0)
    public static let clear = Color(packed: 0)
}

/// A stroke's dash pattern in pixels: `on` drawn, `off` left out, repeated along the line.
public struct LineDash: Sendable, Hashable {
    public var on: Float
    public var off: Float

    public init(on: Float, off: Float) {
        self.on = on
        self.off = off
    }
}
