import Figures
import Foundation
import HafsVizCore
import HafsVizModel
import Immediate

/// The rejection history's scores. Tabs: per domain a rolling mean of `overall` with its
/// interquartile band (the default), the raw series (domains in the legend, metrics toggled
/// beneath), the rejection reasons, and score distributions per domain. Every tab counts the
/// Data ▸ Time Range; validation failures (dummy scores) are marks along x, out of the lines
/// unless asked for.
struct QualityTrendsPanel: DashboardPanel {
    let id = "quality"
    let title = "Quality Trends"

    func csvFiles(_ model: DashboardModel) -> [(name: String, text: String)] { DashboardExport.quality(model) }

    var views: [String] { Self.views }
    var tabsID: String? { "quality-tabs" }
    static let views = DashboardViewNames.quality
    static let metrics = ["overall", "diversity", "kg_consistency", "coherence", "hallucination_risk"]

    func draw(_ dashboard: Dashboard, _ ui: UIContext, _ rect: Rect) {
        let model = dashboard.model
        let snapshot = model.snapshot
        let condition = dashboard.model.qualityCondition(loading: dashboard.reloads.isLoading)
        let drift = snapshot.quality.data == nil ? [] : model.drift.filter(\.isAlert)
        let content = dashboard.chrome(self, ui, rect, subtitle: model.qualityHeadline, condition: condition)
        guard condition.hasData else {
            dashboard.conditionMessage(ui, content, condition)
            return
        }
        let style = ui.style
        let (tabRow, rest) = content.splitTop(style.rowHeight + 2)
        let tab = ui.tabs("quality-tabs", QualityTrendsPanel.views, tabRow.insetBy(2, 2))
        // The time strip sits under every tab: they all count the range.
        let (body, strip) = rest.splitBottom(TimeRangeStrip.height(style))
        TimeRangeStrip.draw(dashboard, ui, strip.insetBy(2, 2))
        switch tab {
        case 1: drawRaw(dashboard, ui, body, drift: drift)
        case 2: QualityViews.reasons(model, ui, body.insetBy(2, 2))
        case 3: QualityViews.distributions(dashboard, ui, body.insetBy(2, 2))
        case 4:
            RecordTableView.draw(
                .domain, dashboard, ui, body.insetBy(2, 2),
                note:
                    "Every domain in the three files · rejections and means: \(QualityTrendsPanel.rangeNote(model)) · drift: whole history")
        default: drawRolling(dashboard, ui, body, drift: drift)
        }
        TimeRangeStrip.drawEmptyNotice(dashboard, ui, body)
        if condition.isStale { dashboard.conditionMessage(ui, content, condition) }
    }

    /// What a history view's title says about the entries it counts.
    /// `failuresCounted`: the view counts validation failures whatever the toggle says.
    static func rangeNote(_ model: DashboardModel, failuresCounted: Bool = false) -> String {
        let selection = model.selection
        var text =
            model.filter.range == .all
            ? "all \(model.snapshot.quality.data?.history.count ?? 0) entries"
            : "\(model.filter.range.name): \(selection.inRange) entries"
        if model.filter.range != .all, selection.withoutTimestamp > 0 {
            text += " (\(selection.withoutTimestamp) without timestamp left out)"
        }
        if !failuresCounted, !model.filter.includeValidationFailures, !selection.validationFailures.isEmpty {
            text += ", \(selection.validationFailures.count) validation failures left out"
        }
        return text
    }

    /// The x axis and each series' x values by the dashboard's choice (entry index or time).
    private func axis(_ dashboard: Dashboard) -> AxisOptions {
        dashboard.options.xAxisByTime ? AxisOptions(isTime: true) : AxisOptions(label: "rejection_history entry")
    }

    /// A line chart's title: what it shows, the entries it counts, and on a time axis how many
    /// entries have no timestamp to place them by.
    private func chartTitle(_ dashboard: Dashboard, _ what: String) -> String {
        let model = dashboard.model
        var title = "\(what) · \(QualityTrendsPanel.rangeNote(model))"
        if dashboard.options.xAxisByTime, model.entriesWithoutTimestamp > 0 {
            title += " · \(model.entriesWithoutTimestamp) without timestamp not shown"
        }
        return title
    }

    /// The file's thresholds for `metrics` as dashed lines, always in view.
    static func addThresholds(_ model: DashboardModel, for metrics: Set<String>, _ p: inout PlotBuilder) {
        for threshold in model.thresholds where metrics.contains(threshold.metric) {
            p.hline(threshold.value, label: "\(threshold.name) \(Format.value(threshold.value))", fitted: true)
        }
    }

    private func driftMark(_ drift: [DriftResult], domain: String, metric: String) -> String {
        guard let found = drift.first(where: { $0.domain == domain && $0.metric == metric }) else { return "" }
        return " ⚠ \(found.status == .drift ? "drift" : "possible drift") \(found.direction?.rawValue ?? "")"
    }

    private func domainColor(_ ui: UIContext, _ model: DashboardModel, _ domain: String) -> Color {
        // Colours follow the file's domain order, so a time range does not repaint domains.
        ui.style.seriesColor(model.domainIndex[domain] ?? 0)
    }

    /// Default: per domain, the rolling mean of `overall` over its last 25 counted values and
    /// the band between their quartiles.
    private func drawRolling(_ dashboard: Dashboard, _ ui: UIContext, _ rect: Rect, drift: [DriftResult]) {
        let model = dashboard.model
        let byTime = dashboard.options.xAxisByTime
        let (plotRect, controls) = rect.splitBottom(ui.style.rowHeight + 4)
        let title = chartTitle(dashboard, "overall: rolling mean of \(DashboardModel.rollingWindow) with interquartile band")
        let result = ui.plot(
            "quality-rolling", plotRect.insetBy(2, 2), title: title, x: axis(dashboard), y: AxisOptions(label: "overall score"),
            legend: .outside, highlight: dashboard.selection[.domain]
        ) { p in
            for domain in model.rolling {
                let color = domainColor(ui, model, domain.domain)
                let band = byTime ? domain.bandByTime : domain.band
                let average = Format.fixed(domain.average, 2)
                let arrow = domain.direction.arrow(lowerIsBetter: false)  // overall: higher is better
                let text =
                    "\(domain.domain) \(arrow) \(average) · n \(domain.count)\(driftMark(drift, domain: domain.domain, metric: "overall"))"
                p.band(
                    domain.domain, x: band.x, lower: band.lower, upper: band.upper, color: color.withAlpha(0.7), legendText: text,
                    maxGap: byTime ? domain.maxGapByTime : domain.maxGap)
                p.line(
                    "\(domain.domain) rolling mean", byTime ? domain.meanByTime : domain.mean, color: color, thickness: 2 * ui.style.scale,
                    maxGap: byTime ? domain.maxGapByTime : domain.maxGap, markers: domain.count <= DashboardModel.sparseCount,
                    legendKey: domain.domain)
            }
            addValidationMarks(dashboard, ui, &p)
            QualityTrendsPanel.addThresholds(model, for: ["overall"], &p)
        }
        if let hover = result.hover, hover.index != nil, hover.series.hasSuffix(" rolling mean") {
            let domain = String(hover.series.dropLast(" rolling mean".count))
            if let entry = model.historyEntry(domain: domain, x: hover.x, byTime: byTime), let details = model.historyEntryDetails(entry) {
                ui.tooltip("\(domain): rolling mean \(Format.value(hover.y)) here\n" + details)
            }
        }
        drawFailureToggle(dashboard, ui, controls)
    }

    /// The raw series of the metrics ticked beneath, grouped by domain in the legend.
    private func drawRaw(_ dashboard: Dashboard, _ ui: UIContext, _ rect: Rect, drift: [DriftResult]) {
        let model = dashboard.model
        let byTime = dashboard.options.xAxisByTime
        let metrics = dashboard.options.trendMetrics
        let (plotRect, controls) = rect.splitBottom(ui.style.rowHeight + 4)
        let shown = model.trends.filter { metrics.contains($0.metric) }
        let title = chartTitle(
            dashboard, metrics.isEmpty ? "no metric ticked" : QualityTrendsPanel.metrics.filter(metrics.contains).joined(separator: ", "))
        // One legend entry per domain: its series shown, and how many of them drift.
        var legendText: [String: String] = [:]
        for domain in Set(shown.map(\.domain)) {
            let series = shown.filter { $0.domain == domain }
            let drifting = drift.filter { alert in alert.domain == domain && series.contains { $0.metric == alert.metric } }.count
            legendText[domain] = "\(domain) · \(series.count) series\(drifting > 0 ? " · ⚠ \(drifting) drifting" : "")"
        }
        let result = ui.plot(
            "quality-raw", plotRect.insetBy(2, 2), title: title, x: axis(dashboard), y: AxisOptions(label: "score"), legend: .outside,
            highlight: dashboard.selection[.domain]
        ) { p in
            for trend in shown {
                // A domain's metrics share its hue at different strengths.
                let base = domainColor(ui, model, trend.domain)
                let strength = 1 - 0.15 * Float(QualityTrendsPanel.metrics.firstIndex(of: trend.metric) ?? 4)
                let legend = legendText[trend.domain] ?? trend.domain
                p.line(
                    trend.label, byTime ? trend.byTime : trend.byIndex, color: base.mixed(with: ui.style.background, 1 - strength),
                    maxGap: byTime ? trend.maxGapByTime : trend.maxGap, markers: trend.sparse, legendKey: trend.domain, legendText: legend)
            }
            addValidationMarks(dashboard, ui, &p)
            QualityTrendsPanel.addThresholds(model, for: metrics, &p)
        }
        if let hover = result.hover, hover.index != nil, let trend = shown.first(where: { $0.label == hover.series }),
            let entry = model.historyEntry(domain: trend.domain, x: hover.x, byTime: byTime), let details = model.historyEntryDetails(entry)
        {
            ui.tooltip(details)
        }
        // Metric toggles beneath the chart, then the validation-failure toggle.
        var x = controls.min.x + ui.style.padding
        ui.label("metrics:", at: Vec2(x, controls.center.y - ui.font.lineHeight / 2), color: ui.style.textDim)
        x += ui.font.measure("metrics:") + ui.style.padding * 2
        let present = QualityTrendsPanel.metrics.filter { metric in model.trends.contains { $0.metric == metric } }
        for metric in present {
            let trendCount = model.trends.filter { $0.metric == metric }.count
            let drifting = drift.filter { $0.metric == metric }.count
            let text = drifting > 0 ? "\(metric) ⚠\(drifting)" : metric
            let width = ui.font.measure(text) + 30 * ui.style.scale
            var on = metrics.contains(metric)
            if ui.checkbox(text, &on, Rect(x: x, y: controls.min.y, width: width, height: controls.height)) {
                dashboard.setTrendMetric(metric, shown: on)
            }
            if ui.isMouseOver(Rect(x: x, y: controls.min.y, width: width, height: controls.height)) {
                ui.tooltip(
                    "\(metric): \(trendCount) domains\(metric == "hallucination_risk" ? " (lower is better)" : "")\(drifting > 0 ? "\n\(drifting) drifting" : "")"
                )
            }
            x += width + ui.style.padding
        }
        drawFailureToggle(dashboard, ui, Rect(min: Vec2(x, controls.min.y), max: controls.max))
    }

    /// Validation failures inside the range as marks along the x axis, with their count.
    private func addValidationMarks(_ dashboard: Dashboard, _ ui: UIContext, _ p: inout PlotBuilder) {
        let marks = dashboard.model.validationMarks
        let byTime = dashboard.options.xAxisByTime
        let xs = byTime ? marks.byTime : marks.byIndex
        guard !marks.byIndex.isEmpty else { return }
        let counted = dashboard.options.includeValidationFailures ? "in lines" : "not in lines"
        p.rug(
            "validation failures: \(marks.byIndex.count) (\(counted))", x: xs, color: ui.style.text,
            details: byTime ? marks.byTimeDetails : marks.byIndexDetails)
    }

    /// "☐ count validation failures (N) in lines and means" at the right of `rect`.
    private func drawFailureToggle(_ dashboard: Dashboard, _ ui: UIContext, _ rect: Rect) {
        let count = dashboard.model.validationMarks.byIndex.count
        let text = "count \(count) validation failures in lines and means"
        let width = ui.font.measure(text) + 30 * ui.style.scale
        let box = Rect(x: rect.max.x - width - ui.style.padding, y: rect.min.y, width: width, height: rect.height)
        guard box.min.x >= rect.min.x else { return }
        var include = dashboard.options.includeValidationFailures
        if ui.checkbox(text, &include, box) { dashboard.setIncludeValidationFailures(include) }
        if ui.isMouseOver(box) {
            ui.tooltip(
                "Validation failures are logged with dummy scores (0, 0, 1.0, 0, overall 0),\nnot measured quality. Recognised by reason validation_failed or those exact scores."
            )
        }
    }
}
