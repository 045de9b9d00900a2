import Dispatch
import Foundation
import Immediate

/// The two frames of a window drawn on the CPU: the one on screen and the one being drawn. Each
/// new frame is compared with the one on screen, so only the parts that changed are sent to the
/// window (a drag across one chart changes a quarter of a 1600 × 1000 window; sending the whole
/// 6.4 MB frame to the X server costs ~4 ms). The parts are one box per strip of
/// `CPUSwapChain.stripHeight` rows, so a change at the top and one at the bottom (a chart and
/// the status bar) do not send everything between them.
public final class CPUSwapChain {
    /// The last frame shown.
    private var front: CPUFrame?
    /// The frame drawn next (recycled from the one shown before `front`).
    private var back: CPUFrame?

    /// Makes a frame's memory: the window system's shared memory where it has some, else nil
    /// (the frame maps its own).
    private let sharedFrame: (Int, Int) -> CPUFrame?

    /// Frames drawn so far.
    private var framesDrawn = 0
    /// False once `sharedFrame` gave nothing: not asked again.
    private var sharing = true

    /// A chain whose frames come from `sharedFrame` where it gives one.
    public init(sharedFrame: @escaping (Int, Int) -> CPUFrame? = { _, _ in nil }) {
        self.sharedFrame = sharedFrame
    }

    /// A box of pixels: columns `x`, rows `y`.
    public typealias Box = (x: Range<Int>, y: Range<Int>)

    /// Rows of a strip: each strip's changed pixels are sent as one box.
    public static let stripHeight = 64

    /// A frame drawn by `draw`, and the boxes where it differs from the frame shown before it:
    /// the whole frame when there was none of that size, none when nothing differs.
    public struct Drawn {
        public let frame: CPUFrame
        public let changed: [Box]
    }

    /// Draws `data` into the back frame. Nil when no memory could be mapped for it. Call `shown`
    /// once the frame is on screen.
    public func draw(_ data: DrawData, font: FontAtlas, width: Int, height: Int) -> Drawn? {
        // The first frame uses memory of its own: a shared segment made and put for one frame
        // costs more than it saves (~10 ms more to the first frame here). From the second on,
        // shared memory replaces it, unless the window system had none to give.
        let wantsShared = framesDrawn > 0 && sharing
        if back?.width != width || back?.height != height || (wantsShared && back?.owner == nil) {
            back = nil  // its memory goes before the new frame's is made
            var shared: CPUFrame?
            if wantsShared {
                shared = sharedFrame(width, height)
                sharing = shared != nil
            }
            back = shared ?? CPUFrame(width: width, height: height)
        }
        framesDrawn += 1
        guard let frame = back else { return nil }
        CPURenderer.render(data, font: font, into: frame)
        guard let front, front.width == width, front.height == height else {
            return Drawn(frame: frame, changed: [(0..<width, 0..<height)])
        }
        return Drawn(frame: frame, changed: CPUSwapChain.difference(frame, front))
    }

    /// The frame last drawn is on screen: it becomes the front, and the old front is drawn over next.
    public func shown() {
        swap(&front, &back)
    }

    /// For each strip of `stripHeight` rows, the bounding box of the pixels where `a` and `b`
    /// (of one size) differ there, top to bottom; strips without a difference give none.
    /// Compared 16 pixels at a time with `memcmp`, the strips split between two threads.
    static func difference(_ a: CPUFrame, _ b: CPUFrame) -> [Box] {
        let width = a.width
        let height = a.height
        guard let pa = a.pixels.baseAddress, let pb = b.pixels.baseAddress, height > 0 else { return [] }
        let strips = (height + stripHeight - 1) / stripHeight
        let found = Shared(a: pa, b: pb, boxes: UnsafeMutableBufferPointer<Box?>.allocate(capacity: strips))
        found.boxes.initialize(repeating: nil)
        defer { found.boxes.deallocate() }
        let threads = min(2, strips)
        DispatchQueue.concurrentPerform(iterations: threads) { thread in
            for strip in (strips * thread / threads)..<(strips * (thread + 1) / threads) {
                var box: Box?
                for row in (strip * stripHeight)..<min(height, (strip + 1) * stripHeight) {
                    let ra = found.a + row * width
                    let rb = found.b + row * width
                    guard memcmp(ra, rb, width * 4) != 0 else { continue }
                    let block = 16
                    var left = 0
                    while left + block <= width, memcmp(ra + left, rb + left, block * 4) == 0 { left += block }
                    while ra[left] == rb[left] { left += 1 }
                    var right = width
                    while right - block >= left, memcmp(ra + right - block, rb + right - block, block * 4) == 0 { right -= block }
                    while ra[right - 1] == rb[right - 1] { right -= 1 }
                    if let known = box {
                        box = (min(known.x.lowerBound, left)..<max(known.x.upperBound, right), known.y.lowerBound..<(row + 1))
                    } else {
                        box = (left..<right, row..<(row + 1))
                    }
                }
                // Each strip is written by one thread only.
                found.boxes[strip] = box
            }
        }
        return found.boxes.compactMap { $0 }
    }
}

/// What the comparing threads share: the two frames' pixels (read) and one box slot per strip.
private struct Shared: @unchecked Sendable {
    let a: UnsafeMutablePointer<UInt32>
    let b: UnsafeMutablePointer<UInt32>
    let boxes: UnsafeMutableBufferPointer<CPUSwapChain.Box?>
}
