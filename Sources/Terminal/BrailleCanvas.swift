import Figures
import Foundation

/// A chart area drawn in Braille: each cell holds 2 × 4 dots, so a `width` × `height` cell area
/// is `2·width` × `4·height` dots. Lines go through `LineSeries`' min/max pyramid: each dot
/// column spans the min…max of every point it covers, so no spike is lost at any point count.
public struct BrailleCanvas {
    public let width: Int
    public let height: Int
    /// One bit per dot, per cell (U+2800 + bits), and which series drew the cell last.
    private var bits: [UInt8]
    private var owner: [Int]

    public init(width: Int, height: Int) {
        self.width = max(width, 0)
        self.height = max(height, 0)
        bits = [UInt8](repeating: 0, count: self.width * self.height)
        owner = [Int](repeating: -1, count: self.width * self.height)
    }

    public var dotsWide: Int { width * 2 }
    public var dotsHigh: Int { height * 4 }

    /// The bit of dot (column, row) inside its cell, as the Braille block numbers them: row by
    /// row, left then right (built once: `set` runs for every dot drawn).
    private static let bits: [UInt8] = [0x01, 0x08, 0x02, 0x10, 0x04, 0x20, 0x40, 0x80]

    static func bit(_ dx: Int, _ dy: Int) -> UInt8 { bits[dy * 2 + dx] }

    /// Sets dot (x, y), y counted from the top; outside the canvas it is ignored.
    public mutating func set(_ x: Int, _ y: Int, series: Int = 0) {
        guard x >= 0, y >= 0, x < dotsWide, y < dotsHigh else { return }
        let cell = (y / 4) * width + x / 2
        bits[cell] |= BrailleCanvas.bit(x % 2, y % 4)
        owner[cell] = series
    }

    /// Every dot from row `y0` to `y1` (either order) in column `x`.
    public mutating func column(_ x: Int, from y0: Int, to y1: Int, series: Int = 0) {
        for y in min(y0, y1)...max(y0, y1) { set(x, y, series: series) }
    }

    /// A straight line of dots from (x0, y0) to (x1, y1) (Bresenham).
    public mutating func line(_ x0: Int, _ y0: Int, _ x1: Int, _ y1: Int, series: Int = 0) {
        var x = x0
        var y = y0
        let dx = abs(x1 - x0)
        let dy = -abs(y1 - y0)
        let sx = x0 < x1 ? 1 : -1
        let sy = y0 < y1 ? 1 : -1
        var error = dx + dy
        while true {
            set(x, y, series: series)
            if x == x1 && y == y1 { break }
            let twice = 2 * error
            if twice >= dy {
                error += dy
                x += sx
            }
            if twice <= dx {
                error += dx
                y += sy
            }
        }
    }

    /// The dot row of a value on a y range (top row for the maximum); nil for a non-finite one.
    public func row(_ value: Double, _ y: AxisRange) -> Int? {
        guard value.isFinite, y.span > 0 else { return value.isFinite ? dotsHigh / 2 : nil }
        // Clamped just past the edges: a value off the range lands there (and its dots are not
        // drawn) instead of trapping in the conversion to Int.
        let fraction = min(max((value - y.min) / y.span, -1), 2)
        return Int(((1 - fraction) * Double(dotsHigh - 1)).rounded())
    }

    /// Draws the part of `series` inside `x` on `y`: one dot span per column (its points' min…max,
    /// widened to meet the previous column), lines across columns with no point.
    /// - Parameters:
    ///   - limit: points past this x are not drawn (a replay's cursor).
    ///   - logY: `y` is in log10 units; values ≤ 0 are not drawn (a span reaching below 0 is
    ///     drawn to the bottom edge, where the axis cannot go).
    public mutating func plot(
        _ series: LineSeries, x: AxisRange, y: AxisRange, index: Int = 0, through limit: Double = .infinity, logY: Bool = false
    ) {
        guard dotsWide > 0, dotsHigh > 0, x.span > 0 else { return }
        let reduction = series.reduce(x, columns: dotsWide, through: limit)
        func value(_ v: Double) -> Double? { logY ? (v > 0 ? log10(v) : nil) : v }
        reduction.walk(
            before: nil,
            span: { column, low, high in
                guard let highValue = value(high), let top = row(highValue, y) else { return }
                let bottom = value(low).flatMap { row($0, y) } ?? dotsHigh - 1
                self.column(column, from: top, to: bottom, series: index)
            },
            join: { fromColumn, fromValue, toColumn, toValue in
                guard fromColumn >= 0, let from = value(fromValue), let to = value(toValue), let a = row(from, y), let b = row(to, y)
                else { return }
                line(fromColumn, a, toColumn, b, series: index)
            })
    }

    /// The cells: a Braille character and the series that drew it last (-1 for an empty cell).
    public func cell(_ x: Int, _ y: Int) -> (character: Character, series: Int) {
        let index = y * width + x
        guard bits[index] != 0, let scalar = UnicodeScalar(0x2800 + UInt32(bits[index])) else { return (" ", -1) }
        return (Character(scalar), owner[index])
    }

    /// The raw dot bits of a cell (tests).
    public func dots(_ x: Int, _ y: Int) -> UInt8 { bits[y * width + x] }
}
