import Figures
import Foundation
import HafsVizCore
import HafsVizModel
import Immediate

/// Final loss per run, best (lowest) first; runs still in progress listed as such, without a
/// bar (they have no loss yet). Hover shows model, base model, samples, eval metrics, duration.
struct TrainingRunsPanel: DashboardPanel {
    let id = "runs"
    let title = "Training Runs"

    func csvFiles(_ model: DashboardModel) -> [(name: String, text: String)] { DashboardExport.runs(model) }

    var views: [String] { Self.views }
    var tabsID: String? { "training-tabs" }

    /// The tabs, in order.
    static let views = DashboardViewNames.runs

    func draw(_ dashboard: Dashboard, _ ui: UIContext, _ rect: Rect) {
        let snapshot = dashboard.model.snapshot
        let condition = dashboard.model.trainingCondition(loading: dashboard.reloads.isLoading)
        let runs = dashboard.model.runsBestFirst
        let content = dashboard.chrome(self, ui, rect, subtitle: dashboard.model.trainingHeadline, condition: condition)
        guard condition.hasData else {
            dashboard.conditionMessage(ui, content, condition)
            return
        }
        let (tabRow, plotRect) = content.splitTop(ui.style.rowHeight + 2)
        let tab = ui.tabs("training-tabs", TrainingRunsPanel.views, tabRow.insetBy(2, 2))
        if tab != 0, let training = snapshot.training.data {
            switch tab {
            case 1: TrainingViews.runComparison(dashboard.model.runComparison, dashboard, ui, plotRect.insetBy(2, 2))
            case 2: TrainingViews.domainMix(dashboard.model.domainMix, dashboard, ui, plotRect.insetBy(2, 2))
            case 3:
                TrainingViews.effectiveness(
                    dashboard.model.domainEffectiveness, id: "domain-effectiveness", selectsDomains: true, dashboard, ui,
                    plotRect.insetBy(2, 2))
            case 5:
                RecordTableView.draw(
                    .run, dashboard, ui, plotRect.insetBy(2, 2),
                    note: "training_runs, best final loss first · \(training.runs.count) runs")
            default:
                TrainingViews.effectiveness(
                    dashboard.model.thresholdEffectiveness, id: "threshold-effectiveness", selectsDomains: false, dashboard, ui,
                    plotRect.insetBy(2, 2))
            }
            if condition.isStale { dashboard.conditionMessage(ui, content, condition) }
            return
        }
        drawFinalLoss(dashboard, ui, plotRect.insetBy(2, 2), runs)
        if condition.isStale { dashboard.conditionMessage(ui, content, condition) }
    }

    /// Final loss per run, one row each at least a line tall: finite losses best first, then
    /// diverged runs (NaN, marked), running ones, and finished ones without a loss. Rows that
    /// do not fit are left to the Run table, and a line above the chart says how many.
    private func drawFinalLoss(_ dashboard: Dashboard, _ ui: UIContext, _ rect: Rect, _ runs: [TrainingRun]) {
        let style = ui.style
        let finite = runs.filter { $0.finalLoss?.isFinite == true }
        let diverged = runs.filter { $0.finalLoss.map { !$0.isFinite } ?? false }
        let running = runs.filter { $0.finalLoss == nil && $0.isRunning }
        let missing = runs.filter { $0.finalLoss == nil && !$0.isRunning }
        let ordered = finite + diverged + running + missing
        let rowHeight = ui.font.lineHeight + 6 * style.scale
        let axes = ui.font.lineHeight * 2 + style.padding * 4
        func capacity(_ height: Float) -> Int { max(3, Int((height - axes) / rowHeight)) }
        var plotRect = rect
        var shown = ordered
        if ordered.count > capacity(rect.height) {
            let (noteRow, rest) = rect.splitTop(style.rowHeight + 4)
            plotRect = rest
            shown = Array(ordered.prefix(capacity(rest.height)))
            let left = (
                diverged: diverged.count - shown.filter { $0.finalLoss.map { !$0.isFinite } ?? false }.count,
                running: running.count - shown.filter { $0.finalLoss == nil && $0.isRunning }.count
            )
            var note = "best \(shown.filter { $0.finalLoss?.isFinite == true }.count) of \(ordered.count) runs by final loss"
            let hidden = [left.diverged > 0 ? "\(left.diverged) diverged" : nil, left.running > 0 ? "\(left.running) running" : nil]
                .compactMap { $0 }
            if !hidden.isEmpty { note += " (" + hidden.joined(separator: ", ") + " not shown)" }
            let buttonText = "Show all \(ordered.count) in the table"
            let buttonWidth = ui.font.measure(buttonText) + style.padding * 4
            let button = Rect(x: noteRow.max.x - buttonWidth, y: noteRow.min.y + 1, width: buttonWidth, height: noteRow.height - 2)
            ui.label(
                ui.font.truncate(note, toFit: noteRow.width - buttonWidth - style.padding * 2),
                at: Vec2(noteRow.min.x + style.padding, noteRow.center.y - ui.font.lineHeight / 2), color: style.textDim)
            if ui.button(buttonText, button) { ui.selectTab("training-tabs", TrainingRunsPanel.views.firstIndex(of: "Run table") ?? 0) }
        }
        let count = shown.count
        let ticks = shown.enumerated().map { index, run in
            (
                value: Double(count - 1 - index),
                label: (dashboard.runHasCurves(run.id) ? "▸ " : "") + "\(run.id) · \(run.modelName)"
            )
        }
        let result = ui.plot(
            "runs", plotRect, x: AxisOptions(label: "final loss (lower is better)", include: [0]), y: AxisOptions(ticks: ticks)
        ) { p in
            p.bars("", values: shown.map { $0.finalLoss ?? .nan }, positions: (0..<count).map { Double(count - 1 - $0) }, horizontal: true)
        }
        // Rows without a bar say why, in the row.
        let t = result.transform
        for (index, run) in shown.enumerated() where run.finalLoss?.isFinite != true {
            let y = t.py(Double(count - 1 - index))
            guard y > t.area.min.y, y < t.area.max.y else { continue }
            let (text, color) =
                run.finalLoss != nil
                ? ("✗ diverged (final loss NaN)", style.error)
                : run.isRunning ? ("running — no final loss yet", style.accent) : ("finished without a final loss", style.textDim)
            ui.label(text, at: Vec2(t.area.min.x + style.padding, y - ui.font.lineHeight / 2), color: color)
        }
        // The picked run's row is outlined.
        if let selected = shown.firstIndex(where: { $0.id == dashboard.selectedRun }) {
            SelectionMarks.outline(ui, t, position: Double(count - 1 - selected), horizontal: true)
        }
        // Rows without a bar still get their details on hover; a click picks the run, a
        // double-click (or Enter) opens its curves in Runs when its logs are there.
        if let mouse = ui.input.mouse, result.isHovered {
            let row = Int((t.dataY(mouse.y)).rounded())
            let index = count - 1 - row
            if index >= 0, index < count, abs(t.dataY(mouse.y) - Double(row)) < 0.45 {
                let run = shown[index]
                let link = dashboard.runHasCurves(run.id) ? "\n\ndouble-click or Enter: its curves in Runs" : ""
                ui.tooltip(TrainingRunsPanel.runDetails(run) + link)
                if SelectionMarks.clicked(ui, result) { dashboard.select(.run, run.id) }
                if ui.input.wasDoubleClicked(.left), dashboard.runHasCurves(run.id) { dashboard.openRunCurves(run.id) }
            }
        }
    }

    static func runDetails(_ run: TrainingRun) -> String {
        var lines = [
            "\(run.id)", "model: \(run.modelName.isEmpty ? "—" : run.modelName)",
            "base model: \(run.baseModel.isEmpty ? "—" : run.baseModel)", "samples: \(run.samplesCount)",
        ]
        lines.append("final loss: " + (run.finalLoss.map { Format.value($0) } ?? (run.isRunning ? "— (running)" : "— (not reported)")))
        if run.evalMetrics.isEmpty {
            lines.append("eval metrics: none")
        } else {
            lines += run.evalMetrics.map { "  \($0.name): \(Format.value($0.value))" }
        }
        if let duration = run.durationSeconds {
            lines.append("duration: " + Format.hoursMinutes(duration))
        } else if run.isRunning, let start = run.startTime {
            lines.append("started: \(start) (still running)")
        } else {
            lines.append("duration: unknown")
        }
        if !run.notes.isEmpty { lines.append("notes: \(run.notes)") }
        return lines.joined(separator: "\n")
    }
}
