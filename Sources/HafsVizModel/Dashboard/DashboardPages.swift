import Figures
import Foundation
import HafsVizCore

/// The Dashboard's windows of text: the drift alerts (the status bar's "drift: N", Data ▸ Drift
/// Alerts) and each source's state (Data ▸ Source Details). Every figure comes from the model.
public enum DashboardPages {
    /// The pages' titles (the window's Data menu, the terminal's overlay).
    public static let driftTitle = "Drift Alerts"
    public static let sourcesTitle = "Source Details"

    /// What the drift page says above and below its alerts, and the alert rows (worst q first).
    private static func driftParts(_ model: DashboardModel) -> (intro: [String], rows: [TableRow], footer: [String])? {
        guard model.snapshot.quality.data != nil else { return nil }
        let results = model.drift
        let rates = model.failureRateDrift
        let alerts = results.filter(\.isAlert).sorted { ($0.qValue ?? 1, $0.pValue ?? 1) < ($1.qValue ?? 1, $1.pValue ?? 1) }
        let rateAlerts = rates.filter(\.isAlert).sorted { ($0.qValue ?? 1) < ($1.qValue ?? 1) }
        let tested = results.filter { $0.status != .insufficient }.count
        let ratesTested = rates.filter { $0.status != .insufficient }.count
        let failures = model.snapshot.derived.validationFailures
        let intro = [
            "Recent values (the last quarter of each series, 20…250) against the ones before, over the whole",
            "rejection_history (the time range does not apply). Scores: KS test; validation failures' share per",
            "domain: two-proportion z-test. q: p adjusted for the other tests of its kind (Benjamini–Hochberg);",
            "drift q < 0.05, possible q < 0.15. Direction from the medians (shares); hallucination_risk is lower-is-better.",
            model.filter.includeValidationFailures
                ? "Validation failures (\(failures)) are counted in the score drift (the Trends checkbox)."
                : "Validation failures (\(failures)) are left out of the score drift (the Trends checkbox counts them in).",
        ]
        var footer = [alerts.isEmpty ? "Scores: no drift, \(tested) series tested." : "Scores: \(alerts.count) of \(tested) tested series."]
        footer.append(
            rateAlerts.isEmpty
                ? "Validation-failure share: no drift, \(ratesTested) domains tested."
                : "Validation-failure share: \(rateAlerts.count) of \(ratesTested) tested domains.")
        let insufficient = results.filter { $0.status == .insufficient }.count + rates.filter { $0.status == .insufficient }.count
        if insufficient > 0 { footer.append("\(insufficient) series have under 20 baseline values: not tested.") }
        return (intro, alerts.map(driftRow) + rateAlerts.map(rateRow), footer)
    }

    public static let driftColumns = [
        TableColumn("series", weight: 2), TableColumn("status"), TableColumn("direction"), TableColumn("D", numeric: true),
        TableColumn("p", numeric: true), TableColumn("q", numeric: true), TableColumn("PSI", numeric: true),
        TableColumn("baseline", numeric: true), TableColumn("recent", numeric: true),
    ]

    private static func driftRow(_ result: DriftResult) -> TableRow {
        TableRow(
            id: "\(result.domain)/\(result.metric)",
            cells: [
                TableCell("\(result.domain)/\(result.metric)"), TableCell(result.status == .drift ? "drift" : "possible"),
                TableCell(result.direction?.rawValue ?? "—"),
                TableCell(result.ksStatistic, Format.fixed(result.ksStatistic, 3)),
                TableCell(result.pValue, Format.scientific(result.pValue, 2)),
                TableCell(result.qValue, Format.scientific(result.qValue, 2)),
                TableCell(result.psi, Format.fixed(result.psi, 3)),
                TableCell(result.baselineCount), TableCell(result.recentCount),
            ])
    }

    /// A failure-rate alert in the same columns: no D or PSI; the windows' shares beside their sizes.
    private static func rateRow(_ rate: FailureRateDrift) -> TableRow {
        let share = { (rate: Double?, count: Int) in TableCell(Double(count), "\(count) (\(rate.map { Format.percent($0) } ?? "—") failed)")
        }
        return TableRow(
            id: "\(rate.domain)/\(FailureRateDrift.metric)",
            cells: [
                TableCell("\(rate.domain)/\(FailureRateDrift.metric)"), TableCell(rate.status == .drift ? "drift" : "possible"),
                TableCell(rate.direction?.rawValue ?? "—"), TableCell(nil, "—"),
                TableCell(rate.pValue, Format.scientific(rate.pValue, 2)),
                TableCell(rate.qValue, Format.scientific(rate.qValue, 2)), TableCell(nil, "—"),
                share(rate.baselineRate, rate.baselineCount), share(rate.recentRate, rate.recentCount),
            ])
    }

    /// The drift alerts as a table (aligned, sortable columns) between the explanation and the
    /// counts: the window's Data ▸ Drift Alerts.
    public static func driftTable(_ model: DashboardModel) -> PageTable {
        guard let parts = driftParts(model) else {
            return PageTable(intro: ["No quality_feedback.json data: nothing to test."], columns: [], rows: [], footer: [])
        }
        return PageTable(intro: parts.intro, columns: parts.rows.isEmpty ? [] : driftColumns, rows: parts.rows, footer: parts.footer)
    }

    /// The same as text, a row a line with the cells tab-separated (for copying, and tests).
    public static func drift(_ model: DashboardModel) -> String {
        let table = driftTable(model)
        var lines = table.intro + [""]
        if !table.rows.isEmpty {
            lines.append(table.columns.map(\.title).joined(separator: "\t"))
            lines += table.rows.map { $0.cells.map(\.text).joined(separator: "\t") }
            lines.append("")
        }
        return (lines + table.footer).joined(separator: "\n")
    }

    /// Each source file: status, size, when its shown data was read, what it holds; then the
    /// history's span and the time range.
    public static func sources(_ model: DashboardModel, source: FolderSource, autoReload: Bool) -> String {
        let snapshot = model.snapshot
        var lines = ["Directory: \(source.name)\(snapshot.directoryExists ? "" : " (does not exist)")"]
        if source.isRemote {
            lines.append("Read over SSH into a local copy: \(source.readPath)")
            lines.append(
                "Auto-reload: \(autoReload ? "on (lists the remote files every second; copies a file again when it changed)" : "off (F5 reloads)")"
            )
        } else {
            lines.append("Auto-reload: \(autoReload ? "on (polls sizes and times every second)" : "off (F5 reloads)")")
        }
        if let problem = source.problem { lines.append(remoteProblem(problem, model)) }
        lines.append("")
        func describe<Model>(_ state: SourceState<Model>, _ holds: (Model) -> String) {
            lines.append(state.fileName)
            lines.append(
                "  status: \(state.status.name)\(state.byteCount.map { " · \(ByteCountFormatter.string(fromByteCount: Int64($0), countStyle: .file))" } ?? "")"
            )
            if let data = state.data {
                lines.append("  holds: \(holds(data))")
                if let note = state.staleNote { lines.append("  \(note)") }
            } else {
                lines.append("  holds: —")
            }
            if case .failed(let error) = state.status { lines.append("  error: \(error)") }
            lines.append("")
        }
        describe(snapshot.quality) { quality in
            "\(quality.generators.count) generators, \(quality.history.count) history entries, \(quality.thresholds.count) thresholds"
                + (quality.lastUpdated.map { ", last_updated \($0)" } ?? "")
        }
        describe(snapshot.activeLearning) { "\($0.regions.count) regions" + ($0.lastUpdated.map { ", last_updated \($0)" } ?? "") }
        describe(snapshot.training) { "\($0.runs.count) runs" + ($0.lastUpdated.map { ", last_updated \($0)" } ?? "") }
        if let span = model.historySpan {
            lines.append(
                "rejection_history spans \(Format.duration(span.last - span.first)): \(Format.shortDateTime(span.first))–\(Format.shortDateTime(span.last))"
                    + " (\(span.timed) entries with a timestamp)")
        }
        lines.append(
            "Time range: \(model.filter.range.name), \(model.selection.inRange) entries; validation failures \(model.filter.includeValidationFailures ? "counted" : "left out") of trends (\(model.selection.validationFailures.count) in range)"
        )
        return lines.joined(separator: "\n")
    }

    /// A folder that could not be read this time, for a status bar or a page; `model`'s data,
    /// when it has any, is the last copy's.
    public static func remoteProblem(_ problem: String, _ model: DashboardModel) -> String {
        "cannot read \(problem)" + (model.snapshot.foundCount > 0 ? "; showing the last copy" : "")
    }
}
