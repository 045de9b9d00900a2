import Figures
import Terminal
import TestSupport
import Testing

@Suite("Braille raster")
struct BrailleTests {
    /// The dot rows lit in dot column `x`.
    func litRows(_ canvas: BrailleCanvas, _ x: Int) -> [Int] {
        (0..<canvas.dotsHigh).filter { y in canvas.dots(x / 2, y / 4) & BrailleCanvasBits.bit(x % 2, y % 4) != 0 }
    }

    @Test("every point's y lies inside its column's drawn dot span, at any point count")
    func spansHoldEveryPoint() {
        var (random, seedNote) = TestSeed.generator(fallback: 0xB7A1_11E)
        for n in [10, 100, 5000, 200_000] {
            let xs = (0..<n).map(Double.init)
            let ys = (0..<n).map { _ in Double.random(in: -1...1, using: &random) * (Bool.random(using: &random) ? 1 : 50) }
            let series = LineSeries(x: xs, y: ys)
            guard let bounds = series.bounds else { continue }
            var canvas = BrailleCanvas(width: 30, height: 8)
            canvas.plot(series, x: bounds.x, y: bounds.y)
            for i in stride(from: 0, to: n, by: max(n / 2000, 1)) {
                let column = min(Int((xs[i] - bounds.x.min) / bounds.x.span * Double(canvas.dotsWide)), canvas.dotsWide - 1)
                guard let row = canvas.row(ys[i], bounds.y) else { continue }
                let lit = litRows(canvas, column)
                #expect(
                    lit.contains(row),
                    "n \(n), \(seedNote): point \(i) (row \(row)) outside column \(column)'s span \(lit.first ?? -1)…\(lit.last ?? -1)")
                if !lit.contains(row) { return }
            }
        }
    }

    @Test("with at most one point per column, the dots are a Bresenham line between the points")
    func sparseEqualsReferenceLine() {
        let xs: [Double] = [0, 10, 20, 39]
        let ys: [Double] = [0, 15, 3, 15]
        var canvas = BrailleCanvas(width: 20, height: 4)
        canvas.plot(LineSeries(x: xs, y: ys), x: AxisRange(0, 39), y: AxisRange(0, 15))
        var reference = BrailleCanvas(width: 20, height: 4)
        let points = zip(xs, ys).map { (min(Int($0 / 39 * 40), 39), reference.row($1, AxisRange(0, 15)) ?? 0) }
        for (a, b) in zip(points, points.dropFirst()) { reference.line(a.0, a.1, b.0, b.1) }
        for y in 0..<4 {
            for x in 0..<20 { #expect(canvas.dots(x, y) == reference.dots(x, y), "cell \(x),\(y)") }
        }
    }
}

/// The dot bit layout of the Braille block (U+2800): dots 1–3 and 7 on the left, 4–6 and 8 on the right.
enum BrailleCanvasBits {
    static func bit(_ dx: Int, _ dy: Int) -> UInt8 {
        [[0x01, 0x08], [0x02, 0x10], [0x04, 0x20], [0x40, 0x80]][dy][dx]
    }
}
