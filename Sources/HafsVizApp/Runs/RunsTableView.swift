// The Runs workspace's run table (T): every listed run with its params and, for one tag, its last,
// best and final-step values (`RunTable`); beside it the param-vs-best scatter (`ParamScatter`):
// which setting made the best run. A click on a row ticks or unticks the run for the charts.

import Figures
import Foundation
import HafsVizCore
import HafsVizModel
import Immediate

extension RunsWorkspace {
    func drawRunTable(_ ui: UIContext, _ whole: Rect) {
        let style = ui.style
        let table = session.runTable()
        let scatter = session.scatter(table)
        // The choices: the tag (the scatter's y) and the param (its x), each with ◀ ▶.
        let (bar, rest) = whole.splitTop(style.rowHeight + style.spacing)
        var x = bar.min.x
        let button = 26 * style.scale
        func chooser(_ id: String, _ title: String, _ value: String, _ step: (Int) -> Void) {
            x += ui.label(title, at: Vec2(x, bar.min.y + 3)) + style.spacing
            if ui.button("◀", Rect(x: x, y: bar.min.y, width: button, height: style.rowHeight - 2), short: "◀##" + id) { step(-1) }
            x += button + style.spacing
            x += ui.label(value, at: Vec2(x, bar.min.y + 3), color: style.accent) + style.spacing
            if ui.button("▶", Rect(x: x, y: bar.min.y, width: button, height: style.rowHeight - 2), short: "▶##" + id) { step(1) }
            x += button + style.spacing * 4
        }
        chooser("tag", "Tag ([ ])", table.tag.map { "\($0) (best: \(table.goal.word))" } ?? "no tags") { step in
            session.tableTag = RunsSession.cycle(session.tableTags, from: table.tag, by: step)
        }
        let numeric = session.scatterParams(table)
        chooser("param", "Scatter x (P)", scatter?.param ?? "no param with a number") { step in
            session.scatterParam = RunsSession.cycle(numeric, from: scatter?.param, by: step)
        }

        let (left, right) = rest.splitLeft(rest.width * (scatter == nil ? 1 : 0.6))
        drawTableRows(ui, table, left.insetBy(0, style.spacing))
        if let scatter { drawScatter(ui, scatter, right.insetBy(style.spacing, style.spacing)) }
    }

    private func drawTableRows(_ ui: UIContext, _ table: RunTable, _ rect: Rect) {
        let goal = table.goal.word
        var columns = [
            TableColumn("shown", weight: 0.4, shrinks: false), TableColumn("run", weight: 2.5, shrinks: false),
            TableColumn("last", numeric: true), TableColumn("best (\(goal))", numeric: true), TableColumn("at end", numeric: true),
        ]
        columns += table.paramNames.map { name in TableColumn(name, numeric: table.rows.contains { $0.params[name]?.number != nil }) }
        func number(_ value: Double?) -> TableCell {
            guard let value else { return TableCell(nil, "—") }
            return TableCell(value, Format.value(value))
        }
        let indices = Dictionary(model.runs.enumerated().map { ($0.element.name, $0.offset) }, uniquingKeysWith: { first, _ in first })
        let rows = table.rows.map { row -> TableRow in
            let shown = indices[row.name].map(isShown) ?? false
            var cells = [
                TableCell(shown ? "✓" : ""), TableCell(row.displayName.map { "\($0) · \(row.name)" } ?? row.name),
                number(row.summary?.last), number(row.summary?.best), number(row.summary?.atEnd),
            ]
            cells += table.paramNames.map { name in
                guard let value = row.params[name] else { return TableCell(nil, "") }
                return TableCell(value.number, value.description)
            }
            return TableRow(id: row.name, cells: cells)
        }
        var picked: String?
        let result = ui.table("runs-table", columns: columns, rows: rows, rect, selection: &picked)
        // A click ticks or unticks the run for the charts.
        if result.selectionChanged, let picked, let index = indices[picked] { setRunVisible(picked, !isShown(index)) }
    }

    private func drawScatter(_ ui: UIContext, _ scatter: ParamScatter, _ rect: Rect) {
        let style = ui.style
        let note = scatter.leftOut.isEmpty ? "" : "  · \(scatter.leftOut.count) runs left out"
        let (plotRect, notes) = rect.splitTop(rect.height - (scatter.leftOut.isEmpty ? 0 : style.rowHeight * 3))
        let best = scatter.best
        // A param swept over decades (a learning rate) is plotted by its log10, and the axis says so.
        let xs = scatter.points.map(\.x)
        let logX = xs.allSatisfy { $0 > 0 } && (xs.max() ?? 0) >= 100 * (xs.min() ?? 1)
        let plotted = logX ? xs.map(log10) : xs
        let result = ui.plot(
            "runs-scatter", plotRect, title: "best \(scatter.tag) by \(scatter.param)\(note)",
            x: AxisOptions(label: logX ? "log10(\(scatter.param))" : scatter.param),
            y: AxisOptions(label: "\(scatter.tag) (\(scatter.goal.word))")
        ) { p in
            let colors = scatter.points.map { color(of: $0.run, style) }
            // No legend: each dot is in its run's colour, as in the list.
            p.scatter("", ScatterSeries(x: plotted, y: scatter.points.map(\.y), colors: colors), markerSize: 5, markersOnly: true)
            if let best { p.hline(best.y, label: "best: \(best.run)", color: style.accent) }
        }
        if let hover = result.hover,
            let near = zip(scatter.points, plotted).min(by: {
                abs($0.1 - hover.x) + abs($0.0.y - hover.y) < abs($1.1 - hover.x) + abs($1.0.y - hover.y)
            })?.0
        {
            ui.tooltip("\(near.run)\n\(scatter.param) = \(Format.value(near.x))\nbest \(scatter.tag) = \(Format.value(near.y))")
        }
        var y = notes.min.y
        for (run, why) in scatter.leftOut.prefix(3) {
            ui.label(ui.font.truncate("\(run): \(why)", toFit: notes.width), at: Vec2(notes.min.x, y), color: style.textDim)
            y += style.rowHeight
        }
    }
}
