import Foundation
import Testing

@testable import CPURenderer

@Suite("CPU blending")
struct ShadeTests {
    @Test("a blend is round(c·a/255) + round(d·(255 − a)/255) per channel, for every alpha and a spread of colours")
    func blendByHand() {
        // Every alpha, channel values that cover 0, 255 and the odd ones between, in all three
        // channels at once (so a carry between channels would show).
        let levels: [UInt32] = [0, 1, 2, 17, 64, 127, 128, 129, 200, 254, 255]
        func share(_ c: UInt32, _ a: UInt32) -> UInt32 { UInt32((Double(c) * Double(a) / 255).rounded()) }
        var checked = 0
        for alpha in UInt32(0)...255 {
            for c in levels {
                for d in levels {
                    // Source RGBA8 (red in the low byte): red c, green d, blue 255 − c.
                    let source = c | d << 8 | (255 - c) << 16 | alpha << 24
                    // Destination 0x00RRGGBB: red d, green 255 − d, blue c.
                    let destination = d << 16 | (255 - d) << 8 | c
                    let red = share(c, alpha) + share(d, 255 - alpha)
                    let green = share(d, alpha) + share(255 - d, 255 - alpha)
                    let blue = share(255 - c, alpha) + share(c, 255 - alpha)
                    let expected = red << 16 | green << 8 | blue
                    let got = Shade.blend(source, over: destination)
                    #expect(got == expected, "alpha \(alpha), c \(c), d \(d): \(String(got, radix: 16)) ≠ \(String(expected, radix: 16))")
                    checked += 1
                }
            }
        }
        #expect(checked == 256 * levels.count * levels.count)
    }
}
