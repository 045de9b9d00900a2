/// One segment of a status bar.
public struct StatusSegment: Sendable {
    /// What a segment's colour says; the theme picks the colour.
    public enum Tone: Sendable {
        case plain, emphasis, accent, warning, error
    }

    public var text: String
    public var tone: Tone
    /// Clickable segments report clicks (the window's `statusBar` returns which).
    public var clickable: Bool

    public init(_ text: String, tone: Tone = .plain, clickable: Bool = false) {
        self.text = text
        self.tone = tone
        self.clickable = clickable
    }
}
