import Figures
import HafsVizCore
import HafsVizModel
import Immediate

/// Acceptance rate per generator (sorted, with counts); tabs: rejection reasons as stacked bars
/// per generator plus the totals, each reason's share (donut), generator × reason (heatmap).
struct GeneratorStatsPanel: DashboardPanel {
    let id = "generators"
    let title = "Generator Stats"

    func csvFiles(_ model: DashboardModel) -> [(name: String, text: String)] { DashboardExport.generators(model) }

    var views: [String] { Self.views }
    var tabsID: String? { "generator-tabs" }

    /// The tabs, in order.
    static let views = DashboardViewNames.generators

    func draw(_ dashboard: Dashboard, _ ui: UIContext, _ rect: Rect) {
        let snapshot = dashboard.model.snapshot
        let condition = dashboard.model.generatorCondition(loading: dashboard.reloads.isLoading)
        let generators = dashboard.model.generatorsByAcceptance
        let content = dashboard.chrome(self, ui, rect, subtitle: dashboard.model.generatorHeadline, condition: condition)
        guard condition.hasData else {
            dashboard.conditionMessage(ui, content, condition)
            return
        }
        let (tabRow, plotRect) = content.splitTop(ui.style.rowHeight + 2)
        let tab = ui.tabs("generator-tabs", GeneratorStatsPanel.views, tabRow.insetBy(2, 2))
        let count = generators.count
        if tab == 0 {
            // Best at the top: position count-1-i.
            let ticks = generators.enumerated().map {
                (
                    value: Double(count - 1 - $0.offset),
                    label: "\($0.element.name)  \($0.element.samplesAccepted)✓ \($0.element.samplesRejected)✗"
                )
            }
            let result = ui.plot(
                "acceptance", plotRect.insetBy(2, 2),
                x: AxisOptions(label: "acceptance rate = accepted / (accepted + rejected)", include: [0, 1]),
                y: AxisOptions(ticks: ticks)
            ) { p in
                p.bars(
                    "", values: generators.map(\.acceptanceRate), positions: (0..<count).map { Double(count - 1 - $0) },
                    horizontal: true)
                p.vline(0.5, label: "50%", dashed: true)
            }
            for (index, generator) in generators.enumerated() where generator.samplesAccepted + generator.samplesRejected == 0 {
                let y = result.transform.py(Double(count - 1 - index))
                ui.label(
                    "nothing accepted or rejected yet (rate shown as 0)",
                    at: Vec2(result.transform.area.min.x + ui.style.padding, y - ui.font.lineHeight / 2), color: ui.style.textDim)
            }
            if let selected = generators.firstIndex(where: { $0.name == dashboard.selection[.generator] }) {
                SelectionMarks.outline(ui, result.transform, position: Double(count - 1 - selected), horizontal: true)
            }
            if let row = SelectionMarks.clickedCategory(ui, result, horizontal: true), generators.indices.contains(count - 1 - row) {
                dashboard.select(.generator, generators[count - 1 - row].name)
            }
            if let hover = result.hover, let index = hover.index, index < count {
                let generator = generators[index]
                ui.tooltip(
                    "\(generator.name)\nacceptance rate: \(Format.percent(generator.acceptanceRate))\naccepted: \(generator.samplesAccepted)\nrejected: \(generator.samplesRejected)\ngenerated: \(generator.samplesGenerated)\navg quality: \(generator.avgQualityScore.map { Format.value($0) } ?? "—")"
                )
            }
        } else if tab == 2 {
            GeneratorViews.reasonShare(snapshot, ui, plotRect.insetBy(2, 2))
        } else if tab == 3 {
            GeneratorViews.reasonHeatmap(snapshot, dashboard, ui, plotRect.insetBy(2, 2))
        } else if tab == 4 {
            RecordTableView.draw(.generator, dashboard, ui, plotRect.insetBy(2, 2), note: "generator_stats: \(GeneratorViews.cumulative)")
        } else {
            let matrix = snapshot.derived.rejectionMatrix
            // Rows: generators in file order, then the totals.
            let rows = matrix.generators + ["all generators"]
            let values = matrix.reasons.indices.map { r in
                matrix.counts.map { Double($0[r]) } + [Double(snapshot.derived.rejectionTotals[r].count)]
            }
            let ticks = rows.enumerated().map { (value: Double(rows.count - 1 - $0.offset), label: $0.element) }
            let result = ui.plot(
                "reasons", plotRect.insetBy(2, 2), title: "Rejection reasons per generator (\(GeneratorViews.cumulative))",
                x: AxisOptions(label: "rejected samples", include: [0]), y: AxisOptions(ticks: ticks)
            ) { p in
                // barGroups places group g at position g: reverse so the first generator is on top.
                p.barGroups(matrix.reasons, values: values.map { Array($0.reversed()) }, stacked: true, horizontal: true)
            }
            if let selected = matrix.generators.firstIndex(where: { $0 == dashboard.selection[.generator] }) {
                SelectionMarks.outline(ui, result.transform, position: Double(rows.count - 1 - selected), horizontal: true)
            }
            if let row = SelectionMarks.clickedCategory(ui, result, horizontal: true),
                matrix.generators.indices.contains(rows.count - 1 - row)
            {
                dashboard.select(.generator, matrix.generators[rows.count - 1 - row])
            }
        }
        if condition.isStale { dashboard.conditionMessage(ui, content, condition) }
    }
}
