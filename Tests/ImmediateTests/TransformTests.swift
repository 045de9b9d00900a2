import Figures
import Testing

@testable import Immediate

@Suite("Data ↔ pixel transforms")
struct TransformTests {
    let transform = PlotTransform(area: Rect(x: 100, y: 50, width: 400, height: 200), x: AxisRange(-1, 3), y: AxisRange(10, 20))

    @Test("corners map to the area's corners; y grows upwards")
    func corners() {
        #expect(transform.px(-1) == 100)
        #expect(transform.px(3) == 500)
        #expect(transform.py(10) == 250)
        #expect(transform.py(20) == 50)
        #expect(transform.pixel(SIMD2(1, 15)) == Vec2(300, 150))
    }

    @Test("pixel → data → pixel round-trips")
    func roundTrip() {
        for x in stride(from: Float(100), through: 500, by: 37) {
            for y in stride(from: Float(50), through: 250, by: 23) {
                let data = transform.data(Vec2(x, y))
                #expect(abs(transform.px(data.x) - x) < 1e-3 && abs(transform.py(data.y) - y) < 1e-3)
            }
        }
    }

    @Test("padding grows a range; an empty span becomes visible")
    func padding() {
        #expect(AxisRange(0, 10).padded(0.1) == AxisRange(-1, 11))
        #expect(AxisRange(5, 5).padded(0.1).span > 0)
        #expect(AxisRange(0, 0).padded(0.1) == AxisRange(-0.5, 0.5))
    }
}
