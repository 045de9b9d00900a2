/// Series that share their columns with other series, so a figure drawn two ways (by entry and
/// by time) or several metrics over the same entries keep one copy of what they have in common.
/// Columns are immutable, so sharing is only a reference: a 103 MB history's trend lines went
/// from four Double columns per point to about one and a half.
extension LineSeries {
    /// Where a column comes from: new values, or the same column of another series (its xs for
    /// x; its ys, with their min/max pyramids, which depend on the ys alone, for y).
    public enum Column {
        case values([Double])
        case sameAs(LineSeries)
    }

    /// A series of `x` against `y`; nil when their counts differ (a shared column is never
    /// trimmed).
    public convenience init?(x: Column, y: Column) {
        let xs = LineSeries.column(x, isX: true).column
        let yColumn = LineSeries.column(y, isX: false)
        guard xs.count == yColumn.column.count else { return nil }
        var pyramids: [[[SIMD2<Double>]]]
        var extremes: [SIMD2<Double>]
        if let source = yColumn.source {
            pyramids = source.pyramids
            extremes = source.chunkExtremes
        } else {
            pyramids = []
            extremes = []
            for chunk in yColumn.column.chunks {
                let pyramid = LineSeries.pyramid(chunk)
                pyramids.append(pyramid)
                extremes.append(pyramid.last?.first ?? LineSeries.extremes(chunk[...]))
            }
        }
        var stats = PointStatistics()
        for (xChunk, yChunk) in zip(xs.chunks, yColumn.column.chunks) {
            for (xv, yv) in zip(xChunk, yChunk) { stats.add(xv, yv) }
        }
        self.init(
            lineage: LineSeries.lineages.add(1, ordering: .relaxed).newValue, xs: xs, ys: yColumn.column, isSorted: stats.sorted,
            bounds: stats.bounds, nonFiniteCount: stats.nonFinite, minPositiveY: stats.minPositive,
            nonPositiveCount: stats.nonPositive, pyramids: pyramids, chunkExtremes: extremes)
    }

    /// The column, and the series whose ys (and pyramids) it is, when it is one.
    private static func column(_ column: Column, isX: Bool) -> (column: ChunkedColumn, source: LineSeries?) {
        switch column {
        case .values(let values): return (ChunkedColumn(values), nil)
        case .sameAs(let series): return isX ? (series.xs, nil) : (series.ys, series)
        }
    }
}
