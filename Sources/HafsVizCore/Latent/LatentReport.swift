import Foundation

/// `hafs-viz latent <dir> --json`: what a latent directory holds, without a window.
public struct LatentReport: Sendable {
    public enum LabelsState: String, Sendable {
        case ok, missing, failed
    }

    public var dataset: LatentDataset
    public var labels: LabelFile?
    public var labelsState: LabelsState
    /// Why labels.csv could not be read (state `failed`).
    public var labelsError: String?

    /// Reads the dataset and its labels.csv; throws when latent.npy cannot be read.
    public init(directory: String) throws {
        dataset = try LatentDataset(directory: directory)
        let path = dataset.labelsPath
        if !FileManager.default.fileExists(atPath: path) {
            labelsState = .missing
        } else if let data = FileManager.default.contents(atPath: path) {
            labels = LabelFile(data: data, pointCount: dataset.points)
            labelsState = .ok
        } else {
            labelsState = .failed
            labelsError = "cannot read \(path): \(String(cString: strerror(errno)))"
        }
    }

    /// Labels per class, by class.
    public var classes: [(label: Int, count: Int)] {
        var counts: [Int: Int] = [:]
        for label in (labels?.labels ?? [:]).values { counts[label, default: 0] += 1 }
        return counts.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    /// `{"points", "dims", "projected", "images", "labeled", "classes", "predictions",
    /// "certainty", "labels_file"[, "error"]}` in that order.
    public func json() -> OrderedJSON {
        var fields: [(String, OrderedJSON)] = [
            ("points", .int(dataset.points)), ("dims", .int(dataset.dims)), ("projected", .bool(dataset.projected)),
            ("images", dataset.imageShape.map { .array([.int($0.height), .int($0.width)]) } ?? .null),
            ("labeled", .int(labels?.labels.count ?? 0)),
            ("classes", .object(classes.map { ("\($0.label)", .int($0.count)) })),
            ("predictions", .bool(dataset.predictions != nil)), ("certainty", .bool(dataset.certainty != nil)),
            ("labels_file", .string(labelsState.rawValue)),
        ]
        if let labelsError { fields.append(("error", .string(labelsError))) }
        return .object(fields)
    }

    /// Lines for stderr: optional files left out, bad label rows, non-finite points.
    public var warnings: [String] {
        var lines = dataset.problems
        if dataset.nonFinite > 0 {
            lines.append("latent.npy: \(dataset.nonFinite) of \(dataset.points) points have a non-finite coordinate (counted, not drawn)")
        }
        lines += (labels?.problems ?? []).map(\.description)
        if let labelsError { lines.append(labelsError) }
        return lines
    }
}
