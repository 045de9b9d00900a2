import CGLFW
import CX11

extension Window {
    /// Puts a frame drawn on the CPU into the window through Xlib, without GL, and waits until
    /// the X server has it. `pixels` are 0x00RRGGBB, row 0 at the top, `width` × `height`.
    ///
    /// This is how Mesa's software GL shows a frame too (it puts its back buffer as an image), so
    /// the picture is the same; GL's next swap replaces it. Returns false, having drawn nothing,
    /// where that does not hold: not an X11 window, not mapped yet, a visual other than 24-bit
    /// TrueColor with 8-bit red, green and blue, or a size that differs from the window's.
    public func present(_ pixels: UnsafeMutableBufferPointer<UInt32>, width: Int, height: Int) -> Bool {
        guard pixels.count == width * height, width > 0, height > 0,
            let display = glfwGetX11Display()
        else { return false }
        let drawable = glfwGetX11Window(handle)
        guard drawable != 0 else { return false }
        var attributes = XWindowAttributes()
        guard XGetWindowAttributes(display, drawable, &attributes) != 0, attributes.map_state == IsViewable,
            Int(attributes.width) == width, Int(attributes.height) == height,
            attributes.depth == 24 || attributes.depth == 32, let visual = attributes.visual,
            visual.pointee.red_mask == 0xff_0000, visual.pointee.green_mask == 0xff00, visual.pointee.blue_mask == 0xff
        else { return false }
        return UnsafeMutableRawBufferPointer(pixels).withMemoryRebound(to: CChar.self) { bytes in
            guard let data = bytes.baseAddress,
                let image = XCreateImage(
                    display, visual, UInt32(attributes.depth), ZPixmap, 0, data, UInt32(width), UInt32(height), 32, Int32(width * 4))
            else { return false }
            // Our words are in this machine's byte order; Xlib swaps them for a server that differs.
            image.pointee.byte_order = LSBFirst
            let context = XCreateGC(display, drawable, 0, nil)
            XPutImage(display, drawable, context, image, 0, 0, 0, 0, UInt32(width), UInt32(height))
            XSync(display, 0)
            XFreeGC(display, context)
            // The pixels are ours: free only the image's header (XDestroyImage would free them too).
            image.pointee.data = nil
            XFree(image)
            return true
        }
    }
}
