/// A closed range of an axis in data units.
public struct AxisRange: Sendable, Equatable, CustomStringConvertible {
    public var min: Double
    public var max: Double

    public init(_ min: Double, _ max: Double) {
        self.min = min
        self.max = max
    }

    public var span: Double { max - min }
    public var description: String { "[\(min), \(max)]" }

    /// The range grown by `fraction` of its span on each side; a zero span becomes ±0.5 (or ±5%).
    public func padded(_ fraction: Double) -> AxisRange {
        if span <= 0 || !span.isFinite {
            let delta = min == 0 ? 0.5 : abs(min) * 0.05
            return AxisRange(min - delta, max + delta)
        }
        return AxisRange(min - span * fraction, max + span * fraction)
    }
}
