import Figures

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
    /// Series colours, in order (`SeriesPalette.dark`, shared with the terminal). Past eight,
    /// colours repeat in other hues that are not all kept apart.
    public var seriesColors: [Color] = SeriesPalette.dark.map { Color(hex: $0) }

    public var padding: Float = 6
    public var spacing: Float = 4
    public var rowHeight: Float = 22
    public var lineWidth: Float = 1.5
    public var scale: Float = 1

    public init() {}

    /// The colours of `theme` at scale 1.
    public init(theme: Theme) {
        switch theme {
        case .dark:
            break
        case .light:
            background = Color(hex: 0xF7F7F5)
            panel = Color(hex: 0xFFFFFF)
            panelBorder = Color(hex: 0xD0D3D9)
            text = Color(hex: 0x1D2129)
            textDim = Color(hex: 0x5B6270)
            accent = Color(hex: 0x0B63C4)
            warning = Color(hex: 0xA86400)
            error = Color(hex: 0xC62828)
            widget = Color(hex: 0xE9EBEF)
            widgetHovered = Color(hex: 0xDCE0E7)
            widgetActive = Color(hex: 0xC5D3E8)
            menuBar = Color(hex: 0xECEDEF)
            popup = Color(hex: 0xFFFFFF)
            plotBackground = background
            grid = Color(hex: 0xE3E5E9)
            axis = Color(hex: 0x8A909B)
            // Okabe–Ito, darkened where it would vanish on white (yellow, sky blue).
            seriesColors = [
                0x0072B2, 0xE69F00, 0x009E73, 0xD55E00, 0xCC79A7, 0xB8A200, 0x56B4E9, 0x666666, 0x8C6D31, 0x6A3D9A,
                0x1B9E77, 0xA6761D,
            ].map { Color(hex: $0) }
        case .highContrast:
            background = Color(hex: 0x000000)
            panel = Color(hex: 0x000000)
            panelBorder = Color(hex: 0xFFFFFF)
            text = Color(hex: 0xFFFFFF)
            textDim = Color(hex: 0xE0E0E0)
            accent = Color(hex: 0x4FC3FF)
            warning = Color(hex: 0xFFD400)
            error = Color(hex: 0xFF5C5C)
            widget = Color(hex: 0x1A1A1A)
            widgetHovered = Color(hex: 0x333333)
            widgetActive = Color(hex: 0x004F8C)
            menuBar = Color(hex: 0x000000)
            popup = Color(hex: 0x0A0A0A)
            plotBackground = background
            grid = Color(hex: 0x3A3A3A)
            axis = Color(hex: 0xFFFFFF)
            lineWidth = 2
            // Okabe–Ito at full strength: every colour stays apart for the common colour-vision
            // deficiencies, and each is bright on black.
            seriesColors = [
                0x56B4E9, 0xE69F00, 0x00C896, 0xFF7A33, 0xE58FC4, 0xF0E442, 0xBFE6FF, 0xFFFFFF, 0xB3B3B3, 0xA6E06E,
                0xFFB3A7, 0xC6A0FF,
            ].map { Color(hex: $0) }
        }
    }

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

    /// Series `index`'s colour. The palette's colours first; past its end the same hues again,
    /// a step away from the background (lighter on a dark theme), then a step towards it, and
    /// so on: no two of the first 3 × the palette's series share a colour. `seriesDash` tells
    /// the later rounds apart by their stroke too.
    public func seriesColor(_ index: Int) -> Color {
        let count = max(seriesColors.count, 1)
        let base = seriesColors[((index % count) + count) % count]
        let darkBackground = Int(background.r) + Int(background.g) + Int(background.b) < 384
        switch (max(index, 0) / count) % 3 {
        case 1:
            // A colour already at the light (dark) end steps the other way instead.
            let away = base.mixed(with: darkBackground ? .white : .black, 0.45)
            let moved = abs(Int(away.r) - Int(base.r)) + abs(Int(away.g) - Int(base.g)) + abs(Int(away.b) - Int(base.b))
            return moved >= 60 ? away : base.mixed(with: darkBackground ? .black : .white, 0.2)
        case 2: return base.mixed(with: darkBackground ? .black : .white, 0.4)
        default: return base
        }
    }

    /// Series `index`'s dash pattern: solid for the palette's first round, then dashed, dotted,
    /// long-dashed by round (nil: solid).
    public func seriesDash(_ index: Int) -> LineDash? {
        let round = max(index, 0) / max(seriesColors.count, 1)
        switch round % 4 {
        case 1: return LineDash(on: 8 * scale, off: 4 * scale)
        case 2: return LineDash(on: 2 * scale, off: 3 * scale)
        case 3: return LineDash(on: 14 * scale, off: 4 * scale)
        default: return nil
        }
    }
}

/// The UI's colour themes. Each has a colour-blind-safe categorical palette.
public enum Theme: String, Sendable, CaseIterable {
    case dark, light
    case highContrast = "high-contrast"

    /// As the View menu says it.
    public var title: String {
        switch self {
        case .dark: "Dark"
        case .light: "Light"
        case .highContrast: "High Contrast"
        }
    }
}
