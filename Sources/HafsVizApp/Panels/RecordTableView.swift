import Figures
import HafsVizCore
import HafsVizModel
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
        // The inspector goes beside the table only when every column still fits whole there;
        // else below it. The columns' width is measured once per model and scale, not per frame.
        let wanted = wantedWidth(kind, dashboard.model, table, ui) + 12 * style.scale  // the splitter's gap
        let leastInspector = RecordTableView.leastInspectorWidth * style.scale
        let wide = RecordTableView.inspectorBeside(bodyWidth: body.width, tableWants: wanted, scale: style.scale)
        let tableRect: Rect
        let inspectorRect: Rect
        if wide {
            // Side by side with a splitter to drag, placed the first time: the table gets its
            // columns' width, the inspector the rest (at most 520 px unless the table wants less).
            func firstSplit() -> [Float] {
                let inspectorWidth = max(min(max(520 * style.scale, body.width * 0.4), body.width - wanted), leastInspector)
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
        let result = ui.table(
            "table-\(kind.rawValue)", columns: table.columns, rows: table.rows, tableRect,
            selection: &selection, move: keys.move, focusFilter: keys.focusFilter)
        dashboard.tableDrawn(kind, pressed: result.pressed)
        if result.selectionChanged { dashboard.select(kind, selection) }
        if kind == .run, let activated = result.activated, dashboard.runHasCurves(activated) { dashboard.openRunCurves(activated) }
        let inspector = inspectorRect
        if let id = dashboard.selection[kind], let fields = dashboard.inspectorFields(kind, id) {
            var shown = fields
            if kind == .run, dashboard.runHasCurves(id) {
                shown.append(InspectorField("curves", "in Runs: double-click the row or press Enter"))
            }
            ui.inspector("inspector-\(kind.rawValue)", title: table.titles[id] ?? id, fields: shown, inspector)
        } else if let id = dashboard.selection[kind] {
            ui.inspector(
                "inspector-\(kind.rawValue)", title: "\(kind.noun) \(id)", fields: [InspectorField("", "not in the current data")],
                inspector)
        } else {
            ui.inspector(
                "inspector-\(kind.rawValue)", title: "No \(kind.noun) selected",
                fields: [
                    InspectorField("", "Click a row, or press ↓, to see every field."),
                    InspectorField("", "The charts highlight the selected \(kind.noun)."),
                ], inspector)
        }
    }

    /// The narrowest the inspector is beside a table (at scale 1).
    static let leastInspectorWidth: Float = 300

    /// Whether the inspector goes beside the table: only when the table's columns still fit
    /// whole next to it.
    static func inspectorBeside(bodyWidth: Float, tableWants: Float, scale: Float) -> Bool {
        bodyWidth - tableWants >= leastInspectorWidth * scale
    }

    /// The width table `kind`'s columns want (every name and number whole), measured once per
    /// model, row count and scale.
    private static func wantedWidth(_ kind: RecordKind, _ model: DashboardModel, _ table: RecordTable, _ ui: UIContext) -> Float {
        struct Measured {
            var model: ObjectIdentifier?
            var rows: Int
            var scale: Float
            var width: Float
        }
        let id = ui.id("table-wanted-\(kind.rawValue)")
        let key = (ObjectIdentifier(model), table.rows.count, ui.style.scale)
        var measured = ui.state(for: id) { Measured(model: nil, rows: -1, scale: 0, width: 0) }
        if measured.model != key.0 || measured.rows != key.1 || measured.scale != key.2 {
            measured = Measured(model: key.0, rows: key.1, scale: key.2, width: ui.tableWidth(columns: table.columns, rows: table.rows))
            ui.setState(measured, for: id)
        }
        return measured.width
    }
}
