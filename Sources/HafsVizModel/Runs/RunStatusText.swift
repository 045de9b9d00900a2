// The words a run's status box says, for the window's sidebar and the terminal's alike: progress
// against the log's own goal, rates and ETA, the samples rate and where it came from, how long
// the log has been quiet, and the run's details (the run list's tooltip).

import Figures
import Foundation
import HafsVizCore

extension RunsModel.Run {
    /// "step 120 of 500", "epoch 3 of 10", "step 120 · epoch 2", or "no goal in the log".
    public var progressText: String {
        if let step = progress.step, let max = progress.maxSteps, max > 0 {
            return "step \(Format.value(step)) of \(Format.value(max))"
        }
        if let epoch = progress.epoch, let epochs = progress.epochs, epochs > 0 {
            return "epoch \(Format.value(epoch)) of \(Format.value(epochs))"
        }
        if tagCount == 0 { return "no metrics" }
        if let step = progress.step {
            let unit = format.stepUnit
            return "\(unit) \(Format.value(step))" + (unit == "epoch" ? "" : progress.epoch.map { " · epoch \(Format.value($0))" } ?? "")
        }
        return "no goal in the log"
    }

    /// The progress text with its percentage when the log states a goal: "step 120 of 500 (24%)".
    public var progressLine: String {
        progressText + (status.fraction.map { " (\(Format.percent($0, decimals: 0)))" } ?? "")
    }

    /// "steps/s 12.5 · ETA 22 min", or why there is no rate.
    public var ratesText: String {
        var text = "steps/s " + (status.stepsPerSecond.map { Format.value($0, significant: 3) } ?? "— (no times in this log)")
        if let eta = status.etaSeconds { text += " · ETA " + Format.duration(eta) }
        return text
    }

    /// "samples/s 812 (from the count in train/samples)", "samples/s 2 (logged as train/train_samples_per_second)".
    public var samplesText: String { Self.samplesText(status.samplesPerSecond) }

    /// The samples text of a rate (nil: none in the log).
    public static func samplesText(_ rate: SamplesRate?) -> String {
        guard let rate else { return "samples/s — (no sample count in this log)" }
        return "samples/s \(Format.value(rate.value, significant: 3)) (\(rate.isLogged ? "logged as" : "from the count in") \(rate.tag))"
    }

    /// "last write 3 min ago — quiet" (true: quiet for over a minute) or "last write within the
    /// last minute"; nil when the log has no times.
    public func quietText(now: Date) -> (text: String, isQuiet: Bool)? {
        guard let quiet = status.quietSeconds(now: now) else { return nil }
        let stale = status.isQuiet(now: now) == true
        return ("last write " + (stale ? "\(Format.age(quiet)) — quiet" : "within the last minute"), stale)
    }

    /// Every fact about the run, one a line (the run list's tooltip).
    public var details: String {
        var lines = [name, "format: \(format.id)", tagCount == 0 ? "no metrics" : "tags: \(tagCount), points: \(pointCount)"]
        if deleted { lines.append("deleted (MLflow lifecycle_stage)") }
        if !params.isEmpty {
            lines.append("params: " + params.names.map { "\($0)=\(params[$0].map(\.description) ?? "")" }.joined(separator: ", "))
        }
        if let displayName { lines.insert("name: \(displayName)", at: 1) }
        if let step = progress.step {
            lines.append("last \(format.stepUnit): \(Format.value(step))" + (progress.maxSteps.map { " of \(Format.value($0))" } ?? ""))
        }
        if let epoch = progress.epoch {
            lines.append("epoch: \(Format.value(epoch))" + (progress.epochs.map { " of \(Format.value($0))" } ?? ""))
        }
        if let status = progress.status { lines.append("status: \(status)") }
        if let lastWrite { lines.append("last write: \(Format.localDateTime(lastWrite))") }
        if let stepRuleNote { lines.append(stepRuleNote) }
        lines += errors.map { "! \($0)" }
        return lines.joined(separator: "\n")
    }
}
