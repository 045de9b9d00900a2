// LatentDataset: the Latent workspace's directory read into one value (docs/latent.md).
//
//   latent.npy           N×2 (or N×D, projected to 2-D by PCA)        required
//   images.npy           N×H×W or N×H×W×3, uint8 or float               optional
//   reconstructions.npy  same shape as images                          optional
//   predictions.npy      N whole numbers                               optional
//   certainty.npy        N numbers in [0, 1]                           optional
//   labels.csv           Serial,label                                  optional (made on the first label)
//
// A bad optional file is left out with its reason in `problems`; the map still opens. A bad
// latent.npy is an error: there is nothing to draw.

import Foundation

public struct LatentDataset: Sendable {
    public let directory: String
    /// N: points in latent.npy.
    public let points: Int
    /// D: latent.npy's second dimension.
    public let dims: Int
    /// D > 2: the map shows the first two principal components.
    public let projected: Bool
    /// For a projection: the share of variance along each axis, and how many rows fitted it.
    public let explainedVariance: SIMD2<Double>?
    public let projectionSample: Int
    /// Map coordinates, one per point (NaN where the file had a non-finite value).
    public let xs: [Double]
    public let ys: [Double]
    /// Points with a non-finite coordinate: counted, not drawn.
    public let nonFinite: Int
    /// Originals and reconstructions, when present and of N rows.
    public let images: NPYArray?
    public let reconstructions: NPYArray?
    /// How each array's values are drawn, chosen once per array (`ImageScale`).
    public let imageScale: ImageScale?
    public let reconstructionScale: ImageScale?
    /// Each image's (height, width, channels).
    public let imageShape: (height: Int, width: Int, channels: Int)?
    public let predictions: [Int?]?
    public let certainty: [Double]?
    /// Optional files left out, each with its reason.
    public let problems: [String]

    public static let latentFile = "latent.npy"
    public static let labelsFile = "labels.csv"
    /// Rows used to fit a projection: more add time, not accuracy.
    public static let projectionRows = 20_000

    /// Reads `directory`; throws when latent.npy is missing or unreadable.
    public init(directory: String) throws {
        self.directory = directory
        func path(_ name: String) -> String { (directory as NSString).appendingPathComponent(name) }
        let latent = try NPYArray(path: path(LatentDataset.latentFile))
        guard latent.shape.count == 2, latent.shape[1] >= 2 else {
            throw NPYError(
                path: path(LatentDataset.latentFile),
                reason: "has shape \(NPYHeader.shapeText(latent.shape)); the map needs N×2 (or N×D with D > 2, projected)")
        }
        let n = latent.rows
        let d = latent.shape[1]
        points = n
        dims = d
        projected = d > 2
        var xs = [Double](repeating: .nan, count: n)
        var ys = [Double](repeating: .nan, count: n)
        var sample = 0
        var explained: SIMD2<Double>?
        if d == 2 {
            for i in 0..<n {
                xs[i] = latent.double(i * 2)
                ys[i] = latent.double(i * 2 + 1)
            }
        } else {
            // Fit on evenly spaced finite rows, then project every row.
            let step = max(1, n / LatentDataset.projectionRows)
            var rows: [[Double]] = []
            var index = 0
            while index < n {
                let row = latent.row(index)
                if row.allSatisfy(\.isFinite) { rows.append(row) }
                index += step
            }
            sample = rows.count
            let fit = PrincipalComponents(rows: rows, dimension: d)
            var mean = [Double](repeating: 0, count: d)
            for row in rows { for j in 0..<d { mean[j] += row[j] } }
            if !rows.isEmpty { for j in 0..<d { mean[j] /= Double(rows.count) } }
            let axes = fit.axes
            for i in 0..<n {
                var x = 0.0
                var y = 0.0
                let base = i * d
                for j in 0..<d {
                    let value = latent.double(base + j) - mean[j]
                    if axes.count > 0 { x += value * axes[0][j] }
                    if axes.count > 1 { y += value * axes[1][j] }
                }
                xs[i] = x
                ys[i] = y
            }
            explained = fit.explainedVariance
        }
        guard !latent.wasTruncated else {
            throw NPYError(
                path: path(LatentDataset.latentFile),
                reason: "was cut short while it was read (is it being written?); read it again once it is whole")
        }
        projectionSample = sample
        explainedVariance = explained
        var nonFinite = 0
        for i in 0..<n where !(xs[i].isFinite && ys[i].isFinite) {
            xs[i] = .nan
            ys[i] = .nan
            nonFinite += 1
        }
        self.xs = xs
        self.ys = ys
        self.nonFinite = nonFinite

        var problems: [String] = []
        /// An optional array of N rows; nil (and a problem) when it is there but unusable.
        func optional(_ name: String, check: (NPYArray) -> String? = { _ in nil }) -> NPYArray? {
            guard FileManager.default.fileExists(atPath: path(name)) else { return nil }
            do {
                let array = try NPYArray(path: path(name))
                guard array.rows == n, !array.shape.isEmpty else {
                    problems.append("\(name): has \(array.shape.isEmpty ? 0 : array.rows) rows, latent.npy has \(n): left out")
                    return nil
                }
                if let problem = check(array) {
                    problems.append("\(name): \(problem): left out")
                    return nil
                }
                return array
            } catch {
                problems.append("\(error): left out")
                return nil
            }
        }
        let imageCheck: (NPYArray) -> String? = { array in
            let shape = array.shape
            if shape.count == 3 || (shape.count == 4 && (shape[3] == 3 || shape[3] == 1)) { return nil }
            return "has shape \(NPYHeader.shapeText(shape)); images are N×H×W or N×H×W×3"
        }
        let images = optional("images.npy", check: imageCheck)
        self.images = images
        imageShape = images.map { (height: $0.shape[1], width: $0.shape[2], channels: $0.shape.count == 4 ? $0.shape[3] : 1) }
        reconstructions = optional("reconstructions.npy") { array in
            imageCheck(array)
                ?? (images.map { array.shape == $0.shape } == false
                    ? "has shape \(NPYHeader.shapeText(array.shape)), images.npy has \(NPYHeader.shapeText(images?.shape ?? []))" : nil)
        }
        imageScale = images.map(ImageScale.init(of:))
        reconstructionScale = reconstructions.map(ImageScale.init(of:))
        predictions = optional("predictions.npy") {
            $0.shape.count == 1 ? nil : "has shape \(NPYHeader.shapeText($0.shape)); predictions are N numbers"
        }
        .map { array in (0..<n).map { array.int($0) } }
        certainty = optional("certainty.npy") {
            $0.shape.count == 1 ? nil : "has shape \(NPYHeader.shapeText($0.shape)); certainty is N numbers"
        }
        .map { array in (0..<n).map { array.double($0) } }
        if let certainty, certainty.contains(where: { $0.isFinite && ($0 < 0 || $0 > 1) }) {
            problems.append("certainty.npy: values outside [0, 1] (drawn clamped)")
        }
        self.problems = problems
    }

    /// The path of labels.csv in this directory.
    public var labelsPath: String { (directory as NSString).appendingPathComponent(LatentDataset.labelsFile) }
}
