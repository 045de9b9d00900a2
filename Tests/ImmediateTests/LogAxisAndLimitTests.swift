import Figures
import Foundation
import Testing

@testable import Immediate

/// The log y axis and a line drawn only up to an x limit (the Runs replay).
@Suite("Log axis and x limit")
struct LogAxisAndLimitTests {
    @Test("log transform: decades are equally spaced, pixels round-trip to data, values ≤ 0 fall below the area")
    func logTransform() {
        let t = PlotTransform(area: Rect(x: 0, y: 0, width: 100, height: 300), x: AxisRange(0, 1), y: AxisRange(0, 3), logY: true)
        #expect(t.py(1) == 300 && t.py(10) == 200 && t.py(100) == 100 && t.py(1000) == 0)
        #expect(abs(t.dataY(150) - 31.6227766) < 1e-4, "half a decade above 10 is √10 × 10")
        #expect(t.py(0) > 300 && t.py(-5) > 300 && t.py(0).isFinite, "≤ 0 is held below the bottom edge, finite")
    }

    @Test("log ticks: powers of ten across decades, linear steps within one, nothing ≤ 0")
    func logTicks() {
        #expect(Ticks.log(AxisRange(-0.2, 3.1), target: 6).map(\.value) == [1, 10, 100, 1000])
        #expect(Ticks.log(AxisRange(-12, 12), target: 6).map(\.value) == [1e-12, 1e-8, 1e-4, 1, 1e4, 1e8, 1e12])
        #expect(Ticks.log(AxisRange(-12, 12), target: 6).map(\.label) == ["1e-12", "1e-8", "1e-4", "1", "10000", "1e8", "1e12"])
        let inside = Ticks.log(AxisRange(log10(2e-4), log10(7e-4)), target: 6)
        #expect(!inside.isEmpty && inside.allSatisfy { $0.value >= 2e-4 && $0.value <= 7e-4 })
    }

    @Test("a log plot fits to the smallest positive value, not to 0 or negatives, and counts what it cannot show")
    func logFit() throws {
        let h = Harness()
        let series = LineSeries(x: [0, 1, 2, 3, 4], y: [-1, 0, 0.01, 10, 1000])
        #expect(series.minPositiveY == 0.01 && series.nonPositiveCount == 2)
        let grown = series.appending(x: [5], y: [0.001])
        #expect(grown.minPositiveY == 0.001 && grown.nonPositiveCount == 2)
        var y: AxisRange?
        h.frame { y = $0.plot("log", plotRect, y: AxisOptions(log: true)) { p in p.line("l", series) }.state.y }
        let range = try #require(y)
        #expect(range.min < -2 && range.min > -2.5, "bottom just below log10(0.01) = -2, got \(range)")
        #expect(range.max > 3 && range.max < 3.5, "top just above log10(1000) = 3, got \(range)")
    }

    @Test("a line with an x limit draws and hovers only the points up to it; the fit still covers all")
    func xLimit() throws {
        let h = Harness()
        let xs = (0...100).map(Double.init)
        let color = Color(r: 250, g: 10, b: 200)
        func draw(_ limit: Double) -> (maxX: Float, result: PlotResult?) {
            var result: PlotResult?
            let data = h.frame({ $0.mouseMoved(to: Vec2(700, 300)) }) { ui in
                // No label: no legend swatch in the line's colour.
                result = ui.plot("limited", plotRect) { p in p.line("", x: xs, y: xs, color: color, upTo: limit) }
            }
            let xs = data.lists.flatMap(\.vertices).filter { $0.color & 0x00FF_FFFF == color.packed & 0x00FF_FFFF }.map(\.position.x)
            return (xs.max() ?? 0, result)
        }
        let all = draw(.infinity)
        let half = draw(50)
        let t = try #require(half.result?.transform)
        #expect(t.x.max > 100, "the x axis still fits the whole line")
        #expect(
            half.maxX > t.px(45) && half.maxX <= t.px(50) + 3,
            "the line ends at x = 50 (its last vertex at \(half.maxX), x = 50 at \(t.px(50)))")
        #expect(all.maxX > t.px(99), "without a limit the line reaches its end")
        #expect(half.result?.hover.map { $0.x <= 50 } ?? true, "hover never finds a point past the limit")
    }

    @Test("the reduction stops at the limit: columns past it are empty")
    func reductionLimit() {
        let series = LineSeries(x: (0..<10_000).map(Double.init), y: (0..<10_000).map { Double($0 % 7) })
        let reduction = series.reduce(AxisRange(0, 9_999), columns: 100, through: 4_999)
        #expect(reduction.endIndex == 5_000)
        #expect(reduction.pointCount[49] > 0 && reduction.pointCount[50...].allSatisfy { $0 == 0 })
    }
}
