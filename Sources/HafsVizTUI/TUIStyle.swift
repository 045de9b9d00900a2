import Figures
import Terminal

/// The terminal's colours: the window's dark theme, as cells.
enum TUIStyle {
    static func rgb(_ hex: UInt32) -> TermColor {
        .rgb(UInt8(hex >> 16 & 0xFF), UInt8(hex >> 8 & 0xFF), UInt8(hex & 0xFF))
    }

    static let text = rgb(0xD7DAE0)
    static let dim = rgb(0x8A909B)
    static let accent = rgb(0x5AA9FF)
    static let warning = rgb(0xE5A03A)
    static let error = rgb(0xE06C75)
    static let border = rgb(0x3A3F4B)

    /// Series `index`'s colour (the window's palette, in the same order).
    static func series(_ index: Int) -> TermColor {
        let palette = SeriesPalette.dark
        return rgb(palette[((index % palette.count) + palette.count) % palette.count])
    }
}
