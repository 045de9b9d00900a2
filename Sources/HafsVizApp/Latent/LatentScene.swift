// LatentScene: a LatentModel as the window paints it, built on the loader's thread: the map's
// points as one uncoloured scatter in the grid's order, and the prediction and certainty modes'
// colours in that order (a million colours are not made on the UI thread).

import Figures
import HafsVizCore
import HafsVizModel
import Immediate

/// The colours of classes (labels and predictions), `ClassPalette`'s as the window's colours.
public enum LatentPalette {
    public static let classes: [Color] = ClassPalette.classes.map { Color(hex: $0) }
    /// Unlabelled, or no prediction.
    public static let none = Color(hex: ClassPalette.none)

    public static func color(ofClass value: Int?) -> Color {
        guard let value, value >= 0 else { return none }
        return classes[value % classes.count]
    }
}

/// A `LatentModel` and the window's paint for it.
public final class LatentScene: Sendable {
    public let model: LatentModel
    /// The map's points, uncoloured, in the grid's order (`PointGrid.order`), not the file's:
    /// binning neighbours one after another keeps the density image's cells in cache, which
    /// makes a pan frame at 1M points several milliseconds faster than the file's random order
    /// does. Non-finite points are not in it (the map's title counts them). Each colour mode
    /// recolours it (`ScatterSeries.recolored`), so its bounds are found once.
    public let mapPoints: ScatterSeries
    /// The prediction and certainty modes' colours, in the map's order.
    public let predictionColors: [Color]?
    public let certaintyColors: [Color]?

    public init(model: LatentModel) {
        self.model = model
        let dataset = model.dataset
        let order = model.grid.order
        mapPoints = ScatterSeries(x: order.map { dataset.xs[Int($0)] }, y: order.map { dataset.ys[Int($0)] })
        certaintyColors = dataset.certainty.map { certainty in
            order.map { index in
                let value = certainty[Int(index)]
                return value.isFinite ? Colormap.viridis.color(at: min(max(value, 0), 1)) : LatentPalette.none
            }
        }
        predictionColors = dataset.predictions.map { predictions in order.map { LatentPalette.color(ofClass: predictions[Int($0)]) } }
    }

    /// Reads `source` and paints it (the loader's build).
    public convenience init(source: FolderSource) throws {
        self.init(model: try LatentModel(source: source))
    }
}
