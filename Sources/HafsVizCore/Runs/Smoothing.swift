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
        let w = min(max(weight, 0), maxWeight)
        guard w > 0, let first = values.first(where: \.isFinite),
              values.contains(where: { $0.isFinite && $0 != first }) else { return values }
        var out = values
        var last = 0.0
        var debiasPower = 1.0
        for index in values.indices {
            let y = values[index]
            guard y.isFinite else { continue }
            last = last * w + (1 - w) * y
            debiasPower *= w
            out[index] = last / (1 - debiasPower)
        }
        return out
    }
}
