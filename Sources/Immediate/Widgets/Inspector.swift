import Figures

// Inspector: every field of one record, name beside value, scrolled when it is long.

extension UIContext {
    /// Draws `title` and the fields of one record in `rect`, names in a column on the left.
    /// Only the rows in view are drawn; a value cut to fit shows in full on hover.
    public func inspector(_ idLabel: String, title: String, fields: [InspectorField], _ rect: Rect) {
        draw { list in
            list.addRectFilled(rect, style.panel)
            list.addRect(rect, style.panelBorder)
        }
        let inner = rect.insetBy(style.padding, style.padding / 2)
        let (titleRow, body) = inner.splitTop(style.rowHeight)
        label(
            font.truncate(title, toFit: titleRow.width), at: Vec2(titleRow.min.x, titleRow.center.y - font.lineHeight / 2),
            color: style.accent)
        // One row per line of each value.
        var rows: [(name: String, value: String, heading: Bool)] = []
        for field in fields {
            if field.isHeading {
                rows.append((field.name, "", true))
                continue
            }
            let lines = field.value.split(separator: "\n", omittingEmptySubsequences: false)
            for (index, line) in lines.enumerated() { rows.append((index == 0 ? field.name : "", String(line), false)) }
        }
        let rowHeight = font.lineHeight + 3 * style.scale
        let nameWidth = min(
            (fields.filter { !$0.isHeading }.map { font.measure($0.name) }.max() ?? 0) + style.padding * 2, body.width * 0.5)
        var hovered: String?
        scrollPanel(idLabel + ":fields", body, contentHeight: Float(rows.count) * rowHeight) { origin in
            let first = max(0, Int((body.min.y - origin.y) / rowHeight))
            let last = min(rows.count, Int((body.max.y - origin.y) / rowHeight) + 1)
            guard first < last else { return }
            for index in first..<last {
                let row = rows[index]
                let y = origin.y + Float(index) * rowHeight
                if row.heading {
                    label(font.truncate(row.name, toFit: body.width), at: Vec2(body.min.x, y + 1), color: style.text)
                    draw {
                        $0.addRectFilled(
                            Rect(x: body.min.x, y: y + rowHeight - 1, width: body.width - 10 * style.scale, height: 1), style.panelBorder)
                    }
                    continue
                }
                label(font.truncate(row.name, toFit: nameWidth - style.padding), at: Vec2(body.min.x, y + 1), color: style.textDim)
                let valueWidth = body.width - nameWidth - 10 * style.scale
                let shown = font.truncateMiddle(row.value, toFit: max(0, valueWidth))
                label(shown, at: Vec2(body.min.x + nameWidth, y + 1), color: style.text)
                let rowRect = Rect(x: body.min.x, y: y, width: body.width, height: rowHeight)
                if shown != row.value, isMouseOver(rowRect), isMouseOver(body) { hovered = row.value }
            }
        }
        if let hovered { tooltip(hovered) }
        if fields.isEmpty { label("nothing selected", in: body, color: style.textDim, centered: true) }
    }
}
