import Figures
import Foundation

/// A continuous colour map: evenly spaced stops, interpolated linearly in sRGB.
public struct Colormap: Sendable, Equatable {
    public var stops: [Color]

    public init(stops: [Color]) {
        precondition(stops.count >= 2, "a colour map needs two stops")
        self.stops = stops
    }

    /// Viridis (perceptually uniform, readable in grey and by colour-blind eyes): nine stops.
    public static let viridis = Colormap(
        stops: ViridisStops.stops.map { Color(hex: $0) })

    /// Blue through light grey to red, for signed values around a midpoint.
    public static let diverging = Colormap(
        stops: [0x2166AC, 0x67A9CF, 0xD1E5F0, 0xEDEDED, 0xFDDBC7, 0xEF8A62, 0xB2182B]
            .map { Color(hex: $0) })

    /// The colour at `fraction` (clamped to 0…1; NaN gives the first stop).
    public func color(at fraction: Double) -> Color {
        let f = fraction.isNaN ? 0 : min(max(fraction, 0), 1)
        let position = f * Double(stops.count - 1)
        let index = min(Int(position), stops.count - 2)
        let t = Float(position - Double(index))
        let a = stops[index]
        let b = stops[index + 1]
        func mix(_ x: UInt8, _ y: UInt8) -> Float { (Float(x) + (Float(y) - Float(x)) * t) / 255 }
        return Color(mix(a.r, b.r), mix(a.g, b.g), mix(a.b, b.b), mix(a.a, b.a))
    }

    /// The colour of `value` within `range`.
    public func color(of value: Double, in range: AxisRange) -> Color {
        color(at: range.span > 0 ? (value - range.min) / range.span : 0.5)
    }
}

extension Color {
    /// Relative luminance (0 black … 1 white), for choosing readable text over a fill.
    public var luminance: Float {
        func linear(_ c: UInt8) -> Float {
            let v = Float(c) / 255
            return v <= 0.04045 ? v / 12.92 : Float(pow(Double((v + 0.055) / 1.055), 2.4))
        }
        return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)
    }
}
