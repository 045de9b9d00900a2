import Foundation
import TestSupport
import Testing

@testable import HafsVizCore

@Suite("Point grid")
struct PointGridTests {
    /// The nearest point within reach by a scan: what the grid must agree with.
    func scan(_ xs: [Double], _ ys: [Double], x: Double, y: Double, reach: Double, sx: Double, sy: Double) -> Int? {
        var best: Int?
        var bestDistance = reach * reach
        for i in xs.indices where xs[i].isFinite && ys[i].isFinite {
            let dx = (xs[i] - x) * sx
            let dy = (ys[i] - y) * sy
            let d = dx * dx + dy * dy
            if d < bestDistance || (d == bestDistance && best.map { i < $0 } == true) {
                bestDistance = d
                best = i
            }
        }
        return best
    }

    @Test("nearest within reach agrees with a scan: clusters, stretched axes, empty space, points outside")
    func agreesWithScan() {
        var (random, seedNote) = TestSeed.generator(fallback: 11)
        // A normal draw (Box–Muller) from the seeded uniform.
        func normal() -> Double { (-2 * log(max(random.unit(), 1e-300))).squareRoot() * cos(2 * .pi * random.unit()) }
        var xs: [Double] = []
        var ys: [Double] = []
        for i in 0..<20_000 {
            // Three clusters of different spread, and a few far outliers.
            let center = [(0.0, 0.0), (50.0, 5.0), (-20.0, 40.0)][i % 3]
            let spread = [1.0, 0.2, 8.0][i % 3]
            xs.append(center.0 + normal() * spread)
            ys.append(center.1 + normal() * spread)
        }
        xs += [1e6, .nan, 3]
        ys += [-1e6, 2, .infinity]
        let grid = PointGrid(xs: xs, ys: ys)
        #expect(grid.nonFinite == 2)
        for (sx, sy) in [(10.0, 10.0), (1.0, 50.0), (300.0, 2.0)] {
            for _ in 0..<150 {
                let x = random.unit() * 100 - 40
                let y = random.unit() * 60 - 10
                let reach = [3.0, 8.0, 40.0][Int(random.unit() * 3) % 3]
                #expect(
                    grid.nearest(x: x, y: y, reach: reach, pixelsPerX: sx, pixelsPerY: sy)
                        == scan(xs, ys, x: x, y: y, reach: reach, sx: sx, sy: sy),
                    "\(seedNote): at (\(x), \(y)), reach \(reach), scales \(sx), \(sy)")
            }
        }
        #expect(grid.nearest(x: 1e6, y: -1e6, reach: 1, pixelsPerX: 1, pixelsPerY: 1) == 20_000, "a far outlier is found too")
        #expect(grid.nearest(x: 1e5, y: 1e5, reach: 5, pixelsPerX: 1, pixelsPerY: 1) == nil)
    }

    @Test("no points, one point, all on one spot")
    func degenerate() {
        #expect(PointGrid(xs: [], ys: []).nearest(x: 0, y: 0, reach: 10, pixelsPerX: 1, pixelsPerY: 1) == nil)
        #expect(PointGrid(xs: [.nan], ys: [1]).nearest(x: 0, y: 0, reach: 10, pixelsPerX: 1, pixelsPerY: 1) == nil)
        #expect(PointGrid(xs: [2], ys: [3]).nearest(x: 2.5, y: 3, reach: 1, pixelsPerX: 1, pixelsPerY: 1) == 0)
        let same = PointGrid(xs: [1, 1, 1], ys: [1, 1, 1])
        #expect(same.nearest(x: 1, y: 1, reach: 1, pixelsPerX: 1, pixelsPerY: 1) == 0, "ties: the lowest index")
    }

    @Test("a lasso keeps exactly the points inside the polygon")
    func lasso() {
        var xs: [Double] = []
        var ys: [Double] = []
        for i in 0..<50 {
            for j in 0..<50 {
                xs.append(Double(i))
                ys.append(Double(j))
            }
        }
        let grid = PointGrid(xs: xs, ys: ys)
        // A triangle with corners (0.5, 0.5), (10.5, 0.5), (0.5, 10.5): points with x, y ≥ 1 and x + y ≤ 10.
        let inside = grid.inside([(0.5, 0.5), (10.5, 0.5), (0.5, 10.5)])
        let expected = xs.indices.filter { xs[$0] >= 1 && ys[$0] >= 1 && xs[$0] + ys[$0] <= 10 }
        #expect(inside == expected)
        #expect(grid.inside([(100, 100), (101, 100), (100, 101)]).isEmpty)
    }

    /// The even-odd rule over every edge, written apart from the grid's own test.
    func evenOdd(_ polygon: [(x: Double, y: Double)], _ x: Double, _ y: Double) -> Bool {
        var inside = false
        var j = polygon.count - 1
        for i in polygon.indices {
            let a = polygon[i]
            let b = polygon[j]
            if (a.y > y) != (b.y > y), x < (b.x - a.x) * (y - a.y) / (b.y - a.y) + a.x { inside.toggle() }
            j = i
        }
        return inside
    }

    @Test("a concave lasso agrees with testing every point against every edge")
    func concaveLassoAgreesWithScan() {
        var (random, seedNote) = TestSeed.generator(fallback: 12)
        var xs: [Double] = []
        var ys: [Double] = []
        for _ in 0..<30_000 {
            xs.append(random.unit() * 20 - 10)
            ys.append(random.unit() * 20 - 10)
        }
        xs += [.nan, 0]
        ys += [0, .infinity]
        let grid = PointGrid(xs: xs, ys: ys)
        for _ in 0..<5 {
            // A star: every other vertex pulled in, so rows of cells cross it four or more times.
            let tips = 5 + Int(random.unit() * 6)
            let centre = (x: random.unit() * 6 - 3, y: random.unit() * 6 - 3)
            let star = (0..<(2 * tips)).map { k -> (x: Double, y: Double) in
                let angle = Double(k) * .pi / Double(tips) + random.unit() * 0.2
                let radius = k % 2 == 0 ? 4 + random.unit() * 5 : 1 + random.unit() * 2
                return (centre.x + radius * cos(angle), centre.y + radius * sin(angle))
            }
            let expected = xs.indices.filter { xs[$0].isFinite && ys[$0].isFinite && evenOdd(star, xs[$0], ys[$0]) }
            #expect(grid.inside(star) == expected, "\(seedNote): a star of \(tips) tips at \(centre)")
            #expect(expected.count > 100, "the star holds points: \(expected.count)")
        }
    }
}
