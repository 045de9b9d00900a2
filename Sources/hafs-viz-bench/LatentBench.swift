import Figures
import Foundation
import HafsVizApp
import HafsVizCore
import HafsVizModel
import Immediate
import Shell

// `hafs-viz-bench --latent DIR` (Scripts/bench-latent): the Latent workspace in a window at
// 1600×1000 on DIR. Pan frames in every colour mode (each frame timed until drawn), a click
// to the frame that draws the selection, and a digit key to labels.csv renamed into place.

@MainActor
func measureLatent(directory: String, frames: Int) throws -> String {
    let width = 1600
    let height = 1000
    let shell = try Shell(title: "hafs-viz-bench", width: width, height: height, visible: false)
    let target = try OffscreenCanvas(shell: shell, width: width, height: height)
    let loadStart = DispatchTime.now().uptimeNanoseconds
    let scene = try LatentScene(source: FolderSource(local: directory))
    let model = scene.model
    let loadMs = Double(DispatchTime.now().uptimeNanoseconds - loadStart) / 1e6
    let latent = LatentWorkspace(directory: directory, initial: scene)
    let window = AppWindow(workspaces: [latent])
    var lines: [String] = [String(format: "{\"name\": \"latent_load\", \"points\": %d, \"ms\": %.0f}", model.dataset.points, loadMs)]

    var mouse: Vec2?
    var modifiers: Modifiers = []
    var held = false
    var press: (down: Bool, up: Bool) = (false, false)
    var keys: [KeyPress] = []
    var frameTime = 0.0
    /// The last frame's milliseconds building the UI (CPU, before the renderer).
    var lastBuild = 0.0
    /// One frame with the pending input; its milliseconds until drawn.
    func frame() throws -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        var input = InputState()
        input.displaySize = Vec2(Float(width), Float(height))
        frameTime += 1.0 / 60
        input.time = frameTime
        input.mouse = mouse
        input.modifiers = modifiers
        input.buttonsDown[0] = held
        if press.down {
            input.pressed[0] = true
            input.buttonsDown[0] = true
            input.pressPosition[0] = mouse ?? .zero
        }
        if press.up {
            input.released[0] = true
            input.pressPosition[0] = mouse ?? .zero
        }
        input.keysPressed = keys
        press = (false, false)
        keys = []
        _ = window.idle(now: frameTime)
        shell.ui.beginFrame(input)
        window.frame(shell.ui)
        let data = shell.ui.endFrame()
        lastBuild = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
        try target.draw(data)
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
    }
    let first = try frame()
    lines.append(String(format: "{\"name\": \"latent_first_frame\", \"ms\": %.0f, \"load_plus_first_ms\": %.0f}", first, loadMs + first))
    func stats(_ times: [Double]) -> (Double, Double) {
        let sorted = times.sorted()
        return (sorted[sorted.count / 2], sorted[min(sorted.count - 1, sorted.count * 95 / 100)])
    }
    for mode in latent.session.availableColorModes {
        latent.setColorMode(mode)
        _ = try frame()
        _ = try frame()
        guard let base = shell.ui.plotState(LatentWorkspace.mapID) else { continue }
        var times: [Double] = []
        var builds: [Double] = []
        for step in 0..<frames {
            var state = base
            state.x = panned(base.x, frame: step + 1)
            state.autoFit = false
            shell.ui.setPlotState(state, for: LatentWorkspace.mapID)
            times.append(try frame())
            builds.append(lastBuild)
        }
        shell.ui.setPlotState(base, for: LatentWorkspace.mapID)
        let (median, p95) = stats(times)
        lines.append(
            String(
                format:
                    "{\"name\": \"latent_pan\", \"mode\": \"%@\", \"points\": %d, \"frame_ms_median\": %.1f, \"frame_ms_p95\": %.1f, \"build_ms_median\": %.1f}",
                mode.settingText, model.dataset.points, median, p95, stats(builds).0))
    }
    latent.setColorMode(.labels)
    _ = try frame()
    _ = try frame()

    // Clicks on points: the press frame, then the release frame that picks and draws the cross.
    var clicks: [Double] = []
    var picked = 0
    guard let area = latent.lastMapArea, let view = shell.ui.plotState(LatentWorkspace.mapID) else { return lines.joined(separator: "\n") }
    for k in 0..<30 {
        let index = (k * 7919) % model.dataset.points
        let x = model.dataset.xs[index]
        let y = model.dataset.ys[index]
        guard x.isFinite, y.isFinite else { continue }
        mouse = Vec2(
            area.min.x + Float((x - view.x.min) / view.x.span) * area.width,
            area.max.y - Float((y - view.y.min) / view.y.span) * area.height)
        _ = try frame()
        press.down = true
        _ = try frame()
        press.up = true
        clicks.append(try frame())
        if latent.session.selected != nil { picked += 1 }
    }
    let (clickMedian, clickP95) = stats(clicks)
    lines.append(
        String(
            format:
                "{\"name\": \"latent_click_to_selection_drawn\", \"ms_median\": %.1f, \"ms_p95\": %.1f, \"selected\": %d, \"clicks\": %d}",
            clickMedian, clickP95, picked, clicks.count))

    // Lassos around the middle of the map (circles of 80 and 240 px radius): the release frame
    // that finds the points inside, then the digit and Enter to the file renamed with all of
    // them, then one Ctrl+Z back to the same file.
    latent.select(nil)
    for radius: Float in [80, 240] {
        let centre = area.center
        let outline = (0...48).map { step -> Vec2 in
            let angle = Float(step) / 48 * 2 * .pi
            return centre + Vec2(cos(angle) * radius, sin(angle) * radius)
        }
        mouse = outline[0]
        modifiers = [.shift]
        _ = try frame()
        press.down = true
        held = true
        _ = try frame()
        var dragFrames: [Double] = []
        for point in outline.dropFirst() {
            mouse = point
            dragFrames.append(try frame())
        }
        held = false
        press.up = true
        let release = try frame()
        modifiers = []
        let inside = latent.session.lassoPoints?.count ?? 0
        let lassoStart = DispatchTime.now().uptimeNanoseconds
        keys = [KeyPress(.character("7"))]
        _ = try frame()
        keys = [KeyPress(.enter)]
        let enter = try frame()
        let lassoGeneration = latent.session.book?.generation ?? 0
        while (latent.session.book?.savedGeneration ?? 0) < lassoGeneration { usleep(200) }
        let lassoSaved = Double(DispatchTime.now().uptimeNanoseconds - lassoStart) / 1e6
        let lassoLabels = latent.session.book?.labels.count ?? 0
        keys = [KeyPress(.character("z"), .control)]
        _ = try frame()
        let undoGeneration = latent.session.book?.generation ?? 0
        while (latent.session.book?.savedGeneration ?? 0) < undoGeneration { usleep(200) }
        lines.append(
            String(
                format:
                    "{\"name\": \"latent_lasso\", \"radius_px\": %.0f, \"points_inside\": %d, \"drag_frame_ms_median\": %.1f, \"release_frame_ms\": %.1f, "
                    + "\"enter_frame_ms\": %.1f, \"digit_enter_to_saved_ms\": %.1f, \"labels_in_file\": %d}",
                radius, inside, stats(dragFrames).0, release, enter, lassoSaved, lassoLabels))
    }

    // A digit: from the key's frame to labels.csv renamed into place (what "saved" waits for).
    var saves: [Double] = []
    let labelled = latent.session.book?.labels.count ?? 0
    mouse = nil
    for k in 0..<20 {
        latent.select((k * 104_729) % model.dataset.points)
        let start = DispatchTime.now().uptimeNanoseconds
        keys = [KeyPress(.character(Character("\((latent.session.book?.labels[latent.session.selected ?? 0] ?? 0) == 3 ? 4 : 3)")))]
        _ = try frame()
        let generation = latent.session.book?.generation ?? 0
        while (latent.session.book?.savedGeneration ?? 0) < generation { usleep(200) }
        saves.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
    }
    let (saveMedian, saveP95) = stats(saves)
    lines.append(
        String(
            format:
                "{\"name\": \"latent_key_to_label_saved\", \"labels_in_file\": %d, \"ms_median\": %.1f, \"ms_p95\": %.1f, \"ms_max\": %.1f}",
            labelled, saveMedian, saveP95, saves.max() ?? 0))
    return lines.joined(separator: "\n")
}
