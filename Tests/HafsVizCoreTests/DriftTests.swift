import Foundation
import Testing

@testable import HafsVizCore

/// Drift figures against scipy and numpy (`Scripts/drift_reference.py` wrote `DriftReference`).
@Suite("Drift")
struct DriftTests {
    /// The reference script's sequence: x ← (1103515245 x + 12345) mod 2³¹, v = base + x/2³¹ × scale
    /// (+ shift from `shiftAt` on), quantized down to `decimals` places when ≥ 0.
    static func lcgValues(
        _ spec: (name: String, n: Int, seed: Int, base: Double, scale: Double, shiftAt: Int, shift: Double, decimals: Int)
    ) -> [Double] {
        var x = UInt64(spec.seed)
        var values: [Double] = []
        for i in 0..<spec.n {
            x = (1_103_515_245 &* x &+ 12345) % 2_147_483_648
            let v = spec.base + (Double(x) / 2_147_483_648) * spec.scale + (i >= spec.shiftAt ? spec.shift : 0.0)
            if spec.decimals >= 0 {
                let unit = pow(10, Double(spec.decimals))
                values.append((v * unit).rounded(.down) / unit)
            } else {
                values.append(v)
            }
        }
        return values
    }

    func expectMatches(_ result: DriftResult, _ row: DriftRow, _ context: String) {
        #expect(result.baselineCount == row.baseline && result.recentCount == row.recent, "\(context): counts")
        #expect(result.status.rawValue == row.status, "\(context): status \(result.status) vs \(row.status)")
        #expect(result.direction?.rawValue == row.direction, "\(context): direction")
        func close(_ a: Double?, _ b: Double?, _ relative: Double) -> Bool {
            guard let a, let b else { return a == nil && b == nil }
            return abs(a - b) <= relative * max(abs(b), 1e-300)
        }
        #expect(
            close(result.ksStatistic, row.d, 1e-12),
            "\(context): D \(String(describing: result.ksStatistic)) vs \(String(describing: row.d))")
        #expect(close(result.pValue, row.p, 1e-9), "\(context): p \(String(describing: result.pValue)) vs \(String(describing: row.p))")
        #expect(close(result.qValue, row.q, 1e-9), "\(context): q \(String(describing: result.qValue)) vs \(String(describing: row.q))")
        #expect(close(result.psi, row.psi, 1e-9), "\(context): PSI \(String(describing: result.psi)) vs \(String(describing: row.psi))")
    }

    @Test(
        "every (domain, metric) of the demo, validation failures left out, matches scipy's KS test, numpy's PSI and scipy's Benjamini–Hochberg q"
    )
    func demo() throws {
        let snapshot = try SnapshotLoader(directory: TestPaths.fixture("demo")).loadNow()
        let drift = snapshot.derived.drift
        #expect(drift.count == DriftReference.demo.count)
        for (result, row) in zip(drift, DriftReference.demo) {
            #expect(result.domain == row.label && result.metric == row.metric)
            expectMatches(result, row, "\(row.label)/\(row.metric)")
        }
        #expect(
            drift.contains { $0.domain == "dialogue" && $0.metric == "overall" && $0.status == .drift && $0.direction == .worse },
            "the demo's dialogue quality declines, visibly")
    }

    @Test("each demo domain's share of validation failures: scipy's two-proportion z-test and Benjamini–Hochberg q")
    func demoFailureRates() throws {
        let snapshot = try SnapshotLoader(directory: TestPaths.fixture("demo")).loadNow()
        let rates = snapshot.derived.failureRateDrift
        #expect(rates.map(\.domain) == DriftReference.demoFailureRates.map(\.domain))
        func close(_ a: Double?, _ b: Double?) -> Bool {
            guard let a, let b else { return a == nil && b == nil }
            return abs(a - b) <= 1e-9 * max(abs(b), 1e-300)
        }
        for (rate, row) in zip(rates, DriftReference.demoFailureRates) {
            #expect(rate.baselineCount == row.baseline && rate.recentCount == row.recent, "\(row.domain): windows")
            #expect(close(rate.baselineRate, row.baselineRate) && close(rate.recentRate, row.recentRate), "\(row.domain): shares")
            #expect(
                close(rate.pValue, row.p) && close(rate.qValue, row.q),
                "\(row.domain): p \(String(describing: rate.pValue)) q \(String(describing: rate.qValue))")
            #expect(rate.status.rawValue == row.status && rate.direction?.rawValue == row.direction, "\(row.domain): status, direction")
        }
        #expect(snapshot.derived.validationFailures == 33 && !snapshot.derived.includesValidationFailures)
    }

    @Test("Benjamini–Hochberg by hand: q = min over the larger ranks of m/rank · p, capped at 1; untested stay nil")
    func falseDiscoveryByHand() {
        // m = 4 tests: sorted p 0.01, 0.02, 0.03, 0.5 → 4·0.01 = 0.04, 4/2·0.02 = 0.04, 4/3·0.03 = 0.04, 4/4·0.5 = 0.5.
        let q = FalseDiscovery.qValues([0.5, 0.01, nil, 0.03, 0.02])
        #expect(q[2] == nil)
        #expect(zip([q[0], q[1], q[3], q[4]], [0.5, 0.04, 0.04, 0.04]).allSatisfy { abs(($0 ?? -1) - $1) < 1e-15 }, "\(q)")
        // A large p ranks last but never pushes q above 1; a smaller p later in rank lowers earlier q.
        let capped = FalseDiscovery.qValues([0.9, 0.95])
        #expect(capped.map { $0 ?? -1 } == [0.95, 0.95], "min(2/1·0.9, 2/2·0.95) = 0.95 for both")
    }

    @Test("two-proportion z by hand: 2 of 40 against 10 of 40 failed; the same share; no failures at all")
    func failureRateByHand() {
        // 60 entries: recent = max(⌈60/4⌉, 20) = 20, baseline the 40 before.
        let flags = (0..<40).map { $0 < 2 } + (0..<20).map { $0 < 5 }
        let rate = FailureRateDrift(domain: "d", failures: flags)
        #expect(rate.baselineCount == 40 && rate.recentCount == 20)
        // p1 = 2/40 = 0.05, p2 = 5/20 = 0.25, pooled 7/60; se = √(7/60 · 53/60 · (1/40 + 1/20)) = 0.0879157;
        // z = 0.2 / se = 2.274907; p = 2·(1 − Φ(z)) = 0.0229115 (scipy: 2·norm.sf(z) = 0.02291150541909809).
        #expect(abs((rate.pValue ?? 0) - 0.02291150541909809) < 1e-12, "\(String(describing: rate.pValue))")
        #expect(rate.status == .drift && rate.direction == .worse)
        let same = FailureRateDrift(domain: "d", failures: (0..<60).map { $0 % 10 == 0 })
        #expect(same.direction == .unchanged && same.status == .ok)
        let none = FailureRateDrift(domain: "d", failures: [Bool](repeating: false, count: 60))
        #expect(none.pValue == 1 && none.status == .ok, "no variance: nothing to test, p 1")
        #expect(FailureRateDrift(domain: "d", failures: [Bool](repeating: true, count: 30)).status == .insufficient)
    }

    @Test("synthetic sequences: stationary, shifted, lower-is-better, ties, the 20-value boundary, the 250-value window")
    func cases() {
        for (spec, row) in zip(DriftReference.caseSpecs, DriftReference.cases) {
            // A slice that does not start at 0, as a group of `ScoreGroups` is.
            let values = ([-1, -2, -3] + Self.lcgValues(spec)).dropFirst(3)
            let result = DriftResult(
                domain: "d", metric: row.metric, values: values,
                lowerIsBetter: QualityTrend.lowerIsBetterMetrics.contains(row.metric))
            expectMatches(result, row, spec.name)
        }
    }

    @Test("Q(λ): both series agree with scipy's kstwobign.sf, across the switch at λ = 1")
    func kolmogorov() {
        let scipy: [(Double, Double)] = [
            (0.05, 1.0), (0.3, 0.9999906941986655), (0.5, 0.9639452436648751), (0.9, 0.3927307079406543),
            (0.99, 0.2808738392255489), (1.0, 0.26999967167735456), (1.01, 0.25943416909359746),
            (1.5, 0.022217962616525127), (2.5, 7.453306344157342e-06), (4.0, 2.532833109818835e-14),
        ]
        for (lambda, expected) in scipy {
            let q = DriftResult.kolmogorovSurvival(lambda)
            #expect(
                abs(q - expected) <= 1e-12 * max(expected, 1e-300) || abs(q - expected) < 1e-15, "Q(\(lambda)) = \(q), scipy \(expected)")
        }
        #expect(DriftResult.kolmogorovSurvival(0) == 1 && DriftResult.kolmogorovSurvival(-1) == 1)
    }

    @Test("D by hand: disjoint samples give 1, equal ones 0, ties step together")
    func ksByHand() {
        #expect(DriftResult.ksStatistic([1, 2, 3], [4, 5]) == 1)
        #expect(DriftResult.ksStatistic([1, 2, 3], [1, 2, 3]) == 0)
        // F₁ = ECDF of {1, 2, 2, 3}, F₂ of {2, 2, 2, 2}: at x = 1 the gap is 1/4; at 2, |3/4 − 1| = 1/4.
        #expect(DriftResult.ksStatistic([1, 2, 2, 3], [2, 2, 2, 2]) == 0.25)
    }

    /// Sorted samples for the checks below: from a handful of values (many ties) or from many.
    static func samples(_ trials: Int) -> [(a: [Double], b: [Double])] {
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        return (0..<trials).map { trial in
            let distinct = trial % 2 == 0 ? 6 : 100_000
            let a = (0...next(300)).map { _ in Double(next(distinct)) / Double(distinct) }.sorted()
            let b = (0...next(40)).map { _ in Double(next(distinct)) / Double(distinct) }.sorted()
            return (a, b)
        }
    }

    @Test("D equals its definition, the largest |F₁(x) − F₂(x)| over every value x of either sample")
    func ksDefinition() {
        for (a, b) in DriftTests.samples(400) {
            let na = Double(a.count)
            let nb = Double(b.count)
            let gaps = (a + b).map { x in
                abs(Double(a.filter { $0 <= x }.count) / na - Double(b.filter { $0 <= x }.count) / nb)
            }
            let definition = gaps.max() ?? 0
            #expect(DriftResult.ksStatistic(a, b) == definition, "a \(a.count) values, b \(b.count)")
        }
    }

    @Test("PSI of sorted samples equals the bins counted value by value (a value on a cut goes above it)")
    func psiDefinition() {
        for (a, b) in DriftTests.samples(400) {
            let cuts = (1...9).map { Quantile.linear(a, Double($0) / 10) }
            func shares(_ values: [Double]) -> [Double] {
                var counts = [Int](repeating: 0, count: 10)
                for value in values { counts[cuts.filter { $0 <= value }.count] += 1 }
                return counts.map { max(Double($0) / Double(values.count), 1e-4) }
            }
            let definition = zip(shares(a), shares(b)).reduce(0) { $0 + ($1.1 - $1.0) * log($1.1 / $1.0) }
            #expect(DriftResult.psi(baseline: a, recent: b) == definition, "a \(a.count) values, b \(b.count)")
        }
    }

    @Test("a history whose scores repeat one pattern shows no drift, and a short one is insufficient")
    func noDrift() throws {
        let directory = TemporaryDirectory()
        let pattern = [0.61, 0.74, 0.55, 0.68, 0.7, 0.59, 0.66, 0.72, 0.63, 0.57]
        let entries =
            (0..<200).map { i in
                #"{"domain": "\#(i % 2 == 0 ? "a" : "b")", "scores": {"overall": \#(pattern[(i / 2) % 10]), "hallucination_risk": \#(1 - pattern[(i / 2) % 10])}}"#
            } + [#"{"domain": "short", "scores": {"overall": 0.5}}"#]
        try directory.write(.quality, #"{"rejection_history": [\#(entries.joined(separator: ","))]}"#)
        let snapshot = try SnapshotLoader(directory: directory.path).loadNow()
        let drift = snapshot.derived.drift
        #expect(drift.map(\.status) == [.ok, .ok, .ok, .ok, .insufficient], "\(drift.map(\.status))")
        #expect(drift.filter(\.isAlert).isEmpty)
        #expect(drift[0].baselineCount == 75 && drift[0].recentCount == 25)
    }
}
