import Foundation
import HafsVizCore
import Immediate

/// One line per (domain, metric); by default only `overall` per domain plus the moving mean
/// are shown (the legend shows the rest). Thresholds from the file as dashed lines.
struct QualityTrendsPanel: DashboardPanel {
    let id = "quality"
    let title = "Quality Trends"
    let csvName = "quality-trends"

    func csv(_ model: DashboardModel) -> String { CSVExport.qualityTrends(model) }

    func draw(_ dashboard: Dashboard, _ ui: UIContext, _ rect: Rect) {
        let snapshot = dashboard.model.snapshot
        let condition = dashboard.condition(snapshot.quality, isEmpty: { $0.history.count == 0 },
                                            emptyMessage: "quality_feedback.json has no rejection_history entries yet")
        let history = snapshot.quality.data?.history
        let byTime = dashboard.options.xAxisByTime
        // rejection_history holds rejected samples only; say so before anything else.
        var subtitle = "scores of rejected samples · \(history.map { "\($0.count) entries" } ?? "—") · \(byTime ? "by time" : "by sample index")"
        let drift = snapshot.quality.data == nil ? [] : snapshot.derived.drift.filter(\.isAlert)
        if !drift.isEmpty {
            let worse = drift.filter { $0.direction == .worse }.count
            subtitle += " · ⚠ drift: \(drift.count) (\(worse) worse)"
        }
        if byTime, dashboard.model.entriesWithoutTimestamp > 0 {
            subtitle += " · \(dashboard.model.entriesWithoutTimestamp) without timestamp not shown"
        }
        let content = dashboard.chrome(self, ui, rect, subtitle: subtitle, condition: condition)
        guard condition.hasData else {
            dashboard.conditionMessage(ui, content, condition)
            return
        }
        // By default only `overall` is shown; the legend shows the rest. Thresholds follow the
        // metrics shown (as of the last frame; a series not seen yet has its default).
        let state = ui.plotState("quality")
        let visibleMetrics = Set(dashboard.model.trends.filter { trend in
            guard let state, state.seenLabels.contains(trend.label) else { return trend.metric == "overall" }
            return !state.hidden.contains(trend.label)
        }.map(\.metric))
        let domains = Array(Set(dashboard.model.trends.map(\.domain))).sorted()
        let metrics = ["overall", "diversity", "kg_consistency", "coherence", "hallucination_risk"]
        ui.plot("quality", content.insetBy(2, 2), x: AxisOptions(label: byTime ? nil : "rejection_history entry", isTime: byTime),
                y: AxisOptions(label: "score"), legend: .outside) { p in
            for trend in dashboard.model.trends {
                // Colour by domain; metrics of one domain share its hue at different strengths.
                let base = ui.style.seriesColor(domains.firstIndex(of: trend.domain) ?? 0)
                let strength = 1 - 0.15 * Float(metrics.firstIndex(of: trend.metric) ?? 4)
                let mean = trend.mean.map { String(format: "%.2f", $0) } ?? "—"
                // A (domain, metric) whose recent scores drifted is marked in the legend.
                let drifted = drift.first { $0.domain == trend.domain && $0.metric == trend.metric }
                let mark = drifted.map { " ⚠ \($0.status == .drift ? "drift" : "possible drift") \($0.direction?.rawValue ?? "")" } ?? ""
                p.line(trend.label, byTime ? trend.byTime : trend.byIndex, color: base.mixed(with: ui.style.background, 1 - strength),
                       legendSuffix: "\(trend.arrow) \(mean)\(mark)", hidden: trend.metric != "overall")
            }
            if let mean = dashboard.model.overallMean {
                p.line("mean: overall, all domains (moving \(DashboardModel.movingWindow))", byTime ? mean.byTime : mean.byIndex,
                       color: ui.style.text, thickness: 2 * ui.style.scale)
            }
            for threshold in dashboard.model.thresholds where visibleMetrics.contains(threshold.metric) {
                p.hline(threshold.value, label: "\(threshold.name) \(Ticks.formatValue(threshold.value))")
            }
        }
        if condition.isStale { dashboard.conditionMessage(ui, content, condition) }
    }
}
