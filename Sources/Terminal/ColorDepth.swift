/// How many colours the terminal shows, and how a `TermColor` is written for it.
public enum ColorDepth: String, Sendable, CaseIterable {
    case truecolor
    case palette256 = "256"
    case palette16 = "16"
    case none

    /// `--color` when given (truecolor, 256, 16, none); else none when `NO_COLOR` is set
    /// (no-color.org) or `TERM` is dumb; truecolor when `COLORTERM` says so, unless over SSH or in
    /// tmux (where it is often not passed through: 256); 256 for `*-256color`; 16 otherwise.
    public static func detect(flag: String?, environment: [String: String]) -> ColorDepth {
        if let flag, let depth = ColorDepth(rawValue: flag) { return depth }
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return .none }
        let term = environment["TERM"] ?? ""
        if term == "dumb" || term.isEmpty { return .none }
        let remote =
            environment["SSH_CONNECTION"] != nil || environment["TMUX"] != nil || term.hasPrefix("tmux") || term.hasPrefix("screen")
        if let colorterm = environment["COLORTERM"], colorterm == "truecolor" || colorterm == "24bit", !remote { return .truecolor }
        if term.hasSuffix("256color") || remote { return .palette256 }
        return .palette16
    }

    /// A cell's style as the renderer writes it (the parameters of one SGR sequence, from a
    /// reset): "0;1;38;5;75", "0" for the terminal's own colours.
    public func sgr(_ cell: Cell) -> String {
        var codes = ["0"]
        if cell.bold { codes.append("1") }
        if let fg = parameters(cell.foreground, background: false) { codes.append(fg) }
        if let bg = parameters(cell.background, background: true) { codes.append(bg) }
        return codes.joined(separator: ";")
    }

    /// The SGR parameters for a colour as foreground (or background): "38;2;r;g;b", "38;5;n",
    /// "91", or nil for the terminal's own (and for every colour at depth none).
    func parameters(_ color: TermColor, background: Bool) -> String? {
        guard case .rgb(let r, let g, let b) = color else { return nil }
        switch self {
        case .none: return nil
        case .truecolor: return "\(background ? 48 : 38);2;\(r);\(g);\(b)"
        case .palette256: return "\(background ? 48 : 38);5;\(ColorDepth.index256(r, g, b))"
        case .palette16:
            let index = ColorDepth.index16(r, g, b)
            return String((index < 8 ? 30 : 82) + index + (background ? 10 : 0))
        }
    }

    /// The nearest of xterm's 256 colours: the 6×6×6 cube or the 24 greys.
    static func index256(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> Int {
        let levels = [0, 95, 135, 175, 215, 255]
        func nearest(_ v: UInt8) -> Int { levels.indices.min { abs(levels[$0] - Int(v)) < abs(levels[$1] - Int(v)) } ?? 0 }
        let (ri, gi, bi) = (nearest(r), nearest(g), nearest(b))
        let cube = (levels[ri], levels[gi], levels[bi])
        let grey = min(23, max(0, (Int(r) + Int(g) + Int(b)) / 3 - 3) / 10)
        let greyValue = 8 + grey * 10
        func distance(_ a: (Int, Int, Int)) -> Int {
            let dr = a.0 - Int(r)
            let dg = a.1 - Int(g)
            let db = a.2 - Int(b)
            return dr * dr + dg * dg + db * db
        }
        return distance((greyValue, greyValue, greyValue)) < distance(cube) ? 232 + grey : 16 + 36 * ri + 6 * gi + bi
    }

    /// The nearest of the 16 ANSI colours (0–7 normal, 8–15 bright), by xterm's default RGB.
    static func index16(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> Int {
        let palette: [(Int, Int, Int)] = [
            (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
            (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
        ]
        // (Closure parameters named apart from r, g, b: a `b` here once shadowed the blue channel.)
        return palette.indices.min { first, second in
            let pa = palette[first]
            let pb = palette[second]
            let da = (pa.0 - Int(r)) * (pa.0 - Int(r)) + (pa.1 - Int(g)) * (pa.1 - Int(g)) + (pa.2 - Int(b)) * (pa.2 - Int(b))
            let db = (pb.0 - Int(r)) * (pb.0 - Int(r)) + (pb.1 - Int(g)) * (pb.1 - Int(g)) + (pb.2 - Int(b)) * (pb.2 - Int(b))
            return da < db
        } ?? 7
    }
}
