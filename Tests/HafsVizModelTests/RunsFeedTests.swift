import Foundation
import HafsVizCore
import HafsVizModel
import Testing

/// The feed on a local logdir sleeps on a `DirectoryWatch`: with its idle pass a minute away,
/// only the watch's events can bring in a new point, a new run, or a run whose empty file got
/// its first line.
@Suite("Runs feed")
struct RunsFeedTests {
    /// The newest model once `test` holds, waiting up to 20 s (well under the idle minute).
    static func model(_ feed: RunsFeed<RunsModel>, until test: (RunsModel) -> Bool) -> RunsModel? {
        var latest: RunsModel?
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline {
            if let model = feed.takeLatest() { latest = model }
            if let latest, test(latest) { return latest }
            Thread.sleep(forTimeInterval: 0.02)
        }
        return nil
    }

    static func append(_ line: String, to path: String) throws {
        let handle = try #require(FileHandle(forWritingAtPath: path))
        handle.seekToEndOfFile()
        handle.write(Data((line + "\n").utf8))
        try handle.close()
    }

    @Test("appends, a new run, and an empty file's first line arrive through the watch, not the idle pass")
    func watched() throws {
        let root = NSTemporaryDirectory() + "hafs-feed-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createDirectory(atPath: root + "/run_a", withIntermediateDirectories: true)
        try Data("{\"step\": 1, \"loss\": 2.0}\n".utf8).write(to: URL(fileURLWithPath: root + "/run_a/metrics.jsonl"))
        let feed = RunsFeed(logdir: root, interval: 0.05, scanInterval: 60, idleInterval: 60)
        feed.start()
        defer { feed.stop() }
        let first = RunsFeedTests.model(feed) { $0.runs.count == 1 }
        #expect(first?.runs.first?.name == "run_a")
        try RunsFeedTests.append("{\"step\": 2, \"loss\": 1.5}", to: root + "/run_a/metrics.jsonl")
        let grown = RunsFeedTests.model(feed) { $0.runs.first?.pointCount == 2 }
        #expect(grown != nil, "the append arrived")
        try FileManager.default.createDirectory(atPath: root + "/run_b", withIntermediateDirectories: true)
        #expect(FileManager.default.createFile(atPath: root + "/run_b/metrics.jsonl", contents: Data()))
        try RunsFeedTests.append("{\"step\": 1, \"loss\": 3.0}", to: root + "/run_b/metrics.jsonl")
        let both = RunsFeedTests.model(feed) { $0.runs.count == 2 }
        #expect(both?.runs.map(\.name).sorted() == ["run_a", "run_b"], "the empty file's first line made it a run")
    }
}
