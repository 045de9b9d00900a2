// A grid of terminal cells: what one frame shows. Front ends draw into it; `DiffRenderer` turns
// the difference from the last frame into bytes.

/// A colour as a front end asks for it; `ColorDepth` maps it to what the terminal can show.
public enum TermColor: Hashable, Sendable {
    /// The terminal's own foreground or background.
    case standard
    case rgb(UInt8, UInt8, UInt8)
}

/// One cell: a character (one grapheme, one or two columns wide) and its style.
public struct Cell: Hashable, Sendable {
    /// The character; "" for the right half of a wide character drawn in the cell before.
    public var text: String
    public var foreground: TermColor
    public var background: TermColor
    public var bold: Bool

    public init(_ text: String = " ", foreground: TermColor = .standard, background: TermColor = .standard, bold: Bool = false) {
        self.text = text
        self.foreground = foreground
        self.background = background
        self.bold = bold
    }

    public static let blank = Cell()

    /// The same style, another character.
    func with(_ text: String) -> Cell {
        var cell = self
        cell.text = text
        return cell
    }
}

/// A width × height grid of cells, row by row. Writing outside it is ignored, so a view never
/// has to clip by hand.
public struct CellBuffer: Equatable, Sendable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]

    public init(width: Int, height: Int, fill: Cell = .blank) {
        self.width = max(width, 0)
        self.height = max(height, 0)
        cells = Array(repeating: fill, count: self.width * self.height)
    }

    /// A cell; setting one keeps wide characters whole: a character half covered by the new
    /// cell becomes a space (its other half), as a terminal would show it.
    public subscript(x: Int, y: Int) -> Cell {
        get { contains(x, y) ? cells[y * width + x] : .blank }
        set {
            guard contains(x, y) else { return }
            let old = cells[y * width + x]
            if old.text.isEmpty, !newValue.text.isEmpty, x > 0 {
                // The right half of a wide character is overwritten: its left half goes.
                cells[y * width + x - 1].text = " "
            }
            if !old.text.isEmpty, x + 1 < width, cells[y * width + x + 1].text.isEmpty {
                // The left half of a wide character is overwritten: its right half goes.
                cells[y * width + x + 1].text = " "
            }
            cells[y * width + x] = newValue
        }
    }

    public func contains(_ x: Int, _ y: Int) -> Bool { x >= 0 && y >= 0 && x < width && y < height }

    /// Writes `text` from column `x` on row `y`, at most `limit` columns (to the right edge
    /// when nil); wide characters take two columns and are not split at the limit. Returns the
    /// columns used.
    @discardableResult
    public mutating func put(
        _ text: String, x: Int, y: Int, foreground: TermColor = .standard, background: TermColor? = nil, bold: Bool = false,
        limit: Int? = nil
    ) -> Int {
        guard y >= 0, y < height else { return 0 }
        let end = min(width, x + (limit ?? width))
        var column = x
        for character in text {
            let columns = CellWidth.of(character)
            guard columns > 0 else { continue }
            if column + columns > end { break }
            if column >= 0 {
                let old = self[column, y]
                self[column, y] = Cell(String(character), foreground: foreground, background: background ?? old.background, bold: bold)
                if columns == 2 {
                    self[column + 1, y] = Cell("", foreground: foreground, background: background ?? old.background, bold: bold)
                }
            }
            column += columns
        }
        return column - x
    }

    /// Fills a rectangle with one cell.
    public mutating func fill(x: Int, y: Int, width: Int, height: Int, with cell: Cell) {
        for row in max(y, 0)..<min(y + height, self.height) {
            for column in max(x, 0)..<min(x + width, self.width) { self[column, row] = cell }
        }
    }

    /// The rows as plain text (the right halves of wide characters left out): `--once` output
    /// and test goldens. Trailing spaces are trimmed.
    public var lines: [String] {
        (0..<height).map { row in
            var line = ""
            for column in 0..<width { line += self[column, row].text }
            while line.last == " " { line.removeLast() }
            return line
        }
    }
}

/// How many columns a character takes in a terminal: 2 for East Asian wide and emoji, 0 for
/// combining marks and controls, 1 otherwise (a compact table of the common ranges, as wcwidth).
public enum CellWidth {
    public static func of(_ character: Character) -> Int {
        guard let scalar = character.unicodeScalars.first else { return 0 }
        let v = scalar.value
        if v < 0x20 || (v >= 0x7F && v < 0xA0) { return 0 }
        if scalar.properties.generalCategory == .nonspacingMark || scalar.properties.generalCategory == .enclosingMark { return 0 }
        if isWide(v) { return 2 }
        return 1
    }

    static func isWide(_ v: UInt32) -> Bool {
        (v >= 0x1100 && v <= 0x115F) || (v >= 0x2E80 && v <= 0x303E) || (v >= 0x3041 && v <= 0x33FF)
            || (v >= 0x3400 && v <= 0x4DBF) || (v >= 0x4E00 && v <= 0x9FFF) || (v >= 0xA000 && v <= 0xA4CF)
            || (v >= 0xAC00 && v <= 0xD7A3) || (v >= 0xF900 && v <= 0xFAFF) || (v >= 0xFE30 && v <= 0xFE4F)
            || (v >= 0xFF00 && v <= 0xFF60) || (v >= 0xFFE0 && v <= 0xFFE6) || (v >= 0x1F300 && v <= 0x1F64F)
            || (v >= 0x1F900 && v <= 0x1F9FF) || (v >= 0x20000 && v <= 0x3FFFD)
    }
}
