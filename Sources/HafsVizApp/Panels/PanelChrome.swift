import Foundation
import HafsVizCore
import HafsVizModel
import Immediate

extension Dashboard {
    /// Draws the panel frame and title row; returns the content rect.
    func chrome(_ panel: any DashboardPanel, _ ui: UIContext, _ rect: Rect, subtitle: String?, condition: SourceCondition) -> Rect {
        let style = ui.style
        ui.panel(rect)
        let (titleRow, content) = rect.splitTop(style.rowHeight + 2)
        ui.draw { $0.addRectFilled(titleRow.insetBy(1, 1), style.menuBar) }
        var x = titleRow.min.x + style.padding
        let y = titleRow.center.y - ui.font.lineHeight / 2
        let number = (panels.firstIndex { $0.id == panel.id } ?? 0) + 1
        x += ui.label("\(number)  \(panel.title)", at: Vec2(x, y), color: style.text) + style.padding * 2
        let badge: (String, Color)?
        switch condition.kind {
        case .failed: badge = (condition.isStale ? "STALE · read failed" : "read failed", style.error)
        case .missing: badge = (condition.isStale ? "STALE · file missing" : "no file", style.warning)
        case .empty: badge = ("empty", style.textDim)
        case .loading: badge = ("loading", style.accent)
        case .ok: badge = nil
        }
        if let (text, color) = badge {
            let width = ui.font.measure(text) + style.padding * 2
            let box = Rect(x: x, y: titleRow.min.y + 3, width: width, height: titleRow.height - 6)
            ui.draw {
                $0.addRectFilled(box, color.withAlpha(0.25))
                $0.addRect(box, color)
            }
            ui.label(text, at: Vec2(x + style.padding, y), color: color)
            x += width + style.padding * 2
        }
        if let subtitle {
            // Details after " · " give way first; the whole line shows on hover.
            let shown = ui.font.shorten(subtitle, toFit: max(0, titleRow.max.x - x - style.padding))
            ui.label(shown, at: Vec2(x, y), color: style.textDim)
            if shown != subtitle, ui.isMouseOver(Rect(min: Vec2(x, titleRow.min.y), max: titleRow.max)) { ui.tooltip(subtitle) }
        }
        return content.insetBy(1, 1)
    }

    /// The message of a panel whose source is missing, empty or failed: centred when there is
    /// nothing else to draw, a banner at the bottom when stale data is shown above it.
    func conditionMessage(_ ui: UIContext, _ rect: Rect, _ condition: SourceCondition) {
        guard let message = condition.message else { return }
        let style = ui.style
        let width = (condition.hasData ? rect.width : rect.width * 0.9) - style.padding * 4
        let lines = message.split(separator: "\n").flatMap { wrap(String($0), width: width, font: ui.font) }
        let row = ui.font.lineHeight + 2
        let color = condition.kind == .failed ? style.error : condition.kind == .missing ? style.warning : style.textDim
        if condition.hasData {
            let height = Float(lines.count) * row + style.padding * 2
            let banner = Rect(min: Vec2(rect.min.x + 1, rect.max.y - height), max: rect.max - Vec2(1, 1))
            ui.draw {
                $0.addRectFilled(banner, style.popup.withAlpha(0.92))
                $0.addRect(banner, color)
            }
            for (index, line) in lines.enumerated() {
                ui.label(
                    ui.font.truncate(line, toFit: banner.width - style.padding * 2),
                    at: Vec2(banner.min.x + style.padding, banner.min.y + style.padding + Float(index) * row), color: color)
            }
        } else {
            var y = rect.center.y - Float(lines.count) * row / 2
            for line in lines {
                let shown = ui.font.truncate(line, toFit: rect.width - style.padding * 4)
                ui.label(shown, at: Vec2(rect.center.x - ui.font.measure(shown) / 2, y), color: color)
                y += row
            }
        }
    }

    /// Splits `text` into lines no wider than `width`, at spaces (or anywhere in a long word).
    func wrap(_ text: String, width: Float, font: FontAtlas) -> [String] {
        guard font.measure(text) > width, width > 20 else { return [text] }
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            let candidate = current.isEmpty ? String(word) : current + " " + word
            if font.measure(candidate) <= width {
                current = candidate
                continue
            }
            if !current.isEmpty { lines.append(current) }
            current = String(word)
            while font.measure(current) > width, current.count > 1 {
                var cut = current.count - 1
                while cut > 1, font.measure(String(current.prefix(cut))) > width { cut -= 1 }
                lines.append(String(current.prefix(cut)))
                current = String(current.dropFirst(cut))
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }

    func drawPanel(_ panel: any DashboardPanel, _ ui: UIContext, _ rect: Rect) {
        ui.pushID("panel-\(panel.id)")
        defer { ui.popID() }
        guard Dashboard.tracing else { return panel.draw(self, ui, rect) }
        let start = DispatchTime.now().uptimeNanoseconds
        panel.draw(self, ui, rect)
        let milliseconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
        if milliseconds > 30 {
            FileHandle.standardError.write(Data(String(format: "hafs-viz: slow panel %@: %.0f ms\n", panel.id, milliseconds).utf8))
        }
    }

    /// HAFS_VIZ_TRACE is set: panels that take over 30 ms to build are reported on stderr.
    static let tracing = ProcessInfo.processInfo.environment["HAFS_VIZ_TRACE"] != nil
}
