import Figures
import Testing

/// A series built on another's columns answers every question as one built from the values:
/// the same points, bounds, counts and range reductions, and it holds the other's storage.
@Suite("LineSeries sharing columns")
struct LineSeriesSharingTests {
    /// Values with NaN, infinities, zeros and negatives, over more than two chunks.
    static func values(_ count: Int, seed: UInt64) -> [Double] {
        var state = seed
        return (0..<count).map { index in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            switch index % 997 {
            case 5: return .nan
            case 17: return .infinity
            case 29: return 0
            default: return Double(state >> 11) / Double(1 << 53) * 4 - 1
            }
        }
    }

    static func same(_ a: LineSeries, _ b: LineSeries) {
        #expect(a.count == b.count)
        #expect(Array(a.xs).elementsEqual(Array(b.xs)) { $0 == $1 || ($0.isNaN && $1.isNaN) })
        #expect(Array(a.ys).elementsEqual(Array(b.ys)) { $0 == $1 || ($0.isNaN && $1.isNaN) })
        #expect(a.isSorted == b.isSorted)
        #expect(a.bounds?.x == b.bounds?.x && a.bounds?.y == b.bounds?.y)
        #expect(a.nonFiniteCount == b.nonFiniteCount)
        #expect(a.minPositiveY == b.minPositiveY)
        #expect(a.nonPositiveCount == b.nonPositiveCount)
        for (start, end) in [(0, a.count), (3, 9_000), (4_095, 4_097), (100, 101), (8_000, a.count - 1)] {
            let (lo, hi) = a.minMax(start, end)
            let (blo, bhi) = b.minMax(start, end)
            #expect(lo == blo && hi == bhi, "minMax(\(start), \(end))")
        }
    }

    @Test("shared xs, shared ys, both: the same series as one built from the values, on the same storage")
    func sharing() throws {
        let count = 10_000
        let index = (0..<count).map(Double.init)
        let time = index.map { 1_700_000_000 + $0 * 1.5 }
        let loss = LineSeriesSharingTests.values(count, seed: 1)
        let accuracy = LineSeriesSharingTests.values(count, seed: 2)
        let byIndex = LineSeries(x: index, y: loss)
        let sharedX = try #require(LineSeries(x: .sameAs(byIndex), y: .values(accuracy)))
        LineSeriesSharingTests.same(sharedX, LineSeries(x: index, y: accuracy))
        let sharedY = try #require(LineSeries(x: .values(time), y: .sameAs(byIndex)))
        LineSeriesSharingTests.same(sharedY, LineSeries(x: time, y: loss))
        let both = try #require(LineSeries(x: .sameAs(sharedY), y: .sameAs(sharedX)))
        LineSeriesSharingTests.same(both, LineSeries(x: time, y: accuracy))
        // The storage is the other series', not a copy.
        let chunkOf = { (column: ChunkedColumn) in column.chunks[1].withUnsafeBufferPointer { $0.baseAddress } }
        #expect(chunkOf(sharedX.xs) == chunkOf(byIndex.xs))
        #expect(chunkOf(sharedY.ys) == chunkOf(byIndex.ys))
        #expect(chunkOf(both.xs) == chunkOf(sharedY.xs) && chunkOf(both.ys) == chunkOf(sharedX.ys))
        // Unsorted x, and counts that differ.
        LineSeriesSharingTests.same(
            try #require(LineSeries(x: .values(index.reversed()), y: .sameAs(byIndex))), LineSeries(x: index.reversed(), y: loss))
        #expect(LineSeries(x: .values([1, 2]), y: .sameAs(byIndex)) == nil)
    }
}
