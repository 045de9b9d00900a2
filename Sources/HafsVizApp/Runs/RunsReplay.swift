import Figures
import HafsVizModel
import Immediate

// Replay: the display frozen and scrubbed from the shown runs' first x to their last (R, Esc).
extension RunsWorkspace {
    /// Starts a replay at `fraction` of the history (pausing the display), moves it, or ends it
    /// (nil: back to the live view, paused only if it was before).
    public func setReplay(_ fraction: Double?) {
        if let fraction {
            if replay == nil {
                pausedBeforeReplay = paused
                setPaused(true)
            }
            replay = min(max(fraction, 0), 1)
        } else {
            guard replay != nil else { return }
            replay = nil
            replayPlaying = false
            setPaused(pausedBeforeReplay)
        }
    }

    /// Plays the replay on from where it is (from the start when at the end), or stops it.
    public func setReplayPlaying(_ playing: Bool) {
        if playing {
            if replay == nil || replay == 1 { setReplay(0) }
            replayTick = nil
        }
        replayPlaying = playing
    }

    /// The x range the replay scrubs: the shown lines' extent on the current x axis.
    func replayRange() -> AxisRange? {
        var low = Double.infinity
        var high = -Double.infinity
        for chart in model.charts {
            for line in chart.lines where isShown(line.run) {
                guard let bounds = line.raw.bounds?.x else { continue }
                low = min(low, bounds.min)
                high = max(high, bounds.max)
            }
        }
        return low <= high ? AxisRange(low, high) : nil
    }

    /// The replay cursor on the x axis; +∞ when not replaying.
    func replayLimit() -> Double {
        guard let replay, let range = replayRange() else { return .infinity }
        let limit = replay >= 1 ? range.max : range.min + range.span * replay
        return xAxis == .step ? limit.rounded(.down) : limit  // steps are whole
    }

    /// The cursor as the x axis writes it.
    func replayText(_ limit: Double) -> String {
        switch xAxis {
        case .step: "step \(Format.value(limit))"
        case .relativeTime: "\(Format.value(limit)) s"
        case .wallTime: Format.dateTime(limit)
        }
    }

    /// "Replay (R)" when live; while replaying, a slider over the history and play/stop.
    func drawReplayRow(_ ui: UIContext, _ rect: Rect) {
        let style = ui.style
        guard let replay else {
            if ui.button("Replay (R)", rect) { setReplay(0) }
            return
        }
        let buttonWidth = 56 * style.scale
        var fraction = replay
        let limit = replayLimit()
        let text = limit.isFinite ? replayText(limit) : "no points"
        if ui.slider(
            "replay", &fraction, in: 0...1,
            Rect(x: rect.min.x, y: rect.min.y, width: rect.width - buttonWidth - style.spacing, height: rect.height),
            format: { _ in text })
        {
            replayPlaying = false
            setReplay(fraction)
        }
        if ui.button(
            replayPlaying ? "■ Stop" : "▶ Play", Rect(x: rect.max.x - buttonWidth, y: rect.min.y, width: buttonWidth, height: rect.height))
        {
            setReplayPlaying(!replayPlaying)
        }
    }
}
