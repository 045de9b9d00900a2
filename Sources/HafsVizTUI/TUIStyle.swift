import Figures
import Terminal

/// The terminal's colours: the window's dark theme, as cells.
enum TUIStyle {
    static func rgb(_ hex: UInt32) -> TermColor {
        .rgb(UInt8(hex >> 16 & 0xFF), UInt8(hex >> 8 & 0xFF), UInt8(hex & 0xFF))
    }

    static let background = rgb(0x16181D)
    static let text = rgb(0xD7DAE0)
    static let dim = rgb(0x8A909B)
    static let accent = rgb(0x5AA9FF)
    static let warning = rgb(0xE5A03A)
    static let error = rgb(0xE06C75)
    static let border = rgb(0x3A3F4B)
    static let selection = rgb(0x2C3340)

    /// Series `index`'s colour (the window's palette, in the same order).
    static func series(_ index: Int) -> TermColor {
        let palette = SeriesPalette.dark
        return rgb(palette[((index % palette.count) + palette.count) % palette.count])
    }

    /// A colour at 40 % over the background: a raw line under its smoothed one.
    static func dimmed(_ color: TermColor) -> TermColor {
        guard case .rgb(let r, let g, let b) = color, case .rgb(let br, let bg, let bb) = background else { return dim }
        func mix(_ a: UInt8, _ b: UInt8) -> UInt8 { UInt8((Double(a) * 0.4 + Double(b) * 0.6).rounded()) }
        return .rgb(mix(r, br), mix(g, bg), mix(b, bb))
    }

    /// A segment's tone as a colour.
    static func color(of tone: StatusSegment.Tone) -> TermColor {
        switch tone {
        case .warning: warning
        case .error: error
        case .accent, .emphasis: accent
        case .plain: text
        }
    }

    /// Segments on row `y`, separated by " · ", cut at the right edge.
    static func statusLine(_ buffer: inout CellBuffer, _ segments: [StatusSegment], y: Int) {
        var x = 0
        for (index, segment) in segments.enumerated() {
            if index > 0 { x += buffer.put(" · ", x: x, y: y, foreground: dim) }
            x += buffer.put(segment.text, x: x, y: y, foreground: color(of: segment.tone), limit: max(buffer.width - x, 0))
        }
    }
}
