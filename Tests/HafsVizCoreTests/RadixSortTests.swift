import Foundation
import TestSupport
import Testing

@testable import HafsVizCore

/// The drift's radix sort against the standard library's sort, on the values it meets and the
/// ones it could: ties, negatives, zeros of both signs, infinities, subnormals, huge and tiny.
@Suite("Radix sort")
struct RadixSortTests {
    @Test("sorts as sorted() does, value for value, from 1,025 to 50,000 values")
    func againstSorted() {
        var generator = SeededGenerator(seed: 20_261_205)
        for count in [1025, 4096, 50_000] {
            var values: [Double] = (0..<count).map { _ in Double.random(in: -1...1, using: &generator) }
            // Scores repeat (ties), and the edges of the number line come up.
            for index in stride(from: 0, to: count, by: 7) { values[index] = Double(Int.random(in: 0...10, using: &generator)) / 10 }
            values[0] = -0.0
            values[1] = 0.0
            values[2] = .infinity
            values[3] = -.infinity
            values[4] = .leastNonzeroMagnitude
            values[5] = -.greatestFiniteMagnitude
            values[6] = 1e300
            let radix = RadixSort.sorted(values[...])
            let reference = values.sorted()
            #expect(radix.count == reference.count)
            #expect(zip(radix, reference).allSatisfy { $0 == $1 }, "count \(count): the same numbers in the same order")
            #expect(RadixSort.sorted(values[100...]) == values[100...].sorted(), "a slice, as the drift passes them")
        }
    }
}
