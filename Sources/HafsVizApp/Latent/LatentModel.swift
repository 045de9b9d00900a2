// LatentModel: what the Latent workspace draws that does not change with a label, built off the
// main thread from a directory: the dataset, its spatial index, the colours of the prediction
// and certainty modes, the certainty order N walks, labels.csv as read, and latent.toml.

import Foundation
import HafsVizCore
import Immediate
import Synchronization

/// The colours of classes (labels and predictions): ten that stay apart for colour-blind eyes
/// and from the grey of "none", which is darker than all of them.
public enum LatentPalette {
    public static let classes: [Color] = [
        0x4E9BFF, 0xFF9F1C, 0x2EC4B6, 0xE8505B, 0xB48EE0, 0xC6A15B, 0xF78FCB, 0x8AD85F, 0xF2E85C, 0x47D7F5,
    ]
    .map { Color(hex: $0) }
    /// Unlabelled, or no prediction.
    public static let none = Color(hex: 0x5C6370)

    public static func color(ofClass value: Int?) -> Color {
        guard let value, value >= 0 else { return none }
        return classes[value % classes.count]
    }
}

public final class LatentModel: Sendable {
    public let dataset: LatentDataset
    public let grid: PointGrid
    /// The map's points, uncoloured, in the grid's order (`PointGrid.order`), not the file's:
    /// binning neighbours one after another keeps the density image's cells in cache, which
    /// makes a pan frame at 1M points several milliseconds faster than the file's random order
    /// does. Non-finite points are not in it (the map's title counts them). Each colour mode
    /// recolours it (`ScatterSeries.recolored`), so its bounds are found once.
    public let mapPoints: ScatterSeries
    /// Each point's place in the map's order (-1: not drawn, a non-finite coordinate).
    public let mapRank: [Int32]
    /// Point indices by rising certainty (finite values only): what N walks.
    public let byCertainty: [Int32]
    /// The prediction and certainty modes' colours, in the map's order.
    public let predictionColors: [Color]?
    public let certaintyColors: [Color]?
    /// labels.csv as read with the dataset (nil when there is none), or why it could not be read.
    public let labelFile: LabelFile?
    public let labelsError: String?
    public let labelsSignature: FileSignature?
    /// latent.toml, or what is wrong with it (nil, nil: there is none).
    public let training: TrainingConfig?
    public let trainingError: String?
    /// metadata.csv, or what is wrong with it (nil, nil: there is none).
    public let metadata: MetadataTable?
    public let metadataError: String?
    /// Why labelling is off (a read-only directory or labels.csv); nil when it is on.
    public let readOnlyReason: String?
    /// Seconds the load took.
    public let loadSeconds: Double

    /// Reads `directory`; throws when latent.npy cannot be read.
    public init(directory: String) throws {
        let started = Date()
        let dataset = try LatentDataset(directory: directory)
        self.dataset = dataset
        let grid = PointGrid(xs: dataset.xs, ys: dataset.ys)
        self.grid = grid
        mapPoints = ScatterSeries(x: grid.order.map { dataset.xs[Int($0)] }, y: grid.order.map { dataset.ys[Int($0)] })
        var rank = [Int32](repeating: -1, count: dataset.points)
        for (place, index) in grid.order.enumerated() { rank[Int(index)] = Int32(place) }
        mapRank = rank
        if let certainty = dataset.certainty {
            byCertainty = (0..<Int32(certainty.count)).filter { certainty[Int($0)].isFinite }.sorted {
                let a = certainty[Int($0)]
                let b = certainty[Int($1)]
                return a < b || (a == b && $0 < $1)
            }
            certaintyColors = grid.order.map { index in
                let value = certainty[Int(index)]
                return value.isFinite ? Colormap.viridis.color(at: min(max(value, 0), 1)) : LatentPalette.none
            }
        } else {
            byCertainty = []
            certaintyColors = nil
        }
        predictionColors = dataset.predictions.map { predictions in grid.order.map { LatentPalette.color(ofClass: predictions[Int($0)]) } }
        let labelsPath = dataset.labelsPath
        if FileManager.default.fileExists(atPath: labelsPath) {
            labelsSignature = FileSignature(path: labelsPath)
            if let data = FileManager.default.contents(atPath: labelsPath) {
                labelFile = LabelFile(data: data, pointCount: dataset.points)
                labelsError = nil
            } else {
                labelFile = nil
                labelsError = "labels.csv could not be read (permissions?)"
            }
        } else {
            labelsSignature = nil
            labelFile = nil
            labelsError = nil
        }
        do {
            training = try TrainingConfig.read(directory: directory)
            trainingError = nil
        } catch {
            training = nil
            trainingError = error.description
        }
        do {
            metadata = try MetadataTable.read(directory: directory, points: dataset.points)
            metadataError = nil
        } catch {
            metadata = nil
            metadataError = error.description
        }
        readOnlyReason = LatentModel.whyReadOnly(directory: directory, labelsPath: labelsPath)
        loadSeconds = Date().timeIntervalSince(started)
    }

    /// `valueOf(index)` for every drawn point, in the map's order.
    func inMapOrder<T>(_ valueOf: (Int) -> T) -> [T] {
        grid.order.map { valueOf(Int($0)) }
    }

    /// Labels are written by renaming a temporary file into the directory, so the directory
    /// must be writable (and labels.csv, when it is there, should be too).
    static func whyReadOnly(directory: String, labelsPath: String) -> String? {
        if access(directory, W_OK) != 0 {
            return "the directory is read-only (\(String(cString: strerror(errno)))): labels cannot be saved"
        }
        if FileManager.default.fileExists(atPath: labelsPath), access(labelsPath, W_OK) != 0 {
            return "labels.csv is read-only: labels cannot be saved"
        }
        return nil
    }
}

/// Loads `LatentModel`s on a thread of their own; the newest finished load waits in `take()`.
final class LatentLoader: Sendable {
    private let state = Mutex<(started: Int, finished: Int, result: Result<LatentModel, LatentLoadError>?)>((0, 0, nil))
    private let wake: @Sendable () -> Void

    init(wake: @escaping @Sendable () -> Void) {
        self.wake = wake
    }

    /// Starts reading `directory`.
    func load(_ directory: String) {
        let generation = state.withLock { state -> Int in
            state.started += 1
            return state.started
        }
        let thread = Thread { [self] in
            let result: Result<LatentModel, LatentLoadError>
            do {
                result = .success(try LatentModel(directory: directory))
            } catch {
                result = .failure(LatentLoadError(message: "\(error)"))
            }
            state.withLock { state in
                // An older load that finishes late does not replace a newer one.
                guard generation > state.finished else { return }
                state.finished = generation
                state.result = result
            }
            wake()
        }
        thread.name = "latent load"
        thread.start()
    }

    var isLoading: Bool { state.withLock { $0.started > $0.finished } }

    /// The newest finished load, once.
    func take() -> Result<LatentModel, LatentLoadError>? {
        state.withLock { state in
            defer { state.result = nil }
            return state.result
        }
    }
}

/// Why a directory could not be opened as a map.
struct LatentLoadError: Error, Sendable {
    var message: String
}
