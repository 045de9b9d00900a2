import Synchronization

/// A line's data plus a min/max pyramid, so any visible range reduces to per-pixel-column min,
/// max, first and last in time that follows the plot's width, not the point count.
///
/// Storage is chunked: points live in chunks of 4,096 (8⁴), each with its own pyramid (level 1
/// holds min/max of blocks of 8 points, level 2 of 64, … up to the whole chunk), plus one min/max
/// per chunk. `appending` shares every full chunk with the series it grows from and rebuilds only
/// the last one, so a live series grows in time that follows the new points, not the old ones.
/// A range query walks up from both ends through whole blocks (at most 14 reads per level) and
/// over whole chunks by their min/max. NaN values are skipped (never a min or max); they break
/// the line.
public final class LineSeries: Sendable {
    /// Shared by a series and every series grown from it with `appending`: equal lineages mean
    /// the one with fewer points is a prefix of the other (a plot redraws only what was added).
    public let lineage: UInt64
    static let lineages = Atomic<UInt64>(0)
    public let xs: ChunkedColumn
    public let ys: ChunkedColumn
    /// True when xs never decreases: only then can a visible range be found by binary search and
    /// reduced; otherwise every point is drawn.
    public let isSorted: Bool
    /// Finite bounds of the data (nil when no point is finite).
    public let bounds: (x: AxisRange, y: AxisRange)?
    /// Points whose y (or x) is NaN or infinite: counted, never plotted, and said in the legend.
    public let nonFiniteCount: Int
    /// The smallest finite y above 0 (+∞ when none): the bottom of a log axis.
    public let minPositiveY: Double
    /// Finite points with y ≤ 0: what a log axis cannot show.
    public let nonPositiveCount: Int
    /// Per chunk: its pyramid levels, (min, max) per block.
    let pyramids: [[[SIMD2<Double>]]]
    /// Per chunk: (min, max) of its ys.
    let chunkExtremes: [SIMD2<Double>]

    static let branching = 8

    public convenience init(x: [Double], y: [Double]) {
        let count = min(x.count, y.count)
        self.init(growing: LineSeries.empty, x: x[..<count], y: y[..<count])
    }

    /// A series with no points, to grow from.
    public static let empty = LineSeries(
        lineage: 0, xs: ChunkedColumn(chunks: [], count: 0), ys: ChunkedColumn(chunks: [], count: 0), isSorted: true,
        bounds: nil, nonFiniteCount: 0, minPositiveY: .infinity, nonPositiveCount: 0, pyramids: [], chunkExtremes: [])

    init(
        lineage: UInt64, xs: ChunkedColumn, ys: ChunkedColumn, isSorted: Bool, bounds: (x: AxisRange, y: AxisRange)?, nonFiniteCount: Int,
        minPositiveY: Double, nonPositiveCount: Int, pyramids: [[[SIMD2<Double>]]], chunkExtremes: [SIMD2<Double>]
    ) {
        self.lineage = lineage
        self.xs = xs
        self.ys = ys
        self.isSorted = isSorted
        self.bounds = bounds
        self.nonFiniteCount = nonFiniteCount
        self.minPositiveY = minPositiveY
        self.nonPositiveCount = nonPositiveCount
        self.pyramids = pyramids
        self.chunkExtremes = chunkExtremes
    }

    /// This series with `x`, `y` appended (pairs beyond the shorter array are dropped). The full
    /// chunks are shared, not copied: the cost follows the new points plus one chunk.
    public func appending(x: [Double], y: [Double]) -> LineSeries {
        let count = min(x.count, y.count)
        return LineSeries(growing: self, x: x[..<count], y: y[..<count])
    }

    private convenience init(growing base: LineSeries, x: ArraySlice<Double>, y: ArraySlice<Double>) {
        let size = ChunkedColumn.chunkSize
        var xChunks = base.xs.chunks
        var yChunks = base.ys.chunks
        var pyramids = base.pyramids
        var extremes = base.chunkExtremes
        // Reopen a partial last chunk; full ones stay shared.
        var xTail: [Double] = []
        var yTail: [Double] = []
        if let last = xChunks.last, last.count < size {
            xTail = xChunks.removeLast()
            yTail = yChunks.removeLast()
            pyramids.removeLast()
            extremes.removeLast()
        }
        var stats = PointStatistics(base)
        var index = x.startIndex
        let yOffset = y.startIndex - x.startIndex
        while index < x.endIndex || !xTail.isEmpty {
            let take = min(size - xTail.count, x.endIndex - index)
            xTail.reserveCapacity(xTail.count + take)
            yTail.reserveCapacity(yTail.count + take)
            for i in index..<(index + take) {
                let xv = x[i]
                let yv = y[i + yOffset]
                xTail.append(xv)
                yTail.append(yv)
                stats.add(xv, yv)
            }
            index += take
            let pyramid = LineSeries.pyramid(yTail)
            pyramids.append(pyramid)
            extremes.append(pyramid.last?.first ?? LineSeries.extremes(yTail[...]))
            xChunks.append(xTail)
            yChunks.append(yTail)
            xTail = []
            yTail = []
        }
        let total = base.count + x.count
        let lineage = base.count > 0 ? base.lineage : LineSeries.lineages.add(1, ordering: .relaxed).newValue
        self.init(
            lineage: lineage, xs: ChunkedColumn(chunks: xChunks, count: total), ys: ChunkedColumn(chunks: yChunks, count: total),
            isSorted: stats.sorted, bounds: stats.bounds, nonFiniteCount: stats.nonFinite, minPositiveY: stats.minPositive,
            nonPositiveCount: stats.nonPositive, pyramids: pyramids, chunkExtremes: extremes)
    }

    /// What a series knows of its points beyond the points: order, bounds of the finite ones,
    /// the non-finite count, and what a log axis needs. Gathered point by point.
    struct PointStatistics {
        var sorted = true
        var previousX: Double?
        var nonFinite = 0
        var xMin = Double.infinity
        var xMax = -Double.infinity
        var yMin = Double.infinity
        var yMax = -Double.infinity
        var minPositive = Double.infinity
        var nonPositive = 0

        init() {}

        /// Carries on from `base`'s figures (a series grown from it).
        init(_ base: LineSeries) {
            sorted = base.isSorted
            previousX = base.xs.last
            nonFinite = base.nonFiniteCount
            xMin = base.bounds?.x.min ?? .infinity
            xMax = base.bounds?.x.max ?? -.infinity
            yMin = base.bounds?.y.min ?? .infinity
            yMax = base.bounds?.y.max ?? -.infinity
            minPositive = base.minPositiveY
            nonPositive = base.nonPositiveCount
        }

        @inline(__always)
        mutating func add(_ xv: Double, _ yv: Double) {
            if let previousX, xv < previousX { sorted = false }
            previousX = xv
            guard xv.isFinite, yv.isFinite else {
                nonFinite += 1
                return
            }
            if xv < xMin { xMin = xv }
            if xv > xMax { xMax = xv }
            if yv < yMin { yMin = yv }
            if yv > yMax { yMax = yv }
            if yv > 0 { if yv < minPositive { minPositive = yv } } else { nonPositive += 1 }
        }

        var bounds: (x: AxisRange, y: AxisRange)? { xMin <= xMax ? (AxisRange(xMin, xMax), AxisRange(yMin, yMax)) : nil }
    }

    /// One chunk's pyramid: levels of (min, max) per block of 8 entries of the level below, up to
    /// a single entry. A last block with fewer than 8 entries is never read by a query (whole
    /// blocks only), so it does no harm.
    static func pyramid(_ ys: [Double]) -> [[SIMD2<Double>]] {
        var levels: [[SIMD2<Double>]] = []
        var previous: [SIMD2<Double>]?
        var size = ys.count
        while size > 1 {
            let blocks = (size + branching - 1) / branching
            var level = [SIMD2<Double>](repeating: SIMD2(.infinity, -.infinity), count: blocks)
            level.withUnsafeMutableBufferPointer { out in
                if let previous {
                    previous.withUnsafeBufferPointer { input in
                        for block in 0..<blocks {
                            var lo = Double.infinity
                            var hi = -Double.infinity
                            for i in (block * 8)..<min(size, block * 8 + 8) {
                                if input[i].x < lo { lo = input[i].x }
                                if input[i].y > hi { hi = input[i].y }
                            }
                            out[block] = SIMD2(lo, hi)
                        }
                    }
                } else {
                    ys.withUnsafeBufferPointer { input in
                        for block in 0..<blocks {
                            var lo = Double.infinity
                            var hi = -Double.infinity
                            for i in (block * 8)..<min(size, block * 8 + 8) {
                                let v = input[i]
                                if v < lo { lo = v }  // NaN compares false: skipped
                                if v > hi { hi = v }
                            }
                            out[block] = SIMD2(lo, hi)
                        }
                    }
                }
            }
            levels.append(level)
            previous = level
            size = blocks
        }
        return levels
    }

    static func extremes(_ ys: ArraySlice<Double>) -> SIMD2<Double> {
        var lo = Double.infinity
        var hi = -Double.infinity
        for v in ys {
            if v < lo { lo = v }
            if v > hi { hi = v }
        }
        return SIMD2(lo, hi)
    }

    public var count: Int { xs.count }

    /// Min and max of ys[start..<end] (NaN skipped); (inf, -inf) when the range holds no number.
    public func minMax(_ start: Int, _ end: Int) -> (Double, Double) {
        guard start < end else { return (.infinity, -.infinity) }
        let shift = ChunkedColumn.chunkShift
        let mask = ChunkedColumn.chunkSize - 1
        let first = start >> shift
        let last = (end - 1) >> shift
        if first == last { return chunkMinMax(first, start & mask, ((end - 1) & mask) + 1) }
        var (lo, hi) = chunkMinMax(first, start & mask, ys.chunks[first].count)
        for chunk in (first + 1)..<last {
            let e = chunkExtremes[chunk]
            if e.x < lo { lo = e.x }
            if e.y > hi { hi = e.y }
        }
        let (tailLo, tailHi) = chunkMinMax(last, 0, ((end - 1) & mask) + 1)
        return (min(lo, tailLo), max(hi, tailHi))
    }

    /// Min and max of one chunk's ys[start..<end], through its pyramid.
    private func chunkMinMax(_ chunk: Int, _ start: Int, _ end: Int) -> (Double, Double) {
        var lo = Double.infinity
        var hi = -Double.infinity
        if end - start <= 64 {
            // A few points (a pixel column of a moderate series): a plain scan beats the pyramid walk.
            ys.chunks[chunk].withUnsafeBufferPointer { raw in
                for i in start..<end {
                    let v = raw[i]
                    if v < lo { lo = v }
                    if v > hi { hi = v }
                }
            }
            return (lo, hi)
        }
        var a = start
        var b = end
        ys.chunks[chunk].withUnsafeBufferPointer { raw in
            // Level 0: raw points until a is aligned to a block (and from b's block start to b).
            while a < b, a % 8 != 0 {
                let v = raw[a]
                if v < lo { lo = v }
                if v > hi { hi = v }
                a += 1
            }
            while a < b, b % 8 != 0 {
                b -= 1
                let v = raw[b]
                if v < lo { lo = v }
                if v > hi { hi = v }
            }
        }
        let levels = pyramids[chunk]
        var level = 0
        var blockSize = 8
        while a < b {
            // a and b are multiples of blockSize; move to block indices of this level.
            var ia = a / blockSize
            var ib = b / blockSize
            let entries = levels[level]
            if level + 1 < levels.count {
                while ia < ib, ia % 8 != 0 {
                    let e = entries[ia]
                    if e.x < lo { lo = e.x }
                    if e.y > hi { hi = e.y }
                    ia += 1
                }
                while ia < ib, ib % 8 != 0 {
                    ib -= 1
                    let e = entries[ib]
                    if e.x < lo { lo = e.x }
                    if e.y > hi { hi = e.y }
                }
            } else {
                while ia < ib {
                    let e = entries[ia]
                    if e.x < lo { lo = e.x }
                    if e.y > hi { hi = e.y }
                    ia += 1
                }
            }
            a = ia * blockSize
            b = ib * blockSize
            level += 1
            blockSize *= 8
        }
        return (lo, hi)
    }

    /// The index of the point whose x is nearest `target` (binary search when xs are sorted);
    /// nil when no x is finite. A tooltip's or a cursor's "value at this x".
    public func nearestIndex(to target: Double) -> Int? {
        let candidates: any Sequence<Int>
        if isSorted {
            let index = lowerBound(target)
            candidates = [index - 1, index].filter { $0 >= 0 && $0 < count }
        } else {
            candidates = xs.indices
        }
        var best: Int?
        var bestDistance = Double.infinity
        for index in candidates where xs[index].isFinite && abs(xs[index] - target) < bestDistance {
            best = index
            bestDistance = abs(xs[index] - target)
        }
        return best
    }

    /// First index with xs[index] >= value (sorted xs only).
    public func lowerBound(_ value: Double) -> Int {
        var lo = 0
        var hi = xs.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if xs[mid] < value { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// First index in `range` with xs[index] >= value, searching outward from `guess`: pixel edges
    /// move left to right and x is usually near-uniform, so the guess is close and the search
    /// touches a few nearby elements instead of 23 cache misses across a 10M array.
    public func lowerBound(_ value: Double, in range: Range<Int>, near guess: Int) -> Int {
        guard !range.isEmpty else { return range.lowerBound }
        let shift = ChunkedColumn.chunkShift
        let chunk = range.lowerBound >> shift
        if chunk == (range.upperBound - 1) >> shift {
            // The whole range in one chunk (the common case): search its memory directly, with no
            // per-probe lookup of the chunk.
            let base = chunk << shift
            return xs.chunks[chunk].withUnsafeBufferPointer { buffer in
                base
                    + LineSeries.gallop(value, in: (range.lowerBound - base)..<(range.upperBound - base), near: guess - base) { buffer[$0] }
            }
        }
        let x = xs
        return LineSeries.gallop(value, in: range, near: guess) { x[$0] }
    }

    /// First index in `range` with x(index) >= value, galloping outward from `guess`.
    @inline(__always)
    private static func gallop(_ value: Double, in range: Range<Int>, near guess: Int, _ x: (Int) -> Double) -> Int {
        var lo = range.lowerBound
        var hi = range.upperBound
        let start = min(max(guess, lo), hi - 1)
        var step = 1
        if x(start) < value {
            // Gallop right: the answer is in (start, start + step].
            var previous = start
            while true {
                let probe = start + step
                if probe >= hi {
                    lo = previous + 1
                    break
                }
                if x(probe) >= value {
                    lo = previous + 1
                    hi = probe
                    break
                }
                previous = probe
                step *= 2
            }
        } else {
            // Gallop left: the answer is in (start - step, start].
            var previous = start
            while true {
                let probe = start - step
                if probe < lo {
                    hi = previous
                    break
                }
                if x(probe) < value {
                    lo = probe + 1
                    hi = previous
                    break
                }
                previous = probe
                step *= 2
            }
        }
        while lo < hi {
            let mid = (lo + hi) / 2
            if x(mid) < value { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// Per-pixel-column reduction of the points with x in `range` over `columns` columns.
    /// `limit`: points with x above it are left out (the columns past it stay empty).
    /// `fromColumn`: columns before it are left empty, and `before` is the last point left of it
    /// (with its column), so a walk from there draws columns ≥ `fromColumn` as a whole one does.
    public func reduce(_ range: AxisRange, columns: Int, through limit: Double = .infinity, fromColumn: Int = 0) -> ColumnReduction {
        var result = ColumnReduction(columns: columns)
        guard isSorted, columns > 0, range.span > 0 else { return result }
        let from = min(max(fromColumn, 0), columns)
        func edge(_ column: Int) -> Double { range.min + range.span * Double(column + 1) / Double(columns) }
        let start = from == 0 ? lowerBound(range.min) : lowerBound(edge(from - 1))
        let end = max(start, lowerBound(nextUp(min(range.max, limit))))  // x == range.max belongs to the last column
        result.firstIndex = start
        result.endIndex = end
        if from > 0, start > 0, xs[start - 1] >= range.min, ys[start - 1].isFinite {
            // Its column: the one whose edges hold it, as the loop below assigns points.
            var column = min(from - 1, max(0, Int((xs[start - 1] - range.min) / range.span * Double(columns))))
            while column > 0, xs[start - 1] < edge(column - 1) { column -= 1 }
            while column < from - 1, xs[start - 1] >= edge(column) { column += 1 }
            result.before = (column, ys[start - 1])
        }
        var index = start
        for column in from..<columns {
            let columnEnd: Int
            if column == columns - 1 {
                columnEnd = end
            } else {
                let edge = edge(column)
                // Guess by linear interpolation between the current index and the visible end.
                var guess = index
                if end > index, let first = xs[safe: index], let lastX = xs[safe: end - 1], lastX > first {
                    guess = index + Int(Double(end - 1 - index) * min(1, max(0, (edge - first) / (lastX - first))))
                }
                columnEnd = lowerBound(edge, in: index..<end, near: guess)
            }
            if columnEnd > index {
                let (lo, hi) = minMax(index, columnEnd)
                result.minimum[column] = lo
                result.maximum[column] = hi
                result.first[column] = ys[index]
                result.last[column] = ys[columnEnd - 1]
                result.pointCount[column] = columnEnd - index
            }
            index = columnEnd
        }
        return result
    }

    private func nextUp(_ value: Double) -> Double { value.nextUp }
}

/// Per-column summary of the visible part of a line.
public struct ColumnReduction: Sendable {
    public var minimum: [Double]
    public var maximum: [Double]
    public var first: [Double]
    public var last: [Double]
    /// Points in each column (0: the column holds no point).
    public var pointCount: [Int]
    /// Index range of the visible points.
    public var firstIndex = 0
    public var endIndex = 0
    /// With `reduce(fromColumn:)`: the last finite point left of the first column reduced.
    public var before: (column: Int, value: Double)?

    init(columns: Int) {
        minimum = [Double](repeating: .infinity, count: max(columns, 0))
        maximum = [Double](repeating: -.infinity, count: max(columns, 0))
        first = [Double](repeating: .nan, count: max(columns, 0))
        last = [Double](repeating: .nan, count: max(columns, 0))
        pointCount = [Int](repeating: 0, count: max(columns, 0))
    }

    public var visibleCount: Int { endIndex - firstIndex }

    /// The drawn shape of a dense line, column by column: `span(column, low, high)` for each
    /// column with points, widened to the previous column's last value so adjacent columns
    /// connect; `join(fromColumn, fromValue, toColumn, toValue)` across columns without points
    /// (`fromColumn` is -1 for `before`, the point just left of the view). NaN-only columns break
    /// the line. Returns the last column drawn and its last value, for a join to the right.
    @discardableResult
    public func walk(
        before: Double?, span: (Int, Double, Double) -> Void,
        join: (Int, Double, Int, Double) -> Void
    ) -> (column: Int, last: Double)? {
        walk(from: before.map { (-1, $0) }, span: span, join: join)
    }

    /// `walk` starting from a point in a known column (`reduce(fromColumn:)`'s `before`).
    @discardableResult
    public func walk(
        from before: (column: Int, value: Double)?, span: (Int, Double, Double) -> Void,
        join: (Int, Double, Int, Double) -> Void
    ) -> (column: Int, last: Double)? {
        var previous: (column: Int, last: Double)? = before.map { ($0.column, $0.value) }
        for column in 0..<pointCount.count where pointCount[column] > 0 {
            let lo = minimum[column]
            let hi = maximum[column]
            guard lo <= hi else {
                previous = nil
                continue
            }  // only NaN here: a gap
            var low = lo
            var high = hi
            if let previous {
                if previous.column == column - 1 {
                    low = Swift.min(low, previous.last)
                    high = Swift.max(high, previous.last)
                } else {
                    join(previous.column, previous.last, column, first[column].isFinite ? first[column] : lo)
                }
            }
            span(column, low, high)
            previous = last[column].isFinite ? (column, last[column]) : (column, hi)
        }
        return previous
    }
}

extension Array {
    /// The element at `index`, or nil outside the array.
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
