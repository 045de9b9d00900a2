import Foundation
import HafsVizCore
import Testing

/// The list of log formats is the one place a format is named: the docs and the README follow
/// it, and the scanner takes the first format of the list that recognises a folder.
@Suite("Log format list")
struct LogFormatListTests {
    static func text(_ relative: String) throws -> String {
        let root = (TestPaths.fixtures as NSString).deletingLastPathComponent
        return try String(contentsOfFile: root + "/" + relative, encoding: .utf8)
    }

    @Test("ids are unique, and docs/run-logs.md has a row, in the list's order, for every format")
    func docsFollowTheList() throws {
        let ids = LogFormats.all.map(\.id)
        #expect(Set(ids).count == ids.count)
        let docs = try LogFormatListTests.text("docs/run-logs.md")
        let rows = docs.split(separator: "\n").filter { $0.hasPrefix("| `") }.map { $0.split(separator: "`")[1] }.map(String.init)
        #expect(rows == ids, "the format table of docs/run-logs.md")
        let readme = try LogFormatListTests.text("README.md")
        for id in ids { #expect(readme.contains("\"\(id)\""), "README's runs --json shape names \(id)") }
    }

    @Test("a folder holding several logs is a run of the first format in the list")
    func precedence() throws {
        let folder = NSTemporaryDirectory() + "hafs-formats-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // A Keras log and a JSON Lines log: Keras comes first in the list.
        try Data("{\"step\": 1, \"loss\": 0.5}\n".utf8).write(to: URL(fileURLWithPath: folder + "/a.jsonl"))
        try Data("epoch,loss\n0,0.5\n".utf8).write(to: URL(fileURLWithPath: folder + "/b.log"))
        #expect(LogdirScanner.scan(folder).map(\.format.id) == ["keras_csv"])
        // metrics.csv with a step column is Lightning's even beside a Keras log.
        try Data("step,loss\n0,0.5\n".utf8).write(to: URL(fileURLWithPath: folder + "/metrics.csv"))
        #expect(LogdirScanner.scan(folder).map(\.format.id) == ["lightning_csv"])
        // An event file wins over all of them.
        try Data().write(to: URL(fileURLWithPath: folder + "/events.out.tfevents.1.host"))
        let runs = LogdirScanner.scan(folder)
        #expect(runs.map(\.format.id) == ["tfevents"] && runs.first?.files == [folder + "/events.out.tfevents.1.host"])
    }
}
