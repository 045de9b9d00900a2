import Figures
import TestSupport
import Testing

@testable import Immediate

/// Property tests of the large-data paths: the line reduction keeps every column's true min and
/// max; the density image counts every point exactly once.
@Suite("Large data")
struct LargeDataTests {
    @Test("line reduction: every pixel column's min and max equal a brute-force scan", arguments: 0..<40)
    func reductionKeepsExtremes(seed: Int) {
        var (rng, seedNote) = TestSeed.generator(fallback: 17, offset: seed)
        let count = Int(rng.next() % 20_000) + 1
        var x = 0.0
        var xs: [Double] = []
        var ys: [Double] = []
        for _ in 0..<count {
            x += rng.unit() < 0.05 ? rng.unit() * 50 : rng.unit()  // uneven gaps, repeated x possible
            xs.append(rng.unit() < 0.02 ? xs.last ?? x : x)
            var y = rng.unit() * 2 - 1
            if rng.unit() < 0.001 { y *= 1e6 }  // spikes
            if rng.unit() < 0.01 { y = .nan }  // gaps
            ys.append(y)
        }
        let series = LineSeries(x: xs, y: ys)
        #expect(series.isSorted)
        let lo = (xs.first ?? 0) + (xs.last ?? 1) * rng.unit() * 0.3
        let range = AxisRange(lo, lo + max(1e-3, ((xs.last ?? 1) - lo) * (0.2 + rng.unit())))
        let columns = Int(rng.next() % 1900) + 1
        let reduction = series.reduce(range, columns: columns)

        var expectedMin = [Double](repeating: .infinity, count: columns)
        var expectedMax = [Double](repeating: -.infinity, count: columns)
        var expectedCount = [Int](repeating: 0, count: columns)
        for i in 0..<count where xs[i] >= range.min && xs[i] <= range.max {
            var column = columns - 1
            for c in 0..<columns where xs[i] < range.min + range.span * Double(c + 1) / Double(columns) {
                column = c
                break
            }
            expectedCount[column] += 1
            if ys[i] < expectedMin[column] { expectedMin[column] = ys[i] }
            if ys[i] > expectedMax[column] { expectedMax[column] = ys[i] }
        }
        #expect(reduction.pointCount == expectedCount, "\(seedNote)")
        #expect(reduction.minimum == expectedMin, "\(seedNote)")
        #expect(reduction.maximum == expectedMax, "\(seedNote)")
        #expect(reduction.visibleCount == expectedCount.reduce(0, +), "\(seedNote)")
    }

    @Test("pyramid min/max of any range equals a scan")
    func pyramidRanges() {
        var (rng, seedNote) = TestSeed.generator(fallback: 99)
        let ys = (0..<50_000).map { _ in rng.unit() < 0.01 ? Double.nan : rng.unit() * 100 - 50 }
        let series = LineSeries(x: (0..<50_000).map(Double.init), y: ys)
        for _ in 0..<300 {
            let a = Int(rng.next() % 50_000)
            let b = Int(rng.next() % 50_001)
            let (start, end) = (min(a, b), max(a, b))
            let (lo, hi) = series.minMax(start, end)
            let slice = ys[start..<end].filter { !$0.isNaN }
            #expect(lo == (slice.min() ?? .infinity) && hi == (slice.max() ?? -.infinity), "\(start)..<\(end); \(seedNote)")
        }
    }

    @Test("a series grown by appends equals one built whole: points, bounds, min/max of any range, reductions", arguments: 0..<6)
    func appendingEqualsWhole(seed: Int) {
        var (rng, seedNote) = TestSeed.generator(fallback: 41, offset: seed)
        let count = Int(rng.next() % 150_000) + 1
        var xs: [Double] = []
        var ys: [Double] = []
        var x = 0.0
        for _ in 0..<count {
            x += rng.unit()
            xs.append(x)
            ys.append(rng.unit() < 0.01 ? .nan : rng.unit() < 0.001 ? rng.unit() * 1e6 : rng.unit() * 2 - 1)
        }
        let whole = LineSeries(x: xs, y: ys)
        // Grow in random pieces: single points, pieces within a chunk, pieces across chunks.
        var grown = LineSeries.empty
        var at = 0
        while at < count {
            let piece = min(count - at, [1, 7, 1000, 40_000][Int(rng.next() % 4)])
            grown = grown.appending(x: Array(xs[at..<(at + piece)]), y: Array(ys[at..<(at + piece)]))
            at += piece
        }
        #expect(grown.count == count && Array(grown.xs) == xs, "\(seedNote)")
        #expect(grown.ys.map(\.bitPattern) == ys.map(\.bitPattern), "\(seedNote)")
        #expect(grown.isSorted && grown.nonFiniteCount == whole.nonFiniteCount, "\(seedNote)")
        #expect(grown.bounds?.x == whole.bounds?.x && grown.bounds?.y == whole.bounds?.y, "\(seedNote)")
        for _ in 0..<200 {
            let a = Int(rng.next() % UInt64(count))
            let b = Int(rng.next() % UInt64(count + 1))
            let (start, end) = (min(a, b), max(a, b))
            let slice = ys[start..<end].filter { !$0.isNaN }
            let (lo, hi) = grown.minMax(start, end)
            #expect(lo == (slice.min() ?? .infinity) && hi == (slice.max() ?? -.infinity), "\(start)..<\(end); \(seedNote)")
        }
        let range = AxisRange(xs[count / 3], xs[count - 1])
        let a = grown.reduce(range, columns: 997)
        let b = whole.reduce(range, columns: 997)
        #expect(a.minimum == b.minimum && a.maximum == b.maximum && a.pointCount == b.pointCount, "\(seedNote)")
    }

    @Test("appending shares the full chunks of the series it grows from (no copy) and keeps sortedness honest")
    func appendingShares() {
        let base = LineSeries(x: (0..<100_000).map(Double.init), y: (0..<100_000).map { Double($0 % 97) })
        let grown = base.appending(x: [100_000, 100_001], y: [1, 2])
        let size = ChunkedColumn.chunkSize
        let full = 100_000 / size
        #expect(base.xs.chunks.count == full + 1 && base.xs.chunks[full].count == 100_000 - full * size)
        for chunk in 0..<full {
            let same = base.ys.chunks[chunk].withUnsafeBufferPointer { a in
                grown.ys.chunks[chunk].withUnsafeBufferPointer { a.baseAddress == $0.baseAddress }
            }
            #expect(same, "full chunk \(chunk) is shared")
        }
        #expect(grown.count == 100_002 && grown.ys[100_001] == 2 && grown.isSorted)
        #expect(!grown.appending(x: [5], y: [0]).isSorted, "a step backwards makes the series unsorted")
        #expect(grown.appending(x: [.nan], y: [0]).nonFiniteCount == 1)
    }

    @Test("density: every finite point inside the view is counted exactly once", arguments: [100, 5_000, 300_000])
    func densityCountsOnce(count: Int) {
        var (rng, seedNote) = TestSeed.generator(fallback: 3, offset: count)
        var xs: [Double] = []
        var ys: [Double] = []
        for i in 0..<count {
            xs.append(i % 997 == 0 ? .nan : rng.unit() * 12 - 1)
            ys.append(i % 1009 == 0 ? .infinity : rng.unit() * 8 - 2)
        }
        xs[0] = 10
        ys[0] = 5  // exactly on the right and top edges
        xs[1] = 0
        ys[1] = 0  // exactly on the left and bottom edges
        let x = AxisRange(0, 10)
        let y = AxisRange(0, 5)
        let width = 173
        let height = 91
        let grid = DensityGrid(xs: xs, ys: ys, x: x, y: y, width: width, height: height)
        var expected = [UInt32](repeating: 0, count: width * height)
        var inside = 0
        var outside = 0
        var nonFinite = 0
        for i in 0..<count {
            guard xs[i].isFinite, ys[i].isFinite else {
                nonFinite += 1
                continue
            }
            guard xs[i] >= 0, xs[i] <= 10, ys[i] >= 0, ys[i] <= 5 else {
                outside += 1
                continue
            }
            let column = min(Int((xs[i] - 0) * Double(width) / 10), width - 1)
            let row = min(Int((5 - ys[i]) * Double(height) / 5), height - 1)
            expected[row * width + column] += 1
            inside += 1
        }
        #expect(grid.counts == expected, "\(seedNote)")
        #expect(grid.binned == inside && grid.outside == outside && grid.nonFinite == nonFinite, "\(seedNote)")
        #expect(Int(grid.counts.reduce(0, +)) == grid.binned)
        #expect(grid.binned + grid.outside + grid.nonFinite == count)
        #expect(grid.counts[0 * width + width - 1] >= 1, "top-right corner point in the last column, first row")
        #expect(grid.counts[(height - 1) * width + 0] >= 1, "bottom-left corner point in the first column, last row")
    }

    @Test("the density image leaves empty cells transparent and colours the rest")
    func densityImage() {
        let grid = DensityGrid(xs: [0.5, 0.5, 1.5], ys: [0.5, 0.5, 0.5], x: AxisRange(0, 2), y: AxisRange(0, 2), width: 2, height: 2)
        let image = grid.image(version: 1)
        #expect(image.pixels[0] == 0 && image.pixels[1] == 0, "top row empty")
        #expect(image.pixels[2] != 0 && image.pixels[3] != 0)
        #expect(image.pixels[2] != image.pixels[3], "2 points and 1 point get different colours")
    }

    @Test("a dense line draws one span per column; a sparse one draws its points")
    func drawPaths() throws {
        let harness = Harness()
        let dense = LineSeries(x: (0..<200_000).map(Double.init), y: (0..<200_000).map { Double($0 % 1000) })
        let data = harness.frame { ui in ui.plot("dense", plotRect) { p in p.line("d", dense) } }
        // Spans are 4 vertices per column: far fewer vertices than points.
        #expect(data.vertexCount < 800 * 4 + 4000)
        // A sparse line is the real polyline: its vertices (line colour, any alpha) hug the three
        // points' pixels, and the peak at (1, 1) is drawn at the top (no label: no legend swatch).
        var result: PlotResult?
        let sparse = harness.frame { ui in result = ui.plot("sparse", plotRect) { p in p.line("", x: [0, 1, 2], y: [0, 1, 0]) } }
        let t = try #require(result).transform
        let rgb = Style().seriesColor(0).packed & 0x00FF_FFFF
        let lineVertices = sparse.lists.flatMap(\.vertices).filter { $0.color & 0x00FF_FFFF == rgb }.map(\.position)
        #expect(lineVertices.count >= 8, "a polyline of two segments")
        for (x, y) in [(0.0, 0.0), (1, 1), (2, 0)] {
            let point = Vec2(t.px(x), t.py(y))
            #expect(lineVertices.contains { distance($0, point) < 3 }, "a vertex within 3 px of (\(x), \(y)) at \(point)")
        }
        let top = lineVertices.map(\.y).min() ?? .infinity
        #expect(abs(top - t.py(1)) < 3, "the highest vertex is the peak")
        #expect(
            lineVertices.allSatisfy { $0.x > t.px(0) - 3 && $0.x < t.px(2) + 3 && $0.y < t.py(0) + 3 }, "nothing drawn outside the data")
    }

    @Test("eight dense lines become one image that keeps every column's extremes; fewer stay vectors")
    func rasterLines() throws {
        let harness = Harness()
        let count = 20_000
        // Line k: flat at k, with one spike to 100 at its own x.
        let lines = (0..<8).map { k in
            LineSeries(x: (0..<count).map(Double.init), y: (0..<count).map { $0 == 2_000 + k * 2_000 ? 100 : Double(k) })
        }
        var result: PlotResult?
        let data = harness.frame { ui in
            var state = PlotState()
            state.autoFit = false
            state.x = AxisRange(0, Double(count - 1))
            state.y = AxisRange(-1, 101)
            ui.setPlotState(state, for: "many")
            result = ui.plot("many", plotRect) { p in
                for (k, line) in lines.enumerated() { p.line("l\(k)", line, color: Style().seriesColor(k)) }
            }
        }
        #expect(data.images.count == 1, "one image for the eight lines")
        let image = try #require(data.images.values.first)
        let t = try #require(result).transform
        #expect(image.width == Int(t.area.width.rounded()) && image.height == Int(t.area.height.rounded()))
        for k in 0..<8 {
            // The spike's column, near the top (y = 100): coloured in that line's colour.
            let column = Int(t.px(Double(2_000 + k * 2_000)) - t.area.min.x)
            let row = Int(t.py(100) - t.area.min.y) + 1
            let pixel = Color(packed: image.pixels[row * image.width + column])
            let want = Style().seriesColor(k)
            let near = (-2...2).contains { dx in
                let c = Color(packed: image.pixels[row * image.width + min(max(column + dx, 0), image.width - 1)])
                return c.a > 0 && abs(Int(c.r) - Int(want.r)) < 40 && abs(Int(c.g) - Int(want.g)) < 40 && abs(Int(c.b) - Int(want.b)) < 40
            }
            #expect(near, "line \(k)'s spike is in the image (pixel \(pixel.packed))")
        }
        let few = harness.frame { ui in ui.plot("few", plotRect) { p in for line in lines.prefix(3) { p.line("x", line) } } }
        #expect(few.images.isEmpty, "three lines are drawn as vectors")
    }

    @Test(
        "a grown line image, redrawn from where its lines grew, is the image drawn anew; a line read again from its start is drawn anew",
        arguments: 0..<6)
    func incrementalLineImage(seed: Int) throws {
        var (rng, seedNote) = TestSeed.generator(fallback: 41, offset: seed)
        // Ten noisy lines with NaN gaps and uneven x, grown in random pieces in a fixed view.
        var lines = (0..<10).map { k -> LineSeries in
            var x = 0.0
            let xs = (0..<3_000).map { _ in
                x += 0.5 + rng.unit()
                return x
            }
            return LineSeries(x: xs, y: xs.map { _ in rng.unit() < 0.01 ? .nan : Double(k) + rng.unit() * 3 })
        }
        let view = (x: AxisRange(0, 9_000), y: AxisRange(-1, 14))
        func draw(_ harness: Harness, _ lines: [LineSeries]) -> DrawImage? {
            let data = harness.frame { ui in
                var state = ui.plotState("grow") ?? PlotState()
                state.autoFit = false
                state.x = view.x
                state.y = view.y
                ui.setPlotState(state, for: "grow")
                ui.plot("grow", plotRect) { p in
                    for (k, line) in lines.enumerated() { p.line("", line, color: Style().seriesColor(k).withAlpha(k % 2 == 0 ? 0.4 : 1)) }
                }
            }
            return data.images.values.first
        }
        let live = Harness()
        _ = draw(live, lines)
        for _ in 0..<4 {
            for k in lines.indices where rng.unit() < 0.7 {
                let last = lines[k].xs[lines[k].count - 1]
                let n = Int(rng.next() % 400) + 1
                var x = last
                let xs = (0..<n).map { _ in
                    x += 0.5 + rng.unit()
                    return x
                }
                lines[k] = lines[k].appending(x: xs, y: xs.map { _ in rng.unit() < 0.01 ? .nan : Double(k) + rng.unit() * 3 })
            }
            let grown = try #require(draw(live, lines))
            let fresh = try #require(draw(Harness(), lines))
            let differing = zip(grown.pixels, fresh.pixels).filter { $0 != $1 }.count
            #expect(grown.width == fresh.width && differing == 0, "\(differing) pixels differ; \(seedNote)")
        }
        // A line read again from its start (new data, more points, another lineage).
        let xs = (0..<(lines[3].count + 10)).map { Double($0) * 2 }
        lines[3] = LineSeries(x: xs, y: xs.map { _ in 12 - rng.unit() * 2 })
        let reset = try #require(draw(live, lines))
        let fresh = try #require(draw(Harness(), lines))
        #expect(reset.pixels == fresh.pixels, "a reset line is drawn anew; \(seedNote)")
    }

    @Test("far more scatter points than the marker limit become one density image")
    func scatterModes() {
        let harness = Harness()
        var (rng, _) = TestSeed.generator(fallback: 5)
        let many = ScatterSeries(x: (0..<50_000).map { _ in rng.unit() }, y: (0..<50_000).map { _ in rng.unit() })
        let data = harness.frame { ui in ui.plot("s", plotRect) { p in p.scatter("many", many) } }
        #expect(data.images.count == 1)
        #expect(data.lists[0].commands.contains { $0.texture == .image(0) })
        let few = ScatterSeries(x: [0, 1, 2], y: [2, 1, 0], colors: [.white, .black, .white], sizes: [2, 4, 6])
        let markers = harness.frame { ui in ui.plot("f", plotRect) { p in p.scatter("few", few) } }
        #expect(markers.images.isEmpty)
    }
}
