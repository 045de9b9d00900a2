// Turns frames into terminal bytes: only the cells that changed since the last frame, with as
// few cursor moves and style changes as it can, wrapped in synchronized output so the terminal
// shows the frame whole. A frame with no change writes nothing.

/// Renders `CellBuffer`s for one terminal, remembering what it shows.
public struct DiffRenderer {
    public let depth: ColorDepth
    /// What the terminal shows now; nil before the first frame, or after `invalidate`.
    private var shown: CellBuffer?

    public init(depth: ColorDepth) {
        self.depth = depth
    }

    /// Forgets what the terminal shows: the next frame repaints every cell (a resize, Ctrl+L,
    /// a resume from Ctrl+Z).
    public mutating func invalidate() { shown = nil }

    /// The bytes that make the terminal show `frame`: a full repaint the first time or when the
    /// size changed, else only the changed cells; empty when nothing changed.
    public mutating func render(_ frame: CellBuffer) -> [UInt8] {
        var out = Output(depth: depth)
        if let shown, shown.width == frame.width, shown.height == frame.height {
            for y in 0..<frame.height {
                var x = 0
                while x < frame.width {
                    let cell = frame[x, y]
                    if cell != shown[x, y] || (cell.text.isEmpty && frame[x - 1, y] != shown[x - 1, y]) {
                        // A changed right half rewrites its wide character from the left.
                        let start = cell.text.isEmpty && x > 0 ? x - 1 : x
                        x = out.write(frame, x: start, y: y)
                    } else {
                        x += 1
                    }
                }
            }
        } else {
            out.bytes += Array("\u{1B}[0m\u{1B}[H\u{1B}[2J".utf8)
            out.cursor = (0, 0)
            for y in 0..<frame.height {
                var x = 0
                while x < frame.width {
                    if frame[x, y] == .blank {
                        x += 1
                        continue
                    }
                    x = out.write(frame, x: x, y: y)
                }
            }
        }
        shown = frame
        guard !out.bytes.isEmpty else { return [] }
        out.resetStyle()
        return Array("\u{1B}[?2026h".utf8) + out.bytes + Array("\u{1B}[?2026l".utf8)
    }

    /// The bytes being built, with where the cursor is and which style is set.
    private struct Output {
        let depth: ColorDepth
        var bytes: [UInt8] = []
        /// Nil when unknown (after the last column, where terminals differ).
        var cursor: (x: Int, y: Int)?
        var style: Cell?

        init(depth: ColorDepth) {
            self.depth = depth
        }

        /// Writes the cell at (x, y) of `frame` (a wide character with its right half); returns
        /// the column after it.
        mutating func write(_ frame: CellBuffer, x: Int, y: Int) -> Int {
            let cell = frame[x, y]
            if cursor.map({ $0.x != x || $0.y != y }) ?? true {
                bytes += Array("\u{1B}[\(y + 1);\(x + 1)H".utf8)
            }
            setStyle(cell)
            let text = cell.text.isEmpty ? " " : cell.text
            let columns = max(cell.text.first.map(CellWidth.of) ?? 1, 1)
            bytes += Array(text.utf8)
            let next = x + columns
            cursor = next >= frame.width ? nil : (next, y)
            return next
        }

        mutating func setStyle(_ cell: Cell) {
            if let style, style.foreground == cell.foreground, style.background == cell.background, style.bold == cell.bold { return }
            bytes += Array("\u{1B}[\(depth.sgr(cell))m".utf8)
            style = cell
        }

        mutating func resetStyle() {
            guard let style, style.foreground != .standard || style.background != .standard || style.bold else { return }
            bytes += Array("\u{1B}[0m".utf8)
        }
    }
}
