import Testing

@testable import HafsVizCore

/// The compact columns give back exactly what was appended, whatever their storage.
@Suite("Point columns")
struct PointColumnsTests {
    static func bits(_ values: some Sequence<Double>) -> [UInt64] { values.map(\.bitPattern) }

    static let stepCases: [String: [Double]] = {
        let regular: [Double] = (0..<10_000).map { Double($0) }
        let strided: [Double] = (0..<5_000).map { Double($0 * 10) }
        let tenths: [Double] = (1...3_000).map { Double($0) * 0.1 }
        let first: [Double] = (0..<100).map { Double($0) }
        let second: [Double] = (500..<600).map { Double($0) * 2 }
        let irregular: [Double] = (0..<2_000).map { (i: Int) -> Double in Double(i * i % 7919) + Double(i) * 8_000 }
        return [
            "0…9999": regular, "stride 10": strided, "tenths (no exact stride)": tenths, "two runs": first + second,
            "irregular": irregular, "one step": [42], "signed zeros": [0, -0.0, -0.0, 1, 2, 3],
        ]
    }()

    @Test(
        "steps: regular, strided, fractional, restarting and irregular sequences read back bit for bit",
        arguments: PointColumnsTests.stepCases.keys.sorted())
    func steps(name: String) {
        let input = PointColumnsTests.stepCases[name] ?? []
        var column = StepColumn()
        for step in input { column.append(step) }
        #expect(PointColumnsTests.bits(column) == PointColumnsTests.bits(input), "\(name)")
        #expect(column.count == input.count)
        // Cut and grow again: the step rule's restart.
        for cut in [0, 1, input.count / 3, input.count - 1] where cut <= input.count {
            var again = column
            again.truncate(to: cut)
            #expect(PointColumnsTests.bits(again) == PointColumnsTests.bits(input.prefix(cut)), "\(name) cut at \(cut)")
            let tail: [Double] = (0..<50).map { (k: Int) -> Double in Double(cut) + Double(k) * 3 }
            for step in tail { again.append(step) }
            #expect(PointColumnsTests.bits(again) == PointColumnsTests.bits(input.prefix(cut) + tail), "\(name) grown after \(cut)")
        }
    }

    @Test("values: Float32 while exact, Double from the first that is not, bit for bit either way")
    func values() {
        var column = ValueColumn()
        let singles: [Double] = [0.5, -2, 1e-3, 3.25e10, .infinity, 0].map { Double(Float($0)) }
        for value in singles { column.append(value) }
        #expect(column.isSinglePrecision, "every value was a Float32")
        #expect(PointColumnsTests.bits(column) == PointColumnsTests.bits(singles))
        column.append(.nan)
        #expect(column.isSinglePrecision && column.last?.isNaN == true)
        column.append(0.1)  // not a Float32
        #expect(!column.isSinglePrecision)
        #expect(PointColumnsTests.bits(column.prefix(6)) == PointColumnsTests.bits(singles))
        #expect(column.last == 0.1)
        column[0] = 1e-300
        #expect(column[0] == 1e-300)
        column.truncate(to: 3)
        #expect(Array(column) == [1e-300, -2, Double(Float(1e-3))])
        var other = ValueColumn()
        other.append(1)
        other[0] = 0.3  // a set that leaves Float32
        #expect(!other.isSinglePrecision && other[0] == 0.3)
    }

    @Test("wall times: Float32 steps while exact, Double after a step that is not; reading by index, range and in order agree")
    func wallTimes() {
        // time.time()-like values: 1.766e9 plus a few hundredths of a second a point.
        var times: [Double] = []
        var now = 1_766_000_000.123_456
        for i in 0..<1_000 {
            now += 0.01 + Double(i % 7) * 0.003_1
            times.append(now)
        }
        var column = TimeColumn()
        for time in times { column.append(time) }
        #expect(column.isCompact, "steps under 4 s are exact as Float32")
        #expect(PointColumnsTests.bits(column) == PointColumnsTests.bits(times), "in order")
        #expect((0..<times.count).allSatisfy { column[$0].bitPattern == times[$0].bitPattern }, "by index")
        #expect(PointColumnsTests.bits(column.times(37..<531)) == PointColumnsTests.bits(times[37..<531]), "a range")
        // A step written again, a restart, then growth.
        column.replaceLast(with: times[999] + 0.5)
        #expect(column.last == times[999] + 0.5)
        column.truncate(to: 500)
        #expect(PointColumnsTests.bits(column) == PointColumnsTests.bits(times.prefix(500)))
        column.append(times[499] + 0.25)
        #expect(column.count == 501 && column.last == times[499] + 0.25 && column.isCompact)
        // A gap of an hour and a third of a microsecond: not exact as a Float32 step.
        let late = times[499] + 0.25 + 3_600.000_000_3
        column.append(late)
        #expect(!column.isCompact)
        #expect(PointColumnsTests.bits(column) == PointColumnsTests.bits(times.prefix(500) + [times[499] + 0.25, late]))
        // A format without times: every one NaN, still compact.
        var untimed = TimeColumn()
        for _ in 0..<40 { untimed.append(.nan) }
        #expect(untimed.isCompact && untimed.allSatisfy(\.isNaN) && untimed.count == 40)
    }
}
