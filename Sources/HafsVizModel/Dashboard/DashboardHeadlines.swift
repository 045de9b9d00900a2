import Figures
import HafsVizCore

/// What each Dashboard panel says beside its title, in words: the window and the terminal show
/// these same strings. Nil (or the bare phrase) where the panel's file has no data: the panel's
/// message says why, and a count here would contradict it.
extension DashboardModel {
    /// "scores of rejected samples · last 620 rejections: 6.5 d, Dec 15 08:00–Dec 21 14:24 ·
    /// ⚠ drift: N (k worse)". The history holds rejected samples only, and producers keep the
    /// last 500: both come first.
    public var qualityHeadline: String {
        guard let history = snapshot.quality.data?.history, history.count > 0 else { return "scores of rejected samples" }
        var text = "scores of rejected samples · last \(history.count) rejections"
        if let span = historySpan {
            text += ": \(Format.duration(span.last - span.first)), \(Format.shortDateTime(span.first))–\(Format.shortDateTime(span.last))"
        } else {
            text += " (no timestamps)"
        }
        // Scores and failure rates together, as the status bar counts them.
        let alerts = driftAlerts
        if alerts.count > 0 { text += " · ⚠ drift: \(alerts.count) (\(alerts.worse) worse)" }
        return text
    }

    /// "overall acceptance 57.5% of 12071 decided".
    public var generatorHeadline: String? {
        overallAcceptance.rate.map { "overall acceptance \(Format.percent($0)) of \(overallAcceptance.decided) decided" }
    }

    /// "coverage score 0.252 · 50 regions · 18 sparse" (nil without regions: μ = 0, no score).
    public var coverageHeadline: String? {
        snapshot.derived.coverage.flatMap {
            $0.regionCount == 0
                ? nil : "coverage score \(Format.fixed($0.coverageScore, 3)) · \($0.regionCount) regions · \($0.sparseRegions.count) sparse"
        }
    }

    /// "best: run_20251215_52c3 (1.1593) · 2 diverged · 1 running".
    public var trainingHeadline: String? {
        guard snapshot.training.data != nil else { return nil }
        let (best, diverged, running) = runCounts
        var text = best.map { "best: \($0.id) (\(Format.value($0.finalLoss ?? .nan)))" } ?? "no run has a final loss yet"
        if diverged > 0 { text += " · \(diverged) diverged" }
        if running > 0 { text += " · \(running) running" }
        return text
    }

    /// The status bar's figures: sources read, generators, regions and runs ("—" where the
    /// file has no data: unknown is not zero), drift alerts of both families, errors.
    public var statusFigures: [StatusSegment] {
        var segments = [StatusSegment("Sources \(snapshot.okCount)/\(snapshot.foundCount)")]
        segments.append(StatusSegment("Generators \(snapshot.quality.data.map { "\($0.generators.count)" } ?? "—")"))
        segments.append(StatusSegment("Regions \(snapshot.activeLearning.data.map { "\($0.regions.count)" } ?? "—")"))
        segments.append(StatusSegment("Runs \(snapshot.training.data.map { "\($0.runs.count)" } ?? "—")"))
        if snapshot.quality.data != nil {
            let alerts = driftAlerts
            if alerts.count > 0 {
                segments.append(
                    StatusSegment(
                        "drift: \(alerts.count) (\(alerts.worse) worse)", tone: alerts.worse > 0 ? .warning : .emphasis, clickable: true))
            }
        }
        if !snapshot.errors.isEmpty {
            segments.append(StatusSegment("errors: \(snapshot.errors.count) (click for details)", tone: .error, clickable: true))
        }
        return segments
    }
}
