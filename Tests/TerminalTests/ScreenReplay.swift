import Terminal

/// A tiny terminal for the tests: it applies the subset of escape sequences the renderer
/// writes (cursor position, erase display, SGR, synchronized output, one- and two-column
/// characters) to a grid of cells, so a test can compare what the terminal would show with
/// the frame that was asked for. Anything else it meets is a test failure (`unknown`).
struct ScreenReplay {
    var cells: [[Cell]]
    var x = 0
    var y = 0
    var style = Cell()
    var unknown: [String] = []

    init(width: Int, height: Int) {
        cells = Array(repeating: Array(repeating: Cell(), count: width), count: height)
    }

    mutating func feed(_ bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        var iterator = Array(text)[...]
        while let character = iterator.first {
            iterator = iterator.dropFirst()
            if character == "\u{1B}" {
                guard iterator.first == "[" else {
                    unknown.append("ESC without [")
                    continue
                }
                iterator = iterator.dropFirst()
                var body = ""
                while let next = iterator.first, !(next.isLetter || next == "~") {
                    body.append(next)
                    iterator = iterator.dropFirst()
                }
                guard let final = iterator.first else { break }
                iterator = iterator.dropFirst()
                apply(body, final)
                continue
            }
            put(character)
        }
    }

    mutating func apply(_ body: String, _ final: Character) {
        switch final {
        case "H":
            let parts = body.split(separator: ";").compactMap { Int($0) }
            y = (parts.first ?? 1) - 1
            x = (parts.count > 1 ? parts[1] : 1) - 1
        case "J":
            if body == "2" { cells = cells.map { $0.map { _ in Cell() } } } else { unknown.append("J\(body)") }
        case "m":
            style = Cell()
            var parts = body.split(separator: ";").map { Int($0) ?? -1 }[...]
            while let p = parts.first {
                parts = parts.dropFirst()
                switch p {
                case 0: style = Cell()
                case 1: style.bold = true
                case 38, 48:
                    let mode = parts.first ?? 0
                    parts = parts.dropFirst()
                    let color: TermColor
                    if mode == 2 {
                        let rgb = Array(parts.prefix(3))
                        parts = parts.dropFirst(3)
                        color = .rgb(UInt8(rgb[0]), UInt8(rgb[1]), UInt8(rgb[2]))
                    } else {
                        // A palette index: kept as a grey of that number, enough to tell changes apart.
                        let index = parts.first ?? 0
                        parts = parts.dropFirst()
                        color = .rgb(UInt8(index), 0, 1)
                    }
                    if p == 38 { style.foreground = color } else { style.background = color }
                case 30...37, 90...97: style.foreground = .rgb(UInt8(p), 0, 2)
                case 40...47, 100...107: style.background = .rgb(UInt8(p), 0, 2)
                default: unknown.append("SGR \(p)")
                }
            }
        case "h", "l":
            if body != "?2026" { unknown.append("mode \(body)\(final)") }
        default: unknown.append("CSI \(body)\(final)")
        }
    }

    mutating func put(_ character: Character) {
        guard y >= 0, y < cells.count, x >= 0, x < cells[0].count else {
            unknown.append("write outside the screen at \(x),\(y)")
            return
        }
        var cell = style
        cell.text = String(character)
        cells[y][x] = cell
        let width = CellWidth.of(character)
        if width == 2, x + 1 < cells[0].count {
            var half = style
            half.text = ""
            cells[y][x + 1] = half
        }
        x += max(width, 1)
    }

    /// The screen as the renderer's frame would say it (text and style per cell).
    func matches(_ frame: CellBuffer, depth: ColorDepth) -> Bool {
        for row in 0..<frame.height {
            for column in 0..<frame.width {
                let want = frame[column, row]
                let got = cells[row][column]
                if want.text != got.text && !(want.text == " " && got.text.isEmpty) { return false }
                if depth == .truecolor, want.foreground != got.foreground || want.background != got.background || want.bold != got.bold {
                    return false
                }
            }
        }
        return true
    }
}
