import Figures
import Foundation
import HafsVizCore
import HafsVizModel
import Terminal

/// The embedding map in cells: every finite point binned into a grid of half-block pixels (two
/// per cell, one above the other). A pixel's colour is its points' majority class (labels or
/// predictions; unlabelled in the "none" grey) or their mean certainty on viridis, and its
/// brightness grows with the log of its count, so thin regions stay visible next to dense ones.
/// No point is dropped: each lands in some pixel.
struct LatentDensity {
    private let modelID: ObjectIdentifier
    private let generation: UInt64
    private let mode: LatentColorMode
    let width: Int
    let height: Int
    /// The map's data bounds.
    private let x: AxisRange
    private let y: AxisRange
    /// Per pixel, row by row (2 × height rows): its colour, nil when no point fell in it.
    private let pixels: [TermColor?]

    /// Colour modes the terminal paints (metadata columns are the window's).
    static func draws(_ mode: LatentColorMode) -> Bool {
        switch mode {
        case .labels, .predictions, .certainty: true
        case .metadata: false
        }
    }

    func matches(_ model: LatentModel, generation: UInt64, mode: LatentColorMode, width: Int, height: Int) -> Bool {
        modelID == ObjectIdentifier(model) && self.generation == generation && self.mode == mode && self.width == width
            && self.height == height
    }

    init(_ model: LatentModel, labels: [Int: Int], generation: UInt64, mode: LatentColorMode, width: Int, height: Int) {
        modelID = ObjectIdentifier(model)
        self.generation = generation
        self.mode = mode
        self.width = max(width, 0)
        self.height = max(height, 0)
        let dataset = model.dataset
        // The grid found the finite points' extent, and lists exactly those points.
        let bounds = model.grid.bounds
        x = bounds?.x ?? AxisRange(0, 1)
        y = bounds?.y ?? AxisRange(0, 1)
        let columns = self.width
        let rows = self.height * 2
        guard columns > 0, rows > 0, bounds != nil else {
            pixels = []
            return
        }
        // Eleven tallies a pixel: classes 0–9 and "none".
        var counts = [Int32](repeating: 0, count: columns * rows)
        var tallies = [Int32](repeating: 0, count: columns * rows * 11)
        var certaintySum = [Double](repeating: 0, count: mode == .certainty ? columns * rows : 0)
        var certaintyCount = [Int32](repeating: 0, count: mode == .certainty ? columns * rows : 0)
        let xs = dataset.xs
        let ys = dataset.ys
        let spanX = x.span > 0 ? x.span : 1
        let spanY = y.span > 0 ? y.span : 1
        for index in model.grid.order {
            let i = Int(index)
            let column = min(Int((xs[i] - x.min) / spanX * Double(columns)), columns - 1)
            let row = min(Int((y.max - ys[i]) / spanY * Double(rows)), rows - 1)
            let pixel = row * columns + column
            counts[pixel] += 1
            switch mode {
            case .certainty:
                if let certainty = dataset.certainty, certainty[i].isFinite {
                    certaintySum[pixel] += certainty[i]
                    certaintyCount[pixel] += 1
                }
            case .predictions:
                let value = dataset.predictions?[i].flatMap { $0 >= 0 ? $0 % 10 : nil } ?? 10
                tallies[pixel * 11 + value] += 1
            default:
                let value = labels[i].map { $0 >= 0 ? $0 % 10 : 10 } ?? 10
                tallies[pixel * 11 + value] += 1
            }
        }
        let largest = Double(counts.max() ?? 1)
        var pixels = [TermColor?](repeating: nil, count: columns * rows)
        for pixel in 0..<(columns * rows) where counts[pixel] > 0 {
            let base: UInt32
            if mode == .certainty {
                base =
                    certaintyCount[pixel] > 0
                    ? ViridisStops.color(at: certaintySum[pixel] / Double(certaintyCount[pixel])) : ClassPalette.none
            } else {
                // The majority among labelled points; "none" only when no point is labelled.
                var best = 10
                var bestCount: Int32 = 0
                for value in 0..<10 where tallies[pixel * 11 + value] > bestCount {
                    best = value
                    bestCount = tallies[pixel * 11 + value]
                }
                base = best == 10 ? ClassPalette.none : ClassPalette.classes[best]
            }
            let weight = 0.35 + 0.65 * log(1 + Double(counts[pixel])) / log(1 + max(largest, 1))
            pixels[pixel] = LatentDensity.blend(base, weight)
        }
        self.pixels = pixels
    }

    /// `color` at `weight` over the background.
    static func blend(_ color: UInt32, _ weight: Double) -> TermColor {
        let background: UInt32 = 0x16181D
        func channel(_ shift: UInt32) -> UInt8 {
            let a = Double(color >> shift & 0xFF)
            let b = Double(background >> shift & 0xFF)
            return UInt8((b + (a - b) * min(max(weight, 0), 1)).rounded())
        }
        return .rgb(channel(16), channel(8), channel(0))
    }

    func draw(into buffer: inout CellBuffer, at area: Area) {
        guard !pixels.isEmpty else { return }
        for row in 0..<height {
            for column in 0..<width {
                let top = pixels[row * 2 * width + column]
                let bottom = pixels[(row * 2 + 1) * width + column]
                switch (top, bottom) {
                case (nil, nil): continue
                case (let top?, nil): buffer[area.x + column, area.y + row] = Cell("▀", foreground: top)
                case (nil, let bottom?): buffer[area.x + column, area.y + row] = Cell("▄", foreground: bottom)
                case (let top?, let bottom?): buffer[area.x + column, area.y + row] = Cell("▀", foreground: top, background: bottom)
                }
            }
        }
    }

    /// The data point at the middle of cell (column, row), and how many cells one data unit
    /// spans along each axis (for a nearest-point search in cells).
    func dataPoint(column: Int, row: Int) -> (x: Double, y: Double, cellsPerX: Double, cellsPerY: Double)? {
        guard width > 0, height > 0 else { return nil }
        let spanX = x.span > 0 ? x.span : 1
        let spanY = y.span > 0 ? y.span : 1
        return (
            x.min + (Double(column) + 0.5) / Double(width) * spanX, y.max - (Double(row) + 0.5) / Double(height) * spanY,
            Double(width) / spanX, Double(height) / spanY
        )
    }

    /// The cell a point at (px, py) is drawn in (nil for a non-finite one).
    func cell(x px: Double, y py: Double) -> (x: Int, y: Int)? {
        guard px.isFinite, py.isFinite, width > 0, height > 0 else { return nil }
        let column = min(max(Int((px - x.min) / (x.span > 0 ? x.span : 1) * Double(width)), 0), width - 1)
        let row = min(max(Int((y.max - py) / (y.span > 0 ? y.span : 1) * Double(height * 2)), 0), height * 2 - 1)
        return (column, row / 2)
    }
}
