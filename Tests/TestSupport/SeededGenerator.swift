import Foundation

/// A small, fast, repeatable random number generator (SplitMix64) for property tests.
///
/// Every random test takes its seed from `TestSeed`, prints it with any failure, and can be
/// rerun with the same draws by setting `HAFS_TEST_SEED`.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    public private(set) var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform value in [0, 1) with 53 random bits.
    public mutating func unit() -> Double {
        Double(next() >> 11) / Double(1 << 53)
    }
}

/// Where random tests get their seeds.
public enum TestSeed {
    /// The environment variable that overrides every random test's seed, to rerun a failure.
    public static let variable = "HAFS_TEST_SEED"

    /// `HAFS_TEST_SEED` when set (decimal or 0x-hex), else `fallback`. Tests use a fixed
    /// fallback, so the suite draws the same inputs on every run unless told otherwise.
    public static func value(fallback: UInt64) -> UInt64 {
        guard let text = ProcessInfo.processInfo.environment[variable]?.trimmingCharacters(in: .whitespaces), !text.isEmpty else {
            return fallback
        }
        if text.hasPrefix("0x") || text.hasPrefix("0X") {
            return UInt64(text.dropFirst(2), radix: 16) ?? fallback
        }
        return UInt64(text) ?? fallback
    }

    /// A generator seeded by `value(fallback:) + offset`, and the text to put in failure
    /// messages. `offset` separates the cases of a parameterized test (pass the case's index).
    public static func generator(fallback: UInt64, offset: Int = 0) -> (generator: SeededGenerator, note: String) {
        let base = value(fallback: fallback)
        let seed = base &+ UInt64(offset)
        let rerun = offset == 0 ? "\(variable)=\(base)" : "\(variable)=\(base), case \(offset)"
        return (SeededGenerator(seed: seed), "seed \(seed) (rerun with \(rerun))")
    }
}
