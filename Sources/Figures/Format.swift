import Foundation

/// The one way hafs-viz writes a number, a duration, an age or a date for a person to read: the
/// window, the terminal, the CLI's tables and the training command's arguments all call these, so
/// one value reads the same everywhere. (Axis tick labels share a step across ticks and are
/// `Ticks`' job; they use `clock` and `civil` from here.)
///
/// Timestamps are seconds since 1970 kept as the producer wrote them (a zone-less time is stored
/// as if it were UTC), so no zone is applied when writing them back.
public enum Format {
    /// A logged or measured value with up to `significant` significant digits: whole numbers
    /// below 10¹⁵ in full ("1234567"), scientific notation only below 10⁻⁴ or from 10⁹ on,
    /// "NaN", "∞", "-∞", and "—" for nil (no value). `significant` is how many digits a figure
    /// deserves: 6 keeps a logged value as written, 3 suits a measured rate.
    public static func value(_ value: Double?, significant: Int = 6) -> String {
        guard let value else { return "—" }
        guard value.isFinite else { return value.isNaN ? "NaN" : value > 0 ? "∞" : "-∞" }
        let magnitude = abs(value)
        if value == value.rounded(), magnitude < 1e15 { return String(format: "%.0f", value) }
        if magnitude < 1e-4 || magnitude >= 1e9 { return String(format: "%.\(significant)g", value) }
        if magnitude >= pow(10, Double(significant)) - 0.5 { return String(format: "%.0f", value) }
        return String(format: "%.\(significant)g", value)
    }

    /// A fraction as a percentage: 0.8123 → "81.2%" (one decimal unless told).
    public static func percent(_ fraction: Double, decimals: Int = 1) -> String {
        guard fraction.isFinite else { return value(fraction) }
        return String(format: "%.\(decimals)f%%", fraction * 100)
    }

    /// A value with a fixed number of decimals, for figures compared side by side (scores in
    /// 0–1: "0.742"): "NaN", "∞", "-∞" for the others, "—" for nil.
    public static func fixed(_ number: Double?, _ decimals: Int) -> String {
        guard let number, number.isFinite else { return value(number) }
        return String(format: "%.\(decimals)f", number)
    }

    /// A difference or an effect, its sign always written: "+0.031", "-0.120".
    public static func signed(_ number: Double?, _ decimals: Int) -> String {
        guard let number, number.isFinite else { return value(number) }
        return String(format: "%+.\(decimals)f", number)
    }

    /// Scientific notation with `decimals` after the point, for p- and q-values: "3.10e-04".
    public static func scientific(_ number: Double?, _ decimals: Int) -> String {
        guard let number, number.isFinite else { return value(number) }
        return String(format: "%.\(decimals)e", number)
    }

    /// A count with its thousands separated: "1,234,567".
    public static func count(_ number: Int) -> String {
        let digits = String(number.magnitude)
        var result = number < 0 ? "-" : ""
        for (offset, character) in digits.enumerated() {
            if offset > 0, (digits.count - offset) % 3 == 0 { result.append(",") }
            result.append(character)
        }
        return result
    }

    /// Whole hours and minutes: "3h 05m" (a training run's length).
    public static func hoursMinutes(_ seconds: Double) -> String {
        guard seconds.isFinite else { return "—" }
        let whole = Int(seconds)
        return String(format: "%dh %02dm", whole / 3600, whole % 3600 / 60)
    }

    /// A duration in the largest unit that keeps it readable: "45 s", "22 min", "5.2 h", "6.5 d".
    public static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite else { return "—" }
        if seconds < 90 { return "\(Int(seconds.rounded())) s" }
        if seconds < 90 * 60 { return "\(Int((seconds / 60).rounded())) min" }
        if seconds < 36 * 3600 { return String(format: "%.1f h", seconds / 3600) }
        return String(format: "%.1f d", seconds / 86_400)
    }

    /// How long ago, at the resolution a status line redraws at: "just now" (under 10 s),
    /// "10s ago" … "50s ago", "3 min ago", "2 h ago".
    public static func age(_ seconds: Double) -> String {
        guard seconds.isFinite else { return "—" }
        let s = max(0, Int(seconds))
        if s < 10 { return "just now" }
        return s < 60 ? "\(s / 10 * 10)s ago" : s < 3600 ? "\(s / 60) min ago" : "\(s / 3600) h ago"
    }

    /// Full date and time: "2025-12-21 22:55:31".
    public static func dateTime(_ seconds: Double) -> String {
        guard seconds.isFinite, abs(seconds) < 1e15 else { return "—" }
        let (year, month, day) = civil(fromDays: Int(floor(seconds / 86_400)))
        return String(format: "%04d-%02d-%02d ", year, month, day) + clock(seconds, withSeconds: true)
    }

    /// Date and time in the local time zone: "2025-12-21 22:55:31" (when a log was last written).
    public static func localDateTime(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
        formatter.locale = Locale(identifier: "en_US_POSIX")
        return formatter.string(from: date)
    }

    /// Date and time as the pipeline's files write it: "2025-12-21T22:55:31" (no zone).
    public static func isoDateTime(_ seconds: Double) -> String {
        dateTime(seconds).replacingOccurrences(of: " ", with: "T")
    }

    /// Month, day and minute: "Dec 21 14:02" (time ranges, spans).
    public static func shortDateTime(_ seconds: Double) -> String {
        guard seconds.isFinite, abs(seconds) < 1e15 else { return "—" }
        let (_, month, day) = civil(fromDays: Int(floor(seconds / 86_400)))
        return "\(monthNames[month - 1]) \(day) " + clock(seconds, withSeconds: false)
    }

    /// Three-letter month names, January first.
    public static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// The time of day: "14:02:07", or "14:02" without seconds.
    public static func clock(_ seconds: Double, withSeconds: Bool) -> String {
        let secondOfDay = Int(seconds - floor(seconds / 86_400) * 86_400)
        let h = secondOfDay / 3600
        let m = secondOfDay / 60 % 60
        let s = secondOfDay % 60
        return withSeconds ? String(format: "%02d:%02d:%02d", h, m, s) : String(format: "%02d:%02d", h, m)
    }

    /// Proleptic Gregorian (year, month, day) of a day count from 1970-01-01 (Howard Hinnant's
    /// days-to-civil algorithm).
    public static func civil(fromDays days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// A path with the home folder written `~` ("~/data/demo"), as menus list recent folders.
    public static func path(_ path: String, home: String = NSHomeDirectory()) -> String {
        guard !home.isEmpty, home != "/" else { return path }
        if path == home { return "~" }
        return path.hasPrefix(home + "/") ? "~" + path.dropFirst(home.count) : path
    }
}
