/// Colours and sizes of the UI. Sizes are in framebuffer pixels at scale 1; `scaled` multiplies
/// them for HiDPI.
public struct Style: Sendable {
    public var background = Color(hex: 0x16181D)
    public var panel = Color(hex: 0x1E2128)
    public var panelBorder = Color(hex: 0x2E323C)
    public var text = Color(hex: 0xE3E6EC)
    public var textDim = Color(hex: 0x9AA1AE)
    public var accent = Color(hex: 0x5AA9FF)
    public var warning = Color(hex: 0xF2B84B)
    public var error = Color(hex: 0xFF6B6B)
    public var widget = Color(hex: 0x2A2E37)
    public var widgetHovered = Color(hex: 0x363B47)
    public var widgetActive = Color(hex: 0x44506A)
    public var menuBar = Color(hex: 0x20232A)
    public var popup = Color(hex: 0x262A33)
    /// Plot areas are left at the clear colour by default: under a software rasterizer a
    /// full-area fill costs as much as the whole plot (7 ms per 1600×1000 rect measured here).
    public var plotBackground = Color(hex: 0x16181D)
    public var grid = Color(hex: 0x2A2E36)
    public var axis = Color(hex: 0x5C6370)
    /// Series colours, in order (colour-blind-friendly, after Okabe–Ito and Tableau).
    public var seriesColors: [Color] = [0x5AA9FF, 0xF28E2B, 0x59C27A, 0xE15759, 0xB07AA1, 0xEDC948, 0x76B7B2, 0xFF9DA7, 0x9C755F, 0xBAB0AC,
                                        0x8CD17D, 0xD37295]
        .map { Color(hex: $0) }

    public var padding: Float = 6
    public var spacing: Float = 4
    public var rowHeight: Float = 22
    public var lineWidth: Float = 1.5
    public var scale: Float = 1

    public init() {}

    /// A copy with sizes multiplied by `factor`.
    public func scaled(_ factor: Float) -> Style {
        var copy = self
        copy.padding *= factor
        copy.spacing *= factor
        copy.rowHeight *= factor
        copy.lineWidth *= factor
        copy.scale = factor
        return copy
    }

    public func seriesColor(_ index: Int) -> Color { seriesColors[index % seriesColors.count] }
}
