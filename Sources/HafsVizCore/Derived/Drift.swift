import Foundation

/// Whether a (domain, metric)'s recent scores are distributed like its earlier ones
/// (docs/data-format.md, "Drift"). The recent window is the last ⌈n/4⌉ finite values, clamped to
/// 20…250; the baseline is every value before it. A two-sample Kolmogorov–Smirnov test gives
/// the status; PSI over the baseline's deciles is reported alongside.
public struct DriftResult: Sendable, Equatable {
    public enum Status: String, Sendable {
        /// p < 0.05.
        case drift
        /// 0.05 ≤ p < 0.15.
        case possible
        case ok
        /// Fewer than 20 baseline values: no test.
        case insufficient
    }

    public enum Direction: String, Sendable {
        case better, worse
        /// The two medians are equal.
        case unchanged
    }

    public var domain: String
    public var metric: String
    public var baselineCount: Int
    public var recentCount: Int
    /// D: the largest gap between the two empirical CDFs; nil when insufficient.
    public var ksStatistic: Double?
    /// Q(√nₑ · D), the Kolmogorov distribution's survival function; nil when insufficient.
    public var pValue: Double?
    /// p adjusted for the other score-drift tests of the report (Benjamini–Hochberg); alone, p.
    /// The status comes from it.
    public var qValue: Double?
    /// Population stability index over the baseline's deciles; nil when insufficient.
    public var psi: Double?
    public var status: Status
    /// From median(recent) − median(baseline), flipped for lower-is-better metrics; nil when
    /// insufficient.
    public var direction: Direction?

    /// Smallest baseline that is tested, and the recent window's bounds.
    public static let minimumBaseline = 20
    public static let recentWindow = 20...250

    /// The drift of finite `values` in file order.
    public init(domain: String, metric: String, values: ArraySlice<Double>, lowerIsBetter: Bool) {
        self.domain = domain
        self.metric = metric
        (baselineCount, recentCount) = DriftResult.windows(values.count)
        guard baselineCount >= DriftResult.minimumBaseline else {
            status = .insufficient
            return
        }
        let baseline = RadixSort.sorted(values.prefix(baselineCount))
        let recent = RadixSort.sorted(values.dropFirst(baselineCount))
        let d = DriftResult.ksStatistic(baseline, recent)
        let n1 = Double(baseline.count)
        let n2 = Double(recent.count)
        let p = DriftResult.kolmogorovSurvival((n1 * n2 / (n1 + n2)).squareRoot() * d)
        ksStatistic = d
        pValue = p
        qValue = p
        psi = DriftResult.psi(baseline: baseline, recent: recent)
        status = Status(q: p)
        var change = DriftResult.median(recent) - DriftResult.median(baseline)
        if lowerIsBetter { change = -change }
        direction = change > 0 ? .better : change < 0 ? .worse : .unchanged
    }

    /// Whether the status calls for attention (drift or possible drift).
    public var isAlert: Bool { status == .drift || status == .possible }

    /// Recent window and baseline sizes for a series of `n` values: the last ⌈n/4⌉, clamped
    /// to 20…250 (all of them when fewer), and the rest.
    public static func windows(_ n: Int) -> (baseline: Int, recent: Int) {
        let window = min(max((n + 3) / 4, recentWindow.lowerBound), recentWindow.upperBound)
        let recent = min(window, n)
        return (n - recent, recent)
    }

    /// sup |F₁(x) − F₂(x)| over the two sorted samples' right-continuous empirical CDFs, taken
    /// at each distinct value x of either sample (walking both until one runs out).
    ///
    /// A run of `a`'s values below `b`'s next one is not walked value by value: F₂ stays put
    /// while F₁ rises, so |F₁ − F₂| over the run is largest at one of its ends (in floating point
    /// too: i / nₐ is monotone in i, and so is the difference). Its first end never needs a look.
    /// Where F₁ is still below F₂ there, the step before the run (`b`'s, with the same F₂ and a
    /// smaller F₁) had the larger gap; where it is not, the run's last end has. With no step
    /// before, F₂ is 0 and the gap only grows. So a run costs one search, and the drift's
    /// baselines (tens of thousands of values against ≤ 250 recent ones) are not walked.
    public static func ksStatistic(_ a: [Double], _ b: [Double]) -> Double {
        guard !a.isEmpty, !b.isEmpty else { return 0 }
        var d = 0.0
        let na = Double(a.count)
        let nb = Double(b.count)
        a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                var i = 0
                var j = 0
                while i < a.count, j < b.count {
                    if a[i] < b[j] {
                        // The run's last step: past every value below b[j].
                        let next = b[j]
                        i = firstIndex(in: a, from: i) { $0 >= next }
                        d = max(d, abs(Double(i) / na - Double(j) / nb))
                    } else {
                        let x = b[j]
                        i = firstIndex(in: a, from: i) { $0 > x }
                        j = firstIndex(in: b, from: j) { $0 > x }
                        d = max(d, abs(Double(i) / na - Double(j) / nb))
                    }
                }
            }
        }
        return d
    }

    /// The first index at or after `start` of sorted `values` whose value satisfies `isPast`
    /// (false, then true), or `values.count`: galloping out from `start`, since most runs are
    /// short, then halving.
    @inline(__always)
    static func firstIndex(in values: UnsafeBufferPointer<Double>, from start: Int, where isPast: (Double) -> Bool) -> Int {
        var low = start  // every index before `low` is known not past
        var step = 1
        var high = start
        while high < values.count, !isPast(values[high]) {
            low = high + 1
            high = start + step
            step *= 2
        }
        high = min(high, values.count)
        while low < high {
            let middle = low + (high - low) / 2
            if isPast(values[middle]) { high = middle } else { low = middle + 1 }
        }
        return low
    }

    /// Q(λ) = 2 Σₖ₌₁^∞ (−1)^(k−1) e^(−2k²λ²), the Kolmogorov distribution's survival function
    /// (scipy's `kstwobign.sf`). For λ < 1 the alternating series converges slowly, so there the
    /// equivalent 1 − (√(2π)/λ) Σₖ₌₁^∞ e^(−(2k−1)²π²/(8λ²)) is summed instead.
    public static func kolmogorovSurvival(_ lambda: Double) -> Double {
        guard lambda > 0 else { return 1 }
        if lambda < 1 {
            var sum = 0.0
            for k in 1...50 {
                let odd = Double(2 * k - 1)
                let term = exp(-odd * odd * .pi * .pi / (8 * lambda * lambda))
                sum += term
                if term < 1e-17 * sum { break }
            }
            return min(1, max(0, 1 - (2 * Double.pi).squareRoot() / lambda * sum))
        }
        var sum = 0.0
        for k in 1...100 {
            let term = exp(-2 * Double(k * k) * lambda * lambda)
            sum += k % 2 == 1 ? term : -term
            if term < 1e-17 { break }
        }
        return min(1, max(0, 2 * sum))
    }

    /// Σ (r − b) ln(r / b) over ten bins cut at the baseline's deciles (linear interpolation
    /// between order statistics); a value equal to a cut goes to the bin above it; empty shares
    /// count as 1e-4. `baseline` is sorted (its deciles are read from it).
    public static func psi(baseline: [Double], recent: [Double]) -> Double {
        let cuts = (1...9).map { Quantile.linear(baseline, Double($0) / 10) }
        let cutsAscend = zip(cuts, cuts.dropFirst()).allSatisfy { $0 <= $1 }
        func shares(_ values: [Double]) -> [Double] {
            var counts = [Int](repeating: 0, count: 10)
            if cutsAscend, zip(values, values.dropFirst()).allSatisfy({ $0 <= $1 }) {
                // Sorted values: the bin of k cuts is the run from the first value at or above
                // cut k − 1 to the first at or above cut k. Ten searches, not one per value.
                var runStart = 0
                values.withUnsafeBufferPointer { values in
                    for (bin, cut) in cuts.enumerated() {
                        let runEnd = firstIndex(in: values, from: runStart) { $0 >= cut }
                        counts[bin] = runEnd - runStart
                        runStart = runEnd
                    }
                }
                counts[9] = values.count - runStart
                return counts.map { max(Double($0) / Double(values.count), 1e-4) }
            }
            for value in values {
                // Number of cuts ≤ value.
                var lo = 0
                var hi = cuts.count
                while lo < hi {
                    let mid = (lo + hi) / 2
                    if cuts[mid] <= value { lo = mid + 1 } else { hi = mid }
                }
                counts[lo] += 1
            }
            return counts.map { max(Double($0) / Double(values.count), 1e-4) }
        }
        let b = shares(baseline)
        let r = shares(recent)
        return zip(b, r).reduce(0) { $0 + ($1.1 - $1.0) * log($1.1 / $1.0) }
    }

    /// The median of sorted values.
    static func median(_ sorted: [Double]) -> Double { Quantile.linear(sorted, 0.5) }
}

extension DriftResult.Status {
    /// From a (false-discovery-adjusted) q: drift below 0.05, possible below 0.15, else ok.
    public init(q: Double) {
        self = q < 0.05 ? .drift : q < 0.15 ? .possible : .ok
    }
}

/// Benjamini–Hochberg: the q-value of each p in one family of tests. Sorted ascending,
/// q₍ᵢ₎ = min over j ≥ i of (m / j) · p₍ⱼ₎, at most 1; m counts the tests that have a p. Order
/// and nils are kept.
public enum FalseDiscovery {
    public static func qValues(_ pValues: [Double?]) -> [Double?] {
        let tested = pValues.enumerated().compactMap { index, p in p.map { (index, $0) } }.sorted { $0.1 < $1.1 }
        let m = Double(tested.count)
        var q = [Double?](repeating: nil, count: pValues.count)
        var running = 1.0
        for rank in stride(from: tested.count - 1, through: 0, by: -1) {
            running = min(running, m / Double(rank + 1) * tested[rank].1)
            q[tested[rank].0] = min(1, running)
        }
        return q
    }

    /// Adjusts a family of tests together: each tested one gets its q and the status from it.
    public static func adjust<Test: DriftTest>(_ tests: inout [Test]) {
        for (index, q) in qValues(tests.map(\.pValue)).enumerated() {
            guard let q else { continue }
            tests[index].qValue = q
            tests[index].status = DriftResult.Status(q: q)
        }
    }
}

/// A drift test of one family: a p, the q adjusted over the family, and the status from q.
public protocol DriftTest {
    var pValue: Double? { get }
    var qValue: Double? { get set }
    var status: DriftResult.Status { get set }
}

extension DriftResult: DriftTest {}
extension FailureRateDrift: DriftTest {}

/// Whether a domain's share of validation failures changed: the recent window of its entries
/// against the baseline before it (the windows of the score drift, over all of the domain's
/// entries), by a two-sided two-proportion z-test with pooled variance.
public struct FailureRateDrift: Sendable, Equatable {
    public var domain: String
    public var baselineCount: Int
    public var recentCount: Int
    /// Share of validation failures in each window; nil when insufficient.
    public var baselineRate: Double?
    public var recentRate: Double?
    /// 2 · (1 − Φ(|z|)); 1 when every entry of both windows is alike (no variance); nil when
    /// insufficient.
    public var pValue: Double?
    /// Benjamini–Hochberg over the failure-rate tests of the report; alone, p.
    public var qValue: Double?
    public var status: DriftResult.Status
    /// `worse` when the recent share is higher, `better` when lower; nil when insufficient.
    public var direction: DriftResult.Direction?

    /// The metric name the reports use.
    public static let metric = "validation_failure_rate"

    /// `failures`: per entry of the domain in file order, whether it is a validation failure.
    public init(domain: String, failures: [Bool]) {
        self.init(domain: domain, entries: failures.count, failurePositions: failures.indices.filter { failures[$0] })
    }

    /// `entries`: the domain's entries; `failurePositions`: the positions among them (0-based,
    /// file order, ascending) of its validation failures.
    public init(domain: String, entries: Int, failurePositions: [Int]) {
        self.domain = domain
        (baselineCount, recentCount) = DriftResult.windows(entries)
        guard baselineCount >= DriftResult.minimumBaseline else {
            status = .insufficient
            return
        }
        let baseline = baselineCount
        let inBaseline = failurePositions.prefix { $0 < baseline }.count
        let x1 = Double(inBaseline)
        let n1 = Double(baselineCount)
        let x2 = Double(failurePositions.count - inBaseline)
        let n2 = Double(recentCount)
        let p1 = x1 / n1
        let p2 = x2 / n2
        baselineRate = p1
        recentRate = p2
        let pooled = (x1 + x2) / (n1 + n2)
        let variance = pooled * (1 - pooled) * (1 / n1 + 1 / n2)
        let p = variance > 0 ? erfc(abs(p2 - p1) / variance.squareRoot() / 2.0.squareRoot()) : 1
        pValue = p
        qValue = p
        status = DriftResult.Status(q: p)
        direction = p2 > p1 ? .worse : p2 < p1 ? .better : .unchanged
    }

    public var isAlert: Bool { status == .drift || status == .possible }
}

/// Quantiles of sorted values by linear interpolation between order statistics (numpy's default).
enum Quantile {
    static func linear(_ sorted: [Double], _ p: Double) -> Double {
        guard !sorted.isEmpty else { return .nan }
        let position = Double(sorted.count - 1) * p
        let lower = Int(position.rounded(.down))
        let upper = min(lower + 1, sorted.count - 1)
        return sorted[lower] + (sorted[upper] - sorted[lower]) * (position - Double(lower))
    }
}
