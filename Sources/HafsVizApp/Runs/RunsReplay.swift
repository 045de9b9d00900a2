import Figures
import HafsVizModel
import Immediate

// Replay: the display frozen and scrubbed from the shown runs' first x to their last (R, Esc).
extension RunsWorkspace {
    func replayLimit() -> Double { session.replayLimit() }

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
        let text = limit.isFinite ? session.xText(limit) : "no points"
        if ui.slider(
            "replay", &fraction, in: 0...1,
            Rect(x: rect.min.x, y: rect.min.y, width: rect.width - buttonWidth - style.spacing, height: rect.height),
            format: { _ in text })
        {
            session.setReplayPlaying(false)
            setReplay(fraction)
        }
        if ui.button(
            replayPlaying ? "■ Stop" : "▶ Play", Rect(x: rect.max.x - buttonWidth, y: rect.min.y, width: buttonWidth, height: rect.height))
        {
            setReplayPlaying(!replayPlaying)
        }
    }
}
