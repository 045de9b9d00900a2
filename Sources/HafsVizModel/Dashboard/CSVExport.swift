import Figures
import Foundation
import HafsVizCore

/// CSV of each panel's data: the numbers behind the picture, one file per panel.
public enum CSVExport {
    /// RFC 4180 field: quoted when it holds a comma, quote or line break.
    public static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Numbers as Swift prints them (shortest round-trip); empty for a missing value, `NaN` and
    /// `inf` spelled out so non-finite values are not lost.
    public static func number(_ value: Double?) -> String {
        guard let value else { return "" }
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "inf" : "-inf" }
        return "\(value)"
    }

    public static func table(_ header: [String], _ rows: [[String]]) -> String {
        ([header] + rows).map { $0.map(field).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    /// Every (domain, metric) value of the whole history: entry index, timestamp, value, whether
    /// the entry is a validation failure, and whether the shown views count it (time range,
    /// validation-failure toggle).
    public static func qualityTrends(_ model: DashboardModel) -> String {
        let history = model.snapshot.quality.data?.history ?? RejectionHistory()
        let counted = model.selection.counted
        let failures = history.validationFailureFlags()
        var rows: [[String]] = []
        // Every finite score, validation failures included (flagged), whatever the report counts.
        for trend in QualityTrend.compute(from: history) {
            for i in trend.values.indices {
                let time = trend.timestamps[i]
                let entry = Int(trend.entryIndices[i])
                rows.append([
                    trend.domain, trend.metric, "\(entry)", time.isFinite ? Format.isoDateTime(time) : "", number(trend.values[i]),
                    failures[entry] ? "true" : "false",
                    counted.indices.contains(entry) && counted[entry] ? "true" : "false",
                ])
            }
        }
        return table(["domain", "metric", "entry_index", "timestamp", "value", "validation_failure", "counted"], rows)
    }

    /// Trends' default view: per domain, the rolling mean of `overall` and its quartiles at each
    /// counted entry.
    public static func qualityRolling(_ model: DashboardModel) -> String {
        var rows: [[String]] = []
        for domain in model.rolling {
            for i in domain.band.x.indices {
                rows.append([
                    domain.domain, "\(Int(domain.band.x[i]))", number(domain.mean.ys[i]), number(domain.band.lower[i]),
                    number(domain.band.upper[i]),
                ])
            }
        }
        return table(["domain", "entry_index", "rolling_mean_\(DashboardModel.rollingWindow)", "rolling_q1", "rolling_q3"], rows)
    }

    /// Rejections per reason inside the time range (the Reasons view).
    public static func historyReasons(_ model: DashboardModel) -> String {
        table(["reason", "entries", "time_range"], model.reasonCounts.map { [$0.name, "\($0.count)", model.filter.range.name] })
    }

    /// `generator_stats`' cumulative rejections per reason, over all generators.
    public static func rejectionTotals(_ model: DashboardModel) -> String {
        table(["reason", "rejected"], model.snapshot.derived.rejectionTotals.map { [$0.name, "\($0.count)"] })
    }

    /// Each region domain's share of the samples (a region's domain is its last sample's).
    public static func domainCoverage(_ model: DashboardModel) -> String {
        table(["domain", "share_of_samples"], (model.snapshot.derived.coverage?.domainCoverage ?? []).map { [$0.name, number($0.value)] })
    }

    /// Coverage score and the region density figures behind it.
    public static func coverageSummary(_ model: DashboardModel) -> String {
        guard let coverage = model.snapshot.derived.coverage else { return table(["figure", "value"], []) }
        let counts = (model.snapshot.activeLearning.data?.regions ?? []).map(\.sampleCount)
        return table(
            ["figure", "value"],
            [
                ["regions", "\(coverage.regionCount)"], ["total_samples", "\(coverage.totalSamples)"],
                ["coverage_score", number(coverage.coverageScore)], ["mean_samples", number(coverage.meanSamples)],
                ["std_samples", number(coverage.standardDeviation)], ["min_samples", counts.min().map { "\($0)" } ?? ""],
                ["max_samples", counts.max().map { "\($0)" } ?? ""], ["sparse_regions", "\(coverage.sparseRegions.count)"],
                ["below_mean_regions", "\(coverage.belowMeanCount)"],
            ])
    }

    /// Each run's `domain_distribution`, one row per (run, domain).
    public static func domainMix(_ model: DashboardModel) -> String {
        let runs = model.snapshot.training.data?.runs ?? []
        return table(
            ["run", "start_time", "domain", "samples"],
            runs.flatMap { run in
                run.domainDistribution.map { [run.id, run.startTime ?? "", $0.name, "\($0.count)"] }
            })
    }

    /// Name/value pairs as the file gives them (non-finite values spelled out).
    public static func namedValues(_ values: [NamedValue], header: [String]) -> String {
        table(header, values.map { [$0.name, number($0.value)] })
    }

    /// Generators with counts, acceptance rate and one column per rejection reason.
    public static func generatorStats(_ model: DashboardModel) -> String {
        let matrix = model.snapshot.derived.rejectionMatrix
        let generators = model.snapshot.quality.data?.generators ?? []
        let rows = generators.enumerated().map { index, generator in
            [
                "\(generator.name)", "\(generator.samplesGenerated)", "\(generator.samplesAccepted)", "\(generator.samplesRejected)",
                number(generator.acceptanceRate), number(generator.avgQualityScore),
            ]
                + (index < matrix.counts.count ? matrix.counts[index].map { "\($0)" } : [])
        }
        return table(
            ["generator", "generated", "accepted", "rejected", "acceptance_rate", "avg_quality"] + matrix.reasons.map { "rejected_\($0)" },
            rows)
    }

    /// Regions: index, domain, sample count, sparse flag, PCA position.
    public static func embeddingRegions(_ model: DashboardModel) -> String {
        let regions = model.snapshot.activeLearning.data?.regions ?? []
        let sparse = Set(model.snapshot.derived.coverage?.sparseRegions ?? [])
        let points = model.snapshot.derived.regionMap?.points ?? []
        let rows = regions.enumerated().map { index, region in
            let point = index < points.count ? points[index] : nil
            return [
                "\(index)", region.domain, "\(region.sampleCount)", sparse.contains(index) ? "true" : "false",
                number(point?.x), number(point?.y), number(region.avgQuality),
            ]
        }
        return table(["region", "domain", "sample_count", "sparse", "pca_x", "pca_y", "avg_quality"], rows)
    }

    /// Runs with loss, samples, times, duration and eval metrics (one column per metric name).
    public static func trainingRuns(_ model: DashboardModel) -> String {
        let runs = model.snapshot.training.data?.runs ?? []
        var metricNames: [String] = []
        for run in runs { for metric in run.evalMetrics where !metricNames.contains(metric.name) { metricNames.append(metric.name) } }
        let rows = runs.map { run in
            [
                run.id, run.modelName, run.baseModel, "\(run.samplesCount)", number(run.finalLoss), run.isRunning ? "true" : "false",
                run.startTime ?? "", run.endTime ?? "", number(run.durationSeconds),
            ]
                + metricNames.map { name in number(run.evalMetrics.first { $0.name == name }?.value) }
        }
        return table(
            ["run", "model", "base_model", "samples", "final_loss", "running", "start_time", "end_time", "duration_s"]
                + metricNames.map { "eval_\($0)" }, rows)
    }
}
