// The Dashboard's bar views of parts and signs in the terminal, named as the window's tabs:
// Rejection reasons (Generator Stats), Region density (Embedding Coverage), Run comparison,
// Domain mix, Domain and Threshold effectiveness (Training Runs). Their figures and titles come
// from the model (`DashboardBreakdowns`), as the window's do.

import Figures
import Foundation
import HafsVizCore
import HafsVizModel
import Terminal

extension DashboardScreen {
    typealias Rect = (x: Int, y: Int, w: Int, h: Int)

    /// The title on the first row, a legend under it; returns the rows they took.
    private func header(_ buffer: inout CellBuffer, _ title: String, legend: [String], color: (Int) -> TermColor, _ r: Rect) -> Int {
        buffer.put(TextFit.cut(title, to: r.w), x: r.x, y: r.y, foreground: TUIStyle.dim)
        guard !legend.isEmpty else { return 1 }
        return 1 + Chart.legend(&buffer, legend, color: color, x: r.x, y: r.y + 1, width: r.w, rows: max(min(2, r.h - 3), 1))
    }

    /// Rows of stacked parts under a title and a legend: each row's label, its parts scaled to
    /// the largest row's total, and that total.
    private func drawStacks(
        _ buffer: inout CellBuffer, title: String, parts: [String], color: @escaping (Int) -> TermColor,
        rows labels: [String], values: [[Double]], panel: Int, _ r: Rect
    ) {
        let top = header(&buffer, title, legend: parts, color: color, r)
        let totals = values.map { $0.reduce(0) { $0 + ($1.isFinite ? max($1, 0) : 0) } }
        let largest = totals.max() ?? 0
        let labelWidth = min((labels.map(\.count).max() ?? 0) + 1, r.w / 3)
        let figures = totals.map { Format.count(Int($0)) }
        let figureWidth = (figures.map(\.count).max() ?? 0) + 1
        let rows = Chart.rowsShown(labels.count, in: r.h - top)
        for row in 0..<rows {
            let y = r.y + top + row
            buffer.put(TextFit.cut(labels[row], to: labelWidth - 1), x: r.x, y: y, foreground: TUIStyle.text)
            Chart.stackedBar(
                &buffer, values: values[row], scale: largest, x: r.x + labelWidth, y: y, width: r.w - labelWidth - figureWidth,
                color: color)
            buffer.put(figures[row], x: r.x + r.w - figures[row].count, y: y, foreground: TUIStyle.dim)
        }
        Chart.moreNote(&buffer, total: labels.count, shown: rows, panel: panel, x: r.x, y: r.y + top + rows, width: r.w)
    }

    /// Rejection reasons per generator as stacked bars, generators in file order, then the
    /// totals of all generators.
    func drawReasonsPerGenerator(_ buffer: inout CellBuffer, _ r: Rect) {
        let matrix = model.snapshot.derived.rejectionMatrix
        let totals = model.snapshot.derived.rejectionTotals
        let rows = matrix.generators.indices.map { g in matrix.reasons.indices.map { Double(matrix.counts[g][$0]) } }
        drawStacks(
            &buffer, title: "Rejection reasons per generator (\(DashboardViewNames.cumulativeNote))", parts: matrix.reasons,
            color: { TUIStyle.series($0) }, rows: matrix.generators + ["all generators"],
            values: rows + [matrix.reasons.indices.map { Double(totals[$0].count) }], panel: 2, r)
    }

    /// Each run's samples per domain as stacked bars, runs in start order, domains in their
    /// Dashboard colours.
    func drawDomainMix(_ buffer: inout CellBuffer, _ r: Rect) {
        let mix = model.domainMix
        let colors = mix.domains.enumerated().map { TUIStyle.series(model.domainIndex[$0.element] ?? $0.offset) }
        drawStacks(
            &buffer, title: DomainMix.title, parts: mix.domains, color: { colors[$0] }, rows: mix.runs.map(\.id),
            values: mix.runs.indices.map { run in mix.layers.map { $0[run] } }, panel: 4, r)
    }

    /// Samples per region by domain: one row each, a line from the smallest to the largest
    /// region with a mark at the mean, and the sparse line (0.5 × the mean of all regions).
    func drawRegionDensity(_ buffer: inout CellBuffer, _ r: Rect) {
        guard let density = model.regionDensity else { return }
        buffer.put(TextFit.cut(RegionDensity.title, to: r.w), x: r.x, y: r.y, foreground: TUIStyle.dim)
        let labels = density.domains.indices.map { "\(density.domains[$0]) (\(density.regionCounts[$0]))" }
        let figures = density.domains.indices.map {
            "\(RegionDensity.text(density.minimum[$0])) · \(RegionDensity.text(density.mean[$0])) · \(RegionDensity.text(density.maximum[$0]))"
        }
        let labelWidth = min((labels.map(\.count).max() ?? 0) + 1, r.w / 3)
        let figureWidth = max((figures.map(\.count).max() ?? 0), 16) + 1
        let width = r.w - labelWidth - figureWidth
        let range = AxisRange(0, max(density.maximum.filter(\.isFinite).max() ?? 1, density.sparseBelow, 1))
        buffer.put(
            TextFit.cut("━ min to max, ┃ mean · ┊ ┿ \(density.sparseLabel)", to: r.w), x: r.x, y: r.y + 1, foreground: TUIStyle.dim)
        buffer.put("min · mean · max", x: r.x + r.w - figureWidth + 1, y: r.y + 2, foreground: TUIStyle.dim, limit: figureWidth - 1)
        let rows = Chart.rowsShown(labels.count, in: r.h - 4)
        let sparseColumn = Int((density.sparseBelow / range.span * Double(max(width - 1, 0))).rounded())
        for row in 0..<rows {
            let y = r.y + 3 + row
            buffer.put(TextFit.cut(labels[row], to: labelWidth - 1), x: r.x, y: y, foreground: TUIStyle.text)
            Chart.rangeBar(
                &buffer, low: density.minimum[row], high: density.maximum[row], mark: density.mean[row], range: range, x: r.x + labelWidth,
                y: y, width: width, color: TUIStyle.series(model.domainIndex[density.domains[row]] ?? row))
            // The sparse line crosses the bar ("┿") or stands alone ("┊"); a mean on it stays.
            let sparseX = r.x + labelWidth + sparseColumn
            if width > 1, buffer[sparseX, y].text != "┃" {
                buffer[sparseX, y] = Cell(buffer[sparseX, y].text == "━" ? "┿" : "┊", foreground: TUIStyle.warning)
            }
            buffer.put(figures[row], x: r.x + r.w - figures[row].count, y: y, foreground: TUIStyle.dim)
        }
        Chart.moreNote(&buffer, total: labels.count, shown: rows, panel: 3, x: r.x, y: r.y + 3 + rows, width: r.w)
        if width > 8, 3 + rows < r.h {
            Chart.xAxis(&buffer, range, isTime: false, x: r.x + labelWidth, y: r.y + 3 + rows + (rows < labels.count ? 1 : 0), width: width)
        }
    }

    /// Final loss and every eval metric per finished run, best final loss first: a row per
    /// run, a column per figure, every bar on one scale (the window's one y axis).
    func drawRunComparison(_ buffer: inout CellBuffer, _ r: Rect) {
        let comparison = model.runComparison
        let labelWidth = min((comparison.runs.map(\.id.count).max() ?? 0) + 1, r.w / 3)
        let columnWidth = max(12, (r.w - labelWidth) / max(comparison.series.count, 1))
        let columns = min(comparison.series.count, max((r.w - labelWidth) / columnWidth, 0))
        let rows = Chart.rowsShown(comparison.runs.count, in: r.h - 2 - (columns < comparison.series.count ? 1 : 0))
        buffer.put(TextFit.cut(comparison.title(shown: rows), to: r.w), x: r.x, y: r.y, foreground: TUIStyle.dim)
        let limit = comparison.values.flatMap { $0 }.filter(\.isFinite).map(abs).max() ?? 0
        for column in 0..<columns {
            buffer.put(
                TextFit.cut(comparison.series[column], to: columnWidth - 1), x: r.x + labelWidth + column * columnWidth, y: r.y + 1,
                foreground: TUIStyle.series(column))
        }
        for row in 0..<rows {
            let y = r.y + 2 + row
            let run = comparison.runs[row]
            buffer.put(TextFit.cut(run.id, to: labelWidth - 1), x: r.x, y: y, foreground: TUIStyle.text)
            for column in 0..<columns {
                let x = r.x + labelWidth + column * columnWidth
                let value = comparison.values[column][row]
                guard value.isFinite else {
                    let diverged = column == 0 && run.finalLoss?.isNaN == true
                    buffer.put(
                        diverged ? "diverged (NaN)" : "—", x: x, y: y, foreground: diverged ? TUIStyle.error : TUIStyle.dim,
                        limit: columnWidth - 1)
                    continue
                }
                let text = RunComparison.text(value)
                Chart.bar(
                    &buffer, fraction: limit > 0 ? abs(value) / limit : 0, x: x, y: y, width: columnWidth - text.count - 2,
                    color: value < 0 ? TUIStyle.warning : TUIStyle.series(column))
                buffer.put(text, x: x + columnWidth - 1 - text.count, y: y, foreground: TUIStyle.dim)
            }
        }
        Chart.moreNote(&buffer, total: comparison.runs.count, shown: rows, panel: 4, x: r.x, y: r.y + 2 + rows, width: r.w)
        if columns < comparison.series.count {
            buffer.put(
                TextFit.cut("+\(comparison.series.count - columns) metrics not shown: a wider terminal shows them", to: r.w), x: r.x,
                y: r.y + r.h - 1, foreground: TUIStyle.dim)
        }
    }

    /// Signed effectiveness values around a zero line: left when negative, right when
    /// positive, each with its value; NaN says so in place.
    func drawEffectiveness(_ buffer: inout CellBuffer, _ bars: EffectivenessBars, _ r: Rect) {
        buffer.put(TextFit.cut(bars.title, to: r.w), x: r.x, y: r.y, foreground: TUIStyle.dim)
        let labelWidth = min((bars.labels.map(\.count).max() ?? 0) + 1, r.w / 3)
        let texts = bars.entries.map { EffectivenessBars.text($0.value) }
        let textWidth = (texts.map(\.count).max() ?? 0) + 1
        let reach = max((r.w - labelWidth - textWidth - 1) / 2, 0)
        let zero = r.x + labelWidth + reach
        let limit = bars.entries.map(\.value).filter(\.isFinite).map(abs).max() ?? 0
        let rows = Chart.rowsShown(bars.entries.count, in: r.h - 2)
        for row in 0..<rows {
            let y = r.y + 1 + row
            let value = bars.entries[row].value
            buffer.put(TextFit.cut(bars.labels[row], to: labelWidth - 1), x: r.x, y: y, foreground: TUIStyle.text)
            buffer[zero, y] = Cell("│", foreground: TUIStyle.border)
            if value.isFinite {
                Chart.divergingBar(
                    &buffer, value: value, limit: limit, zero: zero, y: y, reach: reach,
                    color: value < 0 ? TUIStyle.warning : TUIStyle.series(0))
                buffer.put(texts[row], x: r.x + r.w - texts[row].count, y: y, foreground: TUIStyle.dim)
            } else {
                buffer.put("NaN: no value", x: zero + 1, y: y, foreground: TUIStyle.warning, limit: reach)
            }
        }
        Chart.moreNote(&buffer, total: bars.entries.count, shown: rows, panel: 4, x: r.x, y: r.y + 1 + rows, width: r.w)
        if reach > 4, rows + 2 <= r.h {
            let scale = Format.value(-limit, significant: 3)
            let y = r.y + 1 + rows + (rows < bars.entries.count ? 1 : 0)
            guard y < r.y + r.h else { return }
            buffer.put(scale, x: zero - reach, y: y, foreground: TUIStyle.dim)
            buffer.put("0", x: zero, y: y, foreground: TUIStyle.dim)
            let right = Format.value(limit, significant: 3)
            buffer.put(right, x: zero + reach - right.count + 1, y: y, foreground: TUIStyle.dim)
        }
    }
}
