import Foundation
import TestSupport
import Testing

@testable import HafsVizCore

@Suite("Image scale")
struct ImageScaleTests {
    func array(_ values: [Double], descr: String = "<f8", shape: [Int]) throws -> NPYArray {
        let path = NSTemporaryDirectory() + "hafs-scale-\(UUID().uuidString).npy"
        defer { try? FileManager.default.removeItem(atPath: path) }
        if descr == "|u1" {
            try writeNPY(path, descr: descr, shape: shape, bytes: values.map { UInt8($0) })
        } else {
            try writeNPY(path, shape: shape, doubles: values)
        }
        return try NPYArray(path: path)
    }

    @Test("one scale per array: a reconstruction peaking at 1.03 is drawn 0–1 like its neighbours, the overshoot clamped to white")
    func overshoot() throws {
        // Three 2×2 images: two within 0…1, one peaking at 1.03 (as the demo's decoder does).
        let values: [Double] = [0, 0.5, 1, 0.25, 0.1, 0.2, 0.3, 0.4, 0.5, 1.03, 0.75, 0]
        let scale = ImageScale(of: try array(values, shape: [3, 2, 2]))
        #expect(scale.black == 0 && scale.white == 1)
        #expect(scale.clamped == 1, "one value above 1")
        #expect(
            scale.byte(1.03) == 255 && scale.byte(0.5) == 128 && scale.byte(0.75) == 191, "0.5·255 = 127.5 → 128; 0.75·255 = 191.25 → 191")
        #expect(scale.byte(-3) == 0 && scale.byte(.nan) == 0)
        #expect(scale.summary == "0–1 → black–white · 1 values clamped")
    }

    @Test("uint8 as it is; a tanh decoder's −1…1; floats holding 0…255; anything else its own range")
    func ranges() throws {
        let bytes = ImageScale(of: try array([0, 17, 255, 3], descr: "|u1", shape: [1, 2, 2]))
        #expect(bytes.black == 0 && bytes.white == 255 && bytes.byte(17) == 17)
        let tanh = ImageScale(of: try array([-1, -0.5, 0.98, 1.0], shape: [1, 2, 2]))
        #expect(tanh.black == -1 && tanh.white == 1 && tanh.byte(0) == 128, "(0 + 1) / 2 · 255 = 127.5 → 128")
        let wide = ImageScale(of: try array([0, 12, 200, 255], shape: [1, 2, 2]))
        #expect(wide.black == 0 && wide.white == 255 && wide.byte(200) == 200)
        let other = ImageScale(of: try array([-40, 0, 60, .nan], shape: [1, 2, 2]))
        #expect(other.black == -40 && other.white == 60 && other.byte(10) == 128 && other.clamped == 0, "(10 + 40) / 100 · 255 = 127.5")
    }
}
