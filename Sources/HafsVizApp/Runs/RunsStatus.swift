// The Runs workspace's status box: progress against the log's goal as a gauge, rates, ETA and
// the last write of the picked run, in the words `RunStatusText` gives every front end.

import Figures
import Foundation
import HafsVizCore
import HafsVizModel
import Immediate

extension RunsWorkspace {
    func statusRun() -> RunsModel.Run? { session.statusRun() }

    /// Progress against the log's own goal (a gauge), rates, ETA, and how long the log has been quiet.
    func drawRunStatus(_ ui: UIContext, _ run: RunsModel.Run, _ rect: Rect) {
        let style = ui.style
        let row = style.rowHeight
        var y = rect.min.y
        ui.label(ui.font.truncateMiddle("● " + run.name, toFit: rect.width), at: Vec2(rect.min.x, y), color: color(of: run.name, style))
        y += row
        let fraction = run.status.fraction
        let bar = Rect(x: rect.min.x, y: y + 3, width: rect.width, height: row - 6)
        ui.draw { list in
            list.addRectFilled(bar, style.widget)
            if let fraction {
                list.addRectFilled(
                    Rect(x: bar.min.x, y: bar.min.y, width: bar.width * Float(min(max(fraction, 0), 1)), height: bar.height), style.accent)
            }
        }
        ui.label(run.progressLine, in: bar, color: style.text)
        y += row
        ui.label(ui.font.truncate(run.ratesText, toFit: rect.width), at: Vec2(rect.min.x, y), color: style.textDim)
        y += row
        ui.label(ui.font.truncate(run.samplesText, toFit: rect.width), at: Vec2(rect.min.x, y), color: style.textDim)
        y += row
        if let status = run.progress.status {
            ui.label("MLflow status: \(status)", at: Vec2(rect.min.x, y), color: style.textDim)
            y += row
        }
        if let quiet = run.quietText(now: Date()) {
            ui.label(quiet.text, at: Vec2(rect.min.x, y), color: quiet.isQuiet ? style.warning : style.textDim)
        }
    }
}
