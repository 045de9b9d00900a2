import Figures
import Foundation

/// A scatter. Per-point colours and sizes come from the series; `color` is the legend colour and
/// the default marker colour. With more visible points than `UIContext.markerLimit` it is drawn
/// as a density image (`DensityGrid`), kept per plot and item while the view is unchanged.
public struct ScatterItem: PlotItem {
    public var label: String
    public var series: ScatterSeries
    public var color: Color
    /// Marker radius in pixels at scale 1.
    public var markerSize: Float
    /// What the per-point colours mean, when they stand for a value (a colour bar beside the plot).
    public var colorScale: PlotColorScale?
    /// Over the marker limit, draw nothing instead of a density image: for an overlay whose
    /// points another item's density image already holds (the Latent map's labelled points).
    public var markersOnly = false

    public init(label: String, series: ScatterSeries, color: Color, markerSize: Float, colorScale: PlotColorScale? = nil) {
        self.label = label
        self.series = series
        self.color = color
        self.markerSize = markerSize
        self.colorScale = colorScale
    }

    public var legendEntries: [PlotLegendEntry] {
        guard !label.isEmpty else { return [] }
        let text = series.nonFiniteCount > 0 ? "\(label) (\(series.nonFiniteCount) non-finite not drawn)" : label
        return [PlotLegendEntry(key: label, text: text, color: color)]
    }

    public func addBounds(to bounds: inout PlotBounds) {
        guard let box = series.bounds else { return }
        bounds.includeX(box.x.min, box.x.max)
        bounds.includeY(box.y.min, box.y.max)
    }

    public func draw(_ context: PlotDrawContext) {
        let ui = context.ui
        let t = context.transform
        let emphasis = context.emphasis(label)
        let color = color.withAlpha(emphasis)
        let markerSize = markerSize * ui.style.scale
        let width = max(1, Int(t.area.width.rounded()))
        let height = max(1, Int(t.area.height.rounded()))
        // An unchanged view reuses the image (and the renderer skips the upload, since its
        // version is unchanged).
        let key = DensityKey(series: series, x: t.x, y: t.y, width: width, height: height)
        let cached: DensityCache? = ui.state(for: context.cacheID) { nil }
        let entry: DensityCache
        if let cached, cached.key == key {
            entry = cached
        } else if markersOnly {
            // No image to make: only whether the points in view are few enough for markers.
            entry = DensityCache(key: key, binned: series.countInside(x: t.x, y: t.y), image: nil)
            ui.setState(Optional(entry), for: context.cacheID)
        } else {
            let grid = DensityGrid(xs: series.xs, ys: series.ys, colors: series.colors, x: t.x, y: t.y, width: width, height: height)
            ui.densityVersion += 1
            entry = DensityCache(
                key: key, binned: grid.binned, image: grid.binned > UIContext.markerLimit ? grid.image(version: ui.densityVersion) : nil)
            ui.setState(Optional(entry), for: context.cacheID)
        }
        if markersOnly, entry.binned > UIContext.markerLimit { return }
        if let image = entry.image {
            let texture = ui.addImage(image)
            ui.draw {
                $0.addImage(
                    texture, Rect(min: t.area.min, max: t.area.min + Vec2(Float(width), Float(height))),
                    tint: Color.white.withAlpha(emphasis))
            }
            return
        }
        ui.draw { list in
            for i in 0..<series.count {
                let x = series.xs[i]
                let y = series.ys[i]
                guard x >= t.x.min, x <= t.x.max, y >= t.y.min, y <= t.y.max else { continue }
                let pointColor = series.colors.map { $0[i].withAlpha(emphasis) } ?? color
                let size = series.sizes.map { $0[i] * ui.style.scale } ?? markerSize
                list.addCircleFilled(Vec2(t.px(x), t.py(y)), radius: size, pointColor)
            }
        }
    }

    public func hit(_ query: PlotHoverQuery) -> PlotHit? {
        let t = query.transform
        var best: PlotHit?
        series.xs.withUnsafeBufferPointer { xs in
            series.ys.withUnsafeBufferPointer { ys in
                let x0 = t.dataX(query.mouse.x - query.reach)
                let x1 = t.dataX(query.mouse.x + query.reach)
                for i in 0..<xs.count where xs[i] >= x0 && xs[i] <= x1 {
                    best = PlotHit.nearer(best, query.point(label, xs[i], ys[i], index: i))
                }
            }
        }
        return best
    }
}

extension ScatterItem {
    /// Any point inside `rect`.
    public func overlaps(_ rect: Rect, _ t: PlotTransform, hidden: Set<String>) -> Bool {
        let x0 = t.dataX(rect.min.x)
        let x1 = t.dataX(rect.max.x)
        let y0 = t.dataY(rect.max.y)
        let y1 = t.dataY(rect.min.y)
        return series.xs.withUnsafeBufferPointer { xs in
            series.ys.withUnsafeBufferPointer { ys in
                for i in 0..<xs.count where xs[i] >= x0 && xs[i] <= x1 && ys[i] >= y0 && ys[i] <= y1 { return true }
                return false
            }
        }
    }
}

/// What a density image was made from. It holds the series itself, not its address: a freed
/// series' address can be reused by the next one, which must not find the old image.
struct DensityKey: Equatable {
    var series: ScatterSeries
    static func == (a: DensityKey, b: DensityKey) -> Bool {
        a.series === b.series && a.x == b.x && a.y == b.y && a.width == b.width && a.height == b.height
    }
    var x: AxisRange
    var y: AxisRange
    var width: Int
    var height: Int
}

/// A plot's last density image for one scatter.
struct DensityCache {
    var key: DensityKey
    var binned: Int
    var image: DrawImage?
}
