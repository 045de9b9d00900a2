/// TensorBoard's scalar smoothing: an exponential moving average with debiasing.
///
/// `last = last · w + (1 − w) · y`, starting from 0, shown as `last / (1 − wⁿ)` where n counts
/// the finite values so far (the debias factor undoes the pull towards the 0 start). Non-finite
/// values pass through unchanged and do not enter the average. A constant series is returned
/// as it is (floating-point noise would otherwise wobble a flat line). `weight` is clamped to
/// [0, 0.999], TensorBoard's slider range.
public enum Smoothing {
    public static let defaultWeight = 0.6
    public static let maxWeight = 0.999

    public static func ema(_ values: [Double], weight: Double) -> [Double] {
        var state = State(weight: weight)
        return state.extend(values) ?? values
    }

    /// The running average, to smooth a growing series in time that follows the new values.
    public struct State: Sendable, Equatable {
        public let weight: Double
        private var last = 0.0
        private var debiasPower = 1.0
        /// The finite value seen so far while every finite value has been the same; nil once two
        /// differ (or before any).
        private var constant: Double?
        private var sawFinite = false
        /// A constant stretch was already returned unsmoothed.
        private var returnedConstant = false

        public init(weight: Double) {
            self.weight = min(max(weight, 0), Smoothing.maxWeight)
        }

        /// Smooths `values`, which continue what this state has seen. Returns nil when the series
        /// just stopped being constant after a constant stretch was returned as it was: then the
        /// whole series must be smoothed again from its start (`ema` of all of it).
        public mutating func extend(_ values: [Double]) -> [Double]? {
            var out = values
            for index in values.indices {
                let y = values[index]
                guard y.isFinite else { continue }
                if !sawFinite {
                    sawFinite = true
                    constant = y
                } else if let value = constant, value != y {
                    constant = nil
                }
                last = last * weight + (1 - weight) * y
                debiasPower *= weight
                out[index] = last / (1 - debiasPower)
            }
            if weight == 0 { return values }
            if !sawFinite || constant != nil {
                returnedConstant = returnedConstant || sawFinite
                return values
            }
            return returnedConstant ? nil : out
        }
    }
}
