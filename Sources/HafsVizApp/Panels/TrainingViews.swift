import Figures
import Foundation
import HafsVizCore
import HafsVizModel
import Immediate

/// The Training Runs panel's other views of `training_feedback.json`.
enum TrainingViews {
    /// Signed effectiveness values around 0, one bar per entry (Domain effectiveness: clicking
    /// a bar selects its domain).
    static func effectiveness(
        _ bars: EffectivenessBars, id: String, selectsDomains: Bool, _ dashboard: Dashboard, _ ui: UIContext, _ rect: Rect
    ) {
        let values = bars.entries
        let count = values.count
        let ticks = bars.labels.enumerated().map { (value: Double(count - 1 - $0.offset), label: $0.element) }
        let result = ui.plot(id, rect, title: bars.title, x: AxisOptions(label: "effectiveness"), y: AxisOptions(ticks: ticks)) { p in
            p.divergingBars(
                "effectiveness", values: values.map(\.value), positions: (0..<count).map { Double(count - 1 - $0) },
                valueTexts: values.map { EffectivenessBars.text($0.value) })
        }
        if selectsDomains {
            if let selected = values.firstIndex(where: { $0.name == dashboard.selection[.domain] }) {
                SelectionMarks.outline(ui, result.transform, position: Double(count - 1 - selected), horizontal: true)
            }
            if let row = SelectionMarks.clickedCategory(ui, result, horizontal: true), values.indices.contains(count - 1 - row) {
                dashboard.select(.domain, values[count - 1 - row].name)
            }
        }
        for (index, entry) in values.enumerated() where !entry.value.isFinite {
            let y = result.transform.py(Double(count - 1 - index))
            ui.label(
                "NaN: no value", at: Vec2(result.transform.px(0) + ui.style.padding, y - ui.font.lineHeight / 2), color: ui.style.warning)
        }
    }

    /// Final loss and every eval metric, grouped per finished run (best loss first). Groups
    /// get at least 12 px a bar: the best that fit are drawn, the rest are left to the table.
    static func runComparison(_ comparison: RunComparison, _ dashboard: Dashboard, _ ui: UIContext, _ rect: Rect) {
        let allFinished = comparison.runs
        let series = comparison.series
        // Labels alternate between two rows, so a group needs half its label's width.
        let labelWidth = min(allFinished.map { ui.font.measure($0.id) }.max() ?? 0, 200 * ui.style.scale)
        let groupWidth = max(Float(series.count) * 12 * ui.style.scale, labelWidth / 2 + ui.style.padding)
        let fit = max(3, Int((rect.width - 80 * ui.style.scale) / groupWidth))
        let finished = Array(allFinished.prefix(fit))
        let values = comparison.values.map { Array($0.prefix(finished.count)) }
        let ticks = finished.enumerated().map {
            (value: Double($0.offset), label: $0.element.id + ($0.element.finalLoss?.isNaN == true ? " ✗ diverged" : ""))
        }
        let result = ui.plot(
            "run-comparison", rect, title: comparison.title(shown: finished.count), x: AxisOptions(ticks: ticks),
            y: AxisOptions(include: [0])
        ) { p in
            p.barGroups(series, values: values, valueTexts: values.map { $0.map(RunComparison.text) })
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
    static func domainMix(_ mix: DomainMix, _ dashboard: Dashboard, _ ui: UIContext, _ rect: Rect) {
        let ordered = mix.runs
        let domains = mix.domains
        let layers = mix.layers
        let ticks = ordered.enumerated().map { (value: Double($0.offset), label: $0.element.id) }
        // Stacked bars, not an area: runs are separate datasets, and nothing lies between them.
        let result = ui.plot(
            "domain-mix", rect, title: DomainMix.title,
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
