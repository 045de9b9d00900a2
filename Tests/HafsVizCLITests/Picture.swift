import ImageIO
import Immediate

/// A screenshot read back for pixel checks: where a colour's bars and lines are, measured so a
/// test can compare them with the numbers the data implies.
struct Picture {
    let width: Int
    let height: Int
    let rgba: [UInt8]
    let background = Style().background

    init(path: String) throws {
        let image = try PNGFile.read(path: path)
        width = image.width
        height = image.height
        rgba = image.rgba
    }

    /// A rectangle of pixels, half-open.
    struct Region {
        var xs: Range<Int>
        var ys: Range<Int>
    }

    var whole: Region { Region(xs: 0..<width, ys: 0..<height) }

    /// True when pixel (x, y) shows `color` over the background with at least `minimumShare` of
    /// it (anti-aliased edges blend the two) and no other colour mixed in. Greys differ from one
    /// another only in their share, so look for a grey with a share near 1.
    func shows(_ x: Int, _ y: Int, _ color: Color, minimumShare: Float = 0.5) -> Bool {
        let i = (y * width + x) * 4
        let pixel = SIMD3<Float>(Float(rgba[i]), Float(rgba[i + 1]), Float(rgba[i + 2]))
        let base = SIMD3<Float>(Float(background.r), Float(background.g), Float(background.b))
        let target = SIMD3<Float>(Float(color.r), Float(color.g), Float(color.b)) - base
        let offset = pixel - base
        let share = (offset * target).sum() / (target * target).sum()
        let residual = offset - target * share
        return share >= minimumShare && share <= 1.1 && (residual * residual).sum() < 24 * 24
    }

    /// Rectangles filled with `color` at least `minimum` pixels long in both directions, found as
    /// runs of rows (`horizontal`) or columns whose longest run of the colour is that long. Each is
    /// (first, last) along the run direction and (start, end) across it, all inclusive.
    func bars(_ color: Color, in region: Region, horizontal: Bool, minimum: Int = 20) -> [Bar] {
        let lines = horizontal ? region.ys : region.xs
        let along = horizontal ? region.xs : region.ys
        var found: [Bar] = []
        var open: Bar?
        for line in lines {
            var longest = 0
            var run = 0
            var first = Int.max
            var last = Int.min
            for position in along {
                let hit = horizontal ? shows(position, line, color) : shows(line, position, color)
                if hit {
                    run += 1
                    longest = max(longest, run)
                    first = min(first, position)
                    last = max(last, position)
                } else {
                    run = 0
                }
            }
            if longest >= minimum {
                if var bar = open {
                    bar.end = line
                    bar.firsts.append(first)
                    bar.lasts.append(last)
                    open = bar
                } else {
                    open = Bar(start: line, end: line, firsts: [first], lasts: [last])
                }
            } else if let bar = open {
                if bar.end - bar.start + 1 >= minimum { found.append(bar) }
                open = nil
            }
        }
        if let bar = open, bar.end - bar.start + 1 >= minimum { found.append(bar) }
        return found
    }

    struct Bar {
        /// First and last row (or column) of the bar, across its length.
        var start: Int
        var end: Int
        /// Per row (column): where the colour begins and ends along the bar.
        var firsts: [Int]
        var lasts: [Int]

        /// Where the bar begins along its length (the median over its rows).
        var first: Int { firsts.sorted()[firsts.count / 2] }
        var last: Int { lasts.sorted()[lasts.count / 2] }
        var length: Int { last - first + 1 }
    }

    /// The row in `region` with the most pixels of `color` (nil when none has any), and its count.
    func busiestRow(_ color: Color, in region: Region, minimumShare: Float = 0.5) -> (y: Int, count: Int)? {
        var best: (y: Int, count: Int)?
        for y in region.ys {
            let count = region.xs.reduce(0) { $0 + (shows($1, y, color, minimumShare: minimumShare) ? 1 : 0) }
            if count > (best?.count ?? 0) { best = (y, count) }
        }
        return best
    }
}
