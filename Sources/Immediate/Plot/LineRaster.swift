import Dispatch
import Figures

/// Many dense lines in one plot, drawn into one image on the CPU instead of as vertices.
///
/// A dense line is one span per pixel column (its min to max, joined to the previous column's
/// last value). Twenty runs × two lines × nine charts is some 160k spans a frame: under a
/// software rasterizer the vertices alone cost ~45 ms. Filling the same spans into a pixel buffer
/// costs about a millisecond and leaves one textured quad per plot. Every column's true min and
/// max are kept, as in the vector path; lines are blended in item order.
struct LineRaster {
    let width: Int
    let height: Int
    /// Premultiplied RGBA accumulation.
    private var pixels: [SIMD4<Float>]

    init(width: Int, height: Int) {
        self.width = max(1, width)
        self.height = max(1, height)
        pixels = [SIMD4<Float>](repeating: .zero, count: self.width * self.height)
    }

    /// Adds one line (dense over `t`'s x range) in `color`, `thickness` pixels thick; with
    /// `fromColumn`, only its columns from there on (the rest is already drawn).
    mutating func add(
        _ series: LineSeries, _ t: PlotTransform, color: Color, thickness: Float, through limit: Double = .infinity,
        fromColumn: Int = 0
    ) {
        let reduction = series.reduce(t.x, columns: width, through: limit, fromColumn: fromColumn)
        let source = SIMD4<Float>(Float(color.r), Float(color.g), Float(color.b), 255) / 255 * (Float(color.a) / 255)
        let alpha = Float(color.a) / 255
        let half = max(0.5, thickness / 2)
        let top = t.area.min.y
        func row(_ value: Double) -> Float { t.py(value) - top }
        let first = fromColumn
        reduction.walk(
            from: reduction.before,
            span: { column, low, high in
                fill(column: column, from: row(high) - half, to: row(low) + half, source, alpha)
                if thickness >= 2, column + 1 < width {
                    fill(column: column + 1, from: row(high) - half, to: row(low) + half, source, alpha)
                }
            },
            join: { fromColumn, fromValue, toColumn, toValue in
                // Columns without points between: a straight join, column by column.
                let span = Float(toColumn - fromColumn)
                for c in max(fromColumn + 1, first)..<max(toColumn, max(fromColumn + 1, first)) {
                    let f = Float(c - fromColumn) / span
                    let a = row(fromValue) + (row(toValue) - row(fromValue)) * (f - 1 / span)
                    let b = row(fromValue) + (row(toValue) - row(fromValue)) * f
                    fill(column: c, from: min(a, b) - half, to: max(a, b) + half, source, alpha)
                }
            })
    }

    /// Clears the columns from `column` on (they are drawn again).
    mutating func clear(fromColumn column: Int) {
        guard column < width else { return }
        let start = max(0, column)
        let width = self.width
        pixels.withUnsafeMutableBufferPointer { buffer in
            for row in 0..<height {
                let base = row * width
                for i in (base + start)..<(base + width) { buffer[i] = .zero }
            }
        }
    }

    private mutating func fill(column: Int, from y0: Float, to y1: Float, _ source: SIMD4<Float>, _ alpha: Float) {
        guard column >= 0, column < width, y1 >= 0, y0 < Float(height) else { return }
        let start = max(0, Int(y0.rounded(.down)))
        let end = min(height, max(start + 1, Int(y1.rounded(.up))))
        pixels.withUnsafeMutableBufferPointer { buffer in
            var index = start * width + column
            for _ in start..<end {
                buffer[index] = source + buffer[index] * (1 - alpha)
                index += width
            }
        }
    }

    /// Columns per strip of `Image.strips`.
    static let stripWidth = 32

    /// The image, and for each strip of `stripWidth` columns the rows that hold any line.
    struct Image {
        var image: DrawImage
        /// Per strip: the first and last row with a pixel, nil for an empty strip. Drawing only
        /// these parts skips the empty area (a software rasterizer pays for every blended pixel).
        var strips: [(top: Int, bottom: Int)?]
    }

    /// The image (straight alpha, transparent where no line is), with `self` blended over
    /// `under` (the earlier lines, rasterized apart, e.g. on another thread): "over" is
    /// associative, so the result is that of drawing all lines in order into one raster.
    /// With `previous` (this raster's image before columns from `fromColumn` on were drawn
    /// again), only those columns are packed anew; the rest is kept. The previous image's
    /// pixels are taken (it is left nil), so a caller that held the only reference has them
    /// written in place rather than copied.
    func image(over under: LineRaster? = nil, version: Int, previous: inout Image?, fromColumn: Int = 0) -> Image {
        let width = self.width
        let height = self.height
        let stripCount = (width + LineRaster.stripWidth - 1) / LineRaster.stripWidth
        let reuse = previous.map { $0.image.width == width && $0.image.height == height && $0.strips.count == stripCount } ?? false
        // Whole strips are packed again, so their row extents come out right.
        let firstStrip = reuse ? min(stripCount, max(0, fromColumn) / LineRaster.stripWidth) : 0
        let firstColumn = firstStrip * LineRaster.stripWidth
        let previousStrips = previous?.strips ?? []
        let previousVersion = previous?.image.version ?? 0
        var packed: [UInt32] = []
        if reuse, var taken = previous {
            previous = nil
            swap(&packed, &taken.image.pixels)
        } else {
            packed = [UInt32](repeating: 0, count: pixels.count)
        }
        // Two halves of the rows on two threads; each keeps its own row extents per strip.
        let parts = height >= 64 ? 2 : 1
        let extents = (0..<parts).map { _ in RowExtents(strips: stripCount) }
        pixels.withUnsafeBufferPointer { source in
            packed.withUnsafeMutableBufferPointer { out in
                (under?.pixels ?? []).withUnsafeBufferPointer { below in
                    let job = PackJob(source: source, below: under == nil ? nil : below, out: out)
                    DispatchQueue.concurrentPerform(iterations: parts) { part in
                        let rows = (height * part / parts)..<(height * (part + 1) / parts)
                        job.pack(rows: rows, columns: firstColumn..<width, width: width, into: extents[part])
                    }
                }
            }
        }
        let top = (0..<stripCount).map { strip in extents.map { $0.top[strip] }.min() ?? Int.max }
        let bottom = (0..<stripCount).map { strip in extents.map { $0.bottom[strip] }.max() ?? -1 }
        let strips = (0..<stripCount).map { strip in
            strip < firstStrip ? previousStrips[strip] : bottom[strip] >= 0 ? (top: top[strip], bottom: bottom[strip]) : nil
        }
        let update = reuse && firstColumn > 0 ? (of: previousVersion, columns: firstColumn..<width) : nil
        return Image(image: DrawImage(width: width, height: height, pixels: packed, version: version, update: update), strips: strips)
    }
}

/// Per strip, the first and last row that one thread's rows hold a pixel in.
private final class RowExtents: @unchecked Sendable {
    // @unchecked: written by one thread of `concurrentPerform`, read after it returns.
    var top: [Int]
    var bottom: [Int]

    init(strips: Int) {
        top = [Int](repeating: Int.max, count: strips)
        bottom = [Int](repeating: -1, count: strips)
    }
}

/// The buffers one `LineRaster.image` call packs, shared by its threads.
private final class PackJob: @unchecked Sendable {
    // @unchecked: the threads only read `source` and `below`, and each writes only its own rows
    // of `out`; the caller keeps the buffers alive until `concurrentPerform` returns.
    let source: UnsafeBufferPointer<SIMD4<Float>>
    let below: UnsafeBufferPointer<SIMD4<Float>>?
    let out: UnsafeMutableBufferPointer<UInt32>

    init(source: UnsafeBufferPointer<SIMD4<Float>>, below: UnsafeBufferPointer<SIMD4<Float>>?, out: UnsafeMutableBufferPointer<UInt32>) {
        self.source = source
        self.below = below
        self.out = out
    }

    /// Packs `rows` × `columns` of `source` (blended over `below` when given) into straight-alpha
    /// RGBA8 in `out`, widening `extent` to the rows that hold a pixel, per strip.
    func pack(rows: Range<Int>, columns: Range<Int>, width: Int, into extent: RowExtents) {
        let out = self.out
        var top = extent.top
        var bottom = extent.bottom
        defer {
            extent.top = top
            extent.bottom = bottom
        }
        func pack(_ p: SIMD4<Float>, _ i: Int, row: Int) {
            guard p.w > 0.002 else { return }
            let scale = 255 / p.w
            let r = UInt32(min(255, p.x * scale + 0.5))
            let g = UInt32(min(255, p.y * scale + 0.5))
            let b = UInt32(min(255, p.z * scale + 0.5))
            let a = UInt32(min(255, p.w * 255 + 0.5))
            out[i] = r | g << 8 | b << 16 | a << 24
            let strip = (i - row * width) / LineRaster.stripWidth
            if row < top[strip] { top[strip] = row }
            if row > bottom[strip] { bottom[strip] = row }
        }
        for row in rows {
            let base = row * width
            let span = (base + columns.lowerBound)..<(base + columns.upperBound)
            for i in span { out[i] = 0 }
            if let below {
                for i in span {
                    let over = source[i]
                    pack(over + below[i] * (1 - over.w), i, row: row)
                }
            } else {
                for i in span { pack(source[i], i, row: row) }
            }
        }
    }
}

/// One half of a plot's lines as drawn, kept to add to. Each box is filled by one thread at a
/// time, and holds the only reference to its pixels, so adding does not copy them.
final class RasterBox: @unchecked Sendable {
    var raster: LineRaster
    init(_ raster: LineRaster) { self.raster = raster }
}

/// What a plot's line image was drawn from: an unchanged view and unchanged series reuse it.
struct LineRasterKey: Equatable, Sendable {
    /// Each line's `LineSeries.lineage`: a line grown since is redrawn from where it grew.
    var lineages: [UInt64]
    var colors: [UInt32]
    var limits: [Double]
    var x: AxisRange
    var y: AxisRange
    var logY: Bool
    var width: Int
    var height: Int
}

struct LineRasterCache: Sendable {
    var key: LineRasterKey
    var image: LineRaster.Image
    /// The series drawn (their point counts tell what a grown line added).
    var series: [LineSeries]
    /// The two halves as drawn, to add to.
    var rasters: [RasterBox]
}
