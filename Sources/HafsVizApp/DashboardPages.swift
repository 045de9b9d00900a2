import Foundation
import HafsVizCore
import Immediate

/// The Dashboard's windows of text: the drift alerts (the status bar's "drift: N", Data ▸ Drift
/// Alerts) and each source's state (Data ▸ Source Details). Every figure comes from the model.
enum DashboardPages {
    /// What the drift page says above and below its alerts, and the alerts (worst p first).
    private static func driftParts(_ model: DashboardModel) -> (intro: [String], alerts: [DriftResult], footer: [String])? {
        guard model.snapshot.quality.data != nil else { return nil }
        let results = model.snapshot.derived.drift
        let alerts = results.filter(\.isAlert).sorted { ($0.pValue ?? 1) < ($1.pValue ?? 1) }
        let tested = results.filter { $0.status != .insufficient }.count
        let intro = [
            "Recent scores (the last quarter of each series, 20…250 values) against the ones before,",
            "over the whole rejection_history (the time range does not apply). KS test: drift p < 0.05,",
            "possible p < 0.15. Direction from the medians; hallucination_risk is lower-is-better.",
        ]
        var footer = [alerts.isEmpty ? "No drift: \(tested) series tested." : "\(alerts.count) of \(tested) tested series."]
        let insufficient = results.filter { $0.status == .insufficient }.count
        if insufficient > 0 { footer.append("\(insufficient) series have under 20 baseline values: not tested.") }
        return (intro, alerts, footer)
    }

    static let driftColumns = [TableColumn("series", weight: 2), TableColumn("status"), TableColumn("direction"), TableColumn("D", numeric: true),
                               TableColumn("p", numeric: true), TableColumn("PSI", numeric: true), TableColumn("baseline", numeric: true),
                               TableColumn("recent", numeric: true)]

    private static func driftRow(_ result: DriftResult) -> TableRow {
        TableRow(id: "\(result.domain)/\(result.metric)", cells: [
            TableCell("\(result.domain)/\(result.metric)"), TableCell(result.status == .drift ? "drift" : "possible"),
            TableCell(result.direction?.rawValue ?? "—"),
            TableCell(result.ksStatistic, result.ksStatistic.map { String(format: "%.3f", $0) } ?? "—"),
            TableCell(result.pValue, result.pValue.map { String(format: "%.2e", $0) } ?? "—"),
            TableCell(result.psi, result.psi.map { String(format: "%.3f", $0) } ?? "—"),
            TableCell(result.baselineCount), TableCell(result.recentCount),
        ])
    }

    /// The drift alerts as a table (aligned, sortable columns) between the explanation and the
    /// counts: the window's Data ▸ Drift Alerts.
    static func driftTable(_ model: DashboardModel) -> PageTable {
        guard let parts = driftParts(model) else {
            return PageTable(intro: ["No quality_feedback.json data: nothing to test."], columns: [], rows: [], footer: [])
        }
        return PageTable(intro: parts.intro, columns: parts.alerts.isEmpty ? [] : driftColumns, rows: parts.alerts.map(driftRow), footer: parts.footer)
    }

    /// The same as text, a row a line with the cells tab-separated (for copying, and tests).
    static func drift(_ model: DashboardModel) -> String {
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
    static func sources(_ model: DashboardModel, directory: String, autoReload: Bool) -> String {
        let snapshot = model.snapshot
        var lines = ["Directory: \(directory)\(snapshot.directoryExists ? "" : " (does not exist)")",
                     "Auto-reload: \(autoReload ? "on (polls sizes and times every second)" : "off (F5 reloads)")", ""]
        func describe<Model>(_ state: SourceState<Model>, _ holds: (Model) -> String) {
            lines.append(state.fileName)
            lines.append("  status: \(state.status.name)\(state.byteCount.map { " · \(ByteCountFormatter.string(fromByteCount: Int64($0), countStyle: .file))" } ?? "")")
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
            lines.append("rejection_history spans \(TimeRange.formatDuration(span.last - span.first)): \(TimeRange.format(span.first))–\(TimeRange.format(span.last))"
                         + " (\(span.timed) entries with a timestamp)")
        }
        lines.append("Time range: \(model.filter.range.name), \(model.selection.inRange) entries; validation failures \(model.filter.includeValidationFailures ? "counted" : "left out") of trends (\(model.selection.validationFailures.count) in range)")
        return lines.joined(separator: "\n")
    }
}
