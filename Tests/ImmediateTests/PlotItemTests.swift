import Foundation
import Testing
@testable import Immediate

/// Every built-in item through the four questions a plot asks (bounds, draw, hit, legend), with
/// synthetic input; and an item defined here, to show the set is open.
@Suite("Plot items")
struct PlotItemTests {
    @Test("an item type from outside the plot layer is fitted, drawn, hovered and in the legend")
    func openSet() {
        struct Cross: PlotItem {
            var center: (Double, Double)
            var legendEntries: [PlotLegendEntry] { [PlotLegendEntry(key: "cross", text: "cross", color: .white)] }
            func addBounds(to bounds: inout PlotBounds) {
                bounds.includeX(center.0 - 1, center.0 + 1)
                bounds.includeY(center.1 - 1, center.1 + 1)
            }
            func draw(_ context: PlotDrawContext) {
                let t = context.transform
                context.ui.draw { $0.addLine(Vec2(t.px(center.0 - 1), t.py(center.1)), Vec2(t.px(center.0 + 1), t.py(center.1)), .white) }
            }
            func hit(_ query: PlotHoverQuery) -> PlotHit? { query.point("cross", center.0, center.1, index: 0) }
        }
        let harness = Harness()
        var result: PlotResult?
        let body = { (ui: UIContext) in result = ui.plot("custom", plotRect) { p in p.add(Cross(center: (10, 20))) } }
        harness.frame({ _ in }, body)
        #expect(approx(result!.state.x.min, 9 - 0.08) && approx(result!.state.x.max, 11 + 0.08), "fitted to its bounds, padded 4%")
        #expect(result!.legend.map(\.label) == ["cross"])
        let t = result!.transform
        harness.frame({ $0.mouseMoved(to: Vec2(t.px(10) + 3, t.py(20))) }, body)
        #expect(result!.hover == PlotHover(series: "cross", x: 10, y: 20, index: 0))
    }

    @Test("grouped bars covering every corner push the legend outside the plot area")
    func legendLeavesCoveredCorners() {
        let harness = Harness()
        var result: PlotResult?
        let body = { (ui: UIContext) in
            result = ui.plot("full", plotRect) { p in p.barGroups(["a", "b"], values: [[10, 10, 10], [10, 10, 10]]) }
        }
        for _ in 0..<3 { harness.frame({ _ in }, body) }
        let legend = result!.legend.map(\.rect)
        #expect(!legend.isEmpty)
        #expect(legend.allSatisfy { $0.min.x >= result!.transform.area.max.x }, "legend right of the area: \(legend) vs \(result!.transform.area)")
    }
}

