import Figures
import Foundation

/// The `hafs-viz summary` report of a snapshot: as JSON (the documented shape) or as a table.
public struct SummaryReport: Sendable {
    public let snapshot: Snapshot
    /// The derived figures reported: the snapshot's (validation failures left out of trends and
    /// score drift), or computed again with them counted in.
    public let derived: DerivedFigures

    /// The directory as the report names it (`host:/path` for one read through its copy).
    public var directory: String { snapshot.directory }

    public init(_ snapshot: Snapshot, includeValidationFailures: Bool = false) {
        self.snapshot = snapshot
        derived = includeValidationFailures ? snapshot.derived.countingValidationFailures(in: snapshot.quality.data) : snapshot.derived
    }

    /// 0 when every present source is ok, 1 when any failed.
    public var exitCode: Int32 { snapshot.errors.isEmpty ? 0 : 1 }

    // MARK: - JSON

    /// The documented shape; a section is left out when its source has no data to show.
    public func json() -> OrderedJSON {
        var members: [(String, OrderedJSON)] = [("directory", .string(directory))]
        members.append(
            (
                "files",
                .object(
                    snapshot.statuses.map { file, status in
                        var entry: [(String, OrderedJSON)] = [("status", .string(status.name))]
                        if case .failed(let error) = status { entry.append(("error", .string(error.description))) }
                        return (file, .object(entry))
                    })
            ))
        if let quality = snapshot.quality.data {
            members.append(
                (
                    "generators",
                    .array(
                        quality.generators.map { generator in
                            .object([
                                ("name", .string(generator.name)),
                                ("generated", .int(generator.samplesGenerated)),
                                ("accepted", .int(generator.samplesAccepted)),
                                ("rejected", .int(generator.samplesRejected)),
                                ("acceptance_rate", .number(generator.acceptanceRate)),
                                ("avg_quality", .number(generator.avgQualityScore)),
                                ("rejection_reasons", .object(generator.rejectionReasons.map { ($0.name, .int($0.count)) })),
                            ])
                        })
                ))
            members.append(("rejection_reasons", .object(derived.rejectionTotals.map { ($0.name, .int($0.count)) })))
            members.append(
                (
                    "trends",
                    .array(
                        derived.trends.map { trend in
                            .object([
                                ("domain", .string(trend.domain)),
                                ("metric", .string(trend.metric)),
                                ("count", .int(trend.count)),
                                ("mean", .number(trend.mean)),
                                ("direction", .string(trend.direction.rawValue)),
                            ])
                        })
                ))
            members.append(
                (
                    "validation_failures",
                    .object([
                        ("count", .int(derived.validationFailures)), ("left_out", .bool(!derived.includesValidationFailures)),
                    ])
                ))
            members.append(
                (
                    "drift",
                    .array(
                        derived.drift.map { drift in
                            .object([
                                ("domain", .string(drift.domain)),
                                ("metric", .string(drift.metric)),
                                ("baseline_count", .int(drift.baselineCount)),
                                ("recent_count", .int(drift.recentCount)),
                                ("ks_statistic", .number(drift.ksStatistic)),
                                ("p_value", .number(drift.pValue)),
                                ("q_value", .number(drift.qValue)),
                                ("psi", .number(drift.psi)),
                                ("status", .string(drift.status.rawValue)),
                                ("direction", drift.direction.map { .string($0.rawValue) } ?? .null),
                            ])
                        }
                            + derived.failureRateDrift.map { rate in
                                .object([
                                    ("domain", .string(rate.domain)),
                                    ("metric", .string(FailureRateDrift.metric)),
                                    ("baseline_count", .int(rate.baselineCount)),
                                    ("recent_count", .int(rate.recentCount)),
                                    ("baseline_rate", .number(rate.baselineRate)),
                                    ("recent_rate", .number(rate.recentRate)),
                                    ("p_value", .number(rate.pValue)),
                                    ("q_value", .number(rate.qValue)),
                                    ("status", .string(rate.status.rawValue)),
                                    ("direction", rate.direction.map { .string($0.rawValue) } ?? .null),
                                ])
                            })
                ))
        }
        if snapshot.activeLearning.data != nil, let coverage = derived.coverage {
            members.append(
                (
                    "regions",
                    .object([
                        ("count", .int(coverage.regionCount)),
                        ("total_samples", .int(coverage.totalSamples)),
                        ("coverage_score", .number(coverage.coverageScore)),
                        ("sparse", .int(coverage.sparseRegions.count)),
                        ("below_mean", .int(coverage.belowMeanCount)),
                        ("domain_coverage", .object(coverage.domainCoverage.map { ($0.name, .number($0.value)) })),
                    ])
                ))
        }
        if let training = snapshot.training.data {
            members.append(
                (
                    "runs",
                    .array(
                        training.runs.map { run in
                            .object([
                                ("id", .string(run.id)),
                                ("model", .string(run.modelName)),
                                ("final_loss", .number(run.finalLoss)),
                                ("samples", .int(run.samplesCount)),
                                ("running", .bool(run.isRunning)),
                            ])
                        })
                ))
        }
        return .object(members)
    }

    // MARK: - Table

    /// A compact, readable text report, one block per source.
    public func table() -> String {
        var lines: [String] = ["hafs-viz summary of \(directory)"]
        if !snapshot.directoryExists { lines.append("  (directory does not exist)") }
        for (file, status) in snapshot.statuses {
            lines.append("")
            var head = "\(file): \(status.name)"
            if case .failed(let error) = status { head += "\n  error: \(error)" }
            lines.append(head)
            switch file {
            case snapshot.quality.fileName:
                guard let quality = snapshot.quality.data else { continue }
                lines += TextTable(
                    header: ["generator", "generated", "accepted", "rejected", "accept %", "avg quality"],
                    rows: quality.generators.map {
                        [
                            $0.name, "\($0.samplesGenerated)", "\($0.samplesAccepted)", "\($0.samplesRejected)",
                            Format.percent($0.acceptanceRate), Format.value($0.avgQualityScore, significant: 4),
                        ]
                    }
                ).lines(indent: 2)
                if !derived.rejectionTotals.isEmpty {
                    lines.append("  rejections: " + derived.rejectionTotals.map { "\($0.name) \($0.count)" }.joined(separator: ", "))
                }
                lines.append(
                    "  history: \(quality.history.count) entries · validation failures: \(derived.validationFailures)"
                        + (derived.includesValidationFailures
                            ? " (counted in the trends and score drift)"
                            : " (left out of the trends and score drift; --include-validation-failures counts them)"))
                lines += TextTable(
                    header: ["domain", "metric", "count", "mean", "direction"],
                    rows: derived.trends.map {
                        [
                            $0.domain, $0.metric, "\($0.count)" + ($0.nonFiniteCount > 0 ? " (+\($0.nonFiniteCount) non-finite)" : ""),
                            Format.value($0.mean, significant: 4), $0.direction.rawValue,
                        ]
                    }
                ).lines(indent: 2)
                let alerts =
                    derived.drift.filter(\.isAlert).map {
                        "\($0.domain)/\($0.metric) \($0.status.rawValue) \($0.direction?.rawValue ?? "") (p \(Format.value($0.pValue, significant: 4)), q \(Format.value($0.qValue, significant: 4)))"
                    }
                    + derived.failureRateDrift.filter(\.isAlert).map {
                        "\($0.domain)/\(FailureRateDrift.metric) \($0.status.rawValue) \($0.direction?.rawValue ?? "") "
                            + "(\(Format.percent($0.baselineRate ?? 0)) → \(Format.percent($0.recentRate ?? 0)), q \(Format.value($0.qValue, significant: 4)))"
                    }
                lines.append("  drift: " + (alerts.isEmpty ? "none" : alerts.joined(separator: ", ")))
            case snapshot.activeLearning.fileName:
                guard snapshot.activeLearning.data != nil, let coverage = derived.coverage else { continue }
                lines.append(
                    "  regions \(coverage.regionCount) · samples \(coverage.totalSamples) · coverage score \(Format.value(coverage.coverageScore, significant: 4)) · sparse \(coverage.sparseRegions.count) · below mean \(coverage.belowMeanCount)"
                )
                if !coverage.domainCoverage.isEmpty {
                    lines.append(
                        "  domains: " + coverage.domainCoverage.map { "\($0.name) \(Format.percent($0.value))" }.joined(separator: ", "))
                }
            case snapshot.training.fileName:
                guard let training = snapshot.training.data else { continue }
                lines += TextTable(
                    header: ["run", "model", "final loss", "samples", "state"],
                    rows: training.runs.map {
                        [
                            $0.id, $0.modelName, Format.value($0.finalLoss, significant: 4), "\($0.samplesCount)",
                            $0.isRunning ? "running" : "done",
                        ]
                    }
                ).lines(indent: 2)
            default:
                continue
            }
        }
        return lines.joined(separator: "\n")
    }
}

/// Left-aligned text columns.
struct TextTable {
    var header: [String]
    var rows: [[String]]

    func lines(indent: Int) -> [String] {
        guard !rows.isEmpty else { return [] }
        let all = [header] + rows
        let widths = header.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
        let pad = String(repeating: " ", count: indent)
        return all.map { row in
            pad
                + row.indices.map { row[$0].padding(toLength: widths[$0], withPad: " ", startingAt: 0) }
                .joined(separator: "  ").trimmingSuffix()
        }
    }
}

extension String {
    func trimmingSuffix() -> String {
        var copy = self
        while copy.last == " " { copy.removeLast() }
        return copy
    }
}
