// UIContext: the immediate-mode core. One context owns everything a frame needs.
//
// [SECTION] A frame
//   `beginFrame(input)` → widgets and plots (each call draws and returns what happened) →
//   `endFrame()` → `DrawData` for the renderer. Nothing is retained between frames except small
//   per-id state (`state(for:)`: plot axes, tab choice, scroll offset, splitter positions).
// [SECTION] Ids and interaction
//   Ids hash a label with the id stack (FNV-1a). The widget under the mouse becomes `hot`; a press
//   on it makes it `active` until release, so drags keep going outside the widget. Popups register
//   their rects; next frame, widgets underneath ignore the mouse (hit-testing against last frame's
//   rects, as egui does).
// [SECTION] Layers
//   0 base, 1 popups (menus), 2 tooltips: drawn in that order.

/// A widget id.
public typealias UIID = UInt32

/// What happened to one widget this frame.
public struct Interaction: Sendable {
    public var hovered = false
    /// The mouse is held on it (it is active).
    public var held = false
    /// Pressed and released over it this frame.
    public var clicked = false
    /// Went down on it this frame.
    public var pressed = false
}

public final class UIContext {
    public private(set) var input = InputState()
    public var font: FontAtlas
    public var style: Style
    public private(set) var layers: [DrawList] = [DrawList(), DrawList(), DrawList()]
    public private(set) var images: [Int: DrawImage] = [:]
    public private(set) var hot: UIID?
    public private(set) var active: UIID?
    private var hotThisFrame: UIID?
    private var idStack: [UIID] = [2_166_136_261]
    private var storage: [UIID: Any] = [:]
    private var blockingRects: [Rect] = []
    private var blockingThisFrame: [Rect] = []
    private var tooltipText: String?
    private var redrawRequested = false
    private var nextImageID = 0
    /// The layer widgets draw on and take the mouse as (`withLayer`).
    private var currentLayer = 0
    /// Set by popups: the id of the menu open now (one at a time).
    public var openPopup: UIID?
    /// Ids of the menu-bar menus seen so far (hovering another title switches menus).
    public var menuIDs: Set<UIID> = []
    public var frameCount = 0
    /// The text field that takes typed text (one at a time); nil when none. While set, the app
    /// should not treat plain keys as shortcuts (`wantsTextInput`).
    public internal(set) var keyboardFocus: UIID?
    /// Whether the focused field was drawn this frame: a field no longer drawn loses the focus.
    var keyboardFocusSeen = false
    /// A text field has the keyboard: letters, Enter, Backspace and Esc are its, not shortcuts.
    public var wantsTextInput: Bool { keyboardFocus != nil }
    /// Bumped by `resetAllPlots()`; each plot fits when it sees a new value.
    var plotResetGeneration = 0
    /// The clipboard text fields copy to and paste from (the platform's, once the shell sets it).
    public var clipboard = Clipboard.memory()
    /// Each layer keeps the strings drawn this frame (`DrawList.recordedTexts`): for tests.
    public var recordsText = false
    /// Whether `endFrame` joins each layer's compatible commands (`DrawList.coalesce`); tests
    /// turn it off to compare the pixels both ways.
    public var coalescesDraws = true
    /// Versions of density images (bumped when one is rebuilt).
    var densityVersion = 0

    public init(font: FontAtlas, style: Style = Style()) {
        self.font = font
        self.style = style
    }

    // MARK: - Frame

    public func beginFrame(_ input: InputState) {
        self.input = input
        frameCount += 1
        for index in layers.indices {
            layers[index].reset()
            layers[index].whiteUV = font.whiteUV
            layers[index].diskUV = font.diskUV
            layers[index].recordedTexts = recordsText ? [] : nil
        }
        hotThisFrame = nil
        keyboardFocusSeen = false
        blockingRects = blockingThisFrame
        blockingThisFrame = []
        tooltipText = nil
        redrawRequested = false
        nextImageID = 0
        images.removeAll(keepingCapacity: true)
        if !input.buttonsDown.contains(true), !input.released.contains(true) { active = nil }
    }

    /// Finishes the frame: draws the tooltip and returns everything to render.
    public func endFrame() -> DrawData {
        hot = hotThisFrame
        if !keyboardFocusSeen { keyboardFocus = nil }
        if let tooltipText, let mouse = input.mouse { drawTooltip(tooltipText, near: mouse) }
        if input.released.contains(true) { active = nil }
        if coalescesDraws {
            for index in layers.indices { layers[index].coalesce() }
        }
        return DrawData(lists: layers, images: images, displaySize: input.displaySize, clearColor: style.background)
    }

    /// Something (an animation, a drag in flight) needs another frame even without input.
    public func requestRedraw() { redrawRequested = true }
    public var wantsRedraw: Bool { redrawRequested }

    // MARK: - Drawing

    /// Appends to layer `layer` (0 base, 1 popup, 2 tooltip); without one, to the layer in
    /// force (`withLayer`).
    public func draw(layer: Int? = nil, _ body: (inout DrawList) -> Void) {
        body(&layers[layer ?? currentLayer])
    }

    /// Runs `body` with its widgets drawn on, and taking the mouse as, layer `layer`: a dialog
    /// over the workspace (layer 1) whose widgets are not blocked by its own `blockMouse`.
    public func withLayer(_ layer: Int, _ body: () -> Void) {
        let saved = currentLayer
        currentLayer = min(max(layer, 0), layers.count - 1)
        body()
        currentLayer = saved
    }

    /// A version number no image made before has: an image made by the caller (a thumbnail)
    /// takes one when its pixels change, so the renderer uploads it again.
    public func newImageVersion() -> Int {
        densityVersion += 1
        return densityVersion
    }

    /// Registers an image for this frame; commands refer to it by the returned texture id.
    public func addImage(_ image: DrawImage, slot: Int? = nil) -> TextureID {
        let id = slot ?? nextImageID
        nextImageID = max(nextImageID, id + 1)
        images[id] = image
        return .image(id)
    }

    // MARK: - Ids

    /// The id of `label` under the current id stack.
    public func id(_ label: String) -> UIID {
        var hash = idStack.last ?? 2_166_136_261
        for byte in label.utf8 {
            hash ^= UInt32(byte)
            hash = hash &* 16_777_619
        }
        return hash == 0 ? 1 : hash
    }

    public func pushID(_ label: String) { idStack.append(id(label)) }
    public func popID() { if idStack.count > 1 { idStack.removeLast() } }

    /// Per-id state that lives across frames, created by `initial` the first time.
    public func state<T>(for id: UIID, _ initial: () -> T) -> T {
        if let value = storage[id] as? T { return value }
        let value = initial()
        storage[id] = value
        return value
    }

    public func setState<T>(_ value: T, for id: UIID) { storage[id] = value }

    /// Per-id state if there is some of type `T`, without creating it.
    public func existingState<T>(for id: UIID) -> T? { storage[id] as? T }

    // MARK: - Interaction

    /// True when the mouse is over `rect` and no popup of the last frame covers that point.
    public func isMouseOver(_ rect: Rect, layer: Int? = nil) -> Bool {
        guard let mouse = input.mouse, rect.contains(mouse) else { return false }
        if (layer ?? currentLayer) == 0, blockingRects.contains(where: { $0.contains(mouse) }) { return false }
        return true
    }

    /// Popups call this so widgets beneath them ignore the mouse next frame.
    public func blockMouse(in rect: Rect) { blockingThisFrame.append(rect) }

    /// Hover, press, hold and click logic for one widget.
    public func interact(_ id: UIID, _ rect: Rect, button: MouseButton = .left, layer: Int? = nil) -> Interaction {
        var result = Interaction()
        let over = isMouseOver(rect, layer: layer)
        if over, active == nil || active == id {
            hotThisFrame = id
            result.hovered = true
        }
        if over, input.wasPressed(button), active == nil || active == id {
            active = id
            result.pressed = true
        }
        if active == id {
            result.held = input.isDown(button)
            if input.wasReleased(button) {
                if over { result.clicked = true }
            }
        }
        return result
    }

    /// Marks `id` active (a drag that started elsewhere, e.g. in a plot's own logic).
    public func setActive(_ id: UIID?) { active = id }

    // MARK: - Tooltip

    /// Shows `text` next to the mouse at the end of this frame.
    public func tooltip(_ text: String) { tooltipText = text }

    private func drawTooltip(_ text: String, near mouse: Vec2) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let pad = style.padding
        let width = (lines.map { font.measure($0) }.max() ?? 0) + pad * 2
        let height = Float(lines.count) * font.lineHeight + pad * 2
        var origin = mouse + Vec2(16, 16) * style.scale
        if origin.x + width > input.displaySize.x { origin.x = max(0, mouse.x - width - 8) }
        if origin.y + height > input.displaySize.y { origin.y = max(0, mouse.y - height - 8) }
        let rect = Rect(min: origin, max: origin + Vec2(width, height))
        layers[2].addRectFilled(rect, style.popup)
        layers[2].addRect(rect, style.panelBorder)
        for (index, line) in lines.enumerated() {
            layers[2].addText(line, at: origin + Vec2(pad, pad + Float(index) * font.lineHeight), font: font, style.text)
        }
    }
}
