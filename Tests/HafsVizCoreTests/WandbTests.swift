import Foundation
import Testing

@testable import HafsVizCore

/// W&B run logs written by the real wandb package (`Scripts/make_wandb_fixtures.py`); every
/// expected figure comes from W&B's own reader (`wandb leet inspect --json`).
extension RunsReaderTests {
    static let wandbLog = "runs/wandb/offline-run-20261205_172907-hafs52c3/run-hafs52c3.wandb"

    /// The records' (offset, type, length) as the log frames them, after the 7-byte header.
    static func wandbRecords(_ content: [UInt8]) -> [(offset: Int, type: UInt8, length: Int)] {
        var out: [(Int, UInt8, Int)] = []
        var at = 7
        while at + 7 <= content.count {
            let left = 32768 - at % 32768
            if left < 7 {
                at += left
                continue
            }
            let length = Int(content[at + 4]) | Int(content[at + 5]) << 8
            out.append((at, content[at + 6], length))
            at += 7 + length
        }
        return out
    }

    /// Figures of `tags` against the `tags` object of an EXPECTED.json (Python's repr text).
    func checkFigures(_ run: RunLog, _ expected: [String: [String: Any]]) {
        let figures = Dictionary(uniqueKeysWithValues: RunsReport.figures(run).map { ($0.tag, $0.figures) })
        #expect(Set(figures.keys) == Set(expected.keys))
        for (tag, want) in expected {
            func number(_ key: String) -> Double? { (want[key] as? String).flatMap { Double($0) } }
            #expect(figures[tag]?.points == want["points"] as? Int, "\(tag): points")
            #expect(figures[tag]?.lastStep == number("last_step") && same(figures[tag]?.lastValue, number("last_value")), "\(tag)")
            #expect(figures[tag]?.min == number("min") && figures[tag]?.max == number("max"), "\(tag): min/max")
        }
    }

    @Test("a W&B log split at every byte of a message that spans two 32 KiB blocks (first and last fragments)")
    func wandbSplits() throws {
        let content = [UInt8](try Data(contentsOf: URL(fileURLWithPath: TestPaths.fixture(RunsReaderTests.wandbLog))))
        let records = RunsReaderTests.wandbRecords(content)
        let first = try #require(records.firstIndex { $0.type == 2 }, "the fixture has a message split across blocks")
        let last = try #require(records[first...].firstIndex { $0.type == 4 })
        #expect(records[first].offset / 32768 != records[last].offset / 32768, "its fragments are in two blocks")
        let end = records[last].offset + 7 + records[last].length
        // The log up to a little past the message: what follows it plays no part.
        try splitEverywhere(
            Array(content[..<min(content.count, end + 2000)]), name: "run-x.wandb", format: WandbFormat(),
            recordStart: records[first].offset, recordEnd: end)
    }

    @Test("the fixture's name, config, summary, exit and skipped media, as W&B wrote them")
    func wandbRunFacts() throws {
        let report = RunsReport.read(logdir: TestPaths.fixture("runs"))
        let run = try #require(report.runs.first { $0.format.id == "wandb" })
        #expect(run.displayName == "run_20251215_52c3", "wandb.init(name:)")
        #expect(run.params["learning_rate"] == .number(2e-4) && run.params["optimizer.name"] == .text("adamw"))
        #expect(run.params["bf16"] == .bool(true) && run.params["batch_size"] == .number(16) && run.params["_wandb"] == nil)
        #expect(run.summary["final_loss"] == .number(1.1593), "run.summary[...] = 1.1593")
        #expect(run.progress.status == "FINISHED" && run.progress.step == 3990)
        #expect(run.notes.map(\.message) == ["2 media values skipped (images, histograms, tables: not scalars)"], "\(run.notes)")
        #expect(!run.isFailed)
    }

    @Test("a log cut inside a record (a killed run): read up to it, and said with its place once the file is quiet")
    func wandbTorn() throws {
        let expected = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: TestPaths.fixture("wandb-bad/EXPECTED.json"))))
                as? [String: [String: Any]])
        let folder = TemporaryDirectory()
        let path = folder.path + "/run-torn.wandb"
        try FileManager.default.copyItem(atPath: TestPaths.fixture("wandb-bad/torn/run-torn.wandb"), toPath: path)
        let location = RunLocation(name: "torn", directory: folder.path, format: WandbFormat(), files: [path])
        // Written a moment ago: a run still writing its record. Nothing to say yet.
        let fresh = RunReader(location: location)
        fresh.refresh()
        #expect(fresh.log().notes.filter { $0.message.contains("mid-write") }.isEmpty)
        // Untouched for a minute: the run stopped there.
        var times = [timespec(tv_sec: time(nil) - 60, tv_nsec: 0), timespec(tv_sec: time(nil) - 60, tv_nsec: 0)]
        _ = utimensat(AT_FDCWD, path, &times, 0)
        let reader = RunReader(location: location)
        reader.refresh()
        let run = reader.log()
        #expect(!run.isFailed, "the points before it are good: \(run.errors)")
        checkFigures(run, try #require((expected["torn"]?["tags"]) as? [String: [String: Any]]))
        let cut = try #require(expected["torn"]?["cut_at"] as? Int)
        let torn = try #require(run.notes.first { $0.message.contains("the run stopped mid-write; read up to it") }, "\(run.notes)")
        let at = Int(torn.location?.dropFirst("byte ".count) ?? "") ?? -1
        #expect(at > 0 && at < cut, "the place is the torn record's start, before the cut: \(torn)")
    }

    @Test("a log from a newer W&B with a record of an unknown kind: skipped and counted, the rest read")
    func wandbNewer() throws {
        let expected = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: TestPaths.fixture("wandb-bad/EXPECTED.json"))))
                as? [String: [String: Any]])
        let path = TestPaths.fixture("wandb-bad/newer/run-newer.wandb")
        let reader = RunReader(
            location: RunLocation(
                name: "newer", directory: (path as NSString).deletingLastPathComponent, format: WandbFormat(), files: [path]))
        reader.refresh()
        let run = reader.log()
        #expect(!run.isFailed)
        checkFigures(run, try #require((expected["newer"]?["tags"]) as? [String: [String: Any]]))
        #expect(run.notes.contains { $0.message.hasPrefix("1 records of kinds this reader does not know skipped") }, "\(run.notes)")
    }

    @Test("W&B's own debug logs, as wandb 0.31 wrote them beside the fixture run, are no metrics rows, line by line")
    func wandbDebugLogsAreNotMetrics() throws {
        let folder = TestPaths.fixture((RunsReaderTests.wandbLog as NSString).deletingLastPathComponent + "/logs")
        var lines = 0
        for name in ["debug-core.log", "debug-internal.log"] {
            let text = try String(contentsOfFile: folder + "/" + name, encoding: .utf8)
            for line in text.split(separator: "\n") where line.hasPrefix("{") {
                lines += 1
                #expect(!JSONLParser.isMetricLine(String(line)), "\(name): \(line.prefix(120))")
            }
        }
        #expect(lines > 0, "the fixture's logs hold JSON lines")
    }
}
