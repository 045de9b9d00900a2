import CGuardedMap
import Foundation
import Synchronization
import Testing

@testable import HafsVizCore

/// A producer rewriting `quality_feedback.json` in place, the way Python's `write_text` does
/// (truncate, then write in pieces), about 100 times a second, while loads run back to back.
/// Every load must be one whole version or a failure that keeps the last good data, whether the
/// file is read into memory or mapped (a truncation under a mapping then reads as zeros).
@Suite("Writer racing the reader")
struct WriterRaceTests {
    /// Seconds the race runs (`HAFS_RACE_SECONDS` overrides; the suite runs at least 10).
    static let seconds = max(10, Double(ProcessInfo.processInfo.environment["HAFS_RACE_SECONDS"] ?? "") ?? 10)

    /// Version `tag` has `length(tag)` history entries. The tag is written at the start (the
    /// generator's name), in every entry (sample ids) and at the end (`last_updated`), so bytes
    /// of two versions can never pass for one.
    static func length(_ tag: Int) -> Int { 20 + (tag % 37) * 4 }

    static func text(_ tag: Int) -> String {
        let count = length(tag)
        let entries = (0..<count).map { i in
            #"    {"sample_id": "\#(tag)-\#(i)", "domain": "code", "generator": "writer-\#(tag)", "reason": "duplicate", "scores": {"overall": \#(Double(i % 7) / 8)}, "timestamp": "2025-12-21T10:00:00"}"#
        }
        return """
            {
              "generator_stats": {
                "writer-\(tag)": {"samples_generated": \(count), "samples_accepted": 0, "samples_rejected": \(count), "rejection_reasons": {"duplicate": \(count)}}
              },
              "rejection_history": [
            \(entries.joined(separator: ",\n"))
              ],
              "last_updated": "\(tag)"
            }
            """
    }

    /// What version `tag` must read as: (history length, mean of `overall`), worked out from the
    /// integers: the scores are multiples of 1/8, so their sum is exact.
    static func expected(_ tag: Int) -> (count: Int, mean: Double) {
        let count = length(tag)
        let eighths = (0..<count).reduce(0) { $0 + $1 % 7 }
        return (count, Double(eighths) / 8 / Double(count))
    }

    /// Rewrites the file in place: `O_TRUNC`, then pieces of 2 KiB with short pauses, then a
    /// pause so versions come about every 10 ms. Stops when `stop` is set; returns the last tag.
    final class Producer: @unchecked Sendable {
        // @unchecked: `written` and `stop` are atomics; the thread owns everything else.
        let path: String
        let written = Atomic<Int>(0)
        let stop = Atomic<Bool>(false)
        private let done = DispatchSemaphore(value: 0)

        init(path: String) {
            self.path = path
        }

        func start() {
            Thread.detachNewThread { [self] in
                var tag = 1
                while !stop.load(ordering: .relaxed) {
                    let bytes = Array(WriterRaceTests.text(tag).utf8)
                    let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
                    if descriptor >= 0 {
                        var offset = 0
                        while offset < bytes.count {
                            let piece = min(2048, bytes.count - offset)
                            let wrote = bytes.withUnsafeBufferPointer { write(descriptor, $0.baseAddress! + offset, piece) }
                            if wrote <= 0 { break }
                            offset += wrote
                            usleep(150)
                        }
                        close(descriptor)
                        written.store(tag, ordering: .releasing)
                    }
                    tag += 1
                    usleep(8_000)
                }
                done.signal()
            }
        }

        func finish() {
            stop.store(true, ordering: .relaxed)
            done.wait()
        }
    }

    @Test("every load is one whole version, or a failure that keeps the last good data", arguments: [false, true])
    func race(mapped: Bool) throws {
        try SourceFileReader.$mappingBytesOverride.withValue(mapped ? 1 : Int.max) { try runRace(mapped: mapped) }
    }

    private func runRace(mapped: Bool) throws {
        let faultsBefore = hafs_guarded_map_absorbed_faults()
        let directory = TemporaryDirectory()
        let path = directory.filePath(.quality)
        try directory.write(.quality, WriterRaceTests.text(0))
        let producer = Producer(path: path)
        producer.start()
        defer { producer.finish() }

        let loader = SnapshotLoader(directory: directory.path)
        var previous: Snapshot?
        var lastGood: (tag: Int, data: QualityFeedback)?
        var (ok, failed) = (0, 0)
        let deadline = Date().addingTimeInterval(WriterRaceTests.seconds)
        while Date() < deadline {
            let newestBefore = producer.written.load(ordering: .acquiring)
            let snapshot = try loader.loadNow(previous: previous)
            previous = snapshot
            let source = snapshot.quality
            switch source.status {
            case .ok:
                ok += 1
                let data = try #require(source.data)
                let tag = try #require(data.lastUpdated.flatMap { Int($0) }, "last_updated is a tag")
                let (count, mean) = WriterRaceTests.expected(tag)
                #expect(
                    tag >= newestBefore && tag <= producer.written.load(ordering: .acquiring) + 1,
                    "version \(tag) was being written during the load (newest finished before: \(newestBefore))")
                #expect(
                    data.generators.map(\.name) == ["writer-\(tag)"] && data.generators[0].samplesRejected == count,
                    "generator_stats of version \(tag)")
                #expect(data.history.count == count, "version \(tag) has \(count) entries, read \(data.history.count)")
                let mixed = (0..<data.history.count).filter { !data.history.sampleID(of: $0).hasPrefix("\(tag)-") }
                #expect(mixed.isEmpty, "entries \(mixed.prefix(5)) of version \(tag) come from another version")
                #expect(snapshot.derived.trends.first?.mean == mean, "mean of version \(tag)")
                #expect(!source.isStale)
                lastGood = (tag, data)
            case .failed(let error):
                failed += 1
                #expect(!error.message.isEmpty)
                if let lastGood {
                    #expect(
                        source.data?.lastUpdated == "\(lastGood.tag)" && sameValue(source.data, lastGood.data),
                        "the last good version \(lastGood.tag) stays on screen after: \(error)")
                    #expect(source.isStale)
                } else {
                    #expect(source.data == nil)
                }
            case .missing:
                Issue.record("the file is never removed, only rewritten")
            }
        }
        let versions = producer.written.load(ordering: .acquiring)
        // Process-wide: counts every test's mappings, but only this race truncates under them.
        let faults = hafs_guarded_map_absorbed_faults() - faultsBefore
        print(
            "writer race (\(mapped ? "mapped" : "read")): \(versions) versions written in \(WriterRaceTests.seconds) s; \(ok) loads ok, \(failed) failed (torn or changing)"
                + (mapped ? "; \(faults) reads past a truncated end absorbed" : "")
        )
        if mapped { #expect(faults > 0, "the producer truncated the file under a mapping at least once") }
        #expect(versions >= Int(WriterRaceTests.seconds) * 40, "the producer kept up a fast pace: \(versions) versions")
        #expect(ok >= 20, "enough whole versions were read to check: \(ok)")
    }
}
