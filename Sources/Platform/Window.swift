import CGLFW
import Figures
import Foundation
import Immediate

/// A GLFW window, with an OpenGL 3.3 core context or none (`Drawing`). Its callbacks feed an
/// `InputCollector`; the owner asks for one `InputState` per frame. Main thread only.
@MainActor
public final class Window {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
        public init(description: String) { self.description = description }
    }

    let handle: OpaquePointer
    public private(set) var collector = InputCollector()
    /// Set by any event; the loop redraws only when it is set (or an animation asks).
    public var needsRedraw = true
    private let start = Date()

    /// How this window's frames reach the screen (see `Drawing`).
    public let drawing: Drawing

    /// True when the window's pixels on screen may no longer be the last frame put there (it was
    /// exposed, resized, or nothing has been put yet): the next `present` puts the whole frame.
    var contentsLost = true

    /// Opens a window (hidden when `visible` is false: renders normally, for screenshots).
    public init(
        title: String, width: Int, height: Int, visible: Bool = true, position: (Int, Int)? = nil, drawing: Drawing = .openGL
    ) throws {
        try Window.initialize()
        self.drawing = drawing
        glfwDefaultWindowHints()
        if drawing == .cpu { glfwWindowHint(GLFW_CLIENT_API, GLFW_NO_API) }
        glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3)
        glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3)
        glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE)
        glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE)
        glfwWindowHint(GLFW_VISIBLE, visible ? GLFW_TRUE : GLFW_FALSE)
        glfwWindowHint(GLFW_SCALE_TO_MONITOR, GLFW_TRUE)
        // No depth or stencil buffer (GLFW's default asks for both; nothing here tests depth or
        // stencil): under llvmpipe the 1600 × 1000 one was 6 MiB resident and ~5 ms of the first frame.
        glfwWindowHint(GLFW_DEPTH_BITS, 0)
        glfwWindowHint(GLFW_STENCIL_BITS, 0)
        guard let window = glfwCreateWindow(Int32(width), Int32(height), title, nil, nil) else {
            throw Failure(description: "cannot create an OpenGL 3.3 core window: \(Window.lastError())")
        }
        handle = window
        if let position { glfwSetWindowPos(window, Int32(position.0), Int32(position.1)) }
        if drawing == .openGL {
            glfwMakeContextCurrent(window)
            glfwSwapInterval(1)
        }
        installCallbacks()
        updateDisplay()
    }

    isolated deinit {
        glfwDestroyWindow(handle)
    }

    /// Initialises GLFW once; without a display it fails with a message that says what to do.
    public static func initialize() throws {
        if initialized { return }
        SoftwareRasterizer.configure()
        glfwSetErrorCallback(recordGLFWError)
        guard glfwInit() == GLFW_TRUE else {
            let display = ProcessInfo.processInfo.environment["DISPLAY"] ?? ""
            if display.isEmpty {
                throw Failure(
                    description:
                        "no display: DISPLAY is not set. For a picture without a screen run: xvfb-run -a hafs-viz --screenshot out.png <dir>"
                )
            }
            throw Failure(description: "cannot open display \(display): \(lastError())")
        }
        initialized = true
    }

    private static var initialized = false
    static func lastError() -> String { lastGLFWError.isEmpty ? "unknown GLFW error" : lastGLFWError }

    // MARK: - State

    public var shouldClose: Bool {
        get { glfwWindowShouldClose(handle) == GLFW_TRUE }
        set { glfwSetWindowShouldClose(handle, newValue ? GLFW_TRUE : GLFW_FALSE) }
    }

    /// Framebuffer size in pixels.
    public var framebufferSize: (width: Int, height: Int) {
        var w: Int32 = 0
        var h: Int32 = 0
        glfwGetFramebufferSize(handle, &w, &h)
        return (Int(w), Int(h))
    }

    /// Window size in screen coordinates.
    public var windowSize: (width: Int, height: Int) {
        var w: Int32 = 0
        var h: Int32 = 0
        glfwGetWindowSize(handle, &w, &h)
        return (Int(w), Int(h))
    }

    public var windowPosition: (x: Int, y: Int) {
        var x: Int32 = 0
        var y: Int32 = 0
        glfwGetWindowPos(handle, &x, &y)
        return (Int(x), Int(y))
    }

    /// Framebuffer pixels per screen coordinate (2 on HiDPI).
    public var contentScale: Float {
        let fb = framebufferSize
        let window = windowSize
        return window.width > 0 ? Float(fb.width) / Float(window.width) : 1
    }

    public func setTitle(_ title: String) { glfwSetWindowTitle(handle, title) }
    public func makeCurrent() { glfwMakeContextCurrent(handle) }
    public func swapBuffers() { glfwSwapBuffers(handle) }

    /// Waits for events up to `timeout` seconds (0: just poll). Idle windows call this with a
    /// timeout and draw nothing, so they use no CPU.
    public func waitEvents(timeout: Double) {
        if timeout <= 0 { glfwPollEvents() } else { glfwWaitEventsTimeout(timeout) }
    }

    /// The window system's clipboard (X selections through GLFW). GLFW wants the main thread:
    /// the UI calls these only while building a frame there.
    public var clipboard: Clipboard {
        let handle = SendableHandle(pointer: handle)
        return Clipboard(
            get: {
                MainActor.assumeIsolated { glfwGetClipboardString(handle.pointer).map { String(cString: $0) } }
            },
            set: { text in
                MainActor.assumeIsolated { glfwSetClipboardString(handle.pointer, text) }
            })
    }

    /// Wakes a `waitEvents` from another thread (new data loaded).
    nonisolated public static func wake() { glfwPostEmptyEvent() }

    /// The input for the next frame.
    public func nextInput() -> InputState {
        collector.setTime(clock())
        updateDisplay()
        return collector.nextFrame()
    }

    /// Seconds since the window opened.
    private func clock() -> Double { Date().timeIntervalSince(start) }

    private func updateDisplay() {
        let fb = framebufferSize
        collector.setDisplay(size: Vec2(Float(fb.width), Float(fb.height)), scale: contentScale)
    }

    // MARK: - Callbacks

    private static func window(_ handle: OpaquePointer?) -> Window? {
        guard let handle, let pointer = glfwGetWindowUserPointer(handle) else { return nil }
        return Unmanaged<Window>.fromOpaque(pointer).takeUnretainedValue()
    }

    private func installCallbacks() {
        glfwSetWindowUserPointer(handle, Unmanaged.passUnretained(self).toOpaque())
        glfwSetCursorPosCallback(handle) { handle, x, y in
            MainActor.assumeIsolated {
                guard let window = Window.window(handle) else { return }
                let scale = window.contentScale
                window.collector.mouseMoved(to: Vec2(Float(x) * scale, Float(y) * scale))
                window.needsRedraw = true
            }
        }
        glfwSetCursorEnterCallback(handle) { handle, entered in
            MainActor.assumeIsolated {
                guard let window = Window.window(handle) else { return }
                if entered == GLFW_FALSE { window.collector.mouseMoved(to: nil) }
                window.needsRedraw = true
            }
        }
        glfwSetMouseButtonCallback(handle) { handle, button, action, mods in
            MainActor.assumeIsolated {
                guard let window = Window.window(handle), let mapped = MouseButton(rawValue: Int(button)) else { return }
                // Stamped with the event's own time, not the last frame's: after an idle spell the
                // frame time is stale and a quick double click would read as two single ones.
                window.collector.mouseButton(mapped, down: action == GLFW_PRESS, modifiers: Window.modifiers(mods), time: window.clock())
                window.needsRedraw = true
            }
        }
        glfwSetScrollCallback(handle) { handle, dx, dy in
            MainActor.assumeIsolated {
                guard let window = Window.window(handle) else { return }
                window.collector.scroll(Vec2(Float(dx), Float(dy)))
                window.needsRedraw = true
            }
        }
        glfwSetKeyCallback(handle) { handle, key, _, action, mods in
            MainActor.assumeIsolated {
                guard let window = Window.window(handle) else { return }
                window.collector.setModifiers(Window.modifiers(mods))
                window.needsRedraw = true
                guard action == GLFW_PRESS || action == GLFW_REPEAT, let mapped = Window.key(key) else { return }
                window.collector.key(KeyPress(mapped, Window.modifiers(mods)))
            }
        }
        glfwSetCharCallback(handle) { handle, codepoint in
            MainActor.assumeIsolated {
                guard let window = Window.window(handle), let scalar = Unicode.Scalar(codepoint) else { return }
                window.collector.character(String(Character(scalar)))
                window.needsRedraw = true
            }
        }
        glfwSetFramebufferSizeCallback(handle) { handle, _, _ in
            MainActor.assumeIsolated { Window.window(handle)?.mustRepaint() }
        }
        glfwSetWindowRefreshCallback(handle) { handle in
            MainActor.assumeIsolated { Window.window(handle)?.mustRepaint() }
        }
    }

    /// Resized or exposed: draw again, and put the whole frame.
    private func mustRepaint() {
        needsRedraw = true
        contentsLost = true
    }

    private static func modifiers(_ mods: Int32) -> Modifiers {
        var result: Modifiers = []
        if mods & GLFW_MOD_SHIFT != 0 { result.insert(.shift) }
        if mods & GLFW_MOD_CONTROL != 0 { result.insert(.control) }
        if mods & GLFW_MOD_ALT != 0 { result.insert(.alt) }
        if mods & GLFW_MOD_SUPER != 0 { result.insert(.super) }
        return result
    }

    private static func key(_ key: Int32) -> Key? {
        switch key {
        case GLFW_KEY_ESCAPE: return .escape
        case GLFW_KEY_ENTER, GLFW_KEY_KP_ENTER: return .enter
        case GLFW_KEY_TAB: return .tab
        case GLFW_KEY_BACKSPACE: return .backspace
        case GLFW_KEY_DELETE: return .delete
        case GLFW_KEY_HOME: return .home
        case GLFW_KEY_END: return .end
        case GLFW_KEY_PAGE_UP: return .pageUp
        case GLFW_KEY_PAGE_DOWN: return .pageDown
        case GLFW_KEY_LEFT: return .left
        case GLFW_KEY_RIGHT: return .right
        case GLFW_KEY_UP: return .up
        case GLFW_KEY_DOWN: return .down
        case GLFW_KEY_F1...GLFW_KEY_F12: return .f(Int(key - GLFW_KEY_F1) + 1)
        case GLFW_KEY_0...GLFW_KEY_9: return .character(Character(Unicode.Scalar(UInt8(key))))
        case GLFW_KEY_A...GLFW_KEY_Z: return .character(Character(Unicode.Scalar(UInt8(key + 32))))
        case GLFW_KEY_KP_0...GLFW_KEY_KP_9: return .character(Character(Unicode.Scalar(UInt8(key - GLFW_KEY_KP_0 + 48))))
        default: return printable[key].map { .character($0) }
        }
    }

    /// Every other printable key GLFW reports, as the character it carries unshifted on a US
    /// layout (GLFW names keys by that layout). Shift stays a modifier: Ctrl+Shift+= reaches an
    /// action as `=` with Control and Shift, and the char callback still types "+".
    private static let printable: [Int32: Character] = [
        GLFW_KEY_SPACE: " ", GLFW_KEY_APOSTROPHE: "'", GLFW_KEY_COMMA: ",", GLFW_KEY_MINUS: "-", GLFW_KEY_PERIOD: ".",
        GLFW_KEY_SLASH: "/", GLFW_KEY_SEMICOLON: ";", GLFW_KEY_EQUAL: "=", GLFW_KEY_LEFT_BRACKET: "[",
        GLFW_KEY_BACKSLASH: "\\", GLFW_KEY_RIGHT_BRACKET: "]", GLFW_KEY_GRAVE_ACCENT: "`",
        GLFW_KEY_KP_DECIMAL: ".", GLFW_KEY_KP_DIVIDE: "/", GLFW_KEY_KP_MULTIPLY: "*", GLFW_KEY_KP_SUBTRACT: "-",
        GLFW_KEY_KP_ADD: "+", GLFW_KEY_KP_EQUAL: "=",
    ]
}

/// A GLFW window pointer carried into `@Sendable` closures that run on the main thread only.
private struct SendableHandle: @unchecked Sendable {
    let pointer: OpaquePointer
}

/// GLFW reports errors through a C callback: keep the last message for our own errors.
nonisolated(unsafe) private var lastGLFWError = ""

private func recordGLFWError(_ code: Int32, _ description: UnsafePointer<CChar>?) {
    if let description { lastGLFWError = String(cString: description) }
}
