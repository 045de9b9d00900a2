import Foundation
import HafsVizCore
import HafsVizModel
import TestSupport
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
        try FileAppend.line("{\"step\": 2, \"loss\": 1.5}", to: root + "/run_a/metrics.jsonl")
        let grown = RunsFeedTests.model(feed) { $0.runs.first?.pointCount == 2 }
        #expect(grown != nil, "the append arrived")
        try FileManager.default.createDirectory(atPath: root + "/run_b", withIntermediateDirectories: true)
        #expect(FileManager.default.createFile(atPath: root + "/run_b/metrics.jsonl", contents: Data()))
        try FileAppend.line("{\"step\": 1, \"loss\": 3.0}", to: root + "/run_b/metrics.jsonl")
        let both = RunsFeedTests.model(feed) { $0.runs.count == 2 }
        #expect(both?.runs.map(\.name).sorted() == ["run_a", "run_b"], "the empty file's first line made it a run")
    }
}

/// The feed on `testhost:/path` (a real sshd on 127.0.0.1): appends arrive; sshd killed
/// mid-tail leaves the last points and a message naming the host; restarted, the feed
/// reconnects and every point arrives once.
@Suite("Runs feed over SSH", .serialized)
struct RemoteFeedTests {
    @Test("appends arrive; sshd killed and restarted mid-tail: the message names the host, then every step once")
    func dropAndReconnect() throws {
        let server = try SSHServer()
        let root = NSTemporaryDirectory() + "hafs-remote-feed-" + UUID().uuidString.prefix(8)
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createDirectory(atPath: root + "/logs/run_a", withIntermediateDirectories: true)
        let metrics = root + "/logs/run_a/metrics.jsonl"
        let line = { (step: Int) in "{\"step\": \(step), \"loss\": \(1.0 / Double(step))}" }
        try Data(((1...10).map(line).joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: metrics))
        let ssh = SSHCommand(environment: ["HAFS_VIZ_SSH": server.sshCommand, "XDG_RUNTIME_DIR": root])
        let source = try LogdirSource("testhost:" + root + "/logs", ssh: ssh, cacheRoot: root + "/cache")
        let feed = RunsFeed(logdir: "testhost:" + root + "/logs", sources: [source], interval: 0.05)
        feed.start()
        defer { feed.stop() }
        let steps = { (model: RunsModel) -> Int in model.runs.first?.pointCount ?? 0 }
        let first = RunsFeedTests.model(feed) { steps($0) == 10 }
        #expect(first?.runs.map(\.name) == ["testhost:run_a"])
        for step in 11...15 { try FileAppend.line(line(step), to: metrics) }
        #expect(RunsFeedTests.model(feed) { steps($0) == 15 } != nil, "the appends arrived")
        server.stop()
        for step in 16...20 { try FileAppend.line(line(step), to: metrics) }
        let dropped = RunsFeedTests.model(feed) { $0.problem != nil }
        #expect(dropped?.problem?.contains("testhost:") == true, "\(dropped?.problem ?? "no message")")
        #expect(dropped.map(steps) == 15, "the last points stay")
        try server.start()
        let back = RunsFeedTests.model(feed) { steps($0) == 20 && $0.problem == nil }
        #expect(back != nil, "reconnected and read the rest")
        let read = RunsReport.read([LogdirSource(local: source.root)]).runs.first?.tags["loss"]
        #expect(read.map { Array($0.steps) } == (1...20).map(Double.init), "every step once, in order")
    }
}
