// The Runs workspace's status box: progress against the log's goal, rates, ETA and the last
// write of the picked run; and the texts the run list's tooltips use.

import Figures
import Foundation
import HafsVizCore
import HafsVizModel
import Immediate

extension RunsWorkspace {
    /// The run the status box describes: the picked one, else the most recently written.
    func statusRun() -> RunsModel.Run? {
        if let selectedRun, let run = model.runs.first(where: { $0.name == selectedRun }) { return run }
        return model.runs.max { ($0.lastWrite ?? .distantPast) < ($1.lastWrite ?? .distantPast) }
    }

    /// Progress against the log's own goal (a gauge), rates, ETA, and how long the log has been quiet.
    func drawRunStatus(_ ui: UIContext, _ run: RunsModel.Run, _ rect: Rect) {
        let style = ui.style
        let row = style.rowHeight
        var y = rect.min.y
        ui.label(ui.font.truncateMiddle("● " + run.name, toFit: rect.width), at: Vec2(rect.min.x, y), color: color(of: run.name, style))
        y += row
        let progress = run.progress
        let status = run.status
        let fraction = status.fraction
        var text = "no goal in the log"
        if let step = progress.step, let max = progress.maxSteps, max > 0 {
            text = "step \(Format.value(step)) of \(Format.value(max))"
        } else if let epoch = progress.epoch, let epochs = progress.epochs, epochs > 0 {
            text = "epoch \(Format.value(epoch)) of \(Format.value(epochs))"
        } else if let step = progress.step {
            let unit = run.format.stepUnit
            text =
                "\(unit) \(Format.value(step))"
                + (unit == "epoch" ? "" : progress.epoch.map { " · epoch \(Format.value($0))" } ?? "")
        }
        let bar = Rect(x: rect.min.x, y: y + 3, width: rect.width, height: row - 6)
        ui.draw { list in
            list.addRectFilled(bar, style.widget)
            if let fraction {
                list.addRectFilled(
                    Rect(x: bar.min.x, y: bar.min.y, width: bar.width * Float(min(max(fraction, 0), 1)), height: bar.height), style.accent)
            }
        }
        ui.label(text + (fraction.map { " (\(Format.percent($0, decimals: 0)))" } ?? ""), in: bar, color: style.text)
        y += row
        var rates = "steps/s " + (status.stepsPerSecond.map { Format.value($0, significant: 3) } ?? "— (no times in this log)")
        if let eta = status.etaSeconds { rates += " · ETA " + Format.duration(eta) }
        ui.label(ui.font.truncate(rates, toFit: rect.width), at: Vec2(rect.min.x, y), color: style.textDim)
        y += row
        ui.label(
            ui.font.truncate(RunsWorkspace.samplesText(status.samplesPerSecond), toFit: rect.width), at: Vec2(rect.min.x, y),
            color: style.textDim)
        y += row
        if let status = progress.status {
            ui.label("MLflow status: \(status)", at: Vec2(rect.min.x, y), color: style.textDim)
            y += row
        }
        if let quiet = status.quietSeconds(now: Date()) {
            let stale = status.isQuiet(now: Date()) == true
            ui.label(
                "last write " + (stale ? "\(Format.age(quiet)) — quiet" : "within the last minute"), at: Vec2(rect.min.x, y),
                color: stale ? style.warning : style.textDim)
        }
    }

    /// "samples/s 812 (from the count in train/samples)", "samples/s 2 (logged as train/train_samples_per_second)".
    static func samplesText(_ rate: SamplesRate?) -> String {
        guard let rate else { return "samples/s — (no sample count in this log)" }
        return
            "samples/s \(Format.value(rate.value, significant: 3)) (\(rate.isLogged ? "logged as" : "from the count in") \(rate.tag))"
    }

    static func details(_ run: RunsModel.Run) -> String {
        var lines = [run.name, "format: \(run.format.id)", "tags: \(run.tagCount), points: \(run.pointCount)"]
        if let name = run.displayName { lines.insert("name: \(name)", at: 1) }
        if let step = run.progress.step {
            lines.append(
                "last \(run.format.stepUnit): \(Format.value(step))"
                    + (run.progress.maxSteps.map { " of \(Format.value($0))" } ?? ""))
        }
        if let epoch = run.progress.epoch {
            lines.append("epoch: \(Format.value(epoch))" + (run.progress.epochs.map { " of \(Format.value($0))" } ?? ""))
        }
        if let status = run.progress.status { lines.append("status: \(status)") }
        if let last = run.lastWrite { lines.append("last write: \(clock(last))") }
        lines += run.errors.map { "! \($0)" }
        return lines.joined(separator: "\n")
    }

    static func clock(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
        formatter.locale = Locale(identifier: "en_US_POSIX")
        return formatter.string(from: date)
    }
}
