import Foundation
import HafsVizCore
import HafsVizModel
import TestSupport
import Testing

/// The labelling session driven with no UI at all: what a terminal front end would call.
@Suite("Label session (no UI)")
struct LabelSessionTests {
    /// Five points; certainties 0.9, 0.2, 0.5, 0.1, 0.7, so N walks 3, 1, 2, 4, 0.
    func session() throws -> (LabelSession, String) {
        let directory = NSTemporaryDirectory() + "hafs-session-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try writeNPY(directory + "/latent.npy", shape: [5, 2], doubles: [0, 0, 1, 0, 0, 1, 1, 1, 0.5, 0.5])
        try writeNPY(directory + "/certainty.npy", shape: [5], doubles: [0.9, 0.2, 0.5, 0.1, 0.7])
        let session = LabelSession(source: FolderSource(local: directory))
        #expect(session.adopt(try LatentModel(source: session.source)), "the first map of a directory")
        return (session, directory)
    }

    func labels(_ directory: String) -> String? {
        FileManager.default.contents(atPath: directory + "/labels.csv").flatMap { String(data: $0, encoding: .utf8) }
    }

    @Test("select, digit, N, undo, remove and a confirmed lasso write labels.csv byte for byte")
    func labelling() throws {
        let (session, directory) = try session()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var reports: [String] = []
        session.report = { text, _ in reports.append(text) }
        #expect(session.labelsStatus?.text == "no labels yet (labels.csv is made on the first)")

        session.labelKey(4)
        #expect(reports.last == "select a point first (click it), or Shift+drag a lasso")
        session.select(1)
        session.labelKey(3)
        session.selectNextUncertain()
        #expect(session.selected == 3, "lowest certainty, unlabelled")
        session.labelKey(7)
        session.selectNextUncertain()
        #expect(session.selected == 2, "1 and 3 are labelled; 2 has 0.5")
        session.labelKey(0)
        session.undo()
        session.selectNextUncertain()
        #expect(session.selected == 4, "after 2 (unlabelled again) in the certainty order")
        session.labelKey(9)
        session.book?.flush()
        #expect(labels(directory) == "Serial,label\n1,3\n3,7\n4,9\n")

        session.removeLabel()
        session.book?.flush()
        #expect(labels(directory) == "Serial,label\n1,3\n3,7\n")

        // A lasso around 1 (labelled 3) and 2: the digit opens the confirmation, Enter applies it.
        session.setLasso([1, 2])
        session.labelKey(5)
        #expect(session.lassoLabelPending == 5 && session.lassoReplaced == 1, "point 1 changes from 3 to 5")
        #expect(labels(directory) == "Serial,label\n1,3\n3,7\n", "nothing written before the confirmation")
        session.confirmLasso()
        session.book?.flush()
        #expect(labels(directory) == "Serial,label\n1,5\n2,5\n3,7\n")
        #expect(reports.last == "labelled 2 points as 5")
        #expect(session.lassoPoints == nil)
        #expect(session.labelsStatus?.text == "labels.csv saved (3)")

        // Esc closes the selection; a second Esc has nothing to close.
        #expect(session.escape())
        #expect(session.selected == nil && !session.escape())
    }

    @Test("an index outside the map selects nothing; N without certainty walks by index")
    func edges() throws {
        let directory = NSTemporaryDirectory() + "hafs-session-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try writeNPY(directory + "/latent.npy", shape: [3, 2], doubles: [0, 0, 1, .nan, 2, 2])
        let session = LabelSession(source: FolderSource(local: directory))
        session.adopt(try LatentModel(source: session.source))
        session.select(7)
        #expect(session.selected == nil)
        var reports: [String] = []
        session.report = { text, _ in reports.append(text) }
        session.selectNextUncertain()
        #expect(session.selected == 0)
        #expect(reports.last == "no certainty.npy: N takes the next unlabelled point by index")
        session.selectNextUncertain()
        #expect(session.selected == 2, "point 1 has a non-finite coordinate and is not on the map")
        #expect(session.availableColorModes == [.labels])
    }
}
