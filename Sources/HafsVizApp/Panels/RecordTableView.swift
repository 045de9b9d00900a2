import HafsVizCore
import Immediate

/// A table tab: the records of one kind (sortable columns, a filter box, ↑/↓ and Page keys)
/// beside an inspector with every field of the selected record. The selection is the
/// Dashboard's, so the charts of the other panels highlight the same record.
enum RecordTableView {
    static func draw(_ kind: RecordKind, _ dashboard: Dashboard, _ ui: UIContext, _ rect: Rect, note: String) {
        let style = ui.style
        let table = dashboard.model.table(kind)
        let (noteRow, body) = rect.splitTop(ui.font.lineHeight + style.spacing)
        ui.label(ui.font.truncate(note, toFit: noteRow.width), at: noteRow.min, color: style.textDim)
        let wide = body.width >= 700 * style.scale
        let tableRect: Rect, inspectorRect: Rect
        if wide {
            // Side by side with a splitter to drag, placed the first time (measuring the columns
            // then, not every frame): the inspector gets 40% (380…520 px; more when the table
            // wants less, less when its names and numbers need it).
            func firstSplit() -> [Float] {
                let wanted = ui.tableWidth(columns: table.columns, rows: table.rows) + 12 * style.scale  // the splitter's gap
                let least = ui.tableMinimumWidth(columns: table.columns, rows: table.rows)
                let share = min(max(body.width * 0.4, 380 * style.scale), 520 * style.scale)
                let inspectorWidth = max(min(max(share, body.width - wanted), body.width - least), 300 * style.scale)
                return [1 - inspectorWidth / max(body.width, 1)]
            }
            let cells = ui.panelGrid("table-split-\(kind.rawValue)", body, columns: 2, rows: 1, initialColumns: firstSplit())
            (tableRect, inspectorRect) = (cells[0], cells[1])
        } else {
            let cells = ui.panelGrid("table-split-tall-\(kind.rawValue)", body, columns: 1, rows: 2)
            (tableRect, inspectorRect) = (cells[0], cells[1])
        }
        let keys = dashboard.tableKeys(for: kind)
        var selection = dashboard.selection[kind]
        let result = ui.table("table-\(kind.rawValue)", columns: table.columns, rows: table.rows, tableRect,
                              selection: &selection, move: keys.move, focusFilter: keys.focusFilter)
        dashboard.tableDrawn(kind, pressed: result.pressed)
        if result.selectionChanged { dashboard.select(kind, selection) }
        if kind == .run, let activated = result.activated, dashboard.runHasCurves(activated) { dashboard.openRunCurves(activated) }
        let inspector = inspectorRect
        if let id = dashboard.selection[kind], let fields = dashboard.inspectorFields(kind, id) {
            var shown = fields
            if kind == .run, dashboard.runHasCurves(id) { shown.append(InspectorField("curves", "in Runs: double-click the row or press Enter")) }
            ui.inspector("inspector-\(kind.rawValue)", title: table.titles[id] ?? id, fields: shown, inspector)
        } else if let id = dashboard.selection[kind] {
            ui.inspector("inspector-\(kind.rawValue)", title: "\(kind.noun) \(id)", fields: [InspectorField("", "not in the current data")], inspector)
        } else {
            ui.inspector("inspector-\(kind.rawValue)", title: "No \(kind.noun) selected", fields: [
                InspectorField("", "Click a row, or press ↓, to see every field."),
                InspectorField("", "The charts highlight the selected \(kind.noun)."),
            ], inspector)
        }
    }
}
