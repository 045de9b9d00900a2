import Foundation
import HafsVizCore
import Immediate

/// Final loss per run, best (lowest) first; runs still in progress listed as such, without a
/// bar (they have no loss yet). Hover shows model, base model, samples, eval metrics, duration.
struct TrainingRunsPanel: DashboardPanel {
    let id = "runs"
    let title = "Training Runs"

    func csvFiles(_ model: DashboardModel) -> [(name: String, text: String)] {
        [("training-runs", CSVExport.trainingRuns(model)), ("domain-mix", CSVExport.domainMix(model)),
         ("domain-effectiveness", CSVExport.namedValues(model.snapshot.training.data?.domainEffectiveness ?? [], header: ["domain", "effectiveness"])),
         ("threshold-effectiveness", CSVExport.namedValues(model.snapshot.training.data?.thresholdEffectiveness ?? [], header: ["threshold", "effectiveness"]))]
    }

    var views: [String] { Self.views }
    var tabsID: String? { "training-tabs" }

    /// The tabs, in order.
    static let views = ["Final loss", "Run comparison", "Domain mix", "Domain effectiveness", "Threshold effectiveness", "Run table"]

    func draw(_ dashboard: Dashboard, _ ui: UIContext, _ rect: Rect) {
        let snapshot = dashboard.model.snapshot
        let condition = dashboard.condition(snapshot.training, isEmpty: { $0.runs.isEmpty },
                                            emptyMessage: "training_feedback.json has no training_runs yet")
        let runs = dashboard.model.runsBestFirst
        let running = runs.filter(\.isRunning).count
        let best = runs.first { $0.finalLoss != nil }
        // Without data the condition says why; a subtitle about runs would contradict it.
        var subtitle = snapshot.training.data == nil ? nil
            : best.map { "best: \($0.id) (\(Ticks.formatValue($0.finalLoss ?? .nan)))" } ?? "no run has a final loss yet"
        if running > 0 { subtitle = (subtitle ?? "") + " · \(running) running" }
        let content = dashboard.chrome(self, ui, rect, subtitle: subtitle, condition: condition)
        guard condition.hasData else {
            dashboard.conditionMessage(ui, content, condition)
            return
        }
        let (tabRow, plotRect) = content.splitTop(ui.style.rowHeight + 2)
        let tab = ui.tabs("training-tabs", TrainingRunsPanel.views, tabRow.insetBy(2, 2))
        if tab != 0, let training = snapshot.training.data {
            switch tab {
            case 1: TrainingViews.runComparison(runs, dashboard, ui, plotRect.insetBy(2, 2))
            case 2: TrainingViews.domainMix(runs, dashboard, ui, plotRect.insetBy(2, 2))
            case 3: TrainingViews.domainEffectiveness(training, dashboard, ui, plotRect.insetBy(2, 2))
            case 5: RecordTableView.draw(.run, dashboard, ui, plotRect.insetBy(2, 2),
                                         note: "training_runs, best final loss first · \(training.runs.count) runs")
            default: TrainingViews.thresholdEffectiveness(training, ui, plotRect.insetBy(2, 2))
            }
            if condition.isStale { dashboard.conditionMessage(ui, content, condition) }
            return
        }
        let count = runs.count
        let ticks = runs.enumerated().map { index, run in
            (value: Double(count - 1 - index),
             label: (dashboard.runHasCurves(run.id) ? "▸ " : "") + "\(run.id) · \(run.modelName)"
                + (run.isRunning ? " — running" : run.finalLoss == nil ? " — no loss" : ""))
        }
        let result = ui.plot("runs", plotRect.insetBy(2, 2), x: AxisOptions(label: "final loss (lower is better)", include: [0]), y: AxisOptions(ticks: ticks)) { p in
            p.bars("", values: runs.map { $0.finalLoss ?? .nan }, positions: (0..<count).map { Double(count - 1 - $0) }, horizontal: true)
        }
        // Say it in the row too: a run without a loss has no bar.
        let t = result.transform
        for (index, run) in runs.enumerated() where run.finalLoss == nil {
            let y = t.py(Double(count - 1 - index))
            guard y > t.area.min.y, y < t.area.max.y else { continue }
            ui.label(run.isRunning ? "running — no final loss yet" : "finished without a final loss",
                     at: Vec2(t.area.min.x + ui.style.padding, y - ui.font.lineHeight / 2), color: ui.style.accent)
        }
        // The picked run's row is outlined.
        if let selected = runs.firstIndex(where: { $0.id == dashboard.selectedRun }) {
            SelectionMarks.outline(ui, t, position: Double(count - 1 - selected), horizontal: true)
        }
        // Rows without a bar still get their details on hover; a click picks the run, a
        // double-click (or Enter) opens its curves in Runs when its logs are there.
        if let mouse = ui.input.mouse, result.isHovered {
            let row = Int((result.transform.dataY(mouse.y)).rounded())
            let index = count - 1 - row
            if index >= 0, index < count, abs(result.transform.dataY(mouse.y) - Double(row)) < 0.45 {
                let run = runs[index]
                let link = dashboard.runHasCurves(run.id) ? "\n\ndouble-click or Enter: its curves in Runs" : ""
                ui.tooltip(TrainingRunsPanel.runDetails(run) + link)
                if ui.input.wasReleased(.left), ui.input.mouseDelta == .zero { dashboard.select(.run, run.id) }
                if ui.input.wasDoubleClicked(.left), dashboard.runHasCurves(run.id) { dashboard.openRunCurves(run.id) }
            }
        }
        if condition.isStale { dashboard.conditionMessage(ui, content, condition) }
    }

    static func runDetails(_ run: TrainingRun) -> String {
        var lines = ["\(run.id)", "model: \(run.modelName.isEmpty ? "—" : run.modelName)",
                     "base model: \(run.baseModel.isEmpty ? "—" : run.baseModel)", "samples: \(run.samplesCount)"]
        lines.append("final loss: " + (run.finalLoss.map { Ticks.formatValue($0) } ?? (run.isRunning ? "— (running)" : "— (not reported)")))
        if run.evalMetrics.isEmpty {
            lines.append("eval metrics: none")
        } else {
            lines += run.evalMetrics.map { "  \($0.name): \(Ticks.formatValue($0.value))" }
        }
        if let duration = run.durationSeconds {
            lines.append(String(format: "duration: %dh %02dm", Int(duration) / 3600, Int(duration) % 3600 / 60))
        } else if run.isRunning, let start = run.startTime {
            lines.append("started: \(start) (still running)")
        } else {
            lines.append("duration: unknown")
        }
        if !run.notes.isEmpty { lines.append("notes: \(run.notes)") }
        return lines.joined(separator: "\n")
    }
}
