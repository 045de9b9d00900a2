import Testing

@testable import CPURenderer
@testable import Immediate

@Suite("CPU swap chain: only what changed is sent")
struct CPUSwapChainTests {
    /// A frame of `width` × `height` pixels: `clear`, with `rect` (columns, rows) filled white.
    func frame(_ chain: CPUSwapChain, width: Int, height: Int, rect: (x: Range<Int>, y: Range<Int>)?) -> CPUSwapChain.Drawn? {
        let font = FontAtlas.testing
        var list = DrawList()
        list.whiteUV = font.whiteUV
        if let rect {
            list.addRectFilled(
                Rect(
                    x: Float(rect.x.lowerBound), y: Float(rect.y.lowerBound), width: Float(rect.x.count), height: Float(rect.y.count)),
                .white)
        }
        let data = DrawData(lists: [list], images: [:], displaySize: Vec2(Float(width), Float(height)), clearColor: .black)
        return chain.draw(data, font: font, width: width, height: height)
    }

    @Test("the first frame, and the first after a resize, is sent whole; then the box of changed pixels, or nothing")
    func changedRegion() throws {
        let chain = CPUSwapChain()
        let first = try #require(frame(chain, width: 300, height: 200, rect: (10..<20, 30..<40)))
        #expect(first.changed?.x == 0..<300 && first.changed?.y == 0..<200)
        chain.shown()
        // The same picture: nothing to send.
        let same = try #require(frame(chain, width: 300, height: 200, rect: (10..<20, 30..<40)))
        #expect(same.changed == nil)
        chain.shown()
        // The rectangle moves: the box holds where it was and where it is, across both row bands.
        let moved = try #require(frame(chain, width: 300, height: 200, rect: (250..<283, 150..<170)))
        #expect(moved.changed?.x == 10..<283 && moved.changed?.y == 30..<170)
        chain.shown()
        // One pixel, in the last column of the last row.
        let corner = try #require(frame(chain, width: 300, height: 200, rect: (299..<300, 199..<200)))
        #expect(corner.changed?.x == 250..<300 && corner.changed?.y == 150..<200)
        chain.shown()
        let resized = try #require(frame(chain, width: 301, height: 200, rect: (299..<300, 199..<200)))
        #expect(resized.changed?.x == 0..<301 && resized.changed?.y == 0..<200)
    }

    @Test("a box found by blocks of 16 is exact at any column")
    func exactColumns() throws {
        for column in [0, 1, 15, 16, 17, 31, 32, 33, 250, 299] {
            let chain = CPUSwapChain()
            _ = frame(chain, width: 300, height: 20, rect: nil)
            chain.shown()
            let one = try #require(frame(chain, width: 300, height: 20, rect: (column..<(column + 1), 7..<8)))
            #expect(one.changed?.x == column..<(column + 1) && one.changed?.y == 7..<8, "column \(column)")
        }
    }

    /// Memory lent to frames, counting how often it was asked for.
    final class Lender {
        var asked = 0
        var gives = true
        var blocks: [UnsafeMutableRawPointer] = []
        deinit { for block in blocks { block.deallocate() } }

        func frame(_ width: Int, _ height: Int) -> CPUFrame? {
            asked += 1
            guard gives else { return nil }
            let block = UnsafeMutableRawPointer.allocate(byteCount: width * height * 4, alignment: 16)
            blocks.append(block)
            return CPUFrame(width: width, height: height, memory: block, owner: self)
        }
    }

    @Test("the first frame is drawn in memory of its own; from the second, in lent memory, unless none is lent")
    func sharedMemory() throws {
        let lender = Lender()
        let chain = CPUSwapChain { lender.frame($0, $1) }
        let owners = try (0..<4).map { index -> Bool in
            let drawn = try #require(frame(chain, width: 40, height: 30, rect: (index..<(index + 5), 3..<9)))
            chain.shown()
            return drawn.frame.owner != nil
        }
        #expect(owners == [false, true, true, true])
        #expect(lender.asked == 2, "once for each frame of the pair, then reused")

        let refused = Lender()
        refused.gives = false
        let plain = CPUSwapChain { refused.frame($0, $1) }
        for index in 0..<4 {
            let drawn = try #require(frame(plain, width: 40, height: 30, rect: (index..<(index + 5), 3..<9)))
            #expect(drawn.frame.owner == nil)
            plain.shown()
        }
        #expect(refused.asked == 1, "not asked again after it gave nothing")
    }
}
