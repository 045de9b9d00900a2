import Figures

extension UIContext {
    /// A status bar of segments separated by " · "; returns the index of a clicked segment.
    @discardableResult
    public func statusBar(_ rect: Rect, _ segments: [StatusSegment]) -> Int? {
        draw { list in
            list.addRectFilled(rect, style.menuBar)
            list.addRectFilled(Rect(min: rect.min, max: Vec2(rect.max.x, rect.min.y + 1)), style.panelBorder)
        }
        var x = rect.min.x + style.padding
        let y = rect.center.y - font.lineHeight / 2
        var clicked: Int?
        // Too long for the bar: the longest segments (a path, a notice) give way, cut in the
        // middle with numbers kept whole; hover shows the whole text.
        let separators = font.measure(" · ") * Float(max(segments.count - 1, 0))
        let shown = font.fit(segments.map(\.text), toFit: rect.width - style.padding * 2 - separators)
        for (index, segment) in segments.enumerated() {
            if index > 0 { x += label(" · ", at: Vec2(x, y), color: style.textDim) }
            let text = shown[index]
            let width = font.measure(text)
            let segmentRect = Rect(min: Vec2(x, rect.min.y), max: Vec2(x + width, rect.max.y))
            var color: Color
            switch segment.tone {
            case .plain: color = style.textDim
            case .emphasis: color = style.text
            case .accent: color = style.accent
            case .warning: color = style.warning
            case .error: color = style.error
            }
            if segment.clickable {
                let interaction = interact(id("status:\(index)"), segmentRect)
                if interaction.hovered { color = style.text }
                if interaction.clicked { clicked = index }
            }
            if text != segment.text, isMouseOver(segmentRect) { tooltip(segment.text) }
            x += label(text, at: Vec2(x, y), color: color)
        }
        return clicked
    }

    /// Tabs across the top of `rect`; returns the selected index (kept across frames by `id`).
    /// When they do not all fit, the widest give way first and their titles are cut (the whole
    /// title shows on hover).
    public func tabs(_ idLabel: String, _ titles: [String], _ rect: Rect) -> Int {
        let tabsID = id(idLabel)
        var selected = state(for: tabsID) { 0 }
        let widths = Self.fitted(titles.map { font.measure($0) + style.padding * 4 }, into: rect.width - Float(max(titles.count - 1, 0)))
        var x = rect.min.x
        for (index, title) in titles.enumerated() {
            let width = widths[index]
            let tab = Rect(min: Vec2(x, rect.min.y), max: Vec2(x + width, rect.max.y))
            let interaction = interact(id(idLabel + ":tab:\(index)"), tab)
            if interaction.clicked { selected = index }
            let isSelected = index == selected
            draw { list in
                list.addRectFilled(tab, isSelected ? style.widgetActive : interaction.hovered ? style.widgetHovered : style.widget)
                if isSelected { list.addRectFilled(Rect(min: Vec2(tab.min.x, tab.max.y - 2 * style.scale), max: tab.max), style.accent) }
            }
            let shown = font.truncate(title, toFit: max(0, width - style.padding * 2))
            label(shown, in: tab, color: isSelected ? style.text : style.textDim, centered: true)
            if shown != title, interaction.hovered { tooltip(title) }
            x += width + 1
        }
        selected = min(max(selected, 0), max(titles.count - 1, 0))
        setState(selected, for: tabsID)
        return selected
    }

    /// `widths` as they are when their sum fits in `available`; otherwise every width above a
    /// cap is cut to it, the cap chosen so that they fill `available` exactly.
    static func fitted(_ widths: [Float], into available: Float) -> [Float] {
        guard widths.reduce(0, +) > available, !widths.isEmpty else { return widths }
        var remaining = max(0, available)
        let sorted = widths.sorted()
        var cap = remaining / Float(widths.count)
        for (index, width) in sorted.enumerated() {
            let share = remaining / Float(sorted.count - index)
            if width > share {
                cap = share
                break
            }
            remaining -= width
        }
        return widths.map { min($0, cap) }
    }

    /// Selects tab `index` of the tabs `idLabel` (keyboard shortcuts, tests).
    public func selectTab(_ idLabel: String, _ index: Int) { setState(index, for: id(idLabel)) }

    /// A vertically scrolling panel over `rect` whose content is `contentHeight` tall. `body` draws
    /// the content given its top-left (already scrolled) with clipping to `rect`; the wheel and the
    /// scrollbar move it. Returns the scroll offset.
    @discardableResult
    public func scrollPanel(_ idLabel: String, _ rect: Rect, contentHeight: Float, _ body: (Vec2) -> Void) -> Float {
        let panelID = id(idLabel)
        let maxOffset = max(0, contentHeight - rect.height)
        var offset = min(state(for: panelID) { Float(0) }, maxOffset)
        if isMouseOver(rect), input.wheel.y != 0 {
            offset = min(max(0, offset - input.wheel.y * style.rowHeight * 3), maxOffset)
        }
        let barWidth = 8 * style.scale
        if maxOffset > 0 {
            let track = Rect(min: Vec2(rect.max.x - barWidth, rect.min.y), max: rect.max)
            let thumbHeight = max(20 * style.scale, rect.height * rect.height / contentHeight)
            let interaction = interact(id(idLabel + ":bar"), track)
            if interaction.held, let mouse = input.mouse {
                let t = (mouse.y - rect.min.y - thumbHeight / 2) / max(1, rect.height - thumbHeight)
                offset = min(max(0, t * maxOffset), maxOffset)
            }
            let thumbY = rect.min.y + (rect.height - thumbHeight) * (offset / maxOffset)
            draw { list in
                list.addRectFilled(track, style.widget)
                list.addRectFilled(
                    Rect(min: Vec2(track.min.x, thumbY), max: Vec2(track.max.x, thumbY + thumbHeight)),
                    interaction.held ? style.widgetActive : style.axis)
            }
        }
        setState(offset, for: panelID)
        draw { $0.pushClip(rect) }
        body(Vec2(rect.min.x, rect.min.y - offset))
        draw { $0.popClip() }
        return offset
    }

    /// A grid of `columns` × `rows` panels over `rect` with draggable splitters; returns the cells
    /// row by row. Splitter positions (fractions) are kept across frames by `idLabel`;
    /// `initialColumns` places the column splitters the first time (else evenly); it is
    /// evaluated only then.
    public func panelGrid(
        _ idLabel: String, _ rect: Rect, columns: Int, rows: Int, gap: Float? = nil,
        initialColumns: @autoclosure () -> [Float]? = nil
    ) -> [Rect] {
        let gridID = id(idLabel)
        let gap = gap ?? style.spacing * 1.5
        var fractions = state(for: gridID) {
            (
                x: initialColumns().flatMap { $0.count == columns - 1 ? $0 : nil }
                    ?? [Float](stride(from: 1, to: columns, by: 1).map { Float($0) / Float(columns) }),
                y: [Float](stride(from: 1, to: rows, by: 1).map { Float($0) / Float(rows) })
            )
        }
        let minimum: Float = 0.1
        for index in fractions.x.indices {
            let x = rect.min.x + rect.width * fractions.x[index]
            let handle = Rect(min: Vec2(x - gap, rect.min.y), max: Vec2(x + gap, rect.max.y))
            let interaction = interact(id(idLabel + ":col:\(index)"), handle)
            if interaction.held, let mouse = input.mouse {
                let lower = (index > 0 ? fractions.x[index - 1] : 0) + minimum
                let upper = (index + 1 < fractions.x.count ? fractions.x[index + 1] : 1) - minimum
                fractions.x[index] = min(max((mouse.x - rect.min.x) / rect.width, lower), upper)
            }
            if interaction.hovered || interaction.held {
                draw { $0.addRectFilled(handle.insetBy(gap / 2, 0), style.accent.withAlpha(0.5)) }
            }
        }
        for index in fractions.y.indices {
            let y = rect.min.y + rect.height * fractions.y[index]
            let handle = Rect(min: Vec2(rect.min.x, y - gap), max: Vec2(rect.max.x, y + gap))
            let interaction = interact(id(idLabel + ":row:\(index)"), handle)
            if interaction.held, let mouse = input.mouse {
                let lower = (index > 0 ? fractions.y[index - 1] : 0) + minimum
                let upper = (index + 1 < fractions.y.count ? fractions.y[index + 1] : 1) - minimum
                fractions.y[index] = min(max((mouse.y - rect.min.y) / rect.height, lower), upper)
            }
            if interaction.hovered || interaction.held {
                draw { $0.addRectFilled(handle.insetBy(0, gap / 2), style.accent.withAlpha(0.5)) }
            }
        }
        setState(fractions, for: gridID)
        let xs = [Float(0)] + fractions.x + [1]
        let ys = [Float(0)] + fractions.y + [1]
        var cells: [Rect] = []
        for row in 0..<rows {
            for column in 0..<columns {
                let lo = Vec2(
                    rect.min.x + rect.width * xs[column] + (column > 0 ? gap / 2 : 0),
                    rect.min.y + rect.height * ys[row] + (row > 0 ? gap / 2 : 0))
                let hi = Vec2(
                    rect.min.x + rect.width * xs[column + 1] - (column < columns - 1 ? gap / 2 : 0),
                    rect.min.y + rect.height * ys[row + 1] - (row < rows - 1 ? gap / 2 : 0))
                cells.append(Rect(min: lo, max: hi))
            }
        }
        return cells
    }
}
