// LatentModel: what the Latent workspace shows that does not change with a label, built off the
// main thread from a directory: the dataset, its spatial index (whose cell order is the map's
// drawing order), the certainty order N walks, labels.csv as read, latent.toml and metadata.csv.
// No colours: a front end paints it (the window's `LatentScene`).

import Foundation
import HafsVizCore

public final class LatentModel: Sendable {
    public let dataset: LatentDataset
    public let grid: PointGrid
    /// Each point's place in the map's order (-1: not drawn, a non-finite coordinate).
    public let mapRank: [Int32]
    /// Point indices by rising certainty (finite values only): what N walks.
    public let byCertainty: [Int32]
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
        var rank = [Int32](repeating: -1, count: dataset.points)
        for (place, index) in grid.order.enumerated() { rank[Int(index)] = Int32(place) }
        mapRank = rank
        if let certainty = dataset.certainty {
            byCertainty = (0..<Int32(certainty.count)).filter { certainty[Int($0)].isFinite }.sorted {
                let a = certainty[Int($0)]
                let b = certainty[Int($1)]
                return a < b || (a == b && $0 < $1)
            }
        } else {
            byCertainty = []
        }
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
    public func inMapOrder<T>(_ valueOf: (Int) -> T) -> [T] {
        grid.order.map { valueOf(Int($0)) }
    }

    /// Labels are written by renaming a temporary file into the directory, so the directory
    /// must be writable (and labels.csv, when it is there, should be too).
    public static func whyReadOnly(directory: String, labelsPath: String) -> String? {
        if access(directory, W_OK) != 0 {
            return "the directory is read-only (\(String(cString: strerror(errno)))): labels cannot be saved"
        }
        if FileManager.default.fileExists(atPath: labelsPath), access(labelsPath, W_OK) != 0 {
            return "labels.csv is read-only: labels cannot be saved"
        }
        return nil
    }
}
