import Testing

@testable import HafsVizCore

@Suite("TimestampParser")
struct TimestampTests {
    @Test("zone-less isoformat is kept as written; Z and offsets convert to UTC")
    func forms() {
        // Reference values from Python: datetime(..., tzinfo=timezone.utc).timestamp().
        #expect(TimestampParser.parse("2025-12-21T22:55:31.123456").map { abs($0 - 1_766_357_731.123456) < 1e-6 } == true)
        #expect(TimestampParser.parse("2025-12-21 22:55:31.123456").map { abs($0 - 1_766_357_731.123456) < 1e-6 } == true)
        #expect(TimestampParser.parse("2025-12-21T22:55:31Z") == 1_766_357_731)
        #expect(TimestampParser.parse("2025-12-21T22:55:31+02:00") == 1_766_350_531)
        #expect(TimestampParser.parse("2025-12-21T22:55:31+0200") == 1_766_350_531)
        #expect(TimestampParser.parse("1969-12-31T23:59:59") == -1)
        #expect(TimestampParser.parse("2024-02-29") == 1_709_164_800)
        #expect(TimestampParser.parse("2025-12-21T22:55") == 1_766_357_700)
    }

    @Test("malformed timestamps give nil")
    func rejects() {
        for text in [
            "", "yesterday", "2025-13-01T00:00:00", "2025-02-29T00:00:00", "2025-12-21T25:00:00",
            "2025-12-21T22:55:31.", "2025-12-21T22:55:31+2", "2025-12-21T22:55:31 junk",
        ] {
            #expect(TimestampParser.parse(text) == nil, "\(text)")
        }
    }
}
