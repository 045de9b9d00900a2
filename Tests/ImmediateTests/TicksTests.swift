import Figures
import Foundation
import Testing

@testable import Immediate

@Suite("Ticks and number formatting")
struct TicksTests {
    @Test("nice steps are 1, 2 or 5 × 10^k")
    func niceSteps() {
        #expect(Ticks.niceStep(span: 1, target: 5) == 0.2)
        #expect(Ticks.niceStep(span: 100, target: 5) == 20)
        #expect(Ticks.niceStep(span: 7, target: 7) == 1)
        #expect(Ticks.niceStep(span: 0.003, target: 6) == 0.0005)
        #expect(Ticks.niceStep(span: 3.2e9, target: 4) == 1e9)
        for exponent in -12...12 {
            let step = Ticks.niceStep(span: 3.7 * pow10(exponent), target: 5)
            let mantissa = step / pow10(Int(floor(log10(step))))
            #expect([1, 2, 5, 10].contains { abs(mantissa - $0) < 1e-9 }, "\(step)")
        }
    }

    @Test("linear ticks are multiples of the step inside the range")
    func linear() {
        let (values, step) = Ticks.linear(AxisRange(-0.13, 1.07), target: 6)
        #expect(step == 0.2)
        #expect(values.count == 6)
        #expect(approx(values.first ?? .nan, 0) && approx(values.last ?? .nan, 1.0))
        #expect(values.allSatisfy { $0 >= -0.13 && $0 <= 1.07 })
        #expect(Ticks.linear(AxisRange(5, 5), target: 5).values == [5])
    }

    @Test("labels: fixed decimals, SI suffixes, scientific notation, no -0")
    func formatting() {
        #expect(Ticks.labels([0, 0.2, 0.4], step: 0.2) == ["0", "0.2", "0.4"])
        #expect(Ticks.labels([0, 0.05, 0.1], step: 0.05) == ["0", "0.05", "0.10"])
        #expect(Ticks.labels([0, 500, 1000], step: 500) == ["0", "500", "1000"])
        #expect(Ticks.labels([0, 2e6, 4e6, 6e6], step: 2e6) == ["0", "2M", "4M", "6M"])
        #expect(Ticks.labels([1.5e6, 2e6, 2.5e6], step: 5e5) == ["1.5M", "2.0M", "2.5M"])
        #expect(Ticks.labels([0, 250_000, 500_000], step: 250_000) == ["0", "250k", "500k"])
        #expect(Ticks.labels([2e9, 4e9], step: 2e9) == ["2G", "4G"])
        #expect(Ticks.labels([1e-7, 2e-7, 3e-7], step: 1e-7) == ["1e-7", "2e-7", "3e-7"])
        #expect(Ticks.labels([2.5e-7, 3e-7], step: 5e-8) == ["2.5e-7", "3.0e-7"])
        #expect(Ticks.labels([1e15, 2e15], step: 1e15) == ["1e15", "2e15"])
        #expect(Ticks.format(-0.0000001, step: 0.1) == "0.0" || Ticks.format(-0.0000001, step: 0.1) == "0")
        #expect(!Ticks.labels([-0.2, 0, 0.2], step: 0.2).contains("-0"))
        #expect(Ticks.format(.nan, step: 1) == "NaN")
        #expect(Ticks.format(.infinity, step: 1) == "∞")
    }

    @Test("time ticks fall on whole units and read as clock times or dates")
    func time() {
        let day = 86_400.0
        let start = 1_766_275_200.0  // 2025-12-21 00:00:00
        let (hours, step) = Ticks.time(AxisRange(start + 3_600.5, start + day - 1), target: 8)
        #expect(step == 10_800)
        #expect(hours.allSatisfy { $0.truncatingRemainder(dividingBy: 10_800) == 0 })
        #expect(Ticks.formatTime(start + 3 * 3_600, step: step) == "03:00")
        #expect(Ticks.formatTime(start, step: 10_800) == "Dec 21", "midnight shows the date")
        let (days, dayStep) = Ticks.time(AxisRange(start, start + 14 * day), target: 7)
        #expect(dayStep == 2 * day)
        #expect(Ticks.formatTime(days[0], step: dayStep).hasPrefix("Dec"))
        #expect(Ticks.formatTime(start + 61, step: 30) == "00:01:01")
        #expect(Format.dateTime(start + 3_723) == "2025-12-21 01:02:03")
        #expect(Ticks.formatTime(start, step: 31_536_000) == "2025")
    }

    private func pow10(_ exponent: Int) -> Double { pow(10, Double(exponent)) }
}
