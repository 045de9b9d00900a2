import Figures
import Foundation
import Testing

@testable import Immediate

/// Every built-in item through the four questions a plot asks (bounds, draw, hit, legend), with
/// synthetic input; and an item defined here, to show the set is open.
@Suite("Plot items")
struct PlotItemTests {
    @Test("a band of 100k points draws a column per pixel, spanning what the points in it span; zoomed in, only what is in view")
    func bandPerPixelColumn() throws {
        let h = Harness()
        let n = 100_000
        let xs = (0..<n).map(Double.init)
        let lower = xs.map { sin($0 / 500) }
        let upper = xs.map { sin($0 / 500) + 1 + ($0 == 50_000 ? 5 : 0) }
        var transform: PlotTransform?
        func draw() -> DrawData {
            h.frame { ui in
                transform = ui.plot("band", plotRect) { p in p.band("b", x: xs, lower: lower, upper: upper) }.transform
            }
        }
        _ = draw()
        let whole = draw()
        // A strip is about four vertices a column (two edges, anti-aliasing fringes): 800 px
        // wide, not 100k points.
        #expect(whole.vertexCount < 20 * 800)
        #expect(whole.vertexCount > 800, "the band is drawn")
        // The one point reaching above 5 (everything else stays under 2) still lifts its column.
        let t = try #require(transform)
        let column = t.px(50_000)
        let spike = whole.lists[0].vertices.filter { $0.position.y < t.py(3) && abs($0.position.x - column) < 3 }
        #expect(!spike.isEmpty)
        #expect(spike.map(\.position.y).min().map { abs($0 - t.py(upper[50_000])) < 3 } == true)
        #expect(BandItem.visibleRange(ChunkedColumn(xs), count: n, from: 1000.5, to: 2000.5) == (1000, 2002))
        #expect(BandItem.visibleRange(ChunkedColumn([0, 2, 1]), count: 3, from: 0, to: 1) == (0, 3), "not ascending: all of it")
        // Across a chunk boundary: a fall between two chunks is found too.
        var falling = (0..<5000).map(Double.init)
        falling[ChunkedColumn.chunkSize] = -1
        #expect(BandItem.visibleRange(ChunkedColumn(falling), count: falling.count, from: 10, to: 20) == (0, falling.count))
    }

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
        #expect(
            legend.allSatisfy { $0.min.x >= result!.transform.area.max.x },
            "legend right of the area: \(legend) vs \(result!.transform.area)")
    }

    @Test("a hidden legend takes no room and draws nothing, and hover still names the series")
    func hiddenLegend() {
        let harness = Harness()
        var shown: PlotResult?
        var hidden: PlotResult?
        for placement in [LegendPlacement.outside, .hidden] {
            let body = { (ui: UIContext) in
                let result = ui.plot("legend-\(placement)", plotRect, legend: placement) { p in
                    p.line("loss", x: [0, 1], y: [0, 1])
                    p.line("val_loss", x: [0, 1], y: [1, 2])
                }
                if placement == .hidden { hidden = result } else { shown = result }
            }
            harness.frame({ _ in }, body)
            if placement == .hidden {
                let t = hidden!.transform
                harness.frame({ $0.mouseMoved(to: Vec2(t.px(1), t.py(2))) }, body)
            }
        }
        #expect(shown!.legend.count == 2)
        #expect(hidden!.legend.isEmpty)
        #expect(hidden!.transform.area.width > shown!.transform.area.width, "no column kept for it")
        #expect(hidden!.hover?.series == "val_loss")
    }

    @Test("lines sharing a legend key share one entry: a click hides them all, hover still names each line")
    func groupedLegend() {
        let harness = Harness()
        var result: PlotResult?
        let body = { (ui: UIContext) in
            result = ui.plot("grouped", plotRect, legend: .outside) { p in
                p.line("code/overall", x: [0, 1], y: [0, 1], legendKey: "code", legendText: "code · 2 series")
                p.line("code/diversity", x: [0, 1], y: [1, 2], legendKey: "code")
                p.line("math/overall", x: [0, 1], y: [5, 6])
            }
        }
        harness.frame({ _ in }, body)
        #expect(result!.legend.map(\.label) == ["code", "math/overall"])
        let t = result!.transform
        harness.frame({ $0.mouseMoved(to: Vec2(t.px(1), t.py(2))) }, body)
        #expect(result!.hover?.series == "code/diversity")
        let entry = result!.legend[0].rect
        harness.frame(
            { events in
                events.mouseMoved(to: entry.center)
                events.mouseButton(.left, down: true)
            }, body)
        harness.frame({ $0.mouseButton(.left, down: false) }, body)
        #expect(result!.state.hidden == ["code"])
        harness.frame({ $0.mouseMoved(to: Vec2(t.px(1), t.py(2))) }, body)
        #expect(result!.hover?.series != "code/diversity", "hidden with its group")
    }

    @Test("rug marks: the fit covers their x, hover names the nearest mark with its detail, and they sit on the area's bottom edge")
    func rug() {
        let harness = Harness()
        var result: PlotResult?
        let body = { (ui: UIContext) in
            result = ui.plot("rug", plotRect) { p in
                p.line("scores", x: [10, 20], y: [0.5, 0.7])
                p.rug("failures: 2", x: [30, 5], details: ["entry 30", "entry 5"])
            }
        }
        let data = harness.frame({ _ in }, body)
        #expect(result!.state.x.min < 5 && result!.state.x.max > 30, "fitted to the marks too: \(result!.state.x)")
        let t = result!.transform
        let fills = vertexPositions(data, texture: .solid).filter { abs($0.y - t.area.max.y) < 0.01 }
        #expect(fills.contains { abs($0.x - t.px(5)) < 2 } && fills.contains { abs($0.x - t.px(30)) < 2 }, "marks end on the bottom edge")
        harness.frame({ $0.mouseMoved(to: Vec2(t.px(5) + 2, t.area.max.y - 3)) }, body)
        #expect(result!.hover?.series == "failures: 2" && result!.hover?.detail == "entry 5" && result!.hover?.x == 5)
        harness.frame({ $0.mouseMoved(to: Vec2(t.px(5) + 2, t.area.min.y + 3)) }, body)
        #expect(result!.hover?.series != "failures: 2", "only near the bottom edge")
    }
}

/// Vertex positions drawn with `texture` (text and markers use `.font`, fills `.solid`).
func vertexPositions(_ data: DrawData, texture: TextureID) -> [Vec2] {
    data.lists.flatMap { list in
        list.commands.filter { $0.texture == texture }.flatMap { command in
            list.indices[command.indexOffset..<(command.indexOffset + command.indexCount)].map { list.vertices[Int($0)].position }
        }
    }
}

/// Colours of every vertex drawn.
func vertexColors(_ data: DrawData) -> Set<UInt32> {
    Set(data.lists.flatMap { $0.vertices.map(\.color) })
}

@Suite("Plot items: each type")
struct PlotItemTypeTests {
    let values: [[Double]] = [[1, 2, 3], [4, .nan, 6]]

    @Test("heatmap: cells in the colour map's colours, a colour bar beside the area, hover names row × column")
    func heatmap() {
        let harness = Harness()
        var result: PlotResult?
        let body = { (ui: UIContext) in
            result = ui.plot("heat", plotRect) { p in p.heatmap("counts", values: values, rows: ["r0", "r1"], columns: ["c0", "c1", "c2"]) }
        }
        let data = harness.frame({ _ in }, body)
        let colors = vertexColors(data)
        #expect(colors.contains(Colormap.viridis.color(at: 0).packed), "the minimum (1) in the first stop")
        #expect(colors.contains(Colormap.viridis.color(at: 1).packed), "the maximum (6) in the last stop")
        #expect(colors.contains(Colormap.viridis.color(at: 0.6).packed), "4 is 3/5 of the way")
        #expect(result!.transform.area.max.x < plotRect.max.x - 30, "room kept for the colour bar")
        #expect(approx(result!.state.x.min, -0.5 - 0.12) && approx(result!.state.y.max, 1.5 + 0.12), "cells fill the fit")
        let t = result!.transform
        harness.frame({ $0.mouseMoved(to: Vec2(t.px(2), t.py(0))) }, body)
        #expect(result!.hover?.y == 6 && result!.hover?.detail == "r1 × c2\n6", "row 1 is the bottom row")
        harness.frame({ $0.mouseMoved(to: Vec2(t.px(1), t.py(0))) }, body)
        #expect(result!.hover?.detail == "r1 × c1\nno value")
        harness.frame({ $0.mouseMoved(to: Vec2(t.px(0), t.py(1))) }, body)
        #expect(result!.hover?.y == 1)
    }

    @Test("pie: shares of what is shown, clockwise from 12 o'clock, round on any rect; a hidden slice leaves the whole")
    func pie() {
        let pie = PieItem(labels: ["a", "b", "c", "neg"], values: [1, 1, 2, -3], colors: [.white])
        let slices = pie.slices(hidden: [])
        #expect(slices.compactMap { $0?.share } == [0.25, 0.25, 0.5])
        #expect(slices[3] == nil, "a negative value has no slice")
        #expect(approx(slices[1]!.start, .pi / 2) && approx(slices[2]!.end, 2 * .pi))
        #expect(pie.slices(hidden: ["c"]).compactMap { $0?.share } == [0.5, 0.5])
        #expect(pie.legendEntries.map(\.text) == ["a 25.0%", "b 25.0%", "c 50.0%", "neg (negative, not drawn)"])

        let harness = Harness()
        var result: PlotResult?
        let body = { (ui: UIContext) in
            result = ui.plot("pie", Rect(x: 0, y: 0, width: 800, height: 300)) { p in p.pie(["a", "b", "c"], values: [1, 1, 2]) }
        }
        harness.frame({ _ in }, body)
        let t = result!.transform
        #expect(approx(Double(t.px(1) - t.px(0)), Double(t.py(0) - t.py(1)), 1e-4), "equal aspect: a circle stays round")
        #expect(result!.legend.allSatisfy { $0.rect.min.x >= t.area.max.x }, "the legend beside the pie")
        // Just right of 12 o'clock is "a"; 4 o'clock is "b"; 9 o'clock is "c".
        harness.frame({ $0.mouseMoved(to: Vec2(t.px(0.3), t.py(0.8))) }, body)
        #expect(result!.hover?.series == "a" && result!.hover?.detail == "1 · 25.0%")
        harness.frame({ $0.mouseMoved(to: Vec2(t.px(0.7), t.py(-0.3))) }, body)
        #expect(result!.hover?.series == "b")
        harness.frame({ $0.mouseMoved(to: Vec2(t.px(-0.7), t.py(0))) }, body)
        #expect(result!.hover?.series == "c")
        harness.frame({ $0.mouseMoved(to: Vec2(t.px(0.95), t.py(0.95))) }, body)
        #expect(result!.hover == nil, "outside the circle")
    }

    @Test("donut: the hole is not a slice")
    func donut() {
        let harness = Harness()
        var result: PlotResult?
        let body = { (ui: UIContext) in result = ui.plot("donut", plotRect) { p in p.pie(["a", "b"], values: [3, 1], innerRadius: 0.5) } }
        harness.frame({ _ in }, body)
        let t = result!.transform
        harness.frame({ $0.mouseMoved(to: Vec2(t.px(0.1), t.py(0.2))) }, body)
        #expect(result!.hover == nil)
        harness.frame({ $0.mouseMoved(to: Vec2(t.px(0.1), t.py(0.8))) }, body)
        #expect(result!.hover?.series == "a" && result!.hover?.detail == "3 · 75.0%")
    }

    @Test("stacked area: each layer sits on the ones before it; hiding one closes the gap; hover names the layer")
    func stackedArea() {
        let item = StackedAreaItem(
            labels: ["a", "b", "c"], xs: [0, 1, 2], layers: [[1, 2, 3], [10, .nan, 10], [100, 100, 100]], colors: [.white])
        let stack = item.stack(hidden: [])
        #expect(stack[0]!.top == [1, 2, 3])
        #expect(stack[1]!.bottom == [1, 2, 3] && stack[1]!.top == [11, 2, 13], "NaN stacks as 0")
        #expect(stack[2]!.top == [111, 102, 113])
        #expect(item.legendEntries[1].text == "b (1 missing or negative, stacked as 0)")
        let hidden = item.stack(hidden: ["b"])
        #expect(hidden[1] == nil && hidden[2]!.bottom == [1, 2, 3])

        let harness = Harness()
        var result: PlotResult?
        let body = { (ui: UIContext) in
            result = ui.plot("area", plotRect) { p in
                p.stackedArea(["a", "b", "c"], x: [0, 1, 2], layers: [[1, 2, 3], [10, .nan, 10], [100, 100, 100]])
            }
        }
        // The layers cover every corner: the legend moves beside the area on the second frame.
        for _ in 0..<2 { harness.frame({ _ in }, body) }
        #expect(result!.legend.allSatisfy { $0.rect.min.x >= result!.transform.area.max.x })
        #expect(approx(result!.state.y.max, 113 + 113 * 0.06), "fitted to the top of the stack")
        let t = result!.transform
        harness.frame({ $0.mouseMoved(to: Vec2(t.px(2), t.py(12))) }, body)
        #expect(result!.hover?.series == "b" && result!.hover?.y == 10)
        harness.frame({ $0.mouseMoved(to: Vec2(t.px(0.1), t.py(50))) }, body)
        #expect(result!.hover?.series == "c" && result!.hover?.x == 0)
    }

    @Test("value labels sit past their bars and never on one; diverging bars colour by sign and keep 0 in view")
    func barLabels() {
        let harness = Harness()
        let values: [[Double]] = [[5, 9, 2], [7, 1, 8]]
        var result: PlotResult?
        let data = harness.frame({ _ in }) { ui in
            result = ui.plot("labels", plotRect) { p in
                p.barGroups(["x", "y"], values: values, valueTexts: values.map { $0.map { String(Int($0)) } })
            }
        }
        let t = result!.transform
        let text = vertexPositions(data, texture: .font)
        #expect(!text.isEmpty)
        let width = 0.75 / 2
        for (s, row) in values.enumerated() {
            for (g, value) in row.enumerated() {
                let x = Double(g) - 0.375 + width * (Double(s) + 0.5)
                let bar = Rect(min: Vec2(t.px(x - width * 0.46), t.py(value)), max: Vec2(t.px(x + width * 0.46), t.py(0))).insetBy(1, 1)
                #expect(!text.contains { bar.contains($0) }, "no glyph on bar \(s),\(g)")
            }
        }
        #expect(result!.state.y.max > 9 * 1.14, "room above the tallest bar for its label")

        var diverging: PlotResult?
        let signed = harness.frame({ _ in }) { ui in
            diverging = ui.plot("div", plotRect) { p in
                p.divergingBars("effect", values: [0.2, -0.1, 0.05], positive: .white, negative: Color(hex: 0xFF0000))
            }
        }
        let colors = vertexColors(signed)
        #expect(colors.contains(Color.white.packed) && colors.contains(Color(hex: 0xFF0000).packed))
        #expect(diverging!.state.x.min < -0.1 && diverging!.state.x.max > 0.2)
    }

    @Test("histogram bins as numpy counts them; box summaries use numpy's linear quartiles and Tukey's whiskers")
    func distributions() {
        // numpy.histogram([0, 1, 1, 2, 3, 3, 3, 10], bins=5) → [3, 4, 0, 0, 1], edges 0, 2, …, 10.
        let histogram = Histogram([0, 1, 1, 2, 3, 3, 3, 10, .nan], bins: 5)
        #expect(histogram.counts == [3, 4, 0, 0, 1])
        #expect(histogram.edges == [0, 2, 4, 6, 8, 10])
        #expect(histogram.nonFiniteCount == 1)
        // A value on an inner edge goes right; the last edge is closed.
        #expect(Histogram([0.1, 0.2, 0.3], bins: 2, range: AxisRange(0.1, 0.3)).counts == [1, 2])
        #expect(Histogram([4, 4], bins: 2).edges == [3.5, 4, 4.5])

        // numpy.percentile(range(1, 11), [25, 50, 75]) → 3.25, 5.5, 7.75.
        let plain = BoxStats((1...10).map(Double.init))!
        #expect(plain.q1 == 3.25 && plain.median == 5.5 && plain.q3 == 7.75 && plain.outliers.isEmpty)
        #expect(plain.whiskerLow == 1 && plain.whiskerHigh == 10 && plain.mean == 5.5)
        // With 100 added: Q1 3.5, median 6, Q3 8.5, IQR 5, upper fence 16: 100 is an outlier.
        let skewed = BoxStats((1...10).map(Double.init) + [100, .infinity])!
        #expect(skewed.q1 == 3.5 && skewed.median == 6 && skewed.q3 == 8.5)
        #expect(skewed.whiskerHigh == 10 && skewed.outliers == [100] && skewed.nonFiniteCount == 1)
        #expect(BoxStats([.nan]) == nil)

        let harness = Harness()
        var result: PlotResult?
        let body = { (ui: UIContext) in
            result = ui.plot("box", plotRect) { p in p.boxes("score", names: ["a", "empty"], values: [(1...10).map(Double.init), []]) }
        }
        harness.frame({ _ in }, body)
        let t = result!.transform
        harness.frame({ $0.mouseMoved(to: Vec2(t.px(0), t.py(5))) }, body)
        #expect(result!.hover?.series == "a" && result!.hover?.y == 5.5)
        #expect(result!.hover?.detail?.contains("Q1 3.25 · Q3 7.75") == true)
        harness.frame({ $0.mouseMoved(to: Vec2(t.px(1), t.py(5))) }, body)
        #expect(result!.hover?.detail == "no finite values")
    }

    @Test("gauge: fills its share of the range, clamps outside it, and shows no fill for a missing value")
    func gauge() {
        #expect(GaugeItem(label: "g", value: 0.25, range: AxisRange(0, 1), color: .white).fraction == 0.25)
        #expect(GaugeItem(label: "g", value: 7, range: AxisRange(0, 5), color: .white).fraction == 1)
        #expect(GaugeItem(label: "g", value: .nan, range: AxisRange(0, 1), color: .white).fraction == nil)
        let harness = Harness()
        var result: PlotResult?
        let body = { (ui: UIContext) in result = ui.plot("gauge", plotRect) { p in p.gauge("coverage", value: 0.5, range: AxisRange(0, 1)) }
        }
        harness.frame({ _ in }, body)
        let t = result!.transform
        harness.frame({ $0.mouseMoved(to: Vec2(t.px(0), t.py(0.85))) }, body)
        #expect(result!.hover?.detail == "0.5 of 0…1")
        harness.frame({ $0.mouseMoved(to: Vec2(t.px(0), t.py(0.3))) }, body)
        #expect(result!.hover == nil, "inside the ring is not the gauge")
    }

    @Test("a line is not drawn across a gap wider than maxGap; markers mark every point")
    func gapsAndMarkers() {
        let harness = Harness()
        var result: PlotResult?
        let data = harness.frame({ _ in }) { ui in
            result = ui.plot("gap", plotRect) { p in p.line("sparse", x: [0, 1, 2, 10, 11], y: [0, 1, 0, 1, 0], maxGap: 2, markers: true) }
        }
        let t = result!.transform
        let solid = vertexPositions(data, texture: .solid).filter { t.area.insetBy(1, 1).contains($0) }
        #expect(!solid.contains { $0.x > t.px(2) + 3 && $0.x < t.px(10) - 3 }, "nothing drawn between x = 2 and x = 10")
        #expect(solid.contains { $0.x > t.px(0) && $0.x < t.px(2) }, "the first run is drawn")
        let markers = vertexPositions(data, texture: .font).filter { t.area.contains($0) }
        #expect(markers.count >= 5 * 4, "a marker quad per point")
    }

    @Test("an inside legend moves to a corner where it covers no line")
    func legendCorner() {
        let harness = Harness()
        var result: PlotResult?
        let body = { (ui: UIContext) in
            result = ui.plot("corner", plotRect) { p in p.line("rising", x: (0...100).map(Double.init), y: (0...100).map(Double.init)) }
        }
        for _ in 0..<2 { harness.frame({ _ in }, body) }
        let legend = result!.legend[0].rect
        let line = LineItem(
            label: "rising", series: LineSeries(x: (0...100).map(Double.init), y: (0...100).map(Double.init)), color: .white, thickness: 1)
        #expect(legend.max.x <= result!.transform.area.max.x, "still inside")
        #expect(!line.overlaps(legend, result!.transform, hidden: []))
        #expect(
            legend.min.y > result!.transform.area.center.y || legend.max.x < result!.transform.area.center.x,
            "not the top right, where the line ends")
    }
}

@Suite("Lines whose x range collapses")
struct CollapsedLineTests {
    @Test("two points at one x (hp_metric at step 0) are drawn as markers, one at each value")
    func markersAtOneX() throws {
        let h = Harness()
        var transform: PlotTransform?
        func draw(_ ys: [Double]) -> DrawData {
            h.frame { ui in
                transform =
                    ui.plot("one-x", plotRect) { p in
                        p.line("hp_metric", LineSeries(x: [0, 0], y: ys), color: Color(r: 250, g: 10, b: 10))
                    }.transform
            }
        }
        _ = draw([0.25, 0.75])
        let data = draw([0.25, 0.75])
        let t = try #require(transform)
        let red = data.lists[0].vertices.filter { $0.color & 0x00FF_FFFF == Color(r: 250, g: 10, b: 10).packed & 0x00FF_FFFF }
        for y in [0.25, 0.75] {
            let near = red.filter { abs($0.position.x - t.px(0)) < 8 && abs($0.position.y - t.py(y)) < 8 }
            #expect(near.count >= 6, "a filled marker (a fan of vertices) at y \(y): \(near.count)")
        }
        // The same values at two x: a plain line, no markers (a stroke has few vertices per end).
        var slopedTransform: PlotTransform?
        let sloped = h.frame { ui in
            slopedTransform =
                ui.plot("two-x", plotRect) { p in
                    p.line("loss", LineSeries(x: [0, 1], y: [0.25, 0.75]), color: Color(r: 250, g: 10, b: 10))
                }.transform
        }
        let s = try #require(slopedTransform)
        let end = sloped.lists[0].vertices.filter {
            $0.color & 0x00FF_FFFF == Color(r: 250, g: 10, b: 10).packed & 0x00FF_FFFF && abs($0.position.x - s.px(0)) < 3
                && abs($0.position.y - s.py(0.25)) < 3
        }
        #expect(end.count < 6, "a stroke's end, not a marker: \(end.count)")
    }
}

@Suite("Reference lines out of view")
struct ReferenceLineViewTests {
    @Test(
        "a threshold above the visible range draws no line at the frame but an arrow, its label saying ↑; in view, the line and the plain label"
    )
    func arrowWhenOutOfView() {
        let h = Harness()
        h.ui.recordsText = true
        let red = Color(r: 240, g: 20, b: 20)
        func draw(_ value: Double) -> DrawData {
            h.frame { ui in
                ui.plot("thresholds-\(value)", plotRect) { p in
                    p.line("score", x: [0, 1, 2], y: [0.1, 0.3, 0.5])
                    p.hline(value, label: "min 0.7", color: red)
                }
            }
        }
        _ = draw(0.7)
        let above = draw(0.7)
        #expect(above.lists[0].recordedTexts?.contains("min 0.7 ↑") == true, "\(above.lists[0].recordedTexts ?? [])")
        let redVertices = above.lists[0].vertices.filter { $0.color & 0x00FF_FFFF == red.packed & 0x00FF_FFFF }
        // The label's glyphs and a triangle, not a dashed line across 800 px (dozens of dashes).
        #expect(!redVertices.isEmpty && redVertices.count < 60, "the label and a triangle: \(redVertices.count)")
        _ = draw(0.3)
        let inside = draw(0.3)
        #expect(inside.lists[0].recordedTexts?.contains("min 0.7") == true)
        #expect(inside.lists[0].vertices.filter { $0.color & 0x00FF_FFFF == red.packed & 0x00FF_FFFF }.count > 150, "the dashed line")
    }
}
