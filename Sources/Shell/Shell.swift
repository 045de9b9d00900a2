import CGL
import FontRaster
import Foundation
import GLRenderer
import ImageIO
import Immediate
import Platform

/// Window + UI context + renderer, and the two ways to run them: an interactive loop that draws
/// only when something changed, and offscreen frames for screenshots and benchmarks.
@MainActor
public final class Shell {
    public let window: Window
    public let ui: UIContext
    public let renderer: GLRenderer
    /// Base font size in pixels before HiDPI scaling.
    public static let fontSize: Float = 14
    /// Characters added to the atlas beyond the standard set (lazy glyphs).
    private var extraGlyphs: Set<UInt32> = []

    public init(title: String, width: Int, height: Int, visible: Bool = true, position: (Int, Int)? = nil) throws {
        window = try Window(title: title, width: width, height: height, visible: visible, position: position)
        let scale = window.contentScale
        let font = try FontRasterizer.makeAtlas(pixelSize: Shell.fontSize * scale)
        ui = UIContext(font: font, style: Style().scaled(scale))
        renderer = try GLRenderer(font: font)
    }

    /// Runs until the window closes. `frame` builds the UI; `idle` runs between frames (e.g. to
    /// pick up finished loads) and returns true when it changed something to show.
    public func run(frame: (UIContext) -> Void, idle: () -> Bool = { false }) {
        while !window.shouldClose {
            if idle() { window.needsRedraw = true }
            if window.needsRedraw || ui.wantsRedraw {
                window.needsRedraw = false
                drawFrame(frame)
            }
            // Sleep in the event wait; wake at least every 0.5 s so `idle` can poll.
            window.waitEvents(timeout: window.needsRedraw || ui.wantsRedraw ? 0 : 0.5)
        }
    }

    /// Builds and shows one frame in the window.
    public func drawFrame(_ frame: (UIContext) -> Void) {
        ui.beginFrame(window.nextInput())
        frame(ui)
        let data = ui.endFrame()
        let size = window.framebufferSize
        renderer.render(data, width: size.width, height: size.height)
        window.swapBuffers()
        if addMissingGlyphs() { window.needsRedraw = true }
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
        renderer.updateFont(atlas)
        return true
    }

    /// Renders frames offscreen at `width` × `height` with the given inputs (one frame per input;
    /// immediate-mode layout settles over a couple of frames) and returns the last frame's pixels.
    public func renderOffscreen(width: Int, height: Int, inputs: [InputState], frame: (UIContext) -> Void) throws -> [UInt8] {
        let target = try OffscreenTarget(width: width, height: height)
        target.bind()
        for input in inputs {
            var sized = input
            sized.displaySize = Vec2(Float(width), Float(height))
            ui.beginFrame(sized)
            frame(ui)
            renderer.render(ui.endFrame(), width: width, height: height)
            addMissingGlyphs()
        }
        glFinish()
        let pixels = target.readPixels()
        target.unbind()
        return pixels
    }

    /// Renders `frame` offscreen (a few settling frames, no mouse) and writes a PNG atomically.
    public func screenshot(path: String, width: Int, height: Int, frame: (UIContext) -> Void) throws {
        var input = InputState()
        input.mouse = nil
        input.framebufferScale = 1
        let pixels = try renderOffscreen(width: width, height: height, inputs: [input, input, input], frame: frame)
        try PNGFile.write(path: path, width: width, height: height, rgba: pixels)
    }

    /// Parses "1600x1000".
    nonisolated public static func parseSize(_ text: String) -> (Int, Int)? {
        let parts = text.lowercased().split(separator: "x")
        guard parts.count == 2, let w = Int(parts[0]), let h = Int(parts[1]), w > 0, h > 0, w <= 16384, h <= 16384 else { return nil }
        return (w, h)
    }
}
