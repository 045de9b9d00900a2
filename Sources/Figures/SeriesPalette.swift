/// The series colours every front end uses, as 0xRRGGBB, in order: Okabe–Ito's colour-blind-safe
/// set (blue, orange, bluish green, vermillion, reddish purple, yellow, sky blue, grey),
/// lightened for a dark background, then four more. A domain or run keeps its index, so the
/// window and the terminal colour it alike.
public enum SeriesPalette {
    public static let dark: [UInt32] = [
        0x5AA9FF, 0xE69F00, 0x00B081, 0xE8682A, 0xD98CB8, 0xF0E442, 0x9ED9F7, 0xBBBBBB, 0x9C755F, 0x8CD17D, 0xB07AA1, 0xFF9DA7,
    ]
}

/// The colours of classes (labels and predictions) as 0xRRGGBB: ten that stay apart for
/// colour-blind eyes and from the grey of "none", which is darker than all of them.
public enum ClassPalette {
    public static let classes: [UInt32] = [
        0x4E9BFF, 0xFF9F1C, 0x2EC4B6, 0xE8505B, 0xB48EE0, 0xC6A15B, 0xF78FCB, 0x8AD85F, 0xF2E85C, 0x47D7F5,
    ]
    /// Unlabelled, or no prediction.
    public static let none: UInt32 = 0x5C6370

    /// A class's colour (nil or negative: `none`).
    public static func color(ofClass value: Int?) -> UInt32 {
        guard let value, value >= 0 else { return none }
        return classes[value % classes.count]
    }
}

/// Viridis, perceptually uniform and readable in grey and by colour-blind eyes: nine evenly
/// spaced stops as 0xRRGGBB (the window's `Colormap.viridis` and the terminal's certainty map).
public enum ViridisStops {
    public static let stops: [UInt32] = [0x440154, 0x482878, 0x3E4A89, 0x31688E, 0x26828E, 0x1F9E89, 0x35B779, 0x6DCD59, 0xFDE725]

    /// The colour at `fraction` (clamped to 0…1; NaN: the first stop), interpolated in sRGB.
    public static func color(at fraction: Double) -> UInt32 {
        let f = fraction.isNaN ? 0 : min(max(fraction, 0), 1)
        let position = f * Double(stops.count - 1)
        let index = min(Int(position), stops.count - 2)
        let t = position - Double(index)
        var result: UInt32 = 0
        for shift in [16, 8, 0] as [UInt32] {
            let a = Double(stops[index] >> shift & 0xFF)
            let b = Double(stops[index + 1] >> shift & 0xFF)
            result |= UInt32((a + (b - a) * t).rounded()) << shift
        }
        return result
    }
}
