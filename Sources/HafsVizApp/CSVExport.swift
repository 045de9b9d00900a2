import Foundation
import HafsVizCore

/// CSV of each panel's data: the numbers behind the picture, one file per panel.
public enum CSVExport {
    /// RFC 4180 field: quoted when it holds a comma, quote or line break.
    static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Numbers as Swift prints them (shortest round-trip); empty for a missing value, `NaN` and
    /// `inf` spelled out so non-finite values are not lost.
    static func number(_ value: Double?) -> String {
        guard let value else { return "" }
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "inf" : "-inf" }
        return "\(value)"
    }

    static func table(_ header: [String], _ rows: [[String]]) -> String {
        ([header] + rows).map { $0.map(field).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    /// Every (domain, metric) value: entry index, timestamp, value.
    public static func qualityTrends(_ model: DashboardModel) -> String {
        var rows: [[String]] = []
        for trend in model.snapshot.derived.trends {
            for i in trend.values.indices {
                let time = trend.timestamps[i]
                rows.append([trend.domain, trend.metric, "\(trend.entryIndices[i])",
                             time.isFinite ? Ticks.formatDateTimeISO(time) : "", number(trend.values[i])])
            }
        }
        return table(["domain", "metric", "entry_index", "timestamp", "value"], rows)
    }

    /// Generators with counts, acceptance rate and one column per rejection reason.
    public static func generatorStats(_ model: DashboardModel) -> String {
        let matrix = model.snapshot.derived.rejectionMatrix
        let generators = model.snapshot.quality.data?.generators ?? []
        let rows = generators.enumerated().map { index, generator in
            ["\(generator.name)", "\(generator.samplesGenerated)", "\(generator.samplesAccepted)", "\(generator.samplesRejected)",
             number(generator.acceptanceRate), number(generator.avgQualityScore)]
                + (index < matrix.counts.count ? matrix.counts[index].map { "\($0)" } : [])
        }
        return table(["generator", "generated", "accepted", "rejected", "acceptance_rate", "avg_quality"] + matrix.reasons.map { "rejected_\($0)" }, rows)
    }

    /// Regions: index, domain, sample count, sparse flag, PCA position.
    public static func embeddingRegions(_ model: DashboardModel) -> String {
        let regions = model.snapshot.activeLearning.data?.regions ?? []
        let sparse = Set(model.snapshot.derived.coverage?.sparseRegions ?? [])
        let points = model.snapshot.derived.regionMap?.points ?? []
        let rows = regions.enumerated().map { index, region in
            let point = index < points.count ? points[index] : nil
            return ["\(index)", region.domain, "\(region.sampleCount)", sparse.contains(index) ? "true" : "false",
                    number(point?.x), number(point?.y), number(region.avgQuality)]
        }
        return table(["region", "domain", "sample_count", "sparse", "pca_x", "pca_y", "avg_quality"], rows)
    }

    /// Runs with loss, samples, times, duration and eval metrics (one column per metric name).
    public static func trainingRuns(_ model: DashboardModel) -> String {
        let runs = model.snapshot.training.data?.runs ?? []
        var metricNames: [String] = []
        for run in runs { for metric in run.evalMetrics where !metricNames.contains(metric.name) { metricNames.append(metric.name) } }
        let rows = runs.map { run in
            [run.id, run.modelName, run.baseModel, "\(run.samplesCount)", number(run.finalLoss), run.isRunning ? "true" : "false",
             run.startTime ?? "", run.endTime ?? "", number(run.durationSeconds)]
                + metricNames.map { name in number(run.evalMetrics.first { $0.name == name }?.value) }
        }
        return table(["run", "model", "base_model", "samples", "final_loss", "running", "start_time", "end_time", "duration_s"]
                     + metricNames.map { "eval_\($0)" }, rows)
    }
}

extension Ticks {
    /// `2025-12-21T22:55:31` (as the files write it, no zone).
    static func formatDateTimeISO(_ seconds: Double) -> String {
        formatDateTime(seconds).replacingOccurrences(of: " ", with: "T")
    }
}

import Immediate
