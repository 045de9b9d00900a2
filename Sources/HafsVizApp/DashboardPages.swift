import Foundation
import HafsVizCore
import Immediate

/// The Dashboard's windows of text: the drift alerts (the status bar's "drift: N", Data ▸ Drift
/// Alerts) and each source's state (Data ▸ Source Details). Every figure comes from the model.
enum DashboardPages {
    /// Every (domain, metric) with a drift status of `drift` or `possible`, worst p first, then
    /// how many were tested and how many had too little history.
    static func drift(_ model: DashboardModel) -> String {
        guard model.snapshot.quality.data != nil else { return "No quality_feedback.json data: nothing to test." }
        let results = model.snapshot.derived.drift
        let alerts = results.filter(\.isAlert).sorted { ($0.pValue ?? 1) < ($1.pValue ?? 1) }
        let tested = results.filter { $0.status != .insufficient }.count
        var lines = [
            "Recent scores (the last quarter of each series, 20…250 values) against the ones before,",
            "over the whole rejection_history (the time range does not apply). KS test: drift p < 0.05,",
            "possible p < 0.15. Direction from the medians; hallucination_risk is lower-is-better.",
            "",
        ]
        if alerts.isEmpty {
            lines.append("No drift: \(tested) series tested.")
        } else {
            let name = { (r: DriftResult) in "\(r.domain)/\(r.metric)" }
            let width = alerts.map { name($0).count }.max() ?? 0
            lines.append("series".padding(toLength: width + 2, withPad: " ", startingAt: 0) + "status     direction  D      p          PSI    baseline → recent")
            for result in alerts {
                let status = (result.status == .drift ? "drift" : "possible").padding(toLength: 11, withPad: " ", startingAt: 0)
                let direction = (result.direction?.rawValue ?? "—").padding(toLength: 11, withPad: " ", startingAt: 0)
                let d = result.ksStatistic.map { String(format: "%.3f", $0) } ?? "—"
                let p = result.pValue.map { String(format: "%.2e", $0) } ?? "—"
                let psi = result.psi.map { String(format: "%.3f", $0) } ?? "—"
                lines.append(name(result).padding(toLength: width + 2, withPad: " ", startingAt: 0) + status + direction
                             + d.padding(toLength: 7, withPad: " ", startingAt: 0) + p.padding(toLength: 11, withPad: " ", startingAt: 0)
                             + psi.padding(toLength: 7, withPad: " ", startingAt: 0) + "\(result.baselineCount) → \(result.recentCount)")
            }
            lines.append("")
            lines.append("\(alerts.count) of \(tested) tested series.")
        }
        let insufficient = results.filter { $0.status == .insufficient }.count
        if insufficient > 0 { lines.append("\(insufficient) series have under 20 baseline values: not tested.") }
        return lines.joined(separator: "\n")
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
