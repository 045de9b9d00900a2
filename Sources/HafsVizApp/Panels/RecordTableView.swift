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
            // The table as wide as its columns want, leaving the inspector 340…460 px.
            let wanted = ui.tableWidth(columns: table.columns, rows: table.rows)
            let width = min(max(wanted, body.width - 460 * style.scale, body.width * 0.5), body.width - 340 * style.scale)
            (tableRect, inspectorRect) = body.splitLeft(width)
        } else {
            (tableRect, inspectorRect) = body.splitTop(body.height * 0.55)
        }
        let keys = dashboard.tableKeys(for: kind)
        var selection = dashboard.selection[kind]
        let result = ui.table("table-\(kind.rawValue)", columns: table.columns, rows: table.rows, tableRect,
                              selection: &selection, move: keys.move, focusFilter: keys.focusFilter)
        dashboard.tableDrawn(kind, pressed: result.pressed)
        if result.selectionChanged { dashboard.select(kind, selection) }
        if kind == .run, let activated = result.activated, dashboard.runHasCurves(activated) { dashboard.openRunCurves(activated) }
        let gap = style.spacing * 2
        let inspector = wide ? Rect(min: Vec2(inspectorRect.min.x + gap, inspectorRect.min.y), max: inspectorRect.max)
            : Rect(min: Vec2(inspectorRect.min.x, inspectorRect.min.y + gap), max: inspectorRect.max)
        if let id = dashboard.selection[kind], let fields = table.fields[id] {
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
