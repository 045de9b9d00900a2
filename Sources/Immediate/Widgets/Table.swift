import Figures
import Foundation

// Table: rows of records with a filter box, sortable columns and one selected row.
//
// The caller owns the selection (a row id, so it survives sorting, filtering and reloads) and
// moves it from its own key table (`TableMove`); the widget keeps the sort, the filter text and
// the scroll offset per id. Only the rows in view are drawn, so a long table costs its height.

/// What a table did this frame.
public struct TableResult: Sendable {
    /// Row indices in the order shown (filtered and sorted).
    public var order: [Int] = []
    /// The selection changed (a click or a move).
    public var selectionChanged = false
    /// The id of a row double-clicked this frame.
    public var activated: String?
    /// The mouse went down inside the table (the app may give it the keys).
    public var pressed = false
}

extension UIContext {
    /// A table over `rect`: a filter box with the row count, a header row (a click sorts by that
    /// column: ascending, descending, the rows' own order), then the rows, scrolled by the wheel
    /// or the bar. A click selects a row, a double-click activates it; `move` moves the
    /// selection through the rows as shown and scrolls it into view. `focusFilter` gives the
    /// filter box the keyboard (Ctrl+F).
    @discardableResult
    public func table(
        _ idLabel: String, columns: [TableColumn], rows: [TableRow], _ rect: Rect, selection: inout String?,
        move: TableMove? = nil, focusFilter: Bool = false
    ) -> TableResult {
        let tableID = id(idLabel)
        var sort = state(for: id(idLabel + ":sort")) { TableSort() }
        var filter = state(for: id(idLabel + ":filter")) { "" }
        var result = TableResult()
        if input.wasPressed(.left), isMouseOver(rect) { result.pressed = true }

        // Filter box and count.
        let rowHeight = style.rowHeight
        let (filterRow, rest) = rect.splitTop(rowHeight + style.spacing)
        let fieldWidth = min(filterRow.width * 0.6, 320 * style.scale)
        if focusFilter { focusTextField("table-filter:" + idLabel) }
        textField(
            "table-filter:" + idLabel, &filter, Rect(x: filterRow.min.x, y: filterRow.min.y, width: fieldWidth, height: rowHeight),
            placeholder: "filter (Ctrl+F)")
        setState(filter, for: id(idLabel + ":filter"))

        // Column edges (the scrollbar's width is kept free on the right).
        let (header, body) = rest.splitTop(rowHeight)
        let barWidth = 8 * style.scale
        let usable = header.width - barWidth
        let widths = columnWidths(columns, rows, usable: usable)
        var edges: [Float] = [header.min.x]
        for width in widths { edges.append((edges.last ?? header.min.x) + width) }

        // Header: a click sorts.
        draw { $0.addRectFilled(header, style.widget) }
        for (index, column) in columns.enumerated() {
            let cell = Rect(min: Vec2(edges[index], header.min.y), max: Vec2(edges[index + 1], header.max.y))
            let interaction = interact(id(idLabel + ":header:\(index)"), cell)
            if interaction.clicked { sort = sort.clicked(index) }
            if interaction.hovered { draw { $0.addRectFilled(cell, style.widgetHovered) } }
            let arrow = sort.column == index ? (sort.ascending ? " ▲" : " ▼") : ""
            drawCellText(column.title + arrow, cell, rightAligned: column.numeric, color: sort.column == index ? style.text : style.textDim)
            if interaction.hovered { tooltip("\(column.title): click to sort (ascending, descending, file order)") }
        }
        setState(sort, for: id(idLabel + ":sort"))
        // Filtered and sorted once, after the header had its say.
        result.order = sort.order(rows, columns: columns, filter: filter)
        let countText = result.order.count == rows.count ? "\(rows.count) rows" : "\(result.order.count) of \(rows.count) rows"
        label(
            countText, at: Vec2(filterRow.min.x + fieldWidth + style.padding * 2, filterRow.min.y + (rowHeight - font.lineHeight) / 2),
            color: style.textDim)

        // Keyboard moves through the rows as shown.
        let pageRows = max(1, Int(body.height / rowHeight) - 1)
        let scrollID = idLabel + ":rows"
        if let move, !result.order.isEmpty {
            let current = selection.flatMap { id in result.order.firstIndex { rows[$0].id == id } }
            let target = move.target(from: current, count: result.order.count, pageRows: pageRows)
            let newID = rows[result.order[target]].id
            if newID != selection {
                selection = newID
                result.selectionChanged = true
            }
            // Scroll the row into view.
            let offset: Float = existingState(for: id(scrollID)) ?? 0
            let top = Float(target) * rowHeight
            let wanted = top < offset ? top : top + rowHeight > offset + body.height ? top + rowHeight - body.height : offset
            setState(wanted, for: id(scrollID))
        }

        // Rows: only those in view are drawn.
        let selected = selection
        var clickedRow: String?
        var hoveredTruncated: String?
        let order = result.order
        scrollPanel(scrollID, body, contentHeight: Float(order.count) * rowHeight) { origin in
            let first = max(0, Int((body.min.y - origin.y) / rowHeight))
            let last = min(order.count, Int((body.max.y - origin.y) / rowHeight) + 1)
            guard first < last else { return }
            for position in first..<last {
                let row = rows[order[position]]
                let rowRect = Rect(x: body.min.x, y: origin.y + Float(position) * rowHeight, width: usable, height: rowHeight)
                let hovered = isMouseOver(rowRect) && isMouseOver(body)
                let isSelected = row.id == selected
                draw { list in
                    if isSelected {
                        list.addRectFilled(rowRect, style.accent.withAlpha(0.28))
                        list.addRect(rowRect, style.accent)
                    } else if hovered {
                        list.addRectFilled(rowRect, style.widgetHovered)
                    } else if position % 2 == 1 {
                        list.addRectFilled(rowRect, style.widget.withAlpha(0.45))
                    }
                }
                for (index, column) in columns.enumerated() {
                    let text = row.cells.indices.contains(index) ? row.cells[index].text : ""
                    let cell = Rect(min: Vec2(edges[index], rowRect.min.y), max: Vec2(edges[index + 1], rowRect.max.y))
                    let truncated = drawCellText(text, cell, rightAligned: column.numeric, color: style.text)
                    if truncated, hovered, let mouse = input.mouse, cell.contains(mouse) { hoveredTruncated = text }
                }
                if hovered, input.wasReleased(.left), active == nil || active == tableID,
                    vectorLength((input.mouse ?? .zero) - input.pressPosition[0]) < 4 * style.scale
                {
                    clickedRow = row.id
                }
                if hovered, input.wasDoubleClicked(.left) { result.activated = row.id }
            }
        }
        if let hoveredTruncated { tooltip(hoveredTruncated) }
        if order.isEmpty {
            label(rows.isEmpty ? "no rows" : "no row matches the filter", in: body, color: style.textDim, centered: true)
        }
        if let clickedRow, clickedRow != selection {
            selection = clickedRow
            result.selectionChanged = true
        }
        return result
    }

    /// Each column's width: what its title and cells need (the first 500 rows are measured),
    /// with room left over shared by weight. When that does not fit, the widest columns give
    /// way first (a cap that every column wider than it is cut to), so short numbers stay whole.
    func columnWidths(_ columns: [TableColumn], _ rows: [TableRow], usable: Float) -> [Float] {
        guard !columns.isEmpty else { return [] }
        let natural = naturalColumnWidths(columns, rows)
        let total = natural.reduce(0, +)
        if total <= usable {
            let weights = columns.map(\.weight)
            let weightSum = max(weights.reduce(0, +), 1e-6)
            return zip(natural, weights).map { $0 + (usable - total) * $1 / weightSum }
        }
        // The columns that give way share what the others leave (if they leave too little,
        // every column gives way).
        // (Text columns keep at least 60 px each before names and numbers are cut too.)
        let fixed = zip(columns, natural).filter { !$0.0.givesWay }.reduce(Float(0)) { $0 + $1.1 }
        let textColumns = Float(columns.filter(\.givesWay).count)
        let shrinking = fixed + textColumns * 60 * style.scale <= usable ? columns.map(\.givesWay) : columns.map { _ in true }
        let kept = zip(shrinking, natural).filter { !$0.0 }.reduce(Float(0)) { $0 + $1.1 }
        var fitted = UIContext.fitted(zip(shrinking, natural).filter(\.0).map(\.1), into: usable - kept).makeIterator()
        return zip(shrinking, natural).map { $0 ? (fitted.next() ?? $1) : $1 }
    }

    /// What each column needs for its title (with room for the sort arrow) and its cells (the
    /// first 500 rows).
    func naturalColumnWidths(_ columns: [TableColumn], _ rows: [TableRow]) -> [Float] {
        let pad = style.padding * 2
        let arrow = font.measure(" ▲")
        var natural = columns.map { font.measure($0.title) + arrow + pad }
        for row in rows.prefix(500) {
            for (index, cell) in row.cells.enumerated() where index < natural.count {
                natural[index] = max(natural[index], font.measure(cell.text) + pad)
            }
        }
        return natural
    }

    /// The width a table needs to show every column whole (scrollbar included), for laying out
    /// what sits beside it.
    public func tableWidth(columns: [TableColumn], rows: [TableRow]) -> Float {
        naturalColumnWidths(columns, rows).reduce(0, +) + 8 * style.scale
    }

    /// The least width that keeps names and numbers whole, giving each text column 80 px.
    public func tableMinimumWidth(columns: [TableColumn], rows: [TableRow]) -> Float {
        zip(columns, naturalColumnWidths(columns, rows)).reduce(Float(0)) { sum, pair in
            sum + (pair.0.givesWay ? min(pair.1, 80 * style.scale) : pair.1)
        } + 8 * style.scale
    }

    /// Draws `text` inside `cell` with padding, cut with "…" when it does not fit; returns
    /// whether it was cut. Names are cut in the middle: ids of one family share a prefix and
    /// differ at the end (run_20251212_0f2c → run_2…0f2c).
    @discardableResult
    private func drawCellText(_ text: String, _ cell: Rect, rightAligned: Bool, color: Color) -> Bool {
        let inner = cell.insetBy(style.padding, 0)
        let shown = rightAligned ? font.truncate(text, toFit: max(0, inner.width)) : font.truncateMiddle(text, toFit: max(0, inner.width))
        let width = font.measure(shown)
        let x = rightAligned ? inner.max.x - width : inner.min.x
        label(shown, at: Vec2(x, cell.center.y - font.lineHeight / 2), color: color)
        return shown != text
    }
}
