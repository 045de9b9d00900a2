import Figures
import HafsVizCore
import HafsVizModel
import Immediate

/// The Embedding Coverage panel's other views of `active_learning.json`.
enum CoverageViews {
    /// What a region's domain means, said wherever domains of regions are shown.
    static let domainNote = "a region's domain is that of the sample assigned to it last"

    /// Each domain's share of all region samples (a pie).
    static func domainShare(_ coverage: CoverageFigures, _ dashboard: Dashboard, _ ui: UIContext, _ rect: Rect) {
        ui.plot(
            "domain-coverage", rect, title: "Domain coverage: share of \(coverage.totalSamples) samples (\(domainNote))",
            highlight: dashboard.selection[.domain]
        ) { p in
            p.pie(coverage.domainCoverage.map(\.name), values: coverage.domainCoverage.map(\.value))
        }
    }

    /// The coverage score as a gauge, with how it is made.
    static func scoreGauge(_ coverage: CoverageFigures, _ ui: UIContext, _ rect: Rect) {
        let formula =
            "1 − σ/μ of samples per region · μ \(Format.value(coverage.meanSamples)) · σ \(Format.value(coverage.standardDeviation))"
        ui.plot("coverage-gauge", rect, title: "Coverage score = \(formula)") { p in
            p.gauge(
                "coverage score", value: coverage.coverageScore, range: AxisRange(0, 1), color: ui.style.accent,
                valueText: Format.fixed(coverage.coverageScore, 3))
        }
    }

    /// Samples per region: the smallest, mean and largest region of each domain, side by side.
    static func density(_ regions: [EmbeddingRegion], _ coverage: CoverageFigures, _ dashboard: Dashboard, _ ui: UIContext, _ rect: Rect) {
        let domains = coverage.domainCoverage.map(\.name)
        let perDomain = domains.map { domain in regions.filter { $0.domain == domain }.map { Double($0.sampleCount) } }
        let minimum = perDomain.map { $0.min() ?? .nan }
        let mean = perDomain.map { $0.isEmpty ? .nan : $0.reduce(0, +) / Double($0.count) }
        let maximum = perDomain.map { $0.max() ?? .nan }
        let ticks = domains.enumerated().map { (value: Double($0.offset), label: "\($0.element) (\(perDomain[$0.offset].count))") }
        let format = { (values: [Double]) in values.map { $0.isFinite ? Format.value(($0 * 10).rounded() / 10) : "—" } }
        let result = ui.plot(
            "region-density", rect, title: "Samples per region by domain: min, mean, max (\(domainNote))",
            x: AxisOptions(ticks: ticks), y: AxisOptions(label: "samples per region", include: [0])
        ) { p in
            p.barGroups(
                ["min", "mean", "max"], values: [minimum, mean, maximum], valueTexts: [format(minimum), format(mean), format(maximum)])
            p.hline(
                coverage.meanSamples * 0.5, label: "sparse below 0.5 × mean (\(Format.value(coverage.meanSamples * 0.5)))",
                fitted: true)
        }
        if let selected = domains.firstIndex(where: { $0 == dashboard.selection[.domain] }) {
            SelectionMarks.outline(ui, result.transform, position: Double(selected), horizontal: false)
        }
        if let index = SelectionMarks.clickedCategory(ui, result, horizontal: false), domains.indices.contains(index) {
            dashboard.select(.domain, domains[index])
        }
    }
}
