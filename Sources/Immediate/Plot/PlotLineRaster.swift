import Figures
import Foundation

// Many dense lines in one plot drawn as one image (`LineRaster`): which lines go in, the cache
// that redraws only what grew, and the strips that draw it.

extension UIContext {
    /// A line image drawn strip by strip over only the rows that hold lines.
    func drawStrips(_ texture: TextureID, _ strips: [(top: Int, bottom: Int)?], _ area: Rect) {
        let width = max(1, area.width.rounded())
        let height = max(1, area.height.rounded())
        draw { list in
            for (index, strip) in strips.enumerated() {
                guard let strip else { continue }
                let x0 = Float(index * LineRaster.stripWidth)
                let x1 = min(width, x0 + Float(LineRaster.stripWidth))
                let y0 = Float(strip.top)
                let y1 = Float(strip.bottom + 1)
                list.addImage(
                    texture, Rect(min: area.min + Vec2(x0, y0), max: area.min + Vec2(x1, y1)),
                    uv0: Vec2(x0 / width, y0 / height), uv1: Vec2(x1 / width, y1 / height))
            }
        }
    }

    /// Plots with at least this many dense lines draw them into one image (`LineRaster`).
    public static let rasterLineCount = 8

    /// The dense sorted lines of `items` rasterized into one image (cached while the view and the
    /// series are unchanged), with the indices of the items it holds; nil when there are too few.
    func rasterLines(_ items: [any PlotItem], _ t: PlotTransform, hoveredLegend: String?, plotID: UIID)
        -> (indices: Set<Int>, texture: TextureID, strips: [(top: Int, bottom: Int)?])?
    {
        let width = max(1, Int(t.area.width.rounded()))
        let height = max(1, Int(t.area.height.rounded()))
        var chosen: [(index: Int, series: LineSeries, color: Color, thickness: Float, limit: Double)] = []
        for (index, item) in items.enumerated() {
            // Lines with gaps or markers draw themselves.
            guard let line = item as? LineItem, line.maxGap == .infinity, !line.markers else { continue }
            let series = line.series
            guard series.isSorted, series.count > width * 2 else { continue }
            let emphasis: Float = hoveredLegend == nil || hoveredLegend == line.key ? 1 : 0.3
            let highlight = hoveredLegend != nil && hoveredLegend == line.key
            chosen.append((index, series, line.color.withAlpha(emphasis), line.thickness * (highlight ? 1.8 : 1), line.xLimit))
        }
        guard chosen.count >= UIContext.rasterLineCount else { return nil }
        let cacheID = plotID &+ 104_729
        let key = LineRasterKey(
            lineages: chosen.map(\.series.lineage), colors: chosen.map(\.color.packed), limits: chosen.map(\.limit),
            x: t.x, y: t.y, logY: t.logY, width: width, height: height)
        var cached: LineRasterCache? = state(for: cacheID) { nil }
        // Lines that only grew since they were drawn, in an unchanged view, are redrawn from the
        // column of their old last point on (a live chart redraws its right edge, not all of it).
        var fromColumn = 0
        if let cached, cached.key == key, cached.series.count == chosen.count, cached.rasters.count == 2 {
            fromColumn = width
            for (old, line) in zip(cached.series, chosen) where line.series !== old {
                guard line.series.count >= old.count, old.count > 0 else {
                    fromColumn = 0
                    break
                }
                let lastX = old.xs[old.count - 1]
                let column = t.x.span > 0 ? Int(((lastX - t.x.min) / t.x.span * Double(width)).rounded(.down)) - 1 : 0
                fromColumn = min(fromColumn, max(0, column))
            }
        }
        let image: LineRaster.Image
        if let cached, cached.key == key, fromColumn >= width {
            image = cached.image
        } else {
            // Two halves of the lines on two threads, the later half blended over the earlier.
            let lines = chosen.map { (series: $0.series, color: $0.color, thickness: $0.thickness, limit: $0.limit) }
            let middle = lines.count / 2
            let start = fromColumn
            let boxes = start > 0 ? cached?.rasters ?? [] : (0..<2).map { _ in RasterBox(LineRaster(width: width, height: height)) }
            DispatchQueue.concurrentPerform(iterations: 2) { part in
                if start > 0 { boxes[part].raster.clear(fromColumn: start) }
                for line in part == 0 ? lines[..<middle] : lines[middle...] {
                    boxes[part].raster.add(
                        line.series, t, color: line.color, thickness: line.thickness, through: line.limit, fromColumn: start)
                }
            }
            densityVersion += 1
            // The old image, held here alone (the cache lets go of it), so the columns kept are
            // packed in place instead of copying the whole image.
            var previous: LineRaster.Image?
            if start > 0, let old = cached?.image {
                setState(LineRasterCache?.none, for: cacheID)
                cached?.image = LineRaster.Image(image: DrawImage(width: 0, height: 0, pixels: [], version: 0), strips: [])
                previous = old
            }
            image = boxes[1].raster.image(over: boxes[0].raster, version: densityVersion, previous: &previous, fromColumn: start)
            setState(Optional(LineRasterCache(key: key, image: image, series: chosen.map(\.series), rasters: boxes)), for: cacheID)
            if let cached { ReleaseLater.release(cached) }
        }
        return (Set(chosen.map(\.index)), addImage(image.image), image.strips)
    }
}
