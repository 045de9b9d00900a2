// Each Dashboard panel's first view in the terminal: the trends in Braille, acceptance bars,
// samples per region as columns, final loss bars.

import Figures
import Foundation
import HafsVizCore
import HafsVizModel
import Terminal

extension DashboardScreen {
    // MARK: - Panels

    /// Each domain's rolling mean of `overall` in Braille, a y scale on the left, the legend
    /// (domain, direction, average) on the right, as the window's Trends tab.
    func drawTrends(_ buffer: inout CellBuffer, _ r: (x: Int, y: Int, w: Int, h: Int)) {
        let rolling = model.rolling
        guard !rolling.isEmpty else { return }
        let legend = rolling.map { "\($0.domain) \($0.direction.arrow(lowerIsBetter: false)) \(Format.fixed($0.average, 2))" }
        let legendWidth = min((legend.map(\.count).max() ?? 0) + 2, r.w / 3)
        // By time or by entry, as the settings' X Axis (View menu, F9) says.
        let byTime = options.xAxisByTime
        let lines = rolling.map { byTime ? $0.meanByTime : $0.mean }
        let bounds = lines.compactMap(\.bounds)
        guard let first = bounds.first else {
            buffer.put("no entry with a timestamp: X Axis by Sample Index shows them", x: r.x, y: r.y, foreground: TUIStyle.dim, limit: r.w)
            return
        }
        let x = bounds.dropFirst().reduce(first.x) { AxisRange(min($0.min, $1.x.min), max($0.max, $1.x.max)) }
        let y = bounds.dropFirst().reduce(first.y) { AxisRange(min($0.min, $1.y.min), max($0.max, $1.y.max)) }
        let scaleWidth = 6
        var canvas = BrailleCanvas(width: r.w - legendWidth - scaleWidth - 1, height: r.h - 1)
        for (index, line) in lines.enumerated() {
            canvas.plot(line, x: x, y: y, index: model.domainIndex[rolling[index].domain] ?? index)
        }
        Chart.blit(canvas, into: &buffer, x: r.x + scaleWidth, y: r.y)
        Chart.yAxis(&buffer, y, x: r.x, y: r.y, height: canvas.height, width: scaleWidth)
        if byTime {
            Chart.xAxis(&buffer, x, isTime: true, x: r.x + scaleWidth, y: r.y + r.h - 1, width: canvas.width)
        } else {
            buffer.put(
                "entry \(Format.value(x.min)) … \(Format.value(x.max))", x: r.x + scaleWidth, y: r.y + r.h - 1, foreground: TUIStyle.dim,
                limit: canvas.width)
        }
        let legendRows = Chart.rowsShown(legend.count, in: r.h)
        Chart.moreNote(
            &buffer, total: legend.count, shown: legendRows, panel: 1, x: r.x + r.w - legendWidth + 1, y: r.y + legendRows,
            width: legendWidth - 1)
        for (row, text) in legend.enumerated() where row < legendRows {
            let color = TUIStyle.series(model.domainIndex[rolling[row].domain] ?? row)
            buffer.put("■ ", x: r.x + r.w - legendWidth + 1, y: r.y + row, foreground: color)
            buffer.put(text, x: r.x + r.w - legendWidth + 3, y: r.y + row, foreground: TUIStyle.text, limit: legendWidth - 3)
        }
    }

    /// Acceptance rate per generator, best first, in eighth-block bars from 0 to 1.
    func drawGenerators(_ buffer: inout CellBuffer, _ r: (x: Int, y: Int, w: Int, h: Int)) {
        let generators = model.generatorsByAcceptance
        let labels = generators.map { "\($0.name)  \($0.samplesAccepted)✓ \($0.samplesRejected)✗" }
        let labelWidth = min((labels.map(\.count).max() ?? 0) + 1, r.w / 2)
        let rows = Chart.rowsShown(generators.count, in: r.h)
        Chart.moreNote(&buffer, total: generators.count, shown: rows, panel: 2, x: r.x, y: r.y + rows, width: r.w)
        for (row, generator) in generators.enumerated() where row < rows {
            buffer.put(TextFit.cut(labels[row], to: labelWidth - 1), x: r.x, y: r.y + row, foreground: TUIStyle.text)
            let barWidth = r.w - labelWidth - 7
            Chart.bar(
                &buffer, fraction: generator.acceptanceRate, x: r.x + labelWidth, y: r.y + row, width: barWidth, color: TUIStyle.series(0))
            buffer.put(Format.percent(generator.acceptanceRate), x: r.x + labelWidth + barWidth + 1, y: r.y + row, foreground: TUIStyle.dim)
        }
    }

    /// Samples per region as columns of eighth blocks; sparse regions (< 0.5 × mean) in the
    /// warning colour.
    func drawCoverage(_ buffer: inout CellBuffer, _ r: (x: Int, y: Int, w: Int, h: Int)) {
        guard let regions = model.snapshot.activeLearning.data?.regions, let coverage = model.snapshot.derived.coverage else { return }
        let counts = regions.map { Double(max($0.sampleCount, 0)) }
        let largest = counts.max() ?? 1
        let sparse = Set(coverage.sparseRegions)
        let scaleWidth = 6
        let height = r.h - 1
        Chart.yAxis(&buffer, AxisRange(0, largest), x: r.x, y: r.y, height: height, width: scaleWidth)
        for (index, count) in counts.enumerated() where index < r.w - scaleWidth {
            let color = sparse.contains(index) ? TUIStyle.warning : TUIStyle.series(0)
            Chart.column(
                &buffer, fraction: largest > 0 ? count / largest : 0, x: r.x + scaleWidth + index, bottom: r.y + height - 1, height: height,
                color: color)
        }
        let shown = min(counts.count, r.w - scaleWidth)
        buffer.put(
            "regions 0…\(counts.count - 1)" + (shown < counts.count ? " (first \(shown) shown)" : "") + " · sparse < 0.5 × mean",
            x: r.x + scaleWidth, y: r.y + r.h - 1, foreground: TUIStyle.dim, limit: r.w - scaleWidth)
    }

    /// Final loss per run, best first, as bars; a running run says so instead of a bar.
    func drawRuns(_ buffer: inout CellBuffer, _ r: (x: Int, y: Int, w: Int, h: Int)) {
        let runs = model.runsBestFirst
        let labels = runs.map { "\($0.id) · \($0.modelName)" }
        let labelWidth = min((labels.map(\.count).max() ?? 0) + 1, r.w / 2)
        let largest = runs.compactMap(\.finalLoss).filter(\.isFinite).max() ?? 1
        let rows = Chart.rowsShown(runs.count, in: r.h)
        Chart.moreNote(&buffer, total: runs.count, shown: rows, panel: 4, x: r.x, y: r.y + rows, width: r.w)
        for (row, run) in runs.enumerated() where row < rows {
            buffer.put(TextFit.cut(labels[row], to: labelWidth - 1), x: r.x, y: r.y + row, foreground: TUIStyle.text)
            let barWidth = r.w - labelWidth - 9
            if let loss = run.finalLoss, loss.isFinite {
                Chart.bar(
                    &buffer, fraction: largest > 0 ? loss / largest : 0, x: r.x + labelWidth, y: r.y + row, width: barWidth,
                    color: TUIStyle.series(0))
                buffer.put(Format.value(loss, significant: 5), x: r.x + labelWidth + barWidth + 1, y: r.y + row, foreground: TUIStyle.dim)
            } else {
                let text =
                    run.isRunning
                    ? "running — no final loss yet"
                    : run.finalLoss == nil ? "no final loss reported" : "diverged (\(Format.value(run.finalLoss)))"
                buffer.put(
                    text, x: r.x + labelWidth, y: r.y + row, foreground: run.isRunning ? TUIStyle.accent : TUIStyle.warning,
                    limit: r.w - labelWidth)
            }
        }
    }
}
