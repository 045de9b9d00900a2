// The Runs screen's run table (T), as the window shows it: every listed run with its params and,
// for one tag ([ ] choose it), its last, best and final-step values; beside it, when there is
// room, the param-vs-best scatter (P chooses the param) in Braille dots, each in its run's colour.

import Figures
import Foundation
import HafsVizCore
import HafsVizModel
import Terminal

extension RunsScreen {
    func drawRunTable(_ buffer: inout CellBuffer, _ area: Area) {
        let table = session.runTable()
        let scatter = session.scatter(table)
        let header =
            "Tag [ ]: " + (table.tag.map { "\($0) (best: \(table.goal.word))" } ?? "no tags") + " · scatter x (P): "
            + (scatter?.param ?? "no param with a number")
        buffer.put(TextFit.cut(header, to: area.width), x: area.x, y: area.y, foreground: TUIStyle.text, bold: true)
        let body = Area(x: area.x, y: area.y + 1, width: area.width, height: area.height - 1)
        let showsScatter = scatter != nil && body.width >= 90 && body.height >= 8
        let tableWidth = showsScatter ? body.width * 3 / 5 : body.width
        var columns = [
            TableColumn("run", weight: 2.5, shrinks: false), TableColumn("last", numeric: true),
            TableColumn("best (\(table.goal.word))", numeric: true), TableColumn("at end", numeric: true),
        ]
        columns += table.paramNames.map { name in TableColumn(name, numeric: table.rows.contains { $0.params[name]?.number != nil }) }
        func number(_ value: Double?) -> TableCell { value.map { TableCell($0, Format.value($0)) } ?? TableCell(nil, "—") }
        let rows = table.rows.map { row in
            TableRow(
                id: row.name,
                cells: [
                    TableCell(row.displayName ?? row.name), number(row.summary?.last), number(row.summary?.best),
                    number(row.summary?.atEnd),
                ] + table.paramNames.map { name in row.params[name].map { TableCell($0.number, $0.description) } ?? TableCell(nil, "") })
        }
        _ = CellTable.draw(
            columns: columns, rows: rows, order: Array(rows.indices), selection: nil, filter: "", typing: false, filterable: false,
            into: &buffer, Area(x: body.x, y: body.y, width: tableWidth, height: body.height))
        guard showsScatter, let scatter else { return }
        drawScatter(&buffer, scatter, Area(x: body.x + tableWidth + 2, y: body.y, width: body.width - tableWidth - 2, height: body.height))
    }

    private func drawScatter(_ buffer: inout CellBuffer, _ scatter: ParamScatter, _ area: Area) {
        // A param swept over decades is placed by its log10, as in the window.
        let xs = scatter.points.map(\.x)
        let logX = xs.allSatisfy { $0 > 0 } && (xs.max() ?? 0) >= 100 * (xs.min() ?? 1)
        let plotted = logX ? xs.map(log10) : xs
        let title = "best \(scatter.tag) by \(logX ? "log10(\(scatter.param))" : scatter.param)"
        buffer.put(TextFit.cut(title, to: area.width), x: area.x, y: area.y, foreground: TUIStyle.text)
        let notes = min(scatter.leftOut.count, 2) + (scatter.best == nil ? 0 : 1)
        let plot = Area(x: area.x + 8, y: area.y + 1, width: area.width - 8, height: area.height - 2 - notes)
        guard plot.width > 4, plot.height > 2, let xMin = plotted.min(), let xMax = plotted.max(),
            let yMin = scatter.points.map(\.y).min(), let yMax = scatter.points.map(\.y).max()
        else { return }
        let pad = { (low: Double, high: Double) in high > low ? (high - low) * 0.05 : max(abs(low) * 0.05, 0.5) }
        let xRange = AxisRange(xMin - pad(xMin, xMax), xMax + pad(xMin, xMax))
        let yRange = AxisRange(yMin - pad(yMin, yMax), yMax + pad(yMin, yMax))
        var canvas = BrailleCanvas(width: plot.width, height: plot.height)
        var slots: [Int] = []
        for (point, x) in zip(scatter.points, plotted) {
            let column = Int(((x - xRange.min) / xRange.span * Double(plot.width * 2 - 1)).rounded())
            let row = Int(((1 - (point.y - yRange.min) / yRange.span) * Double(plot.height * 4 - 1)).rounded())
            let slot = session.colorSlot(of: point.run)
            slots.append(slot)
            // A 2×2 dot block: one dot is hard to see.
            for dx in 0...1 {
                for dy in 0...1 { canvas.set(min(column + dx, plot.width * 2 - 1), min(row + dy, plot.height * 4 - 1), series: slot) }
            }
        }
        Chart.blit(canvas, into: &buffer, x: plot.x, y: plot.y)
        Chart.yAxis(&buffer, yRange, x: area.x, y: plot.y, height: plot.height, width: 8)
        Chart.xAxis(&buffer, xRange, isTime: false, x: plot.x, y: plot.y + plot.height, width: plot.width)
        var y = plot.y + plot.height + 1
        if let best = scatter.best {
            let text = "best: \(best.run) (\(Format.value(best.y)) at \(scatter.param) \(Format.value(best.x)))"
            buffer.put(TextFit.cut(text, to: area.width), x: area.x, y: y, foreground: TUIStyle.accent)
            y += 1
        }
        for (run, why) in scatter.leftOut.prefix(2) {
            buffer.put(TextFit.cut("left out: \(run): \(why)", to: area.width), x: area.x, y: y, foreground: TUIStyle.dim)
            y += 1
        }
    }
}
