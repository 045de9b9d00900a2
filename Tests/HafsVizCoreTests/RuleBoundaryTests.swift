import Foundation
import Testing

@testable import HafsVizCore

/// Each derived-figure rule pinned at its boundary, so a change of window, cut-off, threshold,
/// factor or comparison fails. Every expected value is a literal worked out by hand or in Python
/// (`mean(v[-5:]) - mean(v[:5])` with `sum(v) / len(v)`, the same IEEE operations in the same
/// order), never taken from the code under test.
@Suite("Rule boundaries")
struct RuleBoundaryTests {
    /// The trend of one (domain, metric) whose history holds `values` (JSON tokens: numbers,
    /// `NaN`, `Infinity`, `null`), read through the decoder and `QualityTrend.compute`.
    func trend(_ values: [String], metric: String = "overall") throws -> QualityTrend {
        let entries = values.enumerated().map { index, value in
            #"{"sample_id": "s\#(index)", "domain": "d", "generator": "g", "reason": "other", "scores": {"\#(metric)": \#(value)}}"#
        }
        let quality = try decodeQuality(#"{"rejection_history": ["# + entries.joined(separator: ", ") + "]}")
        let trends = QualityTrend.compute(from: quality.history)
        try #require(trends.count == 1)
        return trends[0]
    }

    func numbers(_ values: [Double]) -> [String] { values.map { "\($0)" } }

    // MARK: - Trend direction

    @Test("4 finite values are insufficient; 5 are enough (first 5 = last 5: stable)")
    func countCutOff() throws {
        #expect(try trend(numbers([0.1, 0.2, 0.3, 0.9])).direction == .insufficient)
        #expect(try trend(numbers([0.1, 0.2, 0.3, 0.9, 0.1])).direction == .stable)
    }

    @Test("non-finite values never count: 4 finite among NaN, ±Infinity and null stay insufficient")
    func nonFiniteDoNotCount() throws {
        let four = try trend(["0.1", "NaN", "0.2", "Infinity", "0.3", "-Infinity", "null", "0.9"])
        #expect(four.direction == .insufficient)
        #expect(four.count == 4 && four.nonFiniteCount == 4)
        // Finite values 0.5 ×5 then 0.9 ×5, with non-finite ones in both windows: d = +0.4.
        // Counting a NaN in a window would make d NaN (stable); counting it as 0 would move both means.
        let ten = try trend(["0.5", "NaN", "0.5", "Infinity", "0.5", "0.5", "0.5", "null", "0.9", "0.9", "-Infinity", "0.9", "0.9", "0.9"])
        #expect(ten.values == [0.5, 0.5, 0.5, 0.5, 0.5, 0.9, 0.9, 0.9, 0.9, 0.9])
        #expect(ten.nonFiniteCount == 4)
        #expect(ten.direction == .improving)
        // Python: sum([0.5] * 5 + [0.9] * 5) / 10 == 0.7000000000000001 (left-to-right sum).
        #expect(ten.mean == 0.7000000000000001, "mean of the finite values only")
    }

    @Test("the window is exactly 5: a sequence only a 5-value window calls a trend")
    func windowIsFive() throws {
        // Windows of 1–4 and 6–7 give d = 0 here; only 5 gives −0.16 (declining) and +0.16 (improving).
        #expect(try trend(numbers([0.5, 0.5, 0.5, 0.5, 0.9, 0.1, 0.5, 0.5, 0.5, 0.5])).direction == .declining)
        #expect(try trend(numbers([0.5, 0.5, 0.5, 0.5, 0.1, 0.9, 0.5, 0.5, 0.5, 0.5])).direction == .improving)
    }

    @Test("thresholds: d = ±0.0499 is stable, ±0.0501 is a trend, exactly ±0.05 is stable")
    func thresholds() throws {
        let base = [Double](repeating: 0.5, count: 5)
        // d = 0.049900000000000055, 0.05010000000000003, −0.049899999999999944, −0.05009999999999992.
        #expect(try trend(numbers(base + [Double](repeating: 0.5499, count: 5))).direction == .stable)
        #expect(try trend(numbers(base + [Double](repeating: 0.5501, count: 5))).direction == .improving)
        #expect(try trend(numbers(base + [Double](repeating: 0.4501, count: 5))).direction == .stable)
        #expect(try trend(numbers(base + [Double](repeating: 0.4499, count: 5))).direction == .declining)
        // 0.25 / 5 is the double nearest 0.05, so d is exactly ±0.05: not beyond the threshold.
        let zeros = [Double](repeating: 0, count: 5)
        #expect(try trend(numbers(zeros + [0.25, 0, 0, 0, 0])).direction == .stable)
        #expect(try trend(numbers([0.25, 0, 0, 0, 0] + zeros)).direction == .stable)
    }

    @Test("hallucination_risk is lower-is-better: the same numbers read the other way")
    func lowerIsBetterFlip() throws {
        let rising = numbers([Double](repeating: 0.1, count: 5) + [Double](repeating: 0.3, count: 5))
        let falling = numbers([Double](repeating: 0.3, count: 5) + [Double](repeating: 0.1, count: 5))
        #expect(try trend(rising, metric: "overall").direction == .improving)
        #expect(try trend(rising, metric: "hallucination_risk").direction == .declining)
        #expect(try trend(falling, metric: "overall").direction == .declining)
        #expect(try trend(falling, metric: "hallucination_risk").direction == .improving)
        // The flip happens before the threshold: risk down by 0.0501 improves, down by 0.0499 is stable.
        let base = [Double](repeating: 0.5, count: 5)
        #expect(try trend(numbers(base + [Double](repeating: 0.4499, count: 5)), metric: "hallucination_risk").direction == .improving)
        #expect(try trend(numbers(base + [Double](repeating: 0.4501, count: 5)), metric: "hallucination_risk").direction == .stable)
        #expect(try trend(numbers(base + [Double](repeating: 0.5501, count: 5)), metric: "hallucination_risk").direction == .declining)
        // Other metrics are higher-is-better.
        #expect(try trend(rising, metric: "diversity").direction == .improving)
    }

    // MARK: - Coverage

    func coverage(_ counts: [Int], domains: [String]? = nil) -> CoverageFigures {
        CoverageFigures(
            regions: counts.enumerated().map { index, count in
                var region = EmbeddingRegion()
                region.sampleCount = count
                region.domain = domains?[index] ?? "d"
                return region
            })
    }

    @Test("sparse is strictly below 0.5 × mean: exactly half is not sparse, just under is")
    func sparseBoundary() {
        // μ = 2000, 0.5 μ = 1000.
        #expect(coverage([1000, 2000, 3000]).sparseRegions == [])
        #expect(coverage([999, 2000, 3001]).sparseRegions == [0])
        #expect(coverage([1001, 1999, 3000]).sparseRegions == [])
        // μ = 20: 10 is exactly half.
        #expect(coverage([10, 20, 30]).sparseRegions == [])
        #expect(coverage([9, 20, 31]).sparseRegions == [0])
    }

    @Test("below_mean is strictly below the mean: a region at the mean is not counted")
    func belowMeanBoundary() {
        #expect(coverage([10, 20, 30]).belowMeanCount == 1)  // μ = 20: only 10
        #expect(coverage([20, 20, 20]).belowMeanCount == 0)
        #expect(coverage([19, 20, 21]).belowMeanCount == 1)
    }

    @Test("coverage score: 1 − σ/μ with population σ, clamped to [0, 1]")
    func coverageScore() {
        // Python: 1 - np.std([10, 20, 30]) / 20 = 0.591751709536137 (σ = 8.16496580927726).
        #expect(abs(coverage([10, 20, 30]).coverageScore - 0.591751709536137) < 1e-15)
        #expect(abs(coverage([10, 20, 30]).standardDeviation - 8.16496580927726) < 1e-13)
        // σ = μ exactly ([0, 50]: μ = 25, σ = 25) → 0; σ > μ → clamped to 0, never negative.
        #expect(coverage([0, 50]).coverageScore == 0)
        #expect(coverage([0, 0, 0, 100]).coverageScore == 0)  // σ = √1875 ≈ 43.3 > μ = 25
        #expect(coverage([7, 7]).coverageScore == 1)  // σ = 0
        #expect(coverage([0, 0]).coverageScore == 0)  // μ = 0
        #expect(coverage([]).coverageScore == 0)
    }

    @Test("domain coverage: each domain's share of all samples")
    func domainCoverage() {
        let figures = coverage([10, 30, 60], domains: ["a", "b", "a"])
        #expect(figures.domainCoverage == [NamedValue(name: "a", value: 0.7), NamedValue(name: "b", value: 0.3)])
        #expect(
            coverage([0, 0], domains: ["a", "b"]).domainCoverage == [NamedValue(name: "a", value: 0), NamedValue(name: "b", value: 0)])
    }

    // MARK: - Acceptance

    @Test("acceptance = accepted / (accepted + rejected); 0 when nothing was decided; generated plays no part")
    func acceptance() {
        func rate(generated: Int, accepted: Int, rejected: Int) -> Double {
            var stats = GeneratorStats(name: "g")
            stats.samplesGenerated = generated
            stats.samplesAccepted = accepted
            stats.samplesRejected = rejected
            return stats.acceptanceRate
        }
        #expect(rate(generated: 10, accepted: 0, rejected: 0) == 0)
        #expect(rate(generated: 0, accepted: 0, rejected: 0) == 0)
        #expect(rate(generated: 0, accepted: 0, rejected: 5) == 0)
        #expect(rate(generated: 0, accepted: 5, rejected: 0) == 1)
        #expect(rate(generated: 100, accepted: 3, rejected: 1) == 0.75)
        #expect(rate(generated: 3, accepted: 1, rejected: 2) == 1.0 / 3.0)
    }
}
