/// The series colours every front end uses, as 0xRRGGBB, in order: Okabe–Ito's colour-blind-safe
/// set (blue, orange, bluish green, vermillion, reddish purple, yellow, sky blue, grey),
/// lightened for a dark background, then four more. A domain or run keeps its index, so the
/// window and the terminal colour it alike.
public enum SeriesPalette {
    public static let dark: [UInt32] = [
        0x5AA9FF, 0xE69F00, 0x00B081, 0xE8682A, 0xD98CB8, 0xF0E442, 0x9ED9F7, 0xBBBBBB, 0x9C755F, 0x8CD17D, 0xB07AA1, 0xFF9DA7,
    ]
}
