import Figures

extension UIContext {
    /// A horizontal slider: the title and value on the left, the track on the right. Dragging
    /// (or clicking) on the track sets `value` within `range`; returns true when it changed.
    @discardableResult
    public func slider(
        _ title: String, _ value: inout Double, in range: ClosedRange<Double>, _ rect: Rect,
        format: (Double) -> String = { Format.value($0) }
    ) -> Bool {
        let text = "\(title) \(format(value))"
        let textWidth = font.measure(text) + style.padding * 2
        let track = Rect(min: Vec2(rect.min.x + textWidth, rect.min.y), max: rect.max)
        let interaction = interact(id("slider:" + title), track)
        var changed = false
        let x0 = track.min.x + 6 * style.scale
        let x1 = track.max.x - 6 * style.scale
        if interaction.held || interaction.pressed, let mouse = input.mouse, x1 > x0 {
            let t = Double(min(max((mouse.x - x0) / (x1 - x0), 0), 1))
            let new = range.lowerBound + t * (range.upperBound - range.lowerBound)
            if new != value {
                value = new
                changed = true
            }
        }
        let span = range.upperBound - range.lowerBound
        let t = span > 0 ? Float(min(max((value - range.lowerBound) / span, 0), 1)) : 0
        let knob = Vec2(x0 + (x1 - x0) * t, track.center.y)
        draw { list in
            list.addRectFilled(Rect(min: Vec2(x0, knob.y - 2), max: Vec2(x1, knob.y + 2)), style.widget)
            list.addRectFilled(Rect(min: Vec2(x0, knob.y - 2), max: Vec2(knob.x, knob.y + 2)), style.accent)
            list.addCircleFilled(knob, radius: 6 * style.scale, interaction.hovered || interaction.held ? style.text : style.textDim)
        }
        label(text, at: Vec2(rect.min.x + style.padding, rect.center.y - font.lineHeight / 2), color: style.text)
        return changed
    }
}
