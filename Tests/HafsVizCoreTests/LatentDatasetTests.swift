import Foundation
import TestSupport
import Testing

@testable import HafsVizCore

@Suite("Latent directory")
struct LatentDatasetTests {
    func temporary() throws -> String {
        let path = NSTemporaryDirectory() + "latent-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test(
        "N×2 with its optional files: coordinates, NaN rows counted, images' shape, predictions, certainty; bad optional files left out with the reason"
    )
    func twoDimensional() throws {
        let directory = try temporary()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try writeNPY(directory + "/latent.npy", shape: [6, 2], doubles: [0, 1, 2, 3, .nan, 5, 6, 7, 8, 9, 10, .infinity])
        try writeNPY(directory + "/images.npy", descr: "|u1", shape: [6, 2, 3], bytes: (0..<36).map(UInt8.init))
        try writeNPY(directory + "/predictions.npy", descr: "<f8", shape: [6], doubles: [1, 2, 3, 4, .nan, 6])
        try writeNPY(directory + "/certainty.npy", shape: [6], doubles: [0, 0.5, 1, 1.5, 0.2, 0.3])
        try writeNPY(directory + "/reconstructions.npy", descr: "|u1", shape: [5, 2, 3], bytes: [UInt8](repeating: 0, count: 30))
        let dataset = try LatentDataset(directory: directory)
        #expect(dataset.points == 6 && dataset.dims == 2 && !dataset.projected)
        #expect(dataset.xs[1] == 2 && dataset.ys[1] == 3)
        #expect(dataset.nonFinite == 2 && dataset.xs[2].isNaN && dataset.ys[5].isNaN)
        #expect(dataset.imageShape?.height == 2 && dataset.imageShape?.width == 3 && dataset.imageShape?.channels == 1)
        #expect(dataset.images?.bytes(ofRow: 1) == (6..<12).map(UInt8.init))
        #expect(dataset.predictions == [1, 2, 3, 4, nil, 6])
        #expect(dataset.certainty?.count == 6)
        #expect(dataset.reconstructions == nil)
        #expect(dataset.problems.contains("reconstructions.npy: has 5 rows, latent.npy has 6: left out"))
        #expect(dataset.problems.contains("certainty.npy: values outside [0, 1] (drawn clamped)"))
    }

    @Test("N×D is projected onto its first two principal components, fitted on a sample")
    func projection() throws {
        let directory = try temporary()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        // Column 0 spreads most, column 1 next, column 2 barely: the map is columns 0 and 1, centred (up to sign).
        var values: [Double] = []
        for i in 0..<300 { values += [Double(i % 17) * 10, Double(i % 5) * 3, Double(i % 3) * 0.01] }
        try writeNPY(directory + "/latent.npy", shape: [300, 3], doubles: values)
        let dataset = try LatentDataset(directory: directory)
        #expect(dataset.projected && dataset.dims == 3 && dataset.projectionSample == 300)
        let mean0 = (0..<300).map { Double($0 % 17) * 10 }.reduce(0, +) / 300
        let mean1 = (0..<300).map { Double($0 % 5) * 3 }.reduce(0, +) / 300
        for i in [0, 7, 123, 299] {
            #expect(abs(abs(dataset.xs[i]) - abs(Double(i % 17) * 10 - mean0)) < 0.05, "row \(i)")
            #expect(abs(abs(dataset.ys[i]) - abs(Double(i % 5) * 3 - mean1)) < 0.05, "row \(i)")
        }
        #expect((dataset.explainedVariance?.x ?? 0) > 0.9)
    }

    @Test("latent.npy missing, truncated or of the wrong shape: an error that says which")
    func badLatent() throws {
        let directory = try temporary()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        #expect(throws: NPYError.self) { try LatentDataset(directory: directory) }
        try writeNPY(directory + "/latent.npy", shape: [10], doubles: (0..<10).map(Double.init))
        do {
            _ = try LatentDataset(directory: directory)
            Issue.record("a 1-d latent.npy opened")
        } catch {
            #expect("\(error)".contains("the map needs N×2"))
        }
    }

    @Test("--json: the fields in order, classes counted, labels.csv missing or read")
    func report() throws {
        let directory = try temporary()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try writeNPY(directory + "/latent.npy", shape: [4, 2], doubles: [0, 0, 1, 1, 2, 2, 3, 3])
        #expect(
            try LatentReport(directory: directory).json().serialized()
                == #"{"points":4,"dims":2,"projected":false,"images":null,"labeled":0,"classes":{},"predictions":false,"certainty":false,"labels_file":"missing"}"#
        )
        try "Serial,label\n0,7\n2,7\n3,1\n9,1\n".write(toFile: directory + "/labels.csv", atomically: true, encoding: .utf8)
        let report = try LatentReport(directory: directory)
        #expect(
            report.json().serialized()
                == #"{"points":4,"dims":2,"projected":false,"images":null,"labeled":3,"classes":{"1":1,"7":2},"predictions":false,"certainty":false,"labels_file":"ok"}"#
        )
        #expect(report.warnings == ["labels.csv:5: Serial 9 is past the last point (4 points)"])
    }
}
