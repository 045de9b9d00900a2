import HafsVizCore

/// One point's picture (a row of images.npy or reconstructions.npy) as pixels, for any front
/// end: the window uploads it as a texture, the terminal draws it in half blocks.
public struct PointImage: Sendable, Equatable {
    public var width: Int
    public var height: Int
    /// Row by row, packed 0xAABBGGRR (red in the low byte), opaque.
    public var pixels: [UInt32]

    /// Row `row` of an N×H×W or N×H×W×3 array: one channel in grey, three as colour, on the
    /// array's one `scale` (clamped); nil when the array has no such row or no pixels.
    public init?(_ array: NPYArray, row: Int, scale: ImageScale) {
        guard array.shape.count >= 3, row >= 0, row < array.rows else { return nil }
        let height = array.shape[1]
        let width = array.shape[2]
        let channels = array.shape.count == 4 ? array.shape[3] : 1
        let size = height * width * channels
        guard size > 0 else { return nil }
        let base = row * size
        let byte = scale.byte
        var pixels = [UInt32](repeating: 0, count: height * width)
        for p in 0..<(height * width) {
            if channels >= 3 {
                pixels[p] =
                    byte(array.double(base + p * channels)) | byte(array.double(base + p * channels + 1)) << 8
                    | byte(array.double(base + p * channels + 2)) << 16 | 0xFF00_0000
            } else {
                let v = byte(array.double(base + p * channels))
                pixels[p] = v | v << 8 | v << 16 | 0xFF00_0000
            }
        }
        self.width = width
        self.height = height
        self.pixels = pixels
    }
}
