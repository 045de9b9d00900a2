import Figures
import Foundation

/// A scatter's data: positions and optional per-point colours and sizes (pixels).
public final class ScatterSeries: Sendable {
    public let xs: [Double]
    public let ys: [Double]
    public let colors: [Color]?
    public let sizes: [Float]?
    public let bounds: (x: AxisRange, y: AxisRange)?
    public let nonFiniteCount: Int

    /// The same points with other colours: positions, bounds and the non-finite count are
    /// shared, not computed again (a million-point map is recoloured on every label).
    public func recolored(_ colors: [Color]) -> ScatterSeries {
        ScatterSeries(
            xs: xs, ys: ys, colors: ScatterSeries.padded(colors, to: count, with: .white), sizes: sizes, bounds: bounds,
            nonFiniteCount: nonFiniteCount)
    }

    /// `values`, made at least `count` long with `filler` (a point without its own colour or size).
    private static func padded<T>(_ values: [T], to count: Int, with filler: T) -> [T] {
        values.count >= count ? values : values + [T](repeating: filler, count: count - values.count)
    }

    private init(xs: [Double], ys: [Double], colors: [Color]?, sizes: [Float]?, bounds: (x: AxisRange, y: AxisRange)?, nonFiniteCount: Int)
    {
        self.xs = xs
        self.ys = ys
        self.colors = colors
        self.sizes = sizes
        self.bounds = bounds
        self.nonFiniteCount = nonFiniteCount
    }

    public init(x: [Double], y: [Double], colors: [Color]? = nil, sizes: [Float]? = nil) {
        let count = min(x.count, y.count)
        // Arrays of the same length are shared, not copied (a million-point map is rebuilt with
        // new colours on every label).
        xs = x.count == count ? x : Array(x.prefix(count))
        ys = y.count == count ? y : Array(y.prefix(count))
        self.colors = colors.map { ScatterSeries.padded($0, to: count, with: .white) }
        self.sizes = sizes.map { ScatterSeries.padded($0, to: count, with: 3) }
        var xMin = Double.infinity
        var xMax = -Double.infinity
        var yMin = Double.infinity
        var yMax = -Double.infinity
        var nonFinite = 0
        for i in 0..<count {
            let xv = x[i]
            let yv = y[i]
            guard xv.isFinite, yv.isFinite else {
                nonFinite += 1
                continue
            }
            xMin = min(xMin, xv)
            xMax = max(xMax, xv)
            yMin = min(yMin, yv)
            yMax = max(yMax, yv)
        }
        nonFiniteCount = nonFinite
        bounds = xMin <= xMax ? (AxisRange(xMin, xMax), AxisRange(yMin, yMax)) : nil
    }

    public var count: Int { xs.count }

    /// How many points lie inside the ranges (edges included; NaN never does).
    public func countInside(x: AxisRange, y: AxisRange) -> Int {
        var inside = 0
        xs.withUnsafeBufferPointer { xb in
            ys.withUnsafeBufferPointer { yb in
                for i in 0..<xb.count where xb[i] >= x.min && xb[i] <= x.max && yb[i] >= y.min && yb[i] <= y.max { inside += 1 }
            }
        }
        return inside
    }
}

/// Points binned into pixels (as datashader does): each finite point inside the ranges lands in
/// exactly one cell; points on the right/top edge go to the last column/row. Given per-point
/// colours, each cell also sums its points' colours, so the image shows each pixel's mix of
/// classes (categorical density) instead of a count ramp.
public struct DensityGrid: Sendable {
    public var width: Int
    public var height: Int
    /// Counts, row 0 at the top.
    public var counts: [UInt32]
    /// Points counted in some cell.
    public var binned = 0
    /// Finite points outside the ranges.
    public var outside = 0
    /// Points with a NaN or infinite coordinate.
    public var nonFinite = 0
    public var maxCount: UInt32 = 0
    /// Per cell, the sums of its points' red, green and blue packed in one word (21 bits each:
    /// blue << 42 | green << 21 | red), over at most `colorSampleLimit` points a cell; nil
    /// without per-point colours. One word a cell halves the memory a frame touches.
    public var colorSums: [UInt64]?
    /// Points a cell's colour mix is taken over (the first ones binned): 21 bits hold 8,224
    /// sums of 255, and the mix of 8,224 points is the mix of the cell.
    public static let colorSampleLimit: UInt32 = 8_224

    /// Series at least this big are binned by two threads (each into its own grid, then summed).
    static let parallelThreshold = 200_000

    public init(xs: [Double], ys: [Double], colors: [Color]? = nil, x: AxisRange, y: AxisRange, width: Int, height: Int) {
        let w = max(width, 1)
        let h = max(height, 1)
        self.width = w
        self.height = h
        let count = min(xs.count, ys.count)
        let colors = colors.flatMap { $0.count >= count ? $0 : nil }
        let parts = count >= DensityGrid.parallelThreshold ? 2 : 1
        let partial: [PartialGrid]
        if let colors {
            // Coloured: one thread. Measured at 1M points (1600×1000): 26 ms to bin on one
            // thread; two threads cost more (33–35 ms), whether they split the points (adding
            // 1.6M cells of sums) or the rows (each reading every point).
            let grid = PartialGrid(cells: w * h, colored: true)
            grid.binColored(xs: xs, ys: ys, colors: colors, range: 0..<count, x: x, y: y, width: w, height: h)
            partial = [grid]
            counts = grid.counts
            colorSums = grid.colorSums
        } else {
            let chunk = (count + parts - 1) / parts
            partial = (0..<parts).map { _ in PartialGrid(cells: w * h, colored: false) }
            DispatchQueue.concurrentPerform(iterations: parts) { part in
                partial[part].binPlain(
                    xs: xs, ys: ys, range: (part * chunk)..<min(count, (part + 1) * chunk), x: x, y: y, width: w, height: h)
            }
            var counts = partial[0].counts
            if parts > 1 {
                counts.withUnsafeMutableBufferPointer { total in
                    partial[1].counts.withUnsafeBufferPointer { other in
                        for i in 0..<total.count { total[i] &+= other[i] }
                    }
                }
            }
            self.counts = counts
        }
        binned = partial.reduce(0) { $0 + $1.binned }
        outside = partial.reduce(0) { $0 + $1.outside }
        nonFinite = partial.reduce(0) { $0 + $1.nonFinite }
        maxCount = counts.max() ?? 0
    }

    /// One thread's share of the binning.
    private final class PartialGrid: @unchecked Sendable {
        // @unchecked: each instance is written by exactly one thread of `concurrentPerform`,
        // and read only after it returns.
        var counts: [UInt32]
        var colorSums: [UInt64]?
        var binned = 0, outside = 0, nonFinite = 0

        init(cells: Int, colored: Bool) {
            counts = [UInt32](repeating: 0, count: cells)
            colorSums = colored ? [UInt64](repeating: 0, count: cells) : nil
        }

        /// Where a point lands: its cell (row 0 at the top), or `nonFinite` / `outside`.
        struct Cells {
            static let nonFinite = -1, outside = -2
            let x: AxisRange, y: AxisRange, width: Int, height: Int
            let sx: Double, sy: Double

            init(x: AxisRange, y: AxisRange, width: Int, height: Int) {
                self.x = x
                self.y = y
                self.width = width
                self.height = height
                sx = Double(width) / x.span
                sy = Double(height) / y.span
            }

            @inline(__always)
            func cell(_ xv: Double, _ yv: Double) -> Int {
                guard xv.isFinite, yv.isFinite else { return Cells.nonFinite }
                guard xv >= x.min, xv <= x.max, yv >= y.min, yv <= y.max else { return Cells.outside }
                return min(Int((y.max - yv) * sy), height - 1) * width + min(Int((xv - x.min) * sx), width - 1)
            }
        }

        /// Counts and colour sums. A loop of its own, so the plain one stays lean.
        func binColored(
            xs: [Double], ys: [Double], colors: [Color], range: Range<Int>, x: AxisRange, y: AxisRange, width w: Int, height h: Int
        ) {
            let grid = Cells(x: x, y: y, width: w, height: h)
            var binned = 0
            var outside = 0
            var nonFinite = 0
            // Taken out of the property while written: a second reference would make the first
            // write copy all of it (12.8 MB at 1600×1000).
            var sums = colorSums ?? []
            colorSums = nil
            counts.withUnsafeMutableBufferPointer { cells in
                sums.withUnsafeMutableBufferPointer { rgb in
                    xs.withUnsafeBufferPointer { xb in
                        ys.withUnsafeBufferPointer { yb in
                            colors.withUnsafeBufferPointer { cb in
                                for i in range {
                                    let cell = grid.cell(xb[i], yb[i])
                                    if cell < 0 {
                                        if cell == Cells.nonFinite { nonFinite += 1 } else { outside += 1 }
                                        continue
                                    }
                                    cells[cell] &+= 1
                                    if cells[cell] <= DensityGrid.colorSampleLimit {
                                        let packed = UInt64(cb[i].packed)
                                        rgb[cell] &+= (packed & 0xFF) | (packed & 0xFF00) << 13 | (packed & 0xFF_0000) << 26
                                    }
                                    binned += 1
                                }
                            }
                        }
                    }
                }
            }
            colorSums = sums
            self.binned = binned
            self.outside = outside
            self.nonFinite = nonFinite
        }

        func binPlain(xs: [Double], ys: [Double], range: Range<Int>, x: AxisRange, y: AxisRange, width w: Int, height h: Int) {
            let grid = Cells(x: x, y: y, width: w, height: h)
            var binned = 0
            var outside = 0
            var nonFinite = 0
            counts.withUnsafeMutableBufferPointer { cells in
                xs.withUnsafeBufferPointer { xb in
                    ys.withUnsafeBufferPointer { yb in
                        for i in range {
                            let cell = grid.cell(xb[i], yb[i])
                            if cell < 0 {
                                if cell == Cells.nonFinite { nonFinite += 1 } else { outside += 1 }
                                continue
                            }
                            cells[cell] &+= 1
                            binned += 1
                        }
                    }
                }
            }
            self.binned = binned
            self.outside = outside
            self.nonFinite = nonFinite
        }
    }

    /// RGBA8 pixels: empty cells transparent, others coloured by log(1 + count) on a
    /// perceptually ordered dark-blue → yellow ramp, so single points stay visible. With colour
    /// sums, each cell is the mean colour of its points (its class mix), its opacity rising from
    /// 45% for one point to full at the densest cell by log(1 + count).
    public func image(version: Int) -> DrawImage {
        if let colorSums { return categoricalImage(colorSums, version: version) }
        let palette = DensityGrid.palette
        let scale = maxCount > 0 ? 255 / log1p(Float(maxCount)) : 0
        // Colour per count, computed once: a log per cell would cost more than the binning.
        let tableSize = Int(min(maxCount, 1 << 16)) + 1
        let colorOfCount = (0..<tableSize).map { count -> UInt32 in
            count == 0 ? 0 : palette[Int(min(255, log1p(Float(count)) * scale))]
        }
        var pixels = [UInt32](repeating: 0, count: counts.count)
        pixels.withUnsafeMutableBufferPointer { out in
            counts.withUnsafeBufferPointer { input in
                colorOfCount.withUnsafeBufferPointer { table in
                    for i in 0..<input.count {
                        let count = Int(input[i])
                        if count == 0 { continue }
                        out[i] = count < table.count ? table[count] : palette[Int(min(255, log1p(Float(count)) * scale))]
                    }
                }
            }
        }
        return DrawImage(width: width, height: height, pixels: pixels, version: version)
    }

    private func categoricalImage(_ sums: [UInt64], version: Int) -> DrawImage {
        let scale = maxCount > 1 ? 1 / log1p(Float(maxCount)) : 0
        let tableSize = Int(min(maxCount, 1 << 16)) + 1
        let alphaOfCount = (0..<tableSize).map { count -> UInt32 in
            UInt32((0.45 + 0.55 * min(1, log1p(Float(count)) * scale)) * 255)
        }
        var pixels = [UInt32](repeating: 0, count: counts.count)
        pixels.withUnsafeMutableBufferPointer { out in
            counts.withUnsafeBufferPointer { input in
                sums.withUnsafeBufferPointer { rgb in
                    for i in 0..<input.count {
                        let count = input[i]
                        if count == 0 { continue }
                        // A reciprocal, not three integer divisions: this loop runs for every lit pixel.
                        let inverse = 1 / Float(min(count, DensityGrid.colorSampleLimit))
                        let sum = rgb[i]
                        let r = UInt32(Float(sum & 0x1F_FFFF) * inverse + 0.5)
                        let g = UInt32(Float(sum >> 21 & 0x1F_FFFF) * inverse + 0.5)
                        let b = UInt32(Float(sum >> 42 & 0x1F_FFFF) * inverse + 0.5)
                        let alpha = Int(count) < alphaOfCount.count ? alphaOfCount[Int(count)] : 255
                        out[i] = r | g << 8 | b << 16 | alpha << 24
                    }
                }
            }
        }
        return DrawImage(width: width, height: height, pixels: pixels, version: version)
    }

    /// 256 colours from a viridis-like ramp (anchors interpolated), packed RGBA8.
    static let palette: [UInt32] = {
        let anchors: [(Float, Float, Float)] = [
            (0.27, 0.00, 0.33), (0.23, 0.32, 0.55), (0.13, 0.57, 0.55),
            (0.37, 0.79, 0.38), (0.99, 0.91, 0.14),
        ]
        return (0..<256).map { index in
            // Start a little above the darkest anchor so one point is not lost on a dark background.
            let t = 0.18 + 0.82 * Float(index) / 255
            let scaled = t * Float(anchors.count - 1)
            let k = min(Int(scaled), anchors.count - 2)
            let f = scaled - Float(k)
            let a = anchors[k]
            let b = anchors[k + 1]
            return Color(a.0 + (b.0 - a.0) * f, a.1 + (b.1 - a.1) * f, a.2 + (b.2 - a.2) * f).packed
        }
    }()
}
