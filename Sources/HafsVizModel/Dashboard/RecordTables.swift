// Record tables: runs, generators, domains and regions as rows to sort and filter, and every
// field of each record for the inspector. Built with the `DashboardModel`, off the main thread.

import Figures
import Foundation
import HafsVizCore

/// The kinds of record the Dashboard lists in tables and can select.
public enum RecordKind: String, Sendable, CaseIterable {
    case domain, generator, region, run

    /// The word for one record, in titles.
    public var noun: String { rawValue }
}

/// One kind of record as a table, with each row's fields for the inspector.
public struct RecordTable: Sendable {
    public var columns: [TableColumn] = []
    public var rows: [TableRow] = []
    /// How to list every field of each row's record, by row id. Built when asked: a region's
    /// centroid alone is hundreds of formatted numbers, and only the selected record is shown.
    private var fieldBuilders: [String: @Sendable () -> [InspectorField]] = [:]
    /// The inspector's title for each row id.
    public var titles: [String: String] = [:]

    public mutating func add(_ id: String, cells: [TableCell], title: String, fields: @escaping @Sendable () -> [InspectorField]) {
        rows.append(TableRow(id: id, cells: cells))
        fieldBuilders[id] = fields
        titles[id] = title
    }

    /// Every field of the record `id`; nil when there is none.
    public func fields(_ id: String) -> [InspectorField]? { fieldBuilders[id]?() }
}

/// Builds the four tables from a snapshot and the figures the model prepared.
public enum RecordTables {
    public static func value(_ value: Double?, digits: Int = 3) -> TableCell {
        guard let value else { return TableCell(nil, "—") }
        return TableCell(value, Format.fixed(value, digits))
    }

    public static func text(_ value: Double?) -> String {
        guard let value else { return "—" }
        return value.isFinite ? Format.value(value) : "NaN"
    }

    // MARK: Runs

    public static func runs(_ runs: [TrainingRun]) -> RecordTable {
        var metrics: [String] = []
        for run in runs { for metric in run.evalMetrics where !metrics.contains(metric.name) { metrics.append(metric.name) } }
        var table = RecordTable()
        table.columns =
            [
                TableColumn("run", weight: 1.6, shrinks: false), TableColumn("model", weight: 1.3), TableColumn("status", weight: 0.9),
                TableColumn("final loss", numeric: true, weight: 0.9),
            ]
            + metrics.map { TableColumn($0, numeric: true, weight: 0.9) }
            + [
                TableColumn("samples", numeric: true, weight: 0.8), TableColumn("started", weight: 1.3),
                TableColumn("hours", numeric: true, weight: 0.6),
            ]
        for run in runs {
            let metricCells = metrics.map { name in value(run.evalMetrics.first { $0.name == name }?.value) }
            let hours = run.durationSeconds.map { $0 / 3600 }
            table.add(
                run.id,
                cells: [
                    TableCell(run.id), TableCell(run.modelName.isEmpty ? "—" : run.modelName), TableCell(status(run)),
                    value(run.finalLoss, digits: 4),
                ]
                    + metricCells + [TableCell(run.samplesCount), startCell(run), value(hours, digits: 1)],
                title: "Run \(run.id)", fields: { runFields(run) })
        }
        return table
    }

    /// The start as "Dec 18 08:00" (UTC), sorted by time; as written when unreadable.
    public static func startCell(_ run: TrainingRun) -> TableCell {
        guard let start = run.startTime else { return TableCell(nil, "—") }
        guard let time = TimestampParser.parse(start) else { return TableCell(nil, start) }
        return TableCell(time, Format.shortDateTime(time))
    }

    public static func status(_ run: TrainingRun) -> String {
        if run.isRunning { return "running" }
        guard let loss = run.finalLoss else { return "no final loss" }
        return loss.isNaN ? "diverged (NaN)" : "finished"
    }

    public static func runFields(_ run: TrainingRun) -> [InspectorField] {
        var fields = [
            InspectorField("id", run.id), InspectorField("model_name", run.modelName.isEmpty ? "—" : run.modelName),
            InspectorField("base_model", run.baseModel.isEmpty ? "—" : run.baseModel),
            InspectorField("dataset_path", run.datasetPath.isEmpty ? "—" : run.datasetPath),
            InspectorField("samples_count", "\(run.samplesCount)"), InspectorField("status", status(run)),
            InspectorField("final_loss", run.finalLoss.map(text) ?? (run.isRunning ? "— (running)" : "— (not reported)")),
            InspectorField("start_time", run.startTime ?? "—"), InspectorField("end_time", run.endTime ?? "— (running)"),
        ]
        if let duration = run.durationSeconds {
            fields.append(
                InspectorField(
                    "duration", Format.hoursMinutes(duration) + " (derived: end − start)"))
        }
        fields.append(.heading("eval_metrics (\(run.evalMetrics.count))"))
        fields += run.evalMetrics.map { InspectorField($0.name, text($0.value)) }
        let total = run.domainDistribution.reduce(0) { $0 + $1.count }
        fields.append(.heading("domain_distribution (\(total) samples)"))
        fields += run.domainDistribution.map { entry in
            InspectorField(entry.name, "\(entry.count)" + (total > 0 ? " (\(Format.percent(Double(entry.count) / Double(total))))" : ""))
        }
        fields.append(InspectorField("notes", run.notes.isEmpty ? "—" : run.notes))
        return fields
    }

    // MARK: Generators

    public static func generators(_ generators: [GeneratorStats]) -> RecordTable {
        var table = RecordTable()
        table.columns = [
            TableColumn("generator", weight: 1.8, shrinks: false), TableColumn("generated", numeric: true),
            TableColumn("accepted", numeric: true),
            TableColumn("rejected", numeric: true), TableColumn("acceptance", numeric: true),
            TableColumn("avg quality", numeric: true), TableColumn("top reason", weight: 1.5),
        ]
        for generator in generators {
            let decided = generator.samplesAccepted + generator.samplesRejected
            let top = generator.rejectionReasons.max { $0.count < $1.count }
            table.add(
                generator.name,
                cells: [
                    TableCell(generator.name), TableCell(generator.samplesGenerated), TableCell(generator.samplesAccepted),
                    TableCell(generator.samplesRejected),
                    decided > 0 ? TableCell(generator.acceptanceRate, Format.percent(generator.acceptanceRate)) : TableCell(nil, "—"),
                    value(generator.avgQualityScore), TableCell(top.map { "\($0.name) (\($0.count))" } ?? "—"),
                ], title: "Generator \(generator.name)", fields: { generatorFields(generator) })
        }
        return table
    }

    public static func generatorFields(_ generator: GeneratorStats) -> [InspectorField] {
        let decided = generator.samplesAccepted + generator.samplesRejected
        var fields = [
            InspectorField("name", generator.name), InspectorField("samples_generated", "\(generator.samplesGenerated)"),
            InspectorField("samples_accepted", "\(generator.samplesAccepted)"),
            InspectorField("samples_rejected", "\(generator.samplesRejected)"),
            InspectorField(
                "acceptance rate",
                decided > 0 ? Format.percent(generator.acceptanceRate) + " (derived: accepted / decided)" : "— (nothing decided)"),
            InspectorField("avg_quality_score", text(generator.avgQualityScore)),
            InspectorField("total_quality_sum", text(generator.totalQualitySum)),
        ]
        let rejected = generator.rejectionReasons.reduce(0) { $0 + $1.count }
        fields.append(.heading("rejection_reasons (\(rejected))"))
        fields += generator.rejectionReasons.map { reason in
            InspectorField(
                reason.name, "\(reason.count)" + (rejected > 0 ? " (\(Format.percent(Double(reason.count) / Double(rejected))))" : ""))
        }
        fields.append(InspectorField("note", "cumulative counts: no time range applies"))
        return fields
    }

    // MARK: Regions

    public static func regions(_ regions: [EmbeddingRegion], coverage: CoverageFigures?) -> RecordTable {
        var table = RecordTable()
        table.columns = [
            TableColumn("region", numeric: true, weight: 0.7), TableColumn("domain (last assigned)", weight: 1.6),
            TableColumn("samples", numeric: true), TableColumn("× mean", numeric: true),
            TableColumn("avg quality", numeric: true), TableColumn("sparse", weight: 0.6),
        ]
        let mean = coverage?.meanSamples ?? 0
        let sparse = Set(coverage?.sparseRegions ?? [])
        for (index, region) in regions.enumerated() {
            let relative = mean > 0 ? Double(region.sampleCount) / mean : nil
            table.add(
                "\(index)",
                cells: [
                    TableCell(index), TableCell(region.domain.isEmpty ? "—" : region.domain), TableCell(region.sampleCount),
                    value(relative, digits: 2), value(region.avgQuality), TableCell(sparse.contains(index) ? "sparse" : ""),
                ],
                title: "Region \(index)",
                fields: { [isSparse = sparse.contains(index)] in regionFields(index, region, mean: mean, sparse: isSparse) })
        }
        return table
    }

    public static func regionFields(_ index: Int, _ region: EmbeddingRegion, mean: Double, sparse: Bool) -> [InspectorField] {
        var fields = [
            InspectorField("index", "\(index) (position in the file)"),
            InspectorField("domain", (region.domain.isEmpty ? "—" : region.domain) + " (of the sample assigned last, not the majority)"),
            InspectorField("sample_count", "\(region.sampleCount)"),
            InspectorField("avg_quality", region.avgQuality.map { text($0) + ($0 == 0 ? " (0.0 often means not computed)" : "") } ?? "—"),
        ]
        if mean > 0 {
            fields.append(
                InspectorField(
                    "density",
                    "\(Format.fixed(Double(region.sampleCount) / mean, 2)) × the mean of \(Format.fixed(mean, 1)) (derived)"
                        + (sparse ? " · sparse (< 0.5 × mean)" : "")))
        }
        fields.append(.heading("centroid (\(region.centroid.count) dimensions)"))
        // Four values a line (they fit the inspector's width), the first one's index in front.
        let values = region.centroid
        fields += stride(from: 0, to: values.count, by: 4).map { start in
            let chunk = values[start..<min(start + 4, values.count)].map { Format.signed($0, 4) }
            return InspectorField("[\(start)]", chunk.joined(separator: "  "))
        }
        fields.append(.heading("sample_ids (\(region.sampleIDs.count))"))
        fields += region.sampleIDs.enumerated().map { InspectorField("\($0.offset)", $0.element) }
        return fields
    }

    // MARK: Domains

    public static func domains(
        snapshot: Snapshot, trends: [DashboardModel.Trend], drift allDrift: [DriftResult], domainOrder: [String: Int],
        selection: HistorySelection
    ) -> RecordTable {
        let history = snapshot.quality.data?.history
        var names = domainOrder.sorted { $0.value < $1.value }.map(\.key)
        func note(_ name: String) { if !names.contains(name) { names.append(name) } }
        // Rejections per domain inside the range (validation failures are rejections too).
        var rejections: [String: Int] = [:]
        if let history {
            for (domain, count) in zip(history.domains, selection.domainCounts) { rejections[domain, default: 0] += count }
            // Every domain some entry names (the decoder also keeps "" for entries without one).
            var used = [Bool](repeating: false, count: history.domains.count)
            for domain in history.entryDomain where used.indices.contains(Int(domain)) { used[Int(domain)] = true }
            for (index, domain) in history.domains.enumerated() where used[index] { note(domain) }
        }
        let regions = snapshot.activeLearning.data?.regions ?? []
        var regionCount: [String: Int] = [:]
        var regionSamples: [String: Int] = [:]
        for region in regions {
            regionCount[region.domain, default: 0] += 1
            regionSamples[region.domain, default: 0] += region.sampleCount
            note(region.domain)
        }
        let effectiveness = snapshot.training.data?.domainEffectiveness ?? []
        for entry in effectiveness { note(entry.name) }
        var trained: [String: Int] = [:]
        for run in snapshot.training.data?.runs ?? [] {
            for entry in run.domainDistribution {
                trained[entry.name, default: 0] += entry.count
                note(entry.name)
            }
        }
        let totalRegionSamples = regions.reduce(0) { $0 + $1.sampleCount }
        var table = RecordTable()
        table.columns = [
            TableColumn("domain", weight: 1.4, shrinks: false), TableColumn("rejections", numeric: true),
            TableColumn("mean overall", numeric: true),
            TableColumn("trend", weight: 0.5), TableColumn("drift", weight: 1.1), TableColumn("regions", numeric: true, weight: 0.7),
            TableColumn("region share", numeric: true), TableColumn("effectiveness", numeric: true), TableColumn("trained", numeric: true),
        ]
        for name in names {
            // Entries with an empty domain are records too; they are named, not dropped.
            let shownName = name.isEmpty ? "(no domain)" : name
            let overall = trends.first { $0.domain == name && $0.metric == "overall" }
            let drift = allDrift.filter { $0.domain == name }
            let alerts = drift.filter(\.isAlert)
            let driftText =
                alerts.isEmpty
                ? (drift.isEmpty ? "—" : "ok")
                : "\(alerts.count) " + (alerts.contains { $0.direction == .worse } ? "(worse)" : "(better)")
            let share =
                totalRegionSamples > 0 && regionSamples[name] != nil ? Double(regionSamples[name] ?? 0) / Double(totalRegionSamples) : nil
            let effect = effectiveness.first { $0.name == name }?.value
            table.add(
                name,
                cells: [
                    TableCell(shownName), history == nil ? TableCell(nil, "—") : TableCell(rejections[name] ?? 0), value(overall?.mean),
                    TableCell(overall.map { $0.arrow } ?? "—"), TableCell(driftText),
                    regions.isEmpty && snapshot.activeLearning.data == nil ? TableCell(nil, "—") : TableCell(regionCount[name] ?? 0),
                    share.map { TableCell($0, Format.percent($0)) } ?? TableCell(nil, "—"),
                    effect.map { TableCell($0, Format.signed($0, 3)) } ?? TableCell(nil, "—"),
                    trained[name].map { TableCell($0) } ?? TableCell(nil, "—"),
                ], title: "Domain \(shownName)",
                fields: {
                    [
                        trends = trends.filter { $0.domain == name }, count = history == nil ? nil : rejections[name] ?? 0,
                        regions = regionCount[name], samples = regionSamples[name], trained = trained[name]
                    ] in
                    domainFields(
                        shownName, trends: trends, drift: drift, rejections: count, regions: regions, regionSamples: samples, share: share,
                        effectiveness: effect, trained: trained)
                })
        }
        return table
    }

    public static func domainFields(
        _ name: String, trends: [DashboardModel.Trend], drift: [DriftResult], rejections: Int?, regions: Int?,
        regionSamples: Int?, share: Double?, effectiveness: Double?, trained: Int?
    ) -> [InspectorField] {
        var fields = [
            InspectorField("domain", name), .heading("rejection_history (rejected samples, in the time range)"),
            InspectorField("rejections", rejections.map { "\($0)" } ?? "— (no quality file)"),
        ]
        for trend in trends {
            let mean = Format.fixed(trend.mean, 3)
            fields.append(InspectorField(trend.metric, "mean \(mean) · n \(trend.byIndex.count) · \(trend.directionText)"))
        }
        fields.append(.heading("drift (whole history, last quarter against the rest)"))
        if drift.isEmpty { fields.append(InspectorField("drift", "—")) }
        // Two lines each: the verdict, then the figures behind it.
        for result in drift {
            var verdict = result.status.rawValue
            if let direction = result.direction, result.isAlert { verdict += " (\(direction.rawValue))" }
            verdict += " · baseline \(result.baselineCount) → recent \(result.recentCount)"
            var figures: [String] = []
            if let d = result.ksStatistic, let p = result.pValue {
                figures.append("D \(Format.fixed(d, 3)) · p \(Format.value(p, significant: 3))")
            }
            if let psi = result.psi { figures.append("PSI " + Format.fixed(psi, 3)) }
            fields.append(InspectorField(result.metric, figures.isEmpty ? verdict : verdict + "\n" + figures.joined(separator: " · ")))
        }
        fields.append(.heading("active_learning.json"))
        fields.append(InspectorField("regions", regions.map { "\($0) (assigned last to this domain)" } ?? "—"))
        fields.append(
            InspectorField(
                "samples in them", regionSamples.map { "\($0)" + (share.map { " (\(Format.percent($0)) of all)" } ?? "") } ?? "—"))
        fields.append(.heading("training_feedback.json"))
        fields.append(
            InspectorField(
                "domain_effectiveness", effectiveness.map { $0.isFinite ? Format.signed($0, 4) : "NaN (a run diverged)" } ?? "—"))
        fields.append(InspectorField("samples in runs", trained.map { "\($0) (sum of domain_distribution over runs)" } ?? "—"))
        return fields
    }
}
