import Figures
import Foundation
import HafsVizCore
import HafsVizModel
import Immediate

/// Sample count per region with sparse regions highlighted (< 0.5 × mean); tabs: the 2-D PCA
/// map of the centroids coloured by domain, each domain's share (pie), the coverage score
/// (gauge), samples per region by domain (min, mean, max).
struct CoveragePanel: DashboardPanel {
    let id = "coverage"
    let title = "Embedding Coverage"

    func csvFiles(_ model: DashboardModel) -> [(name: String, text: String)] { DashboardExport.coverage(model) }

    var views: [String] { Self.views }
    var tabsID: String? { "coverage-tabs" }

    /// The tabs, in order.
    static let views = DashboardViewNames.coverage

    func draw(_ dashboard: Dashboard, _ ui: UIContext, _ rect: Rect) {
        let snapshot = dashboard.model.snapshot
        let condition = dashboard.model.coverageCondition(loading: dashboard.reloads.isLoading)
        let coverage = snapshot.derived.coverage
        let content = dashboard.chrome(self, ui, rect, subtitle: dashboard.model.coverageHeadline, condition: condition)
        guard condition.hasData, let coverage else {
            dashboard.conditionMessage(ui, content, condition)
            return
        }
        let regions = snapshot.activeLearning.data?.regions ?? []
        let (tabRow, plotRect) = content.splitTop(ui.style.rowHeight + 2)
        let tab = ui.tabs("coverage-tabs", CoveragePanel.views, tabRow.insetBy(2, 2))
        if tab == 0 {
            let sparse = Set(coverage.sparseRegions)
            let counts = regions.map { Double($0.sampleCount) }
            let result = ui.plot(
                "regions", plotRect.insetBy(2, 2), x: AxisOptions(label: "region"), y: AxisOptions(label: "samples", include: [0])
            ) { p in
                p.bars("regions", values: counts.indices.map { sparse.contains($0) ? .nan : counts[$0] }, width: 0.8)
                p.bars(
                    "sparse (< 0.5 × mean)", values: counts.indices.map { sparse.contains($0) ? counts[$0] : .nan }, width: 0.8,
                    color: ui.style.warning)
                p.hline(coverage.meanSamples, label: "mean \(Format.value(coverage.meanSamples))", dashed: false)
                p.hline(coverage.meanSamples * 0.5, label: "0.5 × mean")
            }
            let selectedRegion = dashboard.selection[.region].flatMap(Int.init)
            if let selectedRegion, regions.indices.contains(selectedRegion) {
                SelectionMarks.outline(ui, result.transform, position: Double(selectedRegion), horizontal: false, halfWidth: 0.5)
            }
            if let index = SelectionMarks.clickedCategory(ui, result, horizontal: false), regions.indices.contains(index) {
                dashboard.select(.region, "\(index)")
            }
            if let hover = result.hover, let index = hover.index, index < regions.count {
                let region = regions[index]
                ui.tooltip(
                    "region \(index) · \(region.domain)\nsamples: \(region.sampleCount)\(sparse.contains(index) ? " (sparse)" : "")\navg quality: \(region.avgQuality.map { $0 == 0 ? "not computed (0.0)" : Format.value($0) } ?? "—")"
                )
            }
        } else if tab == 2 {
            CoverageViews.domainShare(coverage, dashboard, ui, plotRect.insetBy(2, 2))
        } else if tab == 3 {
            CoverageViews.scoreGauge(coverage, ui, plotRect.insetBy(2, 2))
        } else if tab == 4, let density = dashboard.model.regionDensity {
            CoverageViews.density(density, dashboard, ui, plotRect.insetBy(2, 2))
        } else if tab == 5 {
            RecordTableView.draw(
                .region, dashboard, ui, plotRect.insetBy(2, 2),
                note: "active_learning.json regions in file order · a region's domain is its last assigned sample's")
        } else {
            let map = snapshot.derived.regionMap
            var title = "PCA of \(map?.dimension ?? 0)-d centroids"
            if let variance = map?.explainedVariance {
                title += " · PC1 \(Format.percent(variance.x, decimals: 0)) · PC2 \(Format.percent(variance.y, decimals: 0))"
            }
            if let excluded = map?.excludedCount, excluded > 0 { title += " · \(excluded) left out (other length or non-finite)" }
            let result = ui.plot(
                "pca", plotRect.insetBy(2, 2), title: title, x: AxisOptions(label: "PC1"), y: AxisOptions(label: "PC2"), legend: .outside,
                highlight: dashboard.selection[.domain]
            ) { p in
                for (index, domain) in dashboard.model.regionMap.enumerated() {
                    p.scatter(
                        domain.domain, ScatterSeries(x: domain.x, y: domain.y, sizes: domain.sizes), color: ui.style.seriesColor(index),
                        markerSize: 5)
                }
            }
            if let hover = result.hover, let index = hover.index,
                let domain = dashboard.model.regionMap.first(where: { $0.domain == hover.series }), index < domain.regionIndices.count
            {
                let regionIndex = domain.regionIndices[index]
                ui.tooltip(
                    "region \(regionIndex) · \(domain.domain)\nsamples: \(regions[regionIndex].sampleCount)\nPC1 \(Format.value(hover.x)), PC2 \(Format.value(hover.y))"
                )
                if SelectionMarks.clicked(ui, result) { dashboard.select(.region, "\(regionIndex)") }
            }
            // The selected region gets a ring.
            if let selected = dashboard.selection[.region].flatMap(Int.init),
                let point = map?.points.indices.contains(selected) == true ? map?.points[selected] : nil
            {
                SelectionMarks.ring(ui, result.transform, x: point.x, y: point.y, radius: 14 * ui.style.scale)
            }
        }
        if condition.isStale { dashboard.conditionMessage(ui, content, condition) }
    }
}
