import CGL
import CPURenderer
import GLRenderer
import Immediate
import Platform

/// Draws frames offscreen at one size the way its shell's window draws them: GL into a
/// framebuffer object, or the CPU into memory. For screenshots and benchmarks.
@MainActor
public final class OffscreenCanvas {
    public let width: Int
    public let height: Int
    private let shell: Shell
    private let target: OffscreenTarget?
    private let frame: CPUFrame?

    /// A canvas for `shell`'s drawing. With GL every program is made first (as a window has them
    /// from its second frame on).
    public init(shell: Shell, width: Int, height: Int) throws {
        self.shell = shell
        self.width = width
        self.height = height
        switch shell.window.drawing {
        case .openGL:
            try shell.renderer.finishWarmUp(font: shell.ui.font)
            target = try OffscreenTarget(width: width, height: height)
            frame = nil
        case .cpu:
            guard let made = CPUFrame(width: width, height: height) else {
                throw Window.Failure(description: "no memory for a \(width)×\(height) frame")
            }
            target = nil
            frame = made
        }
    }

    /// Draws `data` and waits until it is drawn (GL: `glFinish`).
    public func draw(_ data: DrawData) throws {
        if let frame {
            CPURenderer.render(data, font: shell.ui.font, into: frame)
        } else if let target {
            target.bind()
            try shell.renderer.render(data, width: width, height: height)
            glFinish()
            target.unbind()
        }
    }

    /// The last frame drawn as RGBA8, row 0 at the top.
    public var rgba: [UInt8] {
        if let frame { return frame.rgba }
        guard let target else { return [] }
        target.bind()
        defer { target.unbind() }
        return target.readPixels()
    }
}
