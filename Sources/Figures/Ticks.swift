import Foundation

/// Axis tick positions and labels, for every front end: "nice" steps (1, 2, 5 × 10^k), powers of
/// ten on log axes, whole minutes, hours and days on time axes, and labels that share a step.
public enum Ticks {
    /// A "nice" step (1, 2 or 5 × 10^k) that gives about `target` ticks over `span`.
    public static func niceStep(span: Double, target: Int) -> Double {
        guard span > 0, span.isFinite, target > 0 else { return 1 }
        let raw = span / Double(target)
        let magnitude = pow(10, floor(log10(raw)))
        let residual = raw / magnitude
        let nice: Double = residual < 1.5 ? 1 : residual < 3 ? 2 : residual < 7 ? 5 : 10
        return nice * magnitude
    }

    /// Tick values inside `range`, multiples of a nice step.
    public static func linear(_ range: AxisRange, target: Int) -> (values: [Double], step: Double) {
        let step = niceStep(span: range.span, target: target)
        guard range.span > 0, range.span.isFinite, step > 0 else { return ([range.min], step) }
        var values: [Double] = []
        var k = ceil(range.min / step)
        let last = floor(range.max / step)
        guard last - k < 10_000 else { return ([], step) }
        while k <= last {
            let value = k * step
            values.append(abs(value) < step * 1e-9 ? 0 : value)
            k += 1
        }
        return (values, step)
    }

    /// Ticks of a log axis whose range is `range` in log10 units, as data values with labels:
    /// powers of ten (every k-th decade to stay near `target`) when the range spans a decade or
    /// more, else nice linear steps between its ends.
    public static func log(_ range: AxisRange, target: Int) -> [(value: Double, label: String)] {
        guard range.span.isFinite, range.span > 0 else { return [] }
        if range.span < 1 {
            let data = AxisRange(pow(10, range.min), pow(10, range.max))
            let (values, step) = linear(data, target: target)
            return Array(zip(values, labels(values, step: step))).filter { $0.0 > 0 }
        }
        let every = max(1, Int(ceil(range.span / Double(max(target, 1)))))
        var exponent = Int(ceil(range.min))
        exponent = Int((Double(exponent) / Double(every)).rounded(.up)) * every
        var ticks: [(value: Double, label: String)] = []
        while Double(exponent) <= range.max, ticks.count < 100 {
            let value = pow(10, Double(exponent))
            ticks.append((value, (-3...4).contains(exponent) ? Format.value(value) : "1e\(exponent)"))
            exponent += every
        }
        return ticks
    }

    /// A label for `value` on an axis whose ticks are `step` apart: fixed decimals in the usual
    /// range, SI suffixes (k, M, G, T) for large magnitudes, scientific notation for tiny or huge.
    public static func format(_ value: Double, step: Double, magnitude: Double? = nil) -> String {
        guard value.isFinite else { return value.isNaN ? "NaN" : value > 0 ? "∞" : "-∞" }
        if value == 0 { return "0" }
        let scale = max(magnitude ?? abs(value), abs(value))
        if scale >= 1e15 || (scale < 1e-3 && step < 1e-4) {
            let exponent = Int(floor(log10(scale)))
            let mantissaStep = step / pow(10, Double(exponent))
            let digits = max(0, min(6, Int(ceil(-log10(mantissaStep) - 1e-9))))
            return String(format: "%.\(digits)fe%d", value / pow(10, Double(exponent)), exponent)
        }
        if scale >= 1e5 {
            let units: [(Double, String)] = [(1e12, "T"), (1e9, "G"), (1e6, "M"), (1e3, "k")]
            let (unit, suffix) = units.first { scale >= $0.0 * 0.99999 } ?? (1, "")
            let digits = max(0, min(6, Int(ceil(-log10(step / unit) - 1e-9))))
            return String(format: "%.\(digits)f", value / unit) + suffix
        }
        let digits = max(0, min(10, Int(ceil(-log10(step) - 1e-9))))
        let text = String(format: "%.\(digits)f", value)
        return text == "-0" || text.hasPrefix("-0.") && Double(text) == 0 ? String(text.dropFirst()) : text
    }

    /// Labels for all `values` with a shared magnitude, so a column of ticks reads consistently.
    public static func labels(_ values: [Double], step: Double) -> [String] {
        let magnitude = values.map { abs($0) }.max() ?? 0
        return values.map { format($0, step: step, magnitude: magnitude) }
    }

    // MARK: - Time

    /// Steps for time axes, in seconds.
    static let timeSteps: [Double] = [
        1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10_800,
        21_600, 43_200, 86_400, 172_800, 345_600, 604_800, 1_209_600, 2_419_200,
        7_776_000, 15_552_000, 31_536_000,
    ]

    /// Ticks for a time axis (seconds since 1970, as `TimestampParser` produces), aligned to whole
    /// minutes, hours or days.
    public static func time(_ range: AxisRange, target: Int) -> (values: [Double], step: Double) {
        guard range.span > 0, range.span.isFinite else { return ([range.min], 1) }
        let raw = range.span / Double(max(target, 1))
        if raw < 1 { return linear(range, target: target) }
        let step = timeSteps.first { $0 >= raw } ?? niceStep(span: range.span / 31_536_000, target: target) * 31_536_000
        var values: [Double] = []
        var t = ceil(range.min / step) * step
        while t <= range.max, values.count < 1000 {
            values.append(t)
            t += step
        }
        return (values, step)
    }

    /// A time label for a tick `step` seconds apart: seconds, minutes, or a date at midnight.
    public static func formatTime(_ seconds: Double, step: Double) -> String {
        guard seconds.isFinite else { return "—" }
        if step < 1 { return Format.clock(seconds, withSeconds: true) + String(format: ".%03d", Int((seconds - floor(seconds)) * 1000)) }
        let dayStart = floor(seconds / 86_400) * 86_400
        if step >= 86_400 || seconds == dayStart {
            let (year, month, day) = Format.civil(fromDays: Int(dayStart / 86_400))
            return step >= 31_536_000
                ? "\(year)" : step >= 2_419_200 ? "\(Format.monthNames[month - 1]) \(year)" : "\(Format.monthNames[month - 1]) \(day)"
        }
        return Format.clock(seconds, withSeconds: step < 60)
    }

}

/// Maps data coordinates to framebuffer pixels inside a plot area, and back.
