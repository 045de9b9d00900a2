/// `--ascii`: a frame for consoles and fonts without Braille, block or box characters. Each
/// cell's character is replaced by an ASCII one of the same weight: Braille by its dot count,
/// eighth blocks by how full they are, half blocks by which half is lit, our symbols by a
/// look-alike. Text from the data (names with accents, other scripts) stays; colours stay.
public enum ASCIIFallback {
    public static func apply(to buffer: inout CellBuffer) {
        for y in 0..<buffer.height {
            for x in 0..<buffer.width {
                let cell = buffer[x, y]
                guard let scalar = cell.text.unicodeScalars.first, scalar.value >= 0x80 else { continue }
                var replaced = cell
                replaced.text = character(for: scalar.value, cell: cell)
                buffer[x, y] = replaced
            }
        }
    }

    static let symbols: [UInt32: String] = [
        0x2026: ".", 0x00B7: ".", 0x2014: "-", 0x2013: "-", 0x2192: ">", 0x2190: "<", 0x2191: "^", 0x2193: "v",
        0x25A0: "#", 0x25A1: "o", 0x25CF: "*", 0x2713: "+", 0x2717: "x", 0x00D7: "x", 0x2264: "<", 0x2265: ">",
        0x2580: "\"", 0x2584: ".", 0x2588: "#", 0x25C6: "@", 0x2502: "|", 0x2500: "-", 0x250A: ":", 0x25B8: ">", 0x2524: "|",
    ]

    static func character(for value: UInt32, cell: Cell) -> String {
        if value >= 0x2800 && value <= 0x28FF {
            let dots = (value - 0x2800).nonzeroBitCount
            return dots == 0 ? " " : dots <= 2 ? "." : dots <= 4 ? ":" : dots <= 6 ? "+" : "#"
        }
        if value >= 0x2581 && value <= 0x2587 { return value <= 0x2583 ? "_" : value <= 0x2585 ? "=" : "#" }  // rising eighths
        if value >= 0x2589 && value <= 0x258F { return value >= 0x258D ? "-" : value >= 0x258B ? "=" : "#" }  // left eighths
        // Anything else (letters and digits of the user's data above all) stays as it is.
        return symbols[value] ?? cell.text
    }
}
