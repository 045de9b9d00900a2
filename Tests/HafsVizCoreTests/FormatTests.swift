import Figures
import Testing

/// The one formatter, pinned by hand-written literals at each rule's edge.
@Suite("Format")
struct FormatTests {
    @Test("values: whole numbers in full, six significant digits, scientific only far out, non-finite named")
    func values() {
        #expect(Format.value(nil) == "—")
        #expect(Format.value(.nan) == "NaN" && Format.value(.infinity) == "∞" && Format.value(-.infinity) == "-∞")
        #expect(Format.value(3) == "3" && Format.value(1_234_567) == "1234567" && Format.value(2e9) == "2000000000")
        #expect(Format.value(0.762353) == "0.762353" && Format.value(0.762353, significant: 3) == "0.762")
        #expect(Format.value(1234.5678) == "1234.57")
        #expect(Format.value(0.000012345) == "1.2345e-05", "below 1e-4: scientific, digits kept (a learning rate)")
        #expect(Format.value(1234.5, significant: 3) == "1234", "past the digits asked for: no fraction, never 1.23e+03")
    }

    @Test("fixed, signed, scientific, percent and count")
    func fixedWidths() {
        #expect(Format.fixed(0.74249, 3) == "0.742" && Format.fixed(nil, 3) == "—" && Format.fixed(.nan, 3) == "NaN")
        #expect(Format.signed(0.0314, 3) == "+0.031" && Format.signed(-0.12, 3) == "-0.120")
        #expect(Format.scientific(0.00031, 2) == "3.10e-04")
        #expect(Format.percent(0.8123) == "81.2%" && Format.percent(0.5, decimals: 0) == "50%")
        #expect(Format.count(0) == "0" && Format.count(999) == "999" && Format.count(1000) == "1,000")
        #expect(Format.count(1_234_567) == "1,234,567" && Format.count(-45_000) == "-45,000")
    }

    @Test("durations, ages, dates")
    func times() {
        #expect(Format.duration(45) == "45 s" && Format.duration(22 * 60) == "22 min" && Format.duration(5.2 * 3600) == "5.2 h")
        #expect(Format.duration(6.5 * 86_400) == "6.5 d")
        #expect(
            Format.age(9) == "just now" && Format.age(59) == "50s ago" && Format.age(180) == "3 min ago" && Format.age(7300) == "2 h ago")
        #expect(Format.hoursMinutes(3 * 3600 + 5 * 60 + 59) == "3h 05m")
        // 2025-12-21 01:02:03 is 1766278923 s after 1970-01-01 (date -u -d '2025-12-21 01:02:03' +%s).
        #expect(Format.dateTime(1_766_278_923) == "2025-12-21 01:02:03")
        #expect(Format.isoDateTime(1_766_278_923) == "2025-12-21T01:02:03")
        #expect(Format.shortDateTime(1_766_278_923) == "Dec 21 01:02")
        #expect(Format.path("/home/u/data", home: "/home/u") == "~/data" && Format.path("/home/u2", home: "/home/u") == "/home/u2")
    }
}
