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

    /// Boxes as [left, right, top, bottom] (tuples are not Equatable).
    func corners(_ drawn: CPUSwapChain.Drawn?) -> [[Int]] {
        (drawn?.changed ?? []).map { [$0.x.lowerBound, $0.x.upperBound, $0.y.lowerBound, $0.y.upperBound] }
    }

    @Test("the first frame, and the first after a resize, is sent whole; then a box of changed pixels per strip of rows, or nothing")
    func changedRegion() throws {
        #expect(CPUSwapChain.stripHeight == 64, "the boxes below are worked out for strips of 64 rows")
        let chain = CPUSwapChain()
        #expect(corners(frame(chain, width: 300, height: 200, rect: (10..<20, 30..<40))) == [[0, 300, 0, 200]])
        chain.shown()
        // The same picture: nothing to send.
        #expect(corners(frame(chain, width: 300, height: 200, rect: (10..<20, 30..<40))) == [])
        chain.shown()
        // The rectangle moves from the first strip (rows 0–63) to the third (128–191): where it
        // was and where it is, each in its strip's box, nothing between them.
        #expect(corners(frame(chain, width: 300, height: 200, rect: (250..<283, 150..<170))) == [[10, 20, 30, 40], [250, 283, 150, 170]])
        chain.shown()
        // To one pixel in the last column of the last row, in the fourth strip (192–199).
        #expect(
            corners(frame(chain, width: 300, height: 200, rect: (299..<300, 199..<200))) == [[250, 283, 150, 170], [299, 300, 199, 200]])
        chain.shown()
        // Rows 60–69 cross from the first strip into the second: one box in each.
        #expect(
            corners(frame(chain, width: 300, height: 200, rect: (5..<9, 60..<70)))
                == [[5, 9, 60, 64], [5, 9, 64, 70], [299, 300, 199, 200]])
        chain.shown()
        #expect(corners(frame(chain, width: 301, height: 200, rect: (299..<300, 199..<200))) == [[0, 301, 0, 200]])
    }

    @Test("a box found by blocks of 16 is exact at any column")
    func exactColumns() throws {
        for column in [0, 1, 15, 16, 17, 31, 32, 33, 250, 299] {
            let chain = CPUSwapChain()
            _ = frame(chain, width: 300, height: 20, rect: nil)
            chain.shown()
            #expect(
                corners(frame(chain, width: 300, height: 20, rect: (column..<(column + 1), 7..<8))) == [[column, column + 1, 7, 8]],
                "column \(column)")
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
