// LatentModel: what the Latent workspace shows that does not change with a label, built off the
// main thread from a directory: the dataset, its spatial index (whose cell order is the map's
// drawing order), the certainty order N walks, labels.csv as read, latent.toml and metadata.csv.
// No colours: a front end paints it (the window's `LatentScene`).

import Foundation
import HafsVizCore

public final class LatentModel: Sendable {
    /// Where it was read: a local folder, or a remote one's copy (labels are written through it).
    public let source: FolderSource
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

    /// The files a latent directory may hold: a remote directory's copy holds these only.
    public static let files: Set<String> = [
        LatentDataset.latentFile, "images.npy", "reconstructions.npy", "predictions.npy", "certainty.npy", LatentDataset.labelsFile,
        MetadataTable.fileName, TrainingConfig.fileName,
    ]

    /// Reads `source` (a remote one synced first); throws when latent.npy cannot be read, with
    /// paths as the user knows them (`host:/path/latent.npy`, not the local copy's).
    public init(source: FolderSource) throws {
        let started = Date()
        self.source = source
        if let problem = source.syncNow(), !FileManager.default.fileExists(atPath: source.readPath) {
            throw LoadFailure(message: problem)
        }
        let directory = source.readPath
        let dataset: LatentDataset
        do {
            dataset = try LatentDataset(directory: directory)
        } catch {
            throw LoadFailure(message: source.isRemote ? "\(error)".replacingOccurrences(of: directory, with: source.name) : "\(error)")
        }
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
            let config = try TrainingConfig.read(directory: directory)
            // Its command would run on this machine, not beside the data.
            if config != nil, let remote = source.remote {
                training = nil
                trainingError =
                    "\(TrainingConfig.fileName): training is off for a folder on \(remote.host); run it there (ssh -t \(remote.host) hafs-viz tui --latent \(remote.path))"
            } else {
                training = config
                trainingError = nil
            }
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
        readOnlyReason = source.whyNotWritable(LatentDataset.labelsFile).map { "\($0): labels cannot be saved" }
        loadSeconds = Date().timeIntervalSince(started)
    }

    /// `valueOf(index)` for every drawn point, in the map's order.
    public func inMapOrder<T>(_ valueOf: (Int) -> T) -> [T] {
        grid.order.map { valueOf(Int($0)) }
    }
}
