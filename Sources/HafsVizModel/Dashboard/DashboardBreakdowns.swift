// The figures behind the Dashboard's grouped and diverging bar views (Region density, Run
// comparison, Domain mix, Domain and Threshold effectiveness), made once here so the window
// and the terminal draw the same numbers under the same titles.

import Figures
import Foundation
import HafsVizCore

/// Samples per region by domain: the smallest, mean and largest region of each domain, with the
/// sparse line at 0.5 × the mean of all regions.
public struct RegionDensity: Sendable {
    /// Domains in the coverage figures' first-seen order.
    public var domains: [String]
    /// How many regions each domain has.
    public var regionCounts: [Int]
    /// NaN for a domain without regions (it cannot happen from the file, but is not faked).
    public var minimum: [Double]
    public var mean: [Double]
    public var maximum: [Double]
    /// Regions below this many samples are sparse (0.5 × μ).
    public var sparseBelow: Double

    /// What a region's domain means, said wherever domains of regions are shown.
    public static let domainNote = "a region's domain is that of the sample assigned to it last"
    public static let title = "Samples per region by domain: min, mean, max (\(domainNote))"
    public var sparseLabel: String { "sparse below 0.5 × mean (\(Format.value(sparseBelow)))" }

    public init(regions: [EmbeddingRegion], coverage: CoverageFigures) {
        domains = coverage.domainCoverage.map(\.name)
        let perDomain = domains.map { domain in regions.filter { $0.domain == domain }.map { Double($0.sampleCount) } }
        regionCounts = perDomain.map(\.count)
        minimum = perDomain.map { $0.min() ?? .nan }
        mean = perDomain.map { $0.isEmpty ? .nan : $0.reduce(0, +) / Double($0.count) }
        maximum = perDomain.map { $0.max() ?? .nan }
        sparseBelow = coverage.meanSamples * 0.5
    }

    /// A figure as the views write it: one decimal, "—" where there is none.
    public static func text(_ value: Double) -> String { value.isFinite ? Format.value((value * 10).rounded() / 10) : "—" }
}

/// Final loss and every eval metric of each finished run, best final loss first (runs still
/// going have neither yet).
public struct RunComparison: Sendable {
    /// Finished runs, best final loss first, then those without a finite one.
    public var runs: [TrainingRun]
    /// "final loss", then every eval metric in first-seen order.
    public var series: [String]
    /// `values[series][run]`; NaN where a run has no such figure.
    public var values: [[Double]]
    /// Finished runs whose final loss is NaN.
    public var diverged: Int

    public init(runsBestFirst: [TrainingRun]) {
        runs = runsBestFirst.filter { !$0.isRunning }
        var metrics: [String] = []
        for run in runs { for metric in run.evalMetrics where !metrics.contains(metric.name) { metrics.append(metric.name) } }
        series = ["final loss"] + metrics
        let finished = runs
        values = series.map { name in
            finished.map { run in name == "final loss" ? run.finalLoss ?? .nan : run.evalMetrics.first { $0.name == name }?.value ?? .nan }
        }
        diverged = runs.filter { $0.finalLoss?.isNaN == true }.count
    }

    /// The view's title when the first `shown` runs are drawn.
    public func title(shown: Int) -> String {
        var title =
            shown < runs.count
            ? "Run comparison: the best \(shown) of \(runs.count) finished runs by final loss (all in the Run table)"
            : "Run comparison: final loss and eval metrics (\(runs.count) finished runs)"
        if diverged > 0 { title += " · \(diverged) diverged (final loss NaN)" }
        return title
    }

    /// A value as the bars label it; empty where there is none.
    public static func text(_ value: Double) -> String { value.isFinite ? Format.value(value, significant: 3) : "" }
}

/// Each run's samples per domain, runs in start order: stacked bars, one layer per domain.
public struct DomainMix: Sendable {
    public var runs: [TrainingRun]
    /// Every domain any run has, in first-seen order.
    public var domains: [String]
    /// `layers[domain][run]`: that run's samples of the domain (0 when it has none).
    public var layers: [[Double]]

    public static let title = "Samples per domain in each run (runs in start order)"

    public init(runs unordered: [TrainingRun]) {
        runs = unordered.sorted { ($0.startTime ?? "") < ($1.startTime ?? "") }
        var domains: [String] = []
        for run in runs { for entry in run.domainDistribution where !domains.contains(entry.name) { domains.append(entry.name) } }
        self.domains = domains
        let ordered = runs
        layers = domains.map { domain in ordered.map { run in Double(run.domainDistribution.first { $0.name == domain }?.count ?? 0) } }
    }
}

/// Signed effectiveness values as the file reports them (> 0 helped), as diverging bars.
public struct EffectivenessBars: Sendable {
    public var entries: [NamedValue]
    public var title: String
    /// What each bar is labelled with (the entry's name, or "threshold 0.7").
    public var labels: [String]

    /// `domain_effectiveness` in file order; the title counts NaN values.
    public static func domains(_ training: TrainingFeedback?) -> EffectivenessBars {
        let values = training?.domainEffectiveness ?? []
        let finite = values.filter { $0.value.isFinite }
        var title = "Domain effectiveness (as the file reports it; > 0 helped)"
        if finite.isEmpty, !values.isEmpty {
            title = "Domain effectiveness: every value is NaN (the producer writes NaN when a run diverged)"
        } else if finite.count < values.count {
            title += " · \(values.count - finite.count) NaN"
        }
        return EffectivenessBars(entries: values, title: title, labels: values.map(\.name))
    }

    /// `quality_threshold_effectiveness` in threshold order (names that are not numbers last).
    public static func thresholds(_ training: TrainingFeedback?) -> EffectivenessBars {
        let entries = (training?.thresholdEffectiveness ?? []).sorted {
            (Double($0.name) ?? .infinity) < (Double($1.name) ?? .infinity)
        }
        return EffectivenessBars(
            entries: entries, title: "Quality-threshold effectiveness (as the file reports it; > 0 helped)",
            labels: entries.map { "threshold \($0.name)" })
    }

    /// A value as the bars label it: signed, three decimals.
    public static func text(_ value: Double) -> String { Format.signed(value, 3) }
}
