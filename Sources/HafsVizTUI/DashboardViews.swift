// The Dashboard's further views in the terminal, named as the window's tabs: Raw scores, Reasons,
// Distributions (Quality Trends); Reason share, Generator × reason (Generator Stats); PCA map,
// Domain coverage, Coverage score (Embedding Coverage). Each draws one panel body from the model.

import Figures
import Foundation
import HafsVizCore
import HafsVizModel
import Terminal

extension DashboardScreen {
    /// Named counts as eighth-block bars, largest first, each with its count and share of all.
    func drawCounts(
        _ buffer: inout CellBuffer, _ counts: [NamedCount], note: String, panel: Int, _ r: (x: Int, y: Int, w: Int, h: Int)
    ) {
        let total = counts.reduce(0) { $0 + $1.count }
        buffer.put(TextFit.cut("\(Format.count(total)) rejections · \(note)", to: r.w), x: r.x, y: r.y, foreground: TUIStyle.dim)
        guard total > 0 else { return }
        let sorted = counts.sorted { $0.count > $1.count }
        let largest = Double(sorted.first?.count ?? 1)
        let labelWidth = min((sorted.map(\.name.count).max() ?? 0) + 1, r.w / 2)
        let rows = Chart.rowsShown(sorted.count, in: r.h - 1)
        Chart.moreNote(&buffer, total: sorted.count, shown: rows, panel: panel, x: r.x, y: r.y + 1 + rows, width: r.w)
        for (row, count) in sorted.prefix(rows).enumerated() {
            let y = r.y + 1 + row
            buffer.put(TextFit.cut(count.name, to: labelWidth - 1), x: r.x, y: y, foreground: TUIStyle.text)
            let figure = "\(Format.count(count.count)) \(Format.percent(Double(count.count) / Double(total)))"
            let barWidth = r.w - labelWidth - figure.count - 1
            Chart.bar(
                &buffer, fraction: Double(count.count) / largest, x: r.x + labelWidth, y: y, width: barWidth, color: TUIStyle.series(0))
            buffer.put(figure, x: r.x + r.w - figure.count, y: y, foreground: TUIStyle.dim)
        }
    }

    /// The regions' centroids on the PCA map in Braille, each domain in its colour, with a legend.
    func drawRegionMap(_ buffer: inout CellBuffer, _ r: (x: Int, y: Int, w: Int, h: Int)) {
        let domains = model.regionMap
        let all = domains.flatMap { zip($0.x, $0.y) }.filter { $0.0.isFinite && $0.1.isFinite }
        guard let first = all.first else {
            buffer.put("no region with a finite map position", x: r.x, y: r.y, foreground: TUIStyle.dim, limit: r.w)
            return
        }
        var x = AxisRange(first.0, first.0)
        var y = AxisRange(first.1, first.1)
        for (px, py) in all {
            x = AxisRange(min(x.min, px), max(x.max, px))
            y = AxisRange(min(y.min, py), max(y.max, py))
        }
        let legend = domains.map { "\($0.domain) \($0.x.count)" }
        let legendWidth = min((legend.map(\.count).max() ?? 0) + 3, r.w / 3)
        var canvas = BrailleCanvas(width: r.w - legendWidth - 1, height: r.h - 1)
        for (index, domain) in domains.enumerated() {
            let series = model.domainIndex[domain.domain] ?? index
            for (px, py) in zip(domain.x, domain.y) where px.isFinite && py.isFinite {
                let column = x.span > 0 ? Int((px - x.min) / x.span * Double(canvas.dotsWide - 1)) : canvas.dotsWide / 2
                if let row = canvas.row(py, y) { canvas.set(column, row, series: series) }
            }
        }
        Chart.blit(canvas, into: &buffer, x: r.x, y: r.y)
        buffer.put("PC1 →, PC2 ↑ · one dot per region centroid", x: r.x, y: r.y + r.h - 1, foreground: TUIStyle.dim, limit: canvas.width)
        let rows = Chart.rowsShown(legend.count, in: r.h)
        for (row, text) in legend.prefix(rows).enumerated() {
            let color = TUIStyle.series(model.domainIndex[domains[row].domain] ?? row)
            buffer.put("■ ", x: r.x + r.w - legendWidth + 1, y: r.y + row, foreground: color)
            buffer.put(text, x: r.x + r.w - legendWidth + 3, y: r.y + row, foreground: TUIStyle.text, limit: legendWidth - 3)
        }
        Chart.moreNote(
            &buffer, total: legend.count, shown: rows, panel: 3, x: r.x + r.w - legendWidth + 1, y: r.y + rows, width: legendWidth - 1)
    }

    /// Rejections by generator × reason as a heatmap: each cell's count on its viridis colour
    /// (dark text on light cells), as many reasons as fit, the rest counted.
    func drawReasonMatrix(_ buffer: inout CellBuffer, _ r: (x: Int, y: Int, w: Int, h: Int)) {
        let matrix = model.snapshot.derived.rejectionMatrix
        buffer.put(
            TextFit.cut("rejections by generator × reason (\(DashboardViewNames.cumulativeNote))", to: r.w), x: r.x, y: r.y,
            foreground: TUIStyle.dim)
        guard !matrix.generators.isEmpty, !matrix.reasons.isEmpty else { return }
        let labelWidth = min((matrix.generators.map(\.count).max() ?? 0) + 1, r.w / 3)
        let largestCount = matrix.counts.flatMap { $0 }.max() ?? 0
        let cellWidth = max(max(String(largestCount).count + 1, 5), min(12, (r.w - labelWidth) / matrix.reasons.count))
        let columns = min(matrix.reasons.count, max((r.w - labelWidth) / cellWidth, 0))
        let rows = Chart.rowsShown(matrix.generators.count, in: r.h - 3)
        for column in 0..<columns {
            buffer.put(
                TextFit.cut(matrix.reasons[column], to: cellWidth - 1), x: r.x + labelWidth + column * cellWidth, y: r.y + 1,
                foreground: TUIStyle.dim)
        }
        let largest = Double(max(largestCount, 1))
        for row in 0..<rows {
            let y = r.y + 2 + row
            buffer.put(TextFit.cut(matrix.generators[row], to: labelWidth - 1), x: r.x, y: y, foreground: TUIStyle.text)
            for column in 0..<columns {
                let count = matrix.counts[row].indices.contains(column) ? matrix.counts[row][column] : 0
                let hex = ViridisStops.color(at: Double(count) / largest)
                // Light text on the dark end of the map, dark text on the light end.
                let luminance = 0.2126 * Double(hex >> 16 & 0xFF) + 0.7152 * Double(hex >> 8 & 0xFF) + 0.0722 * Double(hex & 0xFF)
                let text = String(count)
                let x = r.x + labelWidth + column * cellWidth
                buffer.fill(x: x, y: y, width: cellWidth - 1, height: 1, with: Cell(" ", background: TUIStyle.rgb(hex)))
                buffer.put(
                    text, x: x + cellWidth - 1 - text.count, y: y, foreground: luminance > 140 ? TUIStyle.background : TUIStyle.text,
                    background: TUIStyle.rgb(hex))
            }
        }
        Chart.moreNote(&buffer, total: matrix.generators.count, shown: rows, panel: 2, x: r.x, y: r.y + 2 + rows, width: r.w)
        if columns < matrix.reasons.count {
            buffer.put(
                TextFit.cut("+\(matrix.reasons.count - columns) reasons not shown: a wider terminal shows them", to: r.w), x: r.x,
                y: r.y + r.h - 1, foreground: TUIStyle.dim)
        }
    }

    /// Every score series of the metrics ticked in the window's Raw scores (the settings they
    /// share), by entry, in its domain's colour; the legend counts each domain's series.
    func drawRawScores(_ buffer: inout CellBuffer, _ r: (x: Int, y: Int, w: Int, h: Int)) {
        let metrics = options.trendMetrics
        let byTime = options.xAxisByTime
        let shown = model.trends.filter { metrics.contains($0.metric) }
        let names = metrics.sorted().joined(separator: ", ")
        buffer.put(
            TextFit.cut(
                metrics.isEmpty
                    ? "no metric ticked (the window's Raw scores ticks them)" : "scores by \(byTime ? "time" : "entry"): \(names)", to: r.w),
            x: r.x, y: r.y, foreground: TUIStyle.dim)
        let lines = shown.map { byTime ? $0.byTime : $0.byIndex }
        let bounds = lines.compactMap(\.bounds)
        guard let first = bounds.first, r.h > 3 else { return }
        let x = bounds.dropFirst().reduce(first.x) { AxisRange(min($0.min, $1.x.min), max($0.max, $1.x.max)) }
        let y = bounds.dropFirst().reduce(first.y) { AxisRange(min($0.min, $1.y.min), max($0.max, $1.y.max)) }
        let domains = shown.map(\.domain).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        let legend = domains.map { domain in "\(domain) · \(shown.filter { $0.domain == domain }.count) series" }
        let legendWidth = min((legend.map(\.count).max() ?? 0) + 3, r.w / 3)
        let scaleWidth = 7
        var canvas = BrailleCanvas(width: r.w - legendWidth - scaleWidth - 1, height: r.h - 2)
        for (index, trend) in shown.enumerated() {
            canvas.plot(lines[index], x: x, y: y, index: model.domainIndex[trend.domain] ?? index)
        }
        Chart.blit(canvas, into: &buffer, x: r.x + scaleWidth, y: r.y + 1)
        Chart.yAxis(&buffer, y, x: r.x, y: r.y + 1, height: canvas.height, width: scaleWidth)
        Chart.xAxis(&buffer, x, isTime: byTime, x: r.x + scaleWidth, y: r.y + r.h - 1, width: canvas.width)
        buffer.put(byTime ? "time" : "entry", x: r.x, y: r.y + r.h - 1, foreground: TUIStyle.dim)
        let rows = Chart.rowsShown(legend.count, in: r.h - 1)
        for (row, text) in legend.prefix(rows).enumerated() {
            let color = TUIStyle.series(model.domainIndex[domains[row]] ?? row)
            buffer.put("■ ", x: r.x + r.w - legendWidth + 1, y: r.y + 1 + row, foreground: color)
            buffer.put(text, x: r.x + r.w - legendWidth + 3, y: r.y + 1 + row, foreground: TUIStyle.text, limit: legendWidth - 3)
        }
    }

    /// The overall score's quartiles per domain, as the window's box plots: whiskers ─, the box
    /// from the first to the third quartile ▒, the median ┃, on one shared scale.
    func drawDistributions(_ buffer: inout CellBuffer, _ r: (x: Int, y: Int, w: Int, h: Int)) {
        let trends = model.trends.filter { $0.metric == "overall" && $0.box != nil }
        buffer.put(
            TextFit.cut("overall per domain (higher is better): whiskers, quartiles, median", to: r.w), x: r.x, y: r.y,
            foreground: TUIStyle.dim)
        let boxes = trends.compactMap(\.box)
        guard let low = boxes.map(\.whiskerLow).min(), let high = boxes.map(\.whiskerHigh).max(), high > low else {
            buffer.put("no finite overall scores in the time range", x: r.x, y: r.y + 1, foreground: TUIStyle.dim, limit: r.w)
            return
        }
        let labels = trends.map { "\($0.domain) (n \($0.byIndex.count))" }
        let labelWidth = min((labels.map(\.count).max() ?? 0) + 1, r.w / 3)
        let medianWidth = 7
        let width = r.w - labelWidth - medianWidth
        func column(_ value: Double) -> Int { Int(((value - low) / (high - low) * Double(width - 1)).rounded()) }
        let rows = Chart.rowsShown(trends.count, in: r.h - 2)
        for (row, trend) in trends.prefix(rows).enumerated() {
            guard let box = trend.box else { continue }
            let y = r.y + 1 + row
            let color = TUIStyle.series(model.domainIndex[trend.domain] ?? row)
            buffer.put(TextFit.cut(labels[row], to: labelWidth - 1), x: r.x, y: y, foreground: TUIStyle.text)
            let x = r.x + labelWidth
            for c in column(box.whiskerLow)...column(box.whiskerHigh) { buffer[x + c, y] = Cell("─", foreground: color) }
            for c in column(box.q1)...column(box.q3) { buffer[x + c, y] = Cell("▒", foreground: color) }
            buffer[x + column(box.median), y] = Cell("┃", foreground: TUIStyle.text, bold: true)
            buffer.put(Format.fixed(box.median, 3), x: r.x + r.w - medianWidth + 1, y: y, foreground: TUIStyle.dim)
        }
        Chart.moreNote(&buffer, total: trends.count, shown: rows, panel: 1, x: r.x, y: r.y + 1 + rows, width: r.w)
        buffer.put(Format.value(low, significant: 3), x: r.x + labelWidth, y: r.y + r.h - 1, foreground: TUIStyle.dim)
        let top = Format.value(high, significant: 3)
        buffer.put(top, x: r.x + labelWidth + width - top.count, y: r.y + r.h - 1, foreground: TUIStyle.dim)
    }

    /// Each domain's share of the samples, as bars.
    func drawDomainCoverage(_ buffer: inout CellBuffer, _ r: (x: Int, y: Int, w: Int, h: Int)) {
        let shares = model.snapshot.derived.coverage?.domainCoverage ?? []
        buffer.put("share of samples per domain", x: r.x, y: r.y, foreground: TUIStyle.dim, limit: r.w)
        let largest = shares.map(\.value).filter(\.isFinite).max() ?? 1
        let labelWidth = min((shares.map(\.name.count).max() ?? 0) + 1, r.w / 2)
        let rows = Chart.rowsShown(shares.count, in: r.h - 1)
        for (row, share) in shares.prefix(rows).enumerated() {
            let y = r.y + 1 + row
            buffer.put(TextFit.cut(share.name, to: labelWidth - 1), x: r.x, y: y, foreground: TUIStyle.text)
            let figure = Format.percent(share.value)
            Chart.bar(
                &buffer, fraction: largest > 0 ? share.value / largest : 0, x: r.x + labelWidth, y: y,
                width: r.w - labelWidth - figure.count - 1, color: TUIStyle.series(model.domainIndex[share.name] ?? row))
            buffer.put(figure, x: r.x + r.w - figure.count, y: y, foreground: TUIStyle.dim)
        }
        Chart.moreNote(&buffer, total: shares.count, shown: rows, panel: 3, x: r.x, y: r.y + 1 + rows, width: r.w)
    }

    /// The coverage score as a gauge, with the region figures it comes from.
    func drawCoverageScore(_ buffer: inout CellBuffer, _ r: (x: Int, y: Int, w: Int, h: Int)) {
        guard let coverage = model.snapshot.derived.coverage else { return }
        let counts = (model.snapshot.activeLearning.data?.regions ?? []).map(\.sampleCount)
        let score = "coverage score \(Format.fixed(coverage.coverageScore, 3))"
        buffer.put(score, x: r.x, y: r.y, foreground: TUIStyle.accent, bold: true, limit: r.w)
        let gauge = min(r.w, 40)
        buffer.fill(x: r.x, y: r.y + 1, width: gauge, height: 1, with: Cell(" ", background: TUIStyle.selection))
        Chart.bar(&buffer, fraction: coverage.coverageScore, x: r.x, y: r.y + 1, width: gauge, color: TUIStyle.accent)
        let figures = [
            "regions \(coverage.regionCount) · samples \(Format.count(coverage.totalSamples))",
            "mean \(Format.value(coverage.meanSamples, significant: 4)) · std \(Format.value(coverage.standardDeviation, significant: 4))"
                + " · min \(counts.min().map(String.init) ?? "—") · max \(counts.max().map(String.init) ?? "—")",
            "sparse (< 0.5 × mean) \(coverage.sparseRegions.count) · below mean \(coverage.belowMeanCount)",
            "score = 1 − std / mean, clamped to 0…1 (docs/data-format.md)",
        ]
        for (row, text) in figures.enumerated() where row + 3 < r.h {
            buffer.put(TextFit.cut(text, to: r.w), x: r.x, y: r.y + 3 + row, foreground: row == 3 ? TUIStyle.dim : TUIStyle.text)
        }
    }
}
