import Foundation

/// A frame drawn by `CPURenderer`: `width` × `height` pixels, 0x00RRGGBB, row 0 at the top.
///
/// Its memory is mapped straight from the kernel and unmapped when the frame goes (through
/// malloc, freeing a block this large, 6.4 MB at 1600 × 1000, raises glibc's threshold for
/// mapping blocks to that size for the rest of the process, which changes how every later large
/// allocation, a reload's columns, is kept), or it is memory the window system shares (`owner`).
public final class CPUFrame: @unchecked Sendable {
    public let width: Int
    public let height: Int
    /// The pixels; valid while the frame lives.
    public let pixels: UnsafeMutableBufferPointer<UInt32>
    /// Whoever lent the pixels' memory (an X shared-memory segment), released with the frame;
    /// nil for memory the frame mapped itself.
    public let owner: AnyObject?
    private let byteCount: Int

    /// A frame of uninitialized pixels, or nil when the memory cannot be mapped.
    public init?(width: Int, height: Int) {
        let count = width * height
        let bytes = count * MemoryLayout<UInt32>.stride
        guard count > 0, let mapped = mmap(nil, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
            mapped != MAP_FAILED
        else { return nil }
        self.width = width
        self.height = height
        byteCount = bytes
        owner = nil
        pixels = UnsafeMutableBufferPointer(start: mapped.bindMemory(to: UInt32.self, capacity: count), count: count)
    }

    /// A frame over `width` × `height` pixels of memory `owner` lends and keeps alive.
    public init(width: Int, height: Int, memory: UnsafeMutableRawPointer, owner: AnyObject) {
        self.width = width
        self.height = height
        byteCount = 0
        self.owner = owner
        pixels = UnsafeMutableBufferPointer(start: memory.bindMemory(to: UInt32.self, capacity: width * height), count: width * height)
    }

    deinit {
        if owner == nil { munmap(UnsafeMutableRawPointer(pixels.baseAddress), byteCount) }
    }

    /// The frame as RGBA8 bytes, row 0 at the top (a PNG's or `OffscreenTarget.readPixels`'s order).
    public var rgba: [UInt8] {
        var bytes = [UInt8](repeating: 255, count: pixels.count * 4)
        for (index, pixel) in pixels.enumerated() {
            bytes[index * 4] = UInt8(truncatingIfNeeded: pixel >> 16)
            bytes[index * 4 + 1] = UInt8(truncatingIfNeeded: pixel >> 8)
            bytes[index * 4 + 2] = UInt8(truncatingIfNeeded: pixel)
        }
        return bytes
    }
}
