import Figures
import HafsVizCore
import HafsVizModel
import Immediate

/// The Embedding Coverage panel's other views of `active_learning.json`.
enum CoverageViews {
    /// Each domain's share of all region samples (a pie).
    static func domainShare(_ coverage: CoverageFigures, _ dashboard: Dashboard, _ ui: UIContext, _ rect: Rect) {
        ui.plot(
            "domain-coverage", rect, title: "Domain coverage: share of \(coverage.totalSamples) samples (\(RegionDensity.domainNote))",
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
    static func density(_ density: RegionDensity, _ dashboard: Dashboard, _ ui: UIContext, _ rect: Rect) {
        let domains = density.domains
        let ticks = domains.enumerated().map { (value: Double($0.offset), label: "\($0.element) (\(density.regionCounts[$0.offset]))") }
        let format = { (values: [Double]) in values.map(RegionDensity.text) }
        let result = ui.plot(
            "region-density", rect, title: RegionDensity.title, x: AxisOptions(ticks: ticks),
            y: AxisOptions(label: "samples per region", include: [0])
        ) { p in
            p.barGroups(
                ["min", "mean", "max"], values: [density.minimum, density.mean, density.maximum],
                valueTexts: [format(density.minimum), format(density.mean), format(density.maximum)])
            p.hline(density.sparseBelow, label: density.sparseLabel, fitted: true)
        }
        if let selected = domains.firstIndex(where: { $0 == dashboard.selection[.domain] }) {
            SelectionMarks.outline(ui, result.transform, position: Double(selected), horizontal: false)
        }
        if let index = SelectionMarks.clickedCategory(ui, result, horizontal: false), domains.indices.contains(index) {
            dashboard.select(.domain, domains[index])
        }
    }
}
