import HafsVizCore
import HafsVizModel
import Immediate

/// The Quality Trends panel's views of the rejection history other than lines: the reasons
/// logged, and the score distributions per domain. Both count the time range.
enum QualityViews {
    /// Each reason's share of the rejections inside the time range (validation failures
    /// included: they are rejections).
    static func reasons(_ model: DashboardModel, _ ui: UIContext, _ rect: Rect) {
        let counts = model.reasonCounts
        let sum = counts.reduce(0) { $0 + $1.count }
        ui.plot(
            "history-reasons", rect,
            title: "Rejection reasons in rejection_history · \(QualityTrendsPanel.rangeNote(model, failuresCounted: true))"
        ) { p in
            p.pie(counts.map(\.name), values: counts.map { Double($0.count) }, innerRadius: 0.5, centerText: "\(sum)\nrejections")
        }
        if counts.isEmpty {
            ui.label("No entries in \(model.filter.range.name).", in: rect, color: ui.style.textDim, centered: true)
        }
    }

    /// One box per domain (quartiles, Tukey whiskers, outliers) of the chosen metric's counted
    /// values; the metric is picked in a row of buttons above.
    static func distributions(_ dashboard: Dashboard, _ ui: UIContext, _ rect: Rect) {
        let model = dashboard.model
        let style = ui.style
        let present = QualityTrendsPanel.metrics.filter { metric in model.trends.contains { $0.metric == metric } }
        guard !present.isEmpty else {
            ui.label("No finite scores in \(model.filter.range.name).", in: rect, color: style.textDim, centered: true)
            return
        }
        let (row, plotRect) = rect.splitTop(style.rowHeight + 2)
        let chosen = min(ui.tabs("quality-distribution-metric", present, row), present.count - 1)
        let metric = present[chosen]
        let trends = model.trends.filter { $0.metric == metric }
        let names = trends.map { "\($0.domain) (n \($0.byIndex.count))" }
        let better = metric == "hallucination_risk" ? "lower is better" : "higher is better"
        let result = ui.plot(
            "quality-distribution", plotRect.insetBy(0, 2),
            title: "\(metric) per domain (\(better)) · \(QualityTrendsPanel.rangeNote(model))",
            x: AxisOptions(ticks: names.enumerated().map { (Double($0.offset), $0.element) }), y: AxisOptions(label: metric)
        ) { p in
            // Box statistics are prepared with the model (sorting every frame would cost).
            p.add(
                BoxItem(
                    label: "", positions: trends.indices.map(Double.init), stats: trends.map(\.box), names: trends.map(\.domain),
                    color: style.seriesColor(0)))
            QualityTrendsPanel.addThresholds(model, for: [metric], &p)
        }
        if let selected = trends.firstIndex(where: { $0.domain == dashboard.selection[.domain] }) {
            SelectionMarks.outline(ui, result.transform, position: Double(selected), horizontal: false)
        }
        if let index = SelectionMarks.clickedCategory(ui, result, horizontal: false), trends.indices.contains(index) {
            dashboard.select(.domain, trends[index].domain)
        }
    }
}
