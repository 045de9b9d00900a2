import Foundation
import Testing

@testable import HafsVizCore

/// Every figure of docs/data-format.md against values worked out by hand from `HandComputed`.
@Suite("Derived figures")
struct DerivedFiguresTests {
    let snapshot: Snapshot

    init() throws {
        let directory = TemporaryDirectory()
        try directory.write(.quality, HandComputed.quality)
        try directory.write(.activeLearning, HandComputed.activeLearning)
        try directory.write(.training, HandComputed.training)
        snapshot = try SnapshotLoader(directory: directory.path).loadNow()
    }

    @Test("all three sources read ok")
    func statuses() {
        #expect(snapshot.statuses.map(\.status) == [.ok, .ok, .ok])
        #expect(snapshot.errors.isEmpty)
    }

    @Test("acceptance rate = accepted / (accepted + rejected), 0 when both are 0")
    func acceptance() throws {
        let generators = try #require(snapshot.quality.data?.generators)
        #expect(generators.map(\.name) == ["alpha", "beta", "gämma"], "file order, \\u escapes decoded")
        #expect(generators[0].acceptanceRate == 0.6)  // 6 / (6 + 4)
        #expect(generators[1].acceptanceRate == 0)  // 0 / 0 → 0
        #expect(generators[2].acceptanceRate == 0.25)  // 1 / (1 + 3)
        #expect(generators[0].avgQualityScore == 0.7)
        #expect(generators[1].avgQualityScore == nil, "absent stays absent")
        #expect(generators[2].avgQualityScore?.isNaN == true, "NaN read as NaN")
    }

    @Test("rejection totals and the generator × reason matrix")
    func rejections() {
        let derived = snapshot.derived
        // alpha: low_diversity 3, duplicate 1; gämma: duplicate 2, too_short 1.
        #expect(
            derived.rejectionTotals == [
                NamedCount(name: "low_diversity", count: 3),
                NamedCount(name: "duplicate", count: 3),
                NamedCount(name: "too_short", count: 1),
            ])
        #expect(derived.rejectionMatrix.generators == ["alpha", "beta", "gämma"])
        #expect(derived.rejectionMatrix.counts == [[3, 1, 0], [0, 0, 0], [0, 2, 1]])
    }

    @Test("trends: first-seen order, finite values only, non-finite counted")
    func trends() throws {
        // The values, from the history as the snapshot's figures were computed from it.
        let history = try #require(snapshot.quality.data).history
        let selection = history.select(HistoryFilter(range: .all, includeValidationFailures: false))
        let trends = QualityTrend.compute(from: history, counted: selection.counted)
        #expect(snapshot.derived.trends == trends.map(TrendFigures.init), "the snapshot keeps these trends' figures")
        #expect(DerivedFigures.history(history, false).trends == trends.map(TrendFigures.init), "figures read in place")
        #expect(trends.map { "\($0.domain)/\($0.metric)" } == ["code/overall", "code/hallucination_risk", "math/overall", "qa/overall"])
        let codeOverall = trends[0]
        #expect(codeOverall.values == [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7])
        #expect(abs(try #require(codeOverall.mean) - 0.4) < 1e-12)
        #expect(codeOverall.entryIndices == [0, 1, 3, 4, 6, 7, 9])
        #expect(codeOverall.timestamps[3].isNaN, "\"not a time\" has no timestamp")
        // 2025-12-20T10:00:00 read as UTC: Python's calendar.timegm gives 1766224800.
        #expect(codeOverall.timestamps[0] == 1_766_224_800)
        #expect(codeOverall.timestamps[1] == 1_766_228_400)
        let risk = trends[1]
        #expect(risk.count == 6)
        #expect(risk.nonFiniteCount == 1, "Infinity counted, not averaged")
        #expect(abs(try #require(risk.mean) - 0.35) < 1e-12)
        let math = trends[2]
        #expect(math.values == [0.5, 0.5])
        #expect(math.nonFiniteCount == 1)
        #expect(snapshot.quality.data?.history.unreadableTimestamps == 1)
    }

    @Test("trend direction: mean(last 5) − mean(first 5), negated when lower is better")
    func directions() {
        let trends = snapshot.derived.trends
        // code/overall: first 5 mean 0.3, last 5 mean 0.5 → d = +0.2 → improving.
        #expect(trends[0].direction == .improving)
        // code/hallucination_risk: first 5 mean 0.3, last 5 mean 0.4 → d = −(0.4 − 0.3) = −0.1 → declining.
        #expect(trends[1].direction == .declining)
        // math/overall: 2 finite values → insufficient.
        #expect(trends[2].direction == .insufficient)
        // qa/overall: first 5 mean 0.5, last 5 mean 0.502 → d = 0.002 → stable.
        #expect(trends[3].direction == .stable)
    }

    @Test("coverage: score, sparse, below mean, domain coverage")
    func coverage() throws {
        let coverage = try #require(snapshot.derived.coverage)
        // counts 10, 20, 30, 40: μ = 25, σ = √((225 + 25 + 25 + 225) / 4) = √125.
        #expect(coverage.regionCount == 4)
        #expect(coverage.totalSamples == 100)
        #expect(coverage.meanSamples == 25)
        #expect(abs(coverage.standardDeviation - 125.0.squareRoot()) < 1e-12)
        #expect(abs(coverage.coverageScore - (1 - 125.0.squareRoot() / 25)) < 1e-12)  // 0.5527864…
        #expect(coverage.sparseRegions == [0])  // only 10 < 12.5
        #expect(coverage.belowMeanCount == 2)  // 10 and 20 < 25
        #expect(
            coverage.domainCoverage == [
                NamedValue(name: "code", value: 0.4),  // (10 + 30) / 100
                NamedValue(name: "math", value: 0.2),
                NamedValue(name: "qa", value: 0.4),
            ])
    }

    @Test("coverage edge cases: no regions, all-zero counts, one region")
    func coverageEdges() {
        #expect(CoverageFigures(regions: []).coverageScore == 0)
        var zero = EmbeddingRegion()
        zero.sampleCount = 0
        #expect(CoverageFigures(regions: [zero, zero]).coverageScore == 0, "μ = 0 → 0")
        var one = EmbeddingRegion()
        one.sampleCount = 7
        #expect(CoverageFigures(regions: [one]).coverageScore == 1, "σ = 0 → 1")
        // Very uneven: σ > μ clamps to 0.
        var big = EmbeddingRegion()
        big.sampleCount = 1000
        #expect(CoverageFigures(regions: [zero, zero, zero, big]).coverageScore == 0)
    }

    @Test("PCA: axis-aligned points project onto x then y, with explained variance")
    func pcaAxisAligned() throws {
        let map = try #require(snapshot.derived.regionMap)
        // Points (±3,0,0) and (0,±1,0): covariance diag(4.5, 0.5, 0) → PC1 = x, PC2 = y.
        let points = map.points.compactMap { $0 }
        #expect(points.count == 4)
        let expected: [SIMD2<Double>] = [SIMD2(3, 0), SIMD2(-3, 0), SIMD2(0, 1), SIMD2(0, -1)]
        for (point, want) in zip(points, expected) {
            #expect(abs(point.x - want.x) < 1e-9 && abs(point.y - want.y) < 1e-9, "\(point) vs \(want)")
        }
        #expect(abs(map.explainedVariance.x - 0.9) < 1e-9)
        #expect(abs(map.explainedVariance.y - 0.1) < 1e-9)
        #expect(map.excludedCount == 0)
    }

    @Test("PCA: a rotated ellipse recovers its axes; mismatched and non-finite centroids are excluded")
    func pcaRotated() {
        // Points on the line y = x (spread 2√2) plus a small spread along y = −x.
        func region(_ values: [Double]) -> EmbeddingRegion {
            var region = EmbeddingRegion()
            region.centroid = values
            return region
        }
        let regions = [
            region([2, 2]), region([-2, -2]), region([0.5, -0.5]), region([-0.5, 0.5]),
            region([1, 2, 3]), region([.nan, 1]),
        ]
        let map = RegionMap(regions: regions, embeddingDim: nil)
        #expect(map.dimension == 2)
        #expect(map.excludedCount == 2)
        #expect(map.points[4] == nil && map.points[5] == nil)
        let first = map.points[0] ?? .zero
        // Projection onto (1,1)/√2 of (2,2) is 2√2; onto the second axis 0.
        #expect(abs(abs(first.x) - 2 * 2.0.squareRoot()) < 1e-9)
        #expect(abs(first.y) < 1e-9)
        let third = map.points[2] ?? .zero
        #expect(abs(third.x) < 1e-9)
        #expect(abs(abs(third.y) - 0.5 * 2.0.squareRoot()) < 1e-9)
        // Variance 4·(8 + 8 + 0.5 + 0.5)/4 split 16/17 and 1/17.
        #expect(abs(map.explainedVariance.x - 16.0 / 17.0) < 1e-9)
        #expect(abs(map.explainedVariance.y - 1.0 / 17.0) < 1e-9)
    }

    @Test("PCA matches numpy's exact eigendecomposition of the covariance on clustered data")
    func pcaAgainstExact() {
        // Five clusters in 12-d (clustered, like real embeddings): close top eigenvalues. The same
        // LCG in Python fed numpy.linalg.eigh of the population covariance; its results are below.
        var state: UInt64 = 42
        func random() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) / Double(1 << 53) - 0.5
        }
        let d = 12
        let centers = (0..<5).map { _ in (0..<d).map { _ in random() * 6 } }
        let rows = (0..<400).map { i in centers[i % 5].map { $0 + random() } }
        let pca = PrincipalComponents(rows: rows, dimension: d)
        // numpy: eigenvalues 15.837, 5.934, 3.102, 1.499, …; explained λ1/Σλ and λ2/Σλ.
        #expect(abs(pca.explainedVariance.x - 0.5864860760015079) < 1e-9)
        #expect(abs(pca.explainedVariance.y - 0.21973834162779243) < 1e-9)
        let numpyAxes: [[Double]] = [
            [
                -0.2823946654074467, 0.08802294169247848, 0.17414899419665728, 0.03348721384222618, -0.30889385787650625, 0.519833242135912,
                0.4594596029124811, 0.331148495077362, -0.021362761056216543, 0.40063069806103685, -0.0644575496134872,
                -0.17185861037417255,
            ],
            [
                -0.45625724733707823, -0.25652586345112893, -0.23035267499876222, 0.05220087495033501, -0.4033964609314709,
                0.16308867489649204,
                -0.5545648684127484, -0.32224003527700035, -0.023921688214112422, 0.1314634476837308, -0.20159062665069918,
                -0.10504950845458559,
            ],
        ]
        for axis in 0..<2 {
            // Eigenvectors are defined up to sign: compare |cos|.
            let alignment = abs(zip(pca.axes[axis], numpyAxes[axis]).reduce(0) { $0 + $1.0 * $1.1 })
            #expect(alignment > 0.999999, "axis \(axis): |cos| = \(alignment)")
        }
        #expect(pca.iterations < 60, "converged in \(pca.iterations) steps")
    }

    @Test("runs: file order; in-progress runs kept with a null loss")
    func runs() throws {
        let runs = try #require(snapshot.training.data?.runs)
        #expect(runs.map(\.id) == ["run_a", "run_b", "run_c"])
        #expect(runs.map(\.isRunning) == [false, true, false])
        #expect(runs.map(\.finalLoss) == [1.5, nil, nil])
        #expect(runs[0].durationSeconds == 9000)
        #expect(runs[0].domainDistribution == [NamedCount(name: "code", count: 60), NamedCount(name: "math", count: 40)])
        #expect(runs[0].evalMetrics == [NamedValue(name: "accuracy", value: 0.71)])
        #expect(snapshot.training.data?.thresholdEffectiveness == [NamedValue(name: "0.7", value: 0.031)])
    }

    @Test("history keeps ids, names and scores by column")
    func historyColumns() throws {
        let history = try #require(snapshot.quality.data?.history)
        #expect(history.count == 16)
        #expect(history.sampleID(of: 0) == "c1")
        #expect(history.sampleID(of: 15) == "q6")
        #expect(history.generators[Int(history.entryGenerator[2])] == "gämma")
        #expect(history.scores(of: 0).map(\.value) == [0.1, 0.1])
    }
}

@Suite("Trend wording")
struct TrendWordingTests {
    @Test("the arrow shows which way the values moved; the words say whether that is better")
    func riskFalling() {
        // hallucination_risk falling from 0.6 to 0.3: an improvement, drawn ↓.
        var risk = QualityTrend(domain: "code", metric: "hallucination_risk")
        risk.values = [0.6, 0.6, 0.6, 0.6, 0.6, 0.3, 0.3, 0.3, 0.3, 0.3]
        #expect(risk.direction == .improving)
        #expect(risk.direction.describe(lowerIsBetter: risk.lowerIsBetter) == "↓ falling (better)")
        #expect(risk.direction.arrow(lowerIsBetter: risk.lowerIsBetter) == "↓")
        var overall = QualityTrend(domain: "code", metric: "overall")
        overall.values = risk.values
        #expect(overall.direction.describe(lowerIsBetter: overall.lowerIsBetter) == "↓ falling (worse)")
        overall.values.reverse()
        #expect(overall.direction.describe(lowerIsBetter: false) == "↑ rising (better)")
        risk.values.reverse()
        #expect(risk.direction.describe(lowerIsBetter: true) == "↑ rising (worse)")
    }
}
