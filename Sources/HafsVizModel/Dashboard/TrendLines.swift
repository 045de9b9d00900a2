import Figures
import HafsVizCore

/// The Quality Trends lines of one (domain, metric), by entry and by time, built so that they
/// share columns: the metrics of one domain are scored on the same entries, so they share their
/// x columns; a history written in time order gives a by-time line that shares its ys (and
/// their pyramids) with the by-entry one. A 103 MB history's 25 trends went from four Double
/// columns per point to about one and a half (see docs/performance.md).
struct TrendLines {
    var byIndex: LineSeries
    /// Only values with a timestamp, ordered by time.
    var byTime: LineSeries
    /// By-entry index of each by-time point; nil when they are the same order (every value has a
    /// timestamp and the timestamps never fall).
    var timeOrder: [Int]?
    var maxGap: Double
    var maxGapByTime: Double

    /// The values of `values` in by-time order.
    func inTimeOrder(_ values: [Double]) -> [Double] { timeOrder.map { $0.map { values[$0] } } ?? values }

    /// Builds each trend's lines, reusing the columns of the domain's previous trend when its
    /// entries and timestamps are the same.
    struct Builder {
        private var lastOfDomain: [String: (trend: QualityTrend, lines: TrendLines)] = [:]

        mutating func lines(for trend: QualityTrend) -> TrendLines {
            if let last = lastOfDomain[trend.domain], last.trend.entryIndices == trend.entryIndices,
                Builder.sameBits(last.trend.timestamps, trend.timestamps),
                let lines = last.lines.sharingColumns(values: trend.values)
            {
                return lines
            }
            let lines = TrendLines(entryIndices: trend.entryIndices, timestamps: trend.timestamps, values: trend.values)
            lastOfDomain[trend.domain] = (trend, lines)
            return lines
        }

        /// Equal bit for bit (NaN timestamps equal too, which `==` would deny).
        private static func sameBits(_ a: [Double], _ b: [Double]) -> Bool {
            a.count == b.count && zip(a, b).allSatisfy { $0.bitPattern == $1.bitPattern }
        }
    }

    /// Lines of `values` over `entryIndices` and `timestamps` (NaN: no timestamp).
    init(entryIndices: [Int32], timestamps: [Double], values: [Double]) {
        let indexX = entryIndices.map { Double($0) }
        let order = DashboardModel.timeOrder(timestamps)
        let inOrder = order.count == timestamps.count && order.elementsEqual(order.indices)
        byIndex = LineSeries(x: indexX, y: values)
        let timeX = inOrder ? timestamps : order.map { timestamps[$0] }
        if inOrder, let shared = LineSeries(x: .values(timeX), y: .sameAs(byIndex)) {
            byTime = shared
            timeOrder = nil
        } else {
            byTime = LineSeries(x: timeX, y: order.map { values[$0] })
            timeOrder = order
        }
        maxGap = DashboardModel.maxGap(indexX)
        maxGapByTime = DashboardModel.maxGap(timeX)
    }

    private init(byIndex: LineSeries, byTime: LineSeries, timeOrder: [Int]?, maxGap: Double, maxGapByTime: Double) {
        self.byIndex = byIndex
        self.byTime = byTime
        self.timeOrder = timeOrder
        self.maxGap = maxGap
        self.maxGapByTime = maxGapByTime
    }

    /// Lines of other values over these lines' entries and times: the x columns are these; the
    /// by-time line shares the new by-entry ys when the orders agree. Nil when the count differs.
    func sharingColumns(values: [Double]) -> TrendLines? {
        guard let newByIndex = LineSeries(x: .sameAs(byIndex), y: .values(values)) else { return nil }
        let newByTime =
            timeOrder == nil
            ? LineSeries(x: .sameAs(byTime), y: .sameAs(newByIndex)) : LineSeries(x: .sameAs(byTime), y: .values(inTimeOrder(values)))
        guard let newByTime else { return nil }
        return TrendLines(byIndex: newByIndex, byTime: newByTime, timeOrder: timeOrder, maxGap: maxGap, maxGapByTime: maxGapByTime)
    }
}
