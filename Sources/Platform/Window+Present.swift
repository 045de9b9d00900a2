import CGLFW
import CX11

extension Window {
    /// A rectangle of the window's pixels: columns `x`, rows `y` (row 0 at the top).
    public typealias PixelRegion = (x: Range<Int>, y: Range<Int>)

    /// True when `present` can put frames into this window: an X11 window whose visual is 24-bit
    /// TrueColor with 8-bit red, green and blue (what X servers give by default; a 32-bit one
    /// with alpha is left to GL). Mapped or not.
    public var canPresent: Bool {
        guard let display = glfwGetX11Display() else { return false }
        let drawable = glfwGetX11Window(handle)
        var attributes = XWindowAttributes()
        guard drawable != 0, XGetWindowAttributes(display, drawable, &attributes) != 0 else { return false }
        return Window.takesOurPixels(attributes)
    }

    private static func takesOurPixels(_ attributes: XWindowAttributes) -> Bool {
        // Not a 32-bit visual: its fourth byte is alpha to a compositor, and ours is zero.
        guard attributes.depth == 24, let visual = attributes.visual else { return false }
        return visual.pointee.red_mask == 0xff_0000 && visual.pointee.green_mask == 0xff00 && visual.pointee.blue_mask == 0xff
    }

    /// Puts a frame drawn on the CPU into the window through Xlib, without GL, and waits until
    /// the X server has it. `pixels` are 0x00RRGGBB, row 0 at the top, `width` × `height`.
    /// `changed` are the boxes that differ from the last frame put (none: nothing does): only they
    /// are sent, unless the window's contents were lost since (exposed, resized), when all is.
    ///
    /// This is how Mesa's software GL shows a frame too (it puts its back buffer as an image).
    /// Returns false, having drawn nothing, when it cannot: not an X11 window, not mapped, a
    /// visual other than 24-bit TrueColor with 8-bit red, green and blue, or a size that differs
    /// from the window's.
    /// `shared`: the memory `pixels` lie in when it is shared with the server (put without copying).
    public func present(
        _ pixels: UnsafeMutableBufferPointer<UInt32>, width: Int, height: Int, changed: [PixelRegion], shared: SharedPixels? = nil
    ) -> Bool {
        guard pixels.count == width * height, width > 0, height > 0,
            let display = glfwGetX11Display()
        else { return false }
        let drawable = glfwGetX11Window(handle)
        guard drawable != 0 else { return false }
        var attributes = XWindowAttributes()
        guard XGetWindowAttributes(display, drawable, &attributes) != 0, attributes.map_state == IsViewable,
            Int(attributes.width) == width, Int(attributes.height) == height, Window.takesOurPixels(attributes),
            let visual = attributes.visual
        else { return false }
        let regions = (contentsLost ? [(x: 0..<width, y: 0..<height)] : changed).filter { !$0.x.isEmpty && !$0.y.isEmpty }
        guard !regions.isEmpty else { return true }
        let sharing = shared.flatMap { shared in
            shared.width == width && shared.height == height && shared.memory == UnsafeMutableRawPointer(pixels.baseAddress)
                ? shared : nil
        }
        // Xlib takes the pixels as chars; the image only points at them.
        guard let data = UnsafeMutableRawPointer(pixels.baseAddress)?.assumingMemoryBound(to: CChar.self) else { return false }
        let made =
            if let sharing {
                XShmCreateImage(display, visual, UInt32(attributes.depth), ZPixmap, data, &sharing.segment, UInt32(width), UInt32(height))
            } else {
                XCreateImage(
                    display, visual, UInt32(attributes.depth), ZPixmap, 0, data, UInt32(width), UInt32(height), 32, Int32(width * 4))
            }
        guard let image = made else { return false }
        // Our words are in this machine's byte order; Xlib swaps them for a server that differs.
        image.pointee.byte_order = LSBFirst
        let context = XCreateGC(display, drawable, 0, nil)
        for region in regions {
            let (x, y) = (Int32(region.x.lowerBound), Int32(region.y.lowerBound))
            let (w, h) = (UInt32(region.x.count), UInt32(region.y.count))
            if sharing != nil {
                XShmPutImage(display, drawable, context, image, x, y, x, y, w, h, 0)
            } else {
                XPutImage(display, drawable, context, image, x, y, x, y, w, h)
            }
        }
        // Until the server has read shared pixels, the next frame must not be drawn into them.
        XSync(display, 0)
        XFreeGC(display, context)
        // The pixels are ours: free only the image's header (XDestroyImage would free them too).
        image.pointee.data = nil
        XFree(image)
        contentsLost = false
        return true
    }
}
