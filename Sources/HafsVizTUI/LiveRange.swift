import Figures

/// A live chart's axis ranges: fitted to the data with room to grow, and kept while the data
/// stays inside, so one new point rewrites a few cells and not the whole chart (a range that
/// moved with every point would redraw every line). When the data leaves the room, the range
/// grows by a quarter of its span beyond it; Home starts over.
struct LiveRange {
    private(set) var x: AxisRange?
    private(set) var y: AxisRange?

    /// The ranges to draw `data` on, grown where it left them.
    mutating func fit(x data: AxisRange, y yData: AxisRange) -> (AxisRange, AxisRange) {
        let newX = LiveRange.grow(x, to: data, roomBelow: false)
        let newY = LiveRange.grow(y, to: yData, roomBelow: true)
        x = newX
        y = newY
        return (newX, newY)
    }

    /// `kept` when it holds `data`, else the union of both with room past the side the data
    /// left by: x grows ahead only, by a quarter of the span (steps start where they start);
    /// y by a tenth, both ways.
    static func grow(_ kept: AxisRange?, to data: AxisRange, roomBelow: Bool) -> AxisRange {
        if let kept, kept.span > 0, kept.min <= data.min, kept.max >= data.max { return kept }
        let span = data.span > 0 ? data.span : max(abs(data.max), 1)
        let room = span * (roomBelow ? 0.1 : 0.25)
        var low = min(data.min, kept?.min ?? data.min)
        var high = max(data.max, kept?.max ?? data.max)
        if data.max > (kept?.max ?? -.infinity) || high - low <= 0 { high = data.max + room }
        if roomBelow, data.min < (kept?.min ?? .infinity) { low = data.min - room }
        return AxisRange(low, high)
    }
}
