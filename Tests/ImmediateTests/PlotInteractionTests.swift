import Figures
import Testing

@testable import Immediate

/// Every plot interaction, driven by synthetic input and checked against axis ranges and hover.
@Suite("Plot interaction")
struct PlotInteractionTests {
    /// A harness after one frame: the plot has fitted its data.
    func fitted() -> (Harness, PlotResult) {
        let harness = Harness()
        var result: PlotResult?
        harness.frame { result = knownPlot($0) }
        return (harness, result!)
    }

    @Test("the first frame fits the data with a small margin")
    func initialFit() {
        let (_, result) = fitted()
        #expect(approx(result.state.x.min, -4) && approx(result.state.x.max, 104))  // 4% of 100
        #expect(approx(result.state.y.min, -6) && approx(result.state.y.max, 106))  // 6% of 100
        #expect(result.state.autoFit)
    }

    @Test("left-drag pans both axes by the mouse movement")
    func pan() {
        let (harness, first) = fitted()
        let t = first.transform
        let start = t.area.center
        harness.frame({ $0.mouseMoved(to: start) }) { _ = knownPlot($0) }
        harness.frame({ $0.mouseButton(.left, down: true) }) { _ = knownPlot($0) }
        harness.frame({ $0.mouseMoved(to: start + Vec2(80, 40)) }) { _ = knownPlot($0) }
        var result: PlotResult?
        harness.frame({ $0.mouseButton(.left, down: false) }) { result = knownPlot($0) }
        let dx = 80 / Double(t.area.width) * t.x.span
        let dy = 40 / Double(t.area.height) * t.y.span
        #expect(approx(result!.state.x.min, t.x.min - dx, 1e-5) && approx(result!.state.x.max, t.x.max - dx, 1e-5))
        #expect(approx(result!.state.y.min, t.y.min + dy, 1e-5) && approx(result!.state.y.max, t.y.max + dy, 1e-5))
        #expect(!result!.state.autoFit)
    }

    @Test("movement before a press, in the same frame, does not pan")
    func pressAfterMove() {
        let (harness, first) = fitted()
        let t = first.transform
        harness.frame({ $0.mouseMoved(to: t.area.min + Vec2(10, 10)) }) { _ = knownPlot($0) }
        var result: PlotResult?
        harness.frame({ events in
            events.mouseMoved(to: t.area.center)
            events.mouseButton(.left, down: true)
        }) { result = knownPlot($0) }
        #expect(result!.state.x == t.x && result!.state.y == t.y)
        harness.frame({ $0.mouseMoved(to: t.area.center + Vec2(10, 0)) }) { result = knownPlot($0) }
        #expect(approx(result!.state.x.min, t.x.min - 10 / Double(t.area.width) * t.x.span, 1e-5))
    }

    @Test("the wheel zooms around the cursor: the point under it stays put")
    func wheelZoom() {
        let (harness, first) = fitted()
        let t = first.transform
        let cursor = t.area.min + Vec2(t.area.width * 0.25, t.area.height * 0.7)
        let anchor = t.data(cursor)
        harness.frame({ $0.mouseMoved(to: cursor) }) { _ = knownPlot($0) }
        var result: PlotResult?
        harness.frame({ $0.scroll(Vec2(0, 1)) }) { result = knownPlot($0) }
        let zoomed = result!.transform
        #expect(approx(zoomed.x.span, t.x.span * 0.85) && approx(zoomed.y.span, t.y.span * 0.85))
        #expect(approx(zoomed.dataX(cursor.x), anchor.x, 1e-5) && approx(zoomed.dataY(cursor.y), anchor.y, 1e-5))
        harness.frame({ $0.scroll(Vec2(0, -2)) }) { result = knownPlot($0) }
        #expect(result!.transform.x.span > t.x.span, "wheel towards the user zooms out")
    }

    @Test("the wheel over an axis zooms only that axis")
    func axisWheel() {
        let (harness, first) = fitted()
        let t = first.transform
        harness.frame({ $0.mouseMoved(to: Vec2(t.area.center.x, t.area.max.y + 6)) }) { _ = knownPlot($0) }
        var result: PlotResult?
        harness.frame({ $0.scroll(Vec2(0, 1)) }) { result = knownPlot($0) }
        #expect(approx(result!.state.x.span, t.x.span * 0.85))
        #expect(result!.state.y == t.y, "y untouched")
        harness.frame({ $0.mouseMoved(to: Vec2(t.area.min.x - 8, t.area.center.y)) }) { _ = knownPlot($0) }
        let xBefore = result!.state.x
        harness.frame({ $0.scroll(Vec2(0, 1)) }) { result = knownPlot($0) }
        #expect(result!.state.x == xBefore, "x untouched")
        #expect(approx(result!.state.y.span, t.y.span * 0.85))
    }

    @Test("dragging over an axis pans only that axis")
    func axisDrag() {
        let (harness, first) = fitted()
        let t = first.transform
        let start = Vec2(t.area.min.x - 8, t.area.center.y)
        harness.frame({ $0.mouseMoved(to: start) }) { _ = knownPlot($0) }
        harness.frame({ $0.mouseButton(.left, down: true) }) { _ = knownPlot($0) }
        harness.frame({ $0.mouseMoved(to: start + Vec2(30, 60)) }) { _ = knownPlot($0) }
        var result: PlotResult?
        harness.frame({ $0.mouseButton(.left, down: false) }) { result = knownPlot($0) }
        #expect(result!.state.x == t.x)
        #expect(approx(result!.state.y.min, t.y.min + 60 / Double(t.area.height) * t.y.span, 1e-5))
    }

    @Test("right-drag draws a zoom box and zooms to it")
    func zoomBox() {
        let (harness, first) = fitted()
        let t = first.transform
        let a = t.area.min + Vec2(100, 80)
        let b = t.area.min + Vec2(300, 260)
        harness.frame({ $0.mouseMoved(to: a) }) { _ = knownPlot($0) }
        harness.frame({ $0.mouseButton(.right, down: true) }) { _ = knownPlot($0) }
        let during = harness.frame({ $0.mouseMoved(to: b) }) { _ = knownPlot($0) }
        // The box is drawn from the press to the cursor: a translucent accent fill with corners a and b.
        let fill = Style().accent.withAlpha(0.15).packed
        let corners = during.lists.flatMap(\.vertices).filter { $0.color == fill }.map(\.position)
        #expect(
            corners.contains { distance($0, a) < 1 } && corners.contains { distance($0, b) < 1 },
            "box corners \(corners), expected \(a) and \(b)")
        var result: PlotResult?
        harness.frame({ $0.mouseButton(.right, down: false) }) { result = knownPlot($0) }
        #expect(approx(result!.state.x.min, t.dataX(a.x), 1e-5) && approx(result!.state.x.max, t.dataX(b.x), 1e-5))
        #expect(approx(result!.state.y.min, t.dataY(b.y), 1e-5) && approx(result!.state.y.max, t.dataY(a.y), 1e-5))
    }

    @Test("double-click fits the data again; Home fits every plot")
    func fitAndHome() {
        let (harness, first) = fitted()
        let t = first.transform
        let point = t.area.center
        harness.frame({ $0.mouseMoved(to: point) }) { _ = knownPlot($0) }
        var result: PlotResult?
        harness.frame({ $0.scroll(Vec2(0, 3)) }) { result = knownPlot($0) }
        #expect(result!.state.x != first.state.x)
        harness.frame(quick: true, { $0.mouseButton(.left, down: true) }) { _ = knownPlot($0) }
        harness.frame(quick: true, { $0.mouseButton(.left, down: false) }) { _ = knownPlot($0) }
        harness.frame(quick: true, { $0.mouseButton(.left, down: true) }) { _ = knownPlot($0) }
        harness.frame(quick: true, { $0.mouseButton(.left, down: false) }) { result = knownPlot($0) }
        #expect(result!.state.x == first.state.x && result!.state.y == first.state.y)

        harness.frame({ $0.scroll(Vec2(0, 2)) }) { result = knownPlot($0) }
        #expect(result!.state.x != first.state.x)
        harness.frame({ $0.key(KeyPress(.home)) }) { result = knownPlot($0) }
        #expect(result!.state.x == first.state.x && result!.state.y == first.state.y)
    }

    @Test("hover finds the nearest point and reports series, x and y")
    func hoverNearest() {
        let (harness, first) = fitted()
        let t = first.transform
        var result: PlotResult?
        harness.frame({ $0.mouseMoved(to: Vec2(t.px(37), t.py(37)) + Vec2(3, -2)) }) { result = knownPlot($0) }
        #expect(result!.hover == PlotHover(series: "y=x", x: 37, y: 37, index: 37))
        harness.frame({ $0.mouseMoved(to: Vec2(t.px(37), t.py(80))) }) { result = knownPlot($0) }
        #expect(result!.hover == nil, "nothing within reach")
    }

    @Test("hovering a bar reports its value")
    func hoverBar() {
        let harness = Harness()
        func bars(_ ui: UIContext) -> PlotResult {
            ui.plot("b", plotRect) { p in p.bars("counts", values: [3, 7, 5]) }
        }
        var result: PlotResult?
        harness.frame { result = bars($0) }
        let t = result!.transform
        harness.frame({ $0.mouseMoved(to: Vec2(t.px(1), t.py(3.5))) }) { result = bars($0) }
        #expect(result!.hover?.isBar == true)
        #expect(result!.hover?.y == 7 && result!.hover?.index == 1)
        #expect(result!.state.y.min < 0 && result!.state.y.min > -1, "bars fit from their zero base")
    }

    @Test("a legend click hides and shows a series; hovering highlights it")
    func legend() {
        let harness = Harness()
        func two(_ ui: UIContext) -> PlotResult {
            ui.plot("l", plotRect) { p in
                p.line("low", x: [0, 1], y: [0, 1])
                p.line("high", x: [0, 1], y: [10, 20])
            }
        }
        var result: PlotResult?
        harness.frame { result = two($0) }
        #expect(result!.legend.map(\.label) == ["low", "high"])
        #expect(approx(result!.state.y.max, 20 + 1.2))
        let entry = result!.legend[1].rect
        harness.frame({ $0.mouseMoved(to: entry.center) }) { result = two($0) }
        #expect(result!.hoveredLegend == "high")
        harness.frame({ $0.mouseButton(.left, down: true) }) { result = two($0) }
        harness.frame({ $0.mouseButton(.left, down: false) }) { result = two($0) }
        #expect(result!.state.hidden == ["high"])
        harness.frame({ $0.key(KeyPress(.home)) }) { result = two($0) }
        #expect(approx(result!.state.y.max, 1 + 0.06), "a hidden series leaves the fit")
        harness.frame({ $0.mouseButton(.left, down: true) }) { result = two($0) }
        harness.frame({ $0.mouseButton(.left, down: false) }) { result = two($0) }
        #expect(result!.state.hidden.isEmpty)
    }

    @Test("a series marked hidden starts hidden once; the user's choice then sticks")
    func hiddenByDefault() {
        let harness = Harness()
        func plot(_ ui: UIContext) -> PlotResult {
            ui.plot("h", plotRect) { p in
                p.line("shown", x: [0, 1], y: [0, 1])
                p.line("extra", x: [0, 1], y: [5, 9], hidden: true)
            }
        }
        var result: PlotResult?
        harness.frame { result = plot($0) }
        #expect(result!.state.hidden == ["extra"])
        #expect(result!.legend.map(\.label) == ["shown", "extra"], "still in the legend, to toggle on")
        #expect(approx(result!.state.y.max, 1 + 0.06), "a hidden series leaves the fit")
        #expect(harness.ui.plotState("h")?.seenLabels == ["shown", "extra"])
        let entry = result!.legend[1].rect
        harness.frame({ $0.mouseMoved(to: entry.center) }) { result = plot($0) }
        harness.frame({ $0.mouseButton(.left, down: true) }) { result = plot($0) }
        harness.frame({ $0.mouseButton(.left, down: false) }) { result = plot($0) }
        for _ in 0..<3 { harness.frame { result = plot($0) } }
        #expect(result!.state.hidden.isEmpty, "shown by the user, not hidden again")
    }

    @Test("axis state survives across frames, keyed by id")
    func statePerID() {
        let (harness, first) = fitted()
        let t = first.transform
        let otherRect = Rect(x: 0, y: 620, width: 800, height: 400)  // below the mouse's plot
        func other(_ ui: UIContext) -> PlotResult {
            ui.plot("other", otherRect) { p in p.line("y=x", x: lineXs, y: lineXs) }
        }
        harness.frame({ $0.mouseMoved(to: t.area.center) }) { ui in
            _ = knownPlot(ui)
            _ = other(ui)
        }
        var a: PlotResult?
        var b: PlotResult?
        harness.frame({ $0.scroll(Vec2(0, 1)) }) { ui in
            a = knownPlot(ui)
            b = other(ui)
        }
        #expect(a!.state.x != first.state.x)
        for _ in 0..<3 { harness.frame({ $0.mouseMoved(to: nil) }) { a = knownPlot($0) } }
        #expect(approx(a!.state.x.span, first.state.x.span * 0.85), "kept across frames")
        #expect(b!.state.x == first.state.x, "another id is independent")
    }
}
