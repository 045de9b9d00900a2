import Figures
import Foundation
import HafsVizCore
import HafsVizModel
import Immediate

/// The Training Runs panel's other views of `training_feedback.json`.
enum TrainingViews {
    /// Each domain's effect on training as the file reports it: signed values around 0.
    static func domainEffectiveness(_ training: TrainingFeedback, _ dashboard: Dashboard, _ ui: UIContext, _ rect: Rect) {
        let values = training.domainEffectiveness
        let finite = values.filter { $0.value.isFinite }
        let count = values.count
        let ticks = values.enumerated().map { (value: Double(count - 1 - $0.offset), label: $0.element.name) }
        var title = "Domain effectiveness (as the file reports it; > 0 helped)"
        if finite.isEmpty, !values.isEmpty {
            title = "Domain effectiveness: every value is NaN (the producer writes NaN when a run diverged)"
        } else if finite.count < values.count {
            title += " · \(values.count - finite.count) NaN"
        }
        let result = ui.plot(
            "domain-effectiveness", rect, title: title, x: AxisOptions(label: "effectiveness"), y: AxisOptions(ticks: ticks)
        ) { p in
            p.divergingBars(
                "effectiveness", values: values.map(\.value), positions: (0..<count).map { Double(count - 1 - $0) },
                valueTexts: values.map { Format.signed($0.value, 3) })
        }
        if let selected = values.firstIndex(where: { $0.name == dashboard.selection[.domain] }) {
            SelectionMarks.outline(ui, result.transform, position: Double(count - 1 - selected), horizontal: true)
        }
        if let row = SelectionMarks.clickedCategory(ui, result, horizontal: true), values.indices.contains(count - 1 - row) {
            dashboard.select(.domain, values[count - 1 - row].name)
        }
        for (index, entry) in values.enumerated() where !entry.value.isFinite {
            let y = result.transform.py(Double(count - 1 - index))
            ui.label(
                "NaN: no value", at: Vec2(result.transform.px(0) + ui.style.padding, y - ui.font.lineHeight / 2), color: ui.style.warning)
        }
    }

    /// Effectiveness by quality threshold value, in threshold order.
    static func thresholdEffectiveness(_ training: TrainingFeedback, _ ui: UIContext, _ rect: Rect) {
        let entries = training.thresholdEffectiveness.sorted { (Double($0.name) ?? .infinity) < (Double($1.name) ?? .infinity) }
        let ticks = entries.enumerated().map { (value: Double($0.offset), label: "threshold \($0.element.name)") }
        ui.plot(
            "threshold-effectiveness", rect, title: "Quality-threshold effectiveness (as the file reports it; > 0 helped)",
            x: AxisOptions(ticks: ticks), y: AxisOptions(label: "effectiveness")
        ) { p in
            p.divergingBars(
                "effectiveness", values: entries.map(\.value), horizontal: false,
                valueTexts: entries.map { Format.signed($0.value, 3) })
        }
    }

    /// Final loss and every eval metric, grouped per finished run (best loss first). Groups
    /// get at least 12 px a bar: the best that fit are drawn, the rest are left to the table.
    static func runComparison(_ runs: [TrainingRun], _ dashboard: Dashboard, _ ui: UIContext, _ rect: Rect) {
        let allFinished = runs.filter { !$0.isRunning }
        var metrics: [String] = []
        for run in allFinished { for metric in run.evalMetrics where !metrics.contains(metric.name) { metrics.append(metric.name) } }
        let series = ["final loss"] + metrics
        // Labels alternate between two rows, so a group needs half its label's width.
        let labelWidth = min(allFinished.map { ui.font.measure($0.id) }.max() ?? 0, 200 * ui.style.scale)
        let groupWidth = max(Float(series.count) * 12 * ui.style.scale, labelWidth / 2 + ui.style.padding)
        let fit = max(3, Int((rect.width - 80 * ui.style.scale) / groupWidth))
        let finished = Array(allFinished.prefix(fit))
        let values = series.map { name in
            finished.map { run in name == "final loss" ? run.finalLoss ?? .nan : run.evalMetrics.first { $0.name == name }?.value ?? .nan }
        }
        let diverged = allFinished.filter { $0.finalLoss?.isNaN == true }.count
        let ticks = finished.enumerated().map {
            (value: Double($0.offset), label: $0.element.id + ($0.element.finalLoss?.isNaN == true ? " ✗ diverged" : ""))
        }
        var title =
            finished.count < allFinished.count
            ? "Run comparison: the best \(finished.count) of \(allFinished.count) finished runs by final loss (all in the Run table)"
            : "Run comparison: final loss and eval metrics (\(allFinished.count) finished runs)"
        if diverged > 0 { title += " · \(diverged) diverged (final loss NaN)" }
        let result = ui.plot("run-comparison", rect, title: title, x: AxisOptions(ticks: ticks), y: AxisOptions(include: [0])) { p in
            p.barGroups(series, values: values, valueTexts: values.map { $0.map { $0.isFinite ? Format.value($0, significant: 3) : "" } })
        }
        if let selected = finished.firstIndex(where: { $0.id == dashboard.selectedRun }) {
            SelectionMarks.outline(ui, result.transform, position: Double(selected), horizontal: false)
        }
        if let index = SelectionMarks.clickedCategory(ui, result, horizontal: false), finished.indices.contains(index) {
            dashboard.select(.run, finished[index].id)
        }
        for (index, run) in finished.enumerated() where run.finalLoss?.isNaN == true {
            let t = result.transform
            let text = "diverged (NaN)"
            ui.label(
                text, at: Vec2(t.px(Double(index)) - ui.font.measure(text) / 2, t.py(0) - ui.font.lineHeight - 2), color: ui.style.error)
        }
    }

    /// Each run's samples per domain as stacked bars, runs in start order.
    static func domainMix(_ runs: [TrainingRun], _ dashboard: Dashboard, _ ui: UIContext, _ rect: Rect) {
        let ordered = runs.sorted { ($0.startTime ?? "") < ($1.startTime ?? "") }
        var domains: [String] = []
        for run in ordered { for entry in run.domainDistribution where !domains.contains(entry.name) { domains.append(entry.name) } }
        let layers = domains.map { domain in ordered.map { run in Double(run.domainDistribution.first { $0.name == domain }?.count ?? 0) } }
        let ticks = ordered.enumerated().map { (value: Double($0.offset), label: $0.element.id) }
        // Stacked bars, not an area: runs are separate datasets, and nothing lies between them.
        let result = ui.plot(
            "domain-mix", rect, title: "Samples per domain in each run (runs in start order)",
            x: AxisOptions(ticks: ticks), y: AxisOptions(label: "samples", include: [0]), legend: .outside,
            highlight: dashboard.selection[.domain]
        ) { p in
            p.barGroups(domains, values: layers, stacked: true)
        }
        if let selected = ordered.firstIndex(where: { $0.id == dashboard.selectedRun }) {
            SelectionMarks.outline(ui, result.transform, position: Double(selected), horizontal: false)
        }
        if let index = SelectionMarks.clickedCategory(ui, result, horizontal: false), ordered.indices.contains(index) {
            dashboard.select(.run, ordered[index].id)
        }
    }
}
