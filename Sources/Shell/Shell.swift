import CGL
import CPURenderer
import FontRaster
import Foundation
import GLRenderer
import ImageIO
import Immediate
import Platform

/// What the window loop shows and asks between frames.
@MainActor
public protocol ShellContent: AnyObject {
    /// Builds one frame.
    func frame(_ ui: UIContext)
    /// Between frames: true when something changed that needs a frame.
    func idle(now: Double) -> Bool
    /// Longest the loop may sleep before `idle` must run again (seconds).
    func idleTimeout(now: Double) -> Double
    /// Frames at ~60 a second while true (e.g. a progress bar).
    var animating: Bool { get }
    /// Ends the loop after the current frame.
    var quitRequested: Bool { get }
    /// After a frame is shown: work that needs the finished frame (a PNG of the window).
    func frameDone()
}

/// Window + UI context + renderer, and the two ways to run them: the interactive loop that draws
/// only when something changed, and offscreen frames for screenshots and benchmarks.
///
/// The window draws as `Drawing.current` says. Without a GPU it has no GL context: every frame
/// is drawn on the CPU (`CPURenderer`) and only what changed is put into the window with Xlib.
/// With GL, the first frame is still drawn on the CPU and put there the same way: GL's programs
/// are made only after it is on screen, so neither their compile nor their first draw (tens of
/// milliseconds each under Mesa's software GL with an empty shader cache) delays it.
@MainActor
public final class Shell {
    public let window: Window
    public let ui: UIContext
    /// Made on first use (see `renderer`).
    private var madeRenderer: GLRenderer?
    /// Base font size in pixels before HiDPI and UI scaling (the C++ viewer uses 16 px; 15 px
    /// keeps the dense panels' labels on one line at 1600 × 1000).
    public static let fontSize: Float = 15
    /// Characters added to the atlas beyond the standard set (lazy glyphs).
    private var extraGlyphs: Set<UInt32> = []

    /// How long each step of `init` took (seconds): the window (and its GL context), the font
    /// atlas. For the first-frame trace.
    public private(set) var startupTimes: [(step: String, seconds: Double)] = []

    /// Opens the window. `drawing` nil: as `Drawing.current` says (a test or benchmark names one).
    public init(
        title: String, width: Int, height: Int, visible: Bool = true, position: (Int, Int)? = nil, drawing: Drawing? = nil
    ) throws {
        var clock = DispatchTime.now().uptimeNanoseconds
        var times: [(String, Double)] = []
        func lap(_ step: String) {
            let now = DispatchTime.now().uptimeNanoseconds
            times.append((step, Double(now - clock) / 1e9))
            clock = now
        }
        // The font is rasterized on another thread while GLFW makes the window and its context
        // (the longest step of startup), at the size a display without HiDPI scaling needs. X11
        // reports framebuffer pixels equal to screen coordinates; a scaled display makes it again.
        let guess = Shell.fontSize
        let pendingFont = OnThread("hafs-viz font") { try FontRasterizer.makeAtlas(pixelSize: guess) }
        var made = try Window(
            title: title, width: width, height: height, visible: visible, position: position, drawing: drawing ?? Drawing.current)
        if made.drawing == .cpu, !made.canPresent {
            // Not an X11 window, or a visual our pixels do not fit: GL draws after all.
            made = try Window(title: title, width: width, height: height, visible: visible, position: position, drawing: .openGL)
        }
        window = made
        lap(made.drawing == .openGL ? "window and GL context" : "window (no GL)")
        let scale = window.contentScale
        var font = try pendingFont.value()
        if Shell.fontSize * scale != guess { font = try FontRasterizer.makeAtlas(pixelSize: Shell.fontSize * scale) }
        lap("font atlas (waited for)")
        ui = UIContext(font: font, style: Style().scaled(scale))
        if visible { ui.clipboard = window.clipboard }
        drawsFirstFrameOnCPU = visible && made.drawing == .openGL
        startupTimes = times
    }

    /// The GL renderer: made (its programs compiled, the atlas uploaded) on first use. Throws
    /// what GL reported when it cannot be made, and for a window without GL.
    public var renderer: GLRenderer {
        get throws {
            if let madeRenderer { return madeRenderer }
            guard window.drawing == .openGL else { throw Window.Failure(description: "this window draws on the CPU: it has no GL context") }
            let made = try GLRenderer(font: ui.font)
            madeRenderer = made
            return made
        }
    }

    /// True for a visible GL window: its first frame is drawn on the CPU.
    private let drawsFirstFrameOnCPU: Bool
    /// True until the window's first frame is shown.
    private var firstFrame = true

    /// Builds of one frame that are enough for immediate-mode layout to settle (a screenshot's, the first frame's).
    static let settlingFrames = 3

    /// HAFS_VIZ_STOP_AFTER_FIRST_FRAME=1: the process stops itself (SIGSTOP) once the first frame
    /// is on screen, before GL has drawn, so a test can read the X server's pixels of that frame.
    private static let stopsAfterFirstFrame = ProcessInfo.processInfo.environment["HAFS_VIZ_STOP_AFTER_FIRST_FRAME"] == "1"
    private var stoppedAfterFirstFrame = false

    /// Draws from now on with `theme`'s colours at `uiScale` × the display's scale. The font is
    /// rasterized again at the new pixel size (never a scaled bitmap), so text stays crisp.
    public func setAppearance(uiScale: Float, theme: Theme) {
        let scale = window.contentScale * uiScale
        ui.style = Style(theme: theme).scaled(scale)
        let pixelSize = Shell.fontSize * scale
        guard pixelSize != ui.font.pixelSize, let atlas = try? FontRasterizer.makeAtlas(pixelSize: pixelSize, extra: extraGlyphs) else {
            window.needsRedraw = true
            return
        }
        ui.font = atlas
        madeRenderer?.updateFont(atlas)
        window.needsRedraw = true
    }

    /// The one window loop: draws only when the content or an event asks, otherwise sleeps in
    /// the event wait (an idle window costs ~0% CPU). `didDraw` gets each frame's start and end
    /// (seconds since the loop began), for timing traces. Throws when GL cannot draw.
    public func run(_ content: ShellContent, didDraw: (Double, Double) -> Void = { _, _ in }) throws {
        let clock = Date()
        while !window.shouldClose, !content.quitRequested {
            let now = Date().timeIntervalSince(clock)
            if content.idle(now: now) { window.needsRedraw = true }
            if window.needsRedraw || ui.wantsRedraw {
                window.needsRedraw = false
                let start = Date().timeIntervalSince(clock)
                try drawFrame(content.frame)
                didDraw(start, Date().timeIntervalSince(clock))
                content.frameDone()
                if Shell.stopsAfterFirstFrame, !stoppedAfterFirstFrame {
                    // A test reads the screen now, before GL draws anything.
                    stoppedAfterFirstFrame = true
                    raise(SIGSTOP)
                }
                // The first frame is on screen: now make the programs it could do without.
                if window.drawing == .openGL { try renderer.finishWarmUp(font: ui.font) }
            }
            // While animating (progress), ~60 frames a second; otherwise sleep until an event or
            // until the content's next timed need.
            let timeout = ui.wantsRedraw ? 0 : content.animating ? 0.016 : content.idleTimeout(now: Date().timeIntervalSince(clock))
            window.waitEvents(timeout: timeout)
        }
    }

    /// Seconds the last frame spent building its UI (CPU) and rendering it (GL, with the swap).
    public private(set) var lastFrameTimes: (build: Double, render: Double) = (0, 0)

    /// Builds and shows one frame in the window (the first on the CPU, see the type's comment).
    public func drawFrame(_ frame: (UIContext) -> Void) throws {
        let start = DispatchTime.now().uptimeNanoseconds
        // The first frame is built again while the layout asks to (a legend that moved out of
        // the plot), as a screenshot is, so the first picture is a settled one. (A GL window's
        // stays on screen until GL draws the next.)
        let first = firstFrame
        firstFrame = false
        var data: DrawData
        var builds = 0
        repeat {
            ui.beginFrame(window.nextInput())
            frame(ui)
            data = ui.endFrame()
            builds += 1
        } while first && ui.wantsRedraw && builds < Shell.settlingFrames
        let built = DispatchTime.now().uptimeNanoseconds
        let size = window.framebufferSize
        switch window.drawing {
        case .cpu:
            if let drawn = swapChain.draw(data, font: ui.font, width: size.width, height: size.height),
                window.present(
                    drawn.frame.pixels, width: size.width, height: size.height, changed: drawn.changed,
                    shared: drawn.frame.owner as? SharedPixels)
            {
                swapChain.shown()
            }
        case .openGL:
            if !(first && drawsFirstFrameOnCPU && presentOnCPU(data, width: size.width, height: size.height)) {
                try renderer.render(data, width: size.width, height: size.height)
                window.swapBuffers()
            }
        }
        lastFrameTimes = (Double(built - start) / 1e9, Double(DispatchTime.now().uptimeNanoseconds - built) / 1e9)
        if addMissingGlyphs() { window.needsRedraw = true }
    }

    /// A window without GL: every frame is drawn on the CPU, into memory shared with the X
    /// server where it can be; only what changed is sent.
    private lazy var swapChain = CPUSwapChain { [window] width, height in
        guard let shared = SharedPixels(for: window, width: width, height: height) else { return nil }
        return CPUFrame(width: width, height: height, memory: shared.memory, owner: shared)
    }

    /// A GL window's first frame: drawn on the CPU and put into the window; false where that
    /// cannot be done (GL draws it then).
    private func presentOnCPU(_ data: DrawData, width: Int, height: Int) -> Bool {
        guard let frame = CPURenderer.render(data, font: ui.font, width: width, height: height) else { return false }
        return window.present(frame.pixels, width: width, height: height, changed: [(0..<width, 0..<height)])
    }

    /// Rasterizes characters the last frame asked for but the atlas lacked; true when the atlas
    /// changed (draw again to show them).
    @discardableResult
    public func addMissingGlyphs() -> Bool {
        let missing = ui.font.misses.take().subtracting(extraGlyphs)
        guard !missing.isEmpty else { return false }
        extraGlyphs.formUnion(missing)
        guard let atlas = try? FontRasterizer.makeAtlas(pixelSize: ui.font.pixelSize, extra: extraGlyphs) else { return false }
        ui.font = atlas
        madeRenderer?.updateFont(atlas)
        return true
    }

    /// Renders frames offscreen at `width` × `height` with the given inputs (one frame per input;
    /// immediate-mode layout settles over a couple of frames) and returns the last frame's pixels.
    public func renderOffscreen(width: Int, height: Int, inputs: [InputState], frame: (UIContext) -> Void) throws -> [UInt8] {
        let canvas = try OffscreenCanvas(shell: self, width: width, height: height)
        for (index, input) in inputs.enumerated() {
            var sized = input
            sized.displaySize = Vec2(Float(width), Float(height))
            ui.beginFrame(sized)
            frame(ui)
            let data = ui.endFrame()
            // Only the last build is read; the ones before it let the layout settle. It is drawn
            // before missing glyphs change the atlas its texture coordinates point into.
            if index == inputs.count - 1 { try canvas.draw(data) }
            addMissingGlyphs()
        }
        return canvas.rgba
    }

    /// Renders `frame` offscreen (a few settling frames, no mouse) and writes a PNG atomically.
    public func screenshot(path: String, width: Int, height: Int, frame: (UIContext) -> Void) throws {
        var input = InputState()
        input.mouse = nil
        input.framebufferScale = 1
        let inputs = [InputState](repeating: input, count: Shell.settlingFrames)
        let pixels = try renderOffscreen(width: width, height: height, inputs: inputs, frame: frame)
        try PNGFile.write(path: path, width: width, height: height, rgba: pixels)
    }

    /// Parses "1600x1000".
    nonisolated public static func parseSize(_ text: String) -> (Int, Int)? {
        let parts = text.lowercased().split(separator: "x")
        guard parts.count == 2, let w = Int(parts[0]), let h = Int(parts[1]), w > 0, h > 0, w <= 16384, h <= 16384 else { return nil }
        return (w, h)
    }
}
