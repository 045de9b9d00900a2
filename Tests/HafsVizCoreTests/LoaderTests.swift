import Foundation
import Synchronization
import Testing

@testable import HafsVizCore

@Suite("SnapshotLoader")
struct LoaderTests {
    @Test("the demo reads ok with every figure present")
    func demo() throws {
        let snapshot = try SnapshotLoader(directory: TestPaths.fixture("demo")).loadNow()
        #expect(snapshot.errors.isEmpty)
        #expect(snapshot.okCount == 3)
        let quality = try #require(snapshot.quality.data)
        #expect(quality.history.count >= 500)
        #expect(quality.generators.contains { $0.name == "unknown" })
        #expect(quality.generators.contains { $0.name == "übersetzer" }, "non-ASCII names come through intact")
        #expect(quality.history.domains.contains("multilingüe"))
        #expect(snapshot.activeLearning.data?.regions.count == 50)
        #expect(snapshot.activeLearning.data?.regions.allSatisfy { $0.centroid.count == 768 } == true)
        #expect((snapshot.training.data?.runs.count ?? 0) >= 6)
        #expect(snapshot.training.data?.runs.contains { $0.isRunning } == true)
        #expect(snapshot.derived.regionMap?.points.allSatisfy { $0 != nil } == true)
    }

    @Test("the empty fixture: regions [] and no training file")
    func emptyFixture() throws {
        let snapshot = try SnapshotLoader(directory: TestPaths.fixture("empty")).loadNow()
        #expect(snapshot.statuses.map(\.status) == [.ok, .ok, .missing])
        #expect(snapshot.derived.coverage?.regionCount == 0)
        #expect(snapshot.derived.coverage?.coverageScore == 0)
        #expect(snapshot.derived.regionMap?.points.isEmpty == true)
        #expect(snapshot.derived.trends.isEmpty)
    }

    @Test("a directory that does not exist: every source missing")
    func missingDirectory() throws {
        let snapshot = try SnapshotLoader(directory: "/nonexistent/hafs-viz-test").loadNow()
        #expect(!snapshot.directoryExists)
        #expect(snapshot.statuses.allSatisfy { $0.status == .missing })
    }

    @Test("a failing reload keeps the last good data, marked stale, and says so")
    func lastGoodSurvives() throws {
        let directory = TemporaryDirectory()
        try directory.write(.quality, HandComputed.quality)
        try directory.write(.training, HandComputed.training)
        let loader = SnapshotLoader(directory: directory.path)
        let first = try loader.loadNow()
        #expect(first.quality.status == .ok && !first.quality.isStale)

        // A half-written file, as a producer mid-write leaves it; the training file is deleted.
        try directory.write(.quality, String(HandComputed.quality.prefix(300)))
        try FileManager.default.removeItem(atPath: directory.filePath(.training))
        let second = try loader.loadNow(previous: first)
        guard case .failed(let error) = second.quality.status else {
            Issue.record("expected failed, got \(second.quality.status)")
            return
        }
        #expect(error.message.contains("unexpected end of file"))
        #expect(sameValue(second.quality.data, first.quality.data))
        #expect(second.quality.isStale)
        #expect(second.quality.staleNote?.contains("the latest read failed") == true)
        #expect(second.training.status == .missing)
        #expect(sameValue(second.training.data, first.training.data) && second.training.isStale)
        // Figures still computed from the last good data: HandComputed's code/overall trend.
        // Its values 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7: 7 of them, mean 0.4.
        #expect(second.derived.trends.first?.count == 7, "figures from the last good data")
        #expect(abs((second.derived.trends.first?.mean ?? 0) - 0.4) < 1e-12)
        #expect(second.derived.trends.map(\.direction) == [.improving, .declining, .insufficient, .stable])
        #expect(second.derived.rejectionTotals.map(\.count) == [3, 3, 1])
        #expect(second.generation == 2)

        // The file is whole again: fresh data, no longer stale.
        try directory.write(
            .quality, HandComputed.quality.replacingOccurrences(of: "\"samples_accepted\": 6", with: "\"samples_accepted\": 8"))
        let third = try loader.loadNow(previous: second)
        #expect(third.quality.status == .ok && !third.quality.isStale)
        #expect(third.quality.data?.generators.first?.samplesAccepted == 8)
    }

    @Test("progress reaches the total; cancelling stops the load")
    func progressAndCancel() async throws {
        let directory = TemporaryDirectory()
        try directory.write(.quality, syntheticQualityText(entries: 3000))
        let loader = SnapshotLoader(directory: directory.path)
        var reports: [LoadProgress] = []
        _ = try loader.loadNow(progress: { reports.append($0) })
        let size = try #require(try FileManager.default.attributesOfItem(atPath: directory.filePath(.quality))[.size] as? Int)
        #expect(reports.last?.bytesTotal == size)
        #expect(reports.contains { $0.bytesRead == size })
        #expect(reports.contains { $0.bytesDecoded == size })
        #expect(reports.last?.fraction == 1)

        var calls = 0
        #expect(throws: CancellationError.self) {
            _ = try loader.loadNow(isCancelled: {
                calls += 1
                return calls > 2
            })
        }

        let task = Task { try await loader.load() }
        task.cancel()
        await #expect(throws: CancellationError.self) { _ = try await task.value }
        let snapshot = try await loader.load()
        #expect(snapshot.quality.data?.history.count == 3000)
    }

    @Test("load() called from the main actor reads and decodes off the main thread")
    @MainActor
    func offMainThread() async throws {
        let onMain = Mutex<[Bool]>([])
        let snapshot = try await SnapshotLoader(directory: TestPaths.fixture("demo")).load { _ in
            onMain.withLock { $0.append(Thread.isMainThread) }
        }
        #expect(snapshot.okCount == 3)
        let seen = onMain.withLock { $0 }
        #expect(!seen.isEmpty)
        #expect(seen.allSatisfy { !$0 }, "every progress report came from a background thread")
    }

    @Test("a file rewritten during the read is read again; one that never settles fails clearly")
    func rewrittenDuringRead() throws {
        let directory = TemporaryDirectory()
        let path = directory.filePath(.quality)
        try directory.write(.quality, HandComputed.quality)
        let loader = SnapshotLoader(directory: directory.path)
        var rewrites = 0
        let settled = try loader.loadNow(progress: { progress in
            if progress.phase == .reading, progress.file == "quality_feedback.json", progress.bytesRead > 0, rewrites == 0 {
                rewrites += 1
                try? Data((HandComputed.quality + "\n\n").utf8).write(to: URL(fileURLWithPath: path))
            }
        })
        #expect(rewrites == 1)
        #expect(settled.quality.status == .ok)
        #expect(settled.quality.byteCount == HandComputed.quality.utf8.count + 2, "the bytes of the second version")

        var growth = 0
        let restless = try loader.loadNow(progress: { progress in
            if progress.phase == .reading, progress.file == "quality_feedback.json", progress.bytesRead > 0 {
                growth += 1
                try? Data((HandComputed.quality + String(repeating: " ", count: growth)).utf8).write(to: URL(fileURLWithPath: path))
            }
        })
        #expect(restless.errors.first?.message.contains("kept changing") == true)
    }

    @Test("decoding on two threads gives exactly the sequential result", arguments: [1, 2, 5, 1000, 4099])
    func splitMatchesSequential(entries: Int) throws {
        let text = syntheticQualityText(entries: entries)
        let sequential = try HistorySplit.$minimumBytesOverride.withValue(Int.max) { try decodeQuality(text) }
        let observer = HistorySplit.Observer()
        let split = try HistorySplit.$observer.withValue(observer) {
            try HistorySplit.$minimumBytesOverride.withValue(0) { try decodeQuality(text) }
        }
        #expect(sameValue(split, sequential))
        #expect(split.history.count == entries)
        if entries > 2 {
            #expect(split.history.domains.contains("résumé"))
        }
        if entries >= 5 {
            #expect(observer.usedSplits.withLock { $0 } == 1, "the two-thread path was taken")
        }
    }

    @Test("an error in the second half names the same entry as a sequential decode", arguments: [10, 1500, 2999])
    func splitErrors(badEntry: Int) throws {
        let text = syntheticQualityText(entries: 3000, badEntry: badEntry)
        let sequential = HistorySplit.$minimumBytesOverride.withValue(Int.max) { loadError { _ = try decodeQuality(text) } }
        let split = HistorySplit.$minimumBytesOverride.withValue(0) { loadError { _ = try decodeQuality(text) } }
        #expect(sequential != nil)
        #expect(split == sequential)
        #expect(split?.fieldPath == "rejection_history[\(badEntry)].scores.overall")
    }
}
