import Figures
import HafsVizCore
import HafsVizModel
import Immediate

/// The Generator Stats panel's views of `generator_stats`' rejection counts. These counts are
/// cumulative totals with no time attached, so the time range does not apply to them, and each
/// title says so.
enum GeneratorViews {
    static let cumulative = DashboardViewNames.cumulativeNote

    /// Each rejection reason's share of all rejections (a donut), with the total in the middle.
    static func reasonShare(_ snapshot: Snapshot, _ ui: UIContext, _ rect: Rect) {
        let totals = snapshot.derived.rejectionTotals
        let sum = totals.reduce(0) { $0 + $1.count }
        ui.plot("reason-share", rect, title: "Rejection reasons: share of \(sum) rejections (\(cumulative))") { p in
            p.pie(totals.map(\.name), values: totals.map { Double($0.count) }, innerRadius: 0.5, centerText: "\(sum)\nrejections")
        }
    }

    /// Generator × reason counts as a heatmap; the hover adds the cell's share of that
    /// generator's rejections.
    static func reasonHeatmap(_ snapshot: Snapshot, _ dashboard: Dashboard, _ ui: UIContext, _ rect: Rect) {
        let matrix = snapshot.derived.rejectionMatrix
        let rowTotals = matrix.counts.map { $0.reduce(0, +) }
        let values = matrix.counts.map { $0.map(Double.init) }
        let notes = matrix.counts.indices.map { g in
            matrix.counts[g].map { count in
                rowTotals[g] > 0
                    ? "\(Format.percent(Double(count) / Double(rowTotals[g]))) of \(matrix.generators[g])'s \(rowTotals[g]) rejections"
                    : "no rejections"
            }
        }
        let rows = matrix.generators.count
        let result = ui.plot(
            "reason-heatmap", rect, title: "Rejections by generator × reason (\(cumulative))",
            x: AxisOptions(ticks: HeatmapItem.columnTicks(matrix.reasons)), y: AxisOptions(ticks: HeatmapItem.rowTicks(matrix.generators))
        ) { p in
            p.heatmap(
                "rejections", values: values, rows: matrix.generators, columns: matrix.reasons,
                cellTexts: matrix.counts.map { $0.map(String.init) }, hoverNotes: notes)
        }
        if let selected = matrix.generators.firstIndex(where: { $0 == dashboard.selection[.generator] }) {
            SelectionMarks.outline(ui, result.transform, position: Double(rows - 1 - selected), horizontal: true, halfWidth: 0.5)
        }
        if let row = SelectionMarks.clickedCategory(ui, result, horizontal: true), matrix.generators.indices.contains(rows - 1 - row) {
            dashboard.select(.generator, matrix.generators[rows - 1 - row])
        }
    }
}
