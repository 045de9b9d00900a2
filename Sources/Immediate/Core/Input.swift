import Figures

extension KeyPress {
    /// Whether a focused text field takes this key (typing, editing, leaving the field), so it
    /// must not also run a shortcut: characters, the caret and selection keys, Backspace,
    /// Delete, Enter, Esc, and Ctrl+A/C/X/V/U (`TextEdit.handles`).
    public var isTextEditing: Bool { TextEdit.handles(self) }
}

/// Mouse buttons.
public enum MouseButton: Int, Sendable, CaseIterable {
    case left = 0
    case right = 1
    case middle = 2
}

/// Everything the UI knows about input for one frame. Built by `InputCollector` from platform events
/// (or from synthetic events in tests).
public struct InputState: Sendable {
    /// Mouse position in framebuffer pixels; nil when the pointer is outside the window.
    public var mouse: Vec2?
    public var mouseDelta: Vec2 = .zero
    public var buttonsDown: [Bool] = [false, false, false]
    public var pressed: [Bool] = [false, false, false]
    public var released: [Bool] = [false, false, false]
    public var doubleClicked: [Bool] = [false, false, false]
    /// Where each button went down (for drags).
    public var pressPosition: [Vec2] = [.zero, .zero, .zero]
    /// Wheel movement this frame (y > 0: away from the user, i.e. zoom in).
    public var wheel: Vec2 = .zero
    public var keysPressed: [KeyPress] = []
    public var modifiers: Modifiers = []
    public var text = ""
    /// Seconds since start.
    public var time: Double = 0
    /// Framebuffer pixels per window coordinate (2 on a HiDPI screen).
    public var framebufferScale: Float = 1
    /// Framebuffer size in pixels.
    public var displaySize: Vec2 = Vec2(1280, 800)

    public init() {}

    public func isDown(_ button: MouseButton) -> Bool { buttonsDown[button.rawValue] }
    public func wasPressed(_ button: MouseButton) -> Bool { pressed[button.rawValue] }
    public func wasReleased(_ button: MouseButton) -> Bool { released[button.rawValue] }
    public func wasDoubleClicked(_ button: MouseButton) -> Bool { doubleClicked[button.rawValue] }

    /// True when `press` happened this frame (exact modifiers).
    public func pressed(_ press: KeyPress) -> Bool { keysPressed.contains(press) }

    /// True when anything happened that could change what is drawn.
    public var hasEvents: Bool {
        mouseDelta != .zero || pressed.contains(true) || released.contains(true) || wheel != .zero
            || !keysPressed.isEmpty || !text.isEmpty
    }
}

/// Turns a stream of events into one `InputState` per frame: press/release edges, double clicks
/// (two presses within `doubleClickTime` and `doubleClickDistance`), accumulated wheel and keys.
public struct InputCollector: Sendable {
    public var doubleClickTime = 0.35
    public var doubleClickDistance: Float = 6
    private var state = InputState()
    private var lastMouse: Vec2?
    private var lastClickTime: [Double] = [-1, -1, -1]
    private var lastClickPosition: [Vec2] = [.zero, .zero, .zero]

    public init() {}

    public mutating func setTime(_ time: Double) { state.time = time }
    public mutating func setDisplay(size: Vec2, scale: Float) {
        state.displaySize = size
        state.framebufferScale = scale
    }

    public mutating func mouseMoved(to position: Vec2?) { state.mouse = position }

    /// A button went down or up. `time` is when it happened (seconds, the clock `setTime` uses);
    /// nil: the current frame's time. Double clicks are timed from these stamps.
    public mutating func mouseButton(_ button: MouseButton, down: Bool, modifiers: Modifiers = [], time: Double? = nil) {
        let index = button.rawValue
        state.modifiers = modifiers
        if down {
            state.buttonsDown[index] = true
            state.pressed[index] = true
            let position = state.mouse ?? .zero
            state.pressPosition[index] = position
            let now = time ?? state.time
            let dt = now - lastClickTime[index]
            let distance = vectorLength(position - lastClickPosition[index])
            if lastClickTime[index] >= 0, dt <= doubleClickTime, distance <= doubleClickDistance {
                state.doubleClicked[index] = true
                lastClickTime[index] = -1
            } else {
                lastClickTime[index] = now
                lastClickPosition[index] = position
            }
        } else {
            state.buttonsDown[index] = false
            state.released[index] = true
        }
    }

    public mutating func scroll(_ delta: Vec2) { state.wheel += delta }

    public mutating func key(_ press: KeyPress) {
        state.modifiers = press.modifiers
        state.keysPressed.append(press)
    }

    public mutating func setModifiers(_ modifiers: Modifiers) { state.modifiers = modifiers }

    public mutating func character(_ text: String) { state.text += text }

    /// The state for the frame about to be built; edges are cleared for the next frame.
    public mutating func nextFrame() -> InputState {
        var frame = state
        if let mouse = state.mouse, let lastMouse { frame.mouseDelta = mouse - lastMouse } else { frame.mouseDelta = .zero }
        // A drag starts at the press: movement before it in the same frame must not count.
        if let index = state.pressed.firstIndex(of: true), let mouse = state.mouse {
            frame.mouseDelta = mouse - state.pressPosition[index]
        }
        lastMouse = state.mouse
        state.pressed = [false, false, false]
        state.released = [false, false, false]
        state.doubleClicked = [false, false, false]
        state.wheel = .zero
        state.keysPressed = []
        state.text = ""
        return frame
    }
}

@inline(__always)
func vectorLength(_ v: Vec2) -> Float { (v.x * v.x + v.y * v.y).squareRoot() }
