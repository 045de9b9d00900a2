import Foundation
import Testing

@testable import HafsVizCore

@Suite("labels.csv")
struct LabelFileTests {
    @Test("written byte for byte: the header, then rows by index, each ended by a newline")
    func render() {
        let data = LabelFile.render([17: 3, 2: 0, 100_000: 9])
        #expect(String(decoding: data, as: UTF8.self) == "Serial,label\n2,0\n17,3\n100000,9\n")
        #expect(String(decoding: LabelFile.render([:]), as: UTF8.self) == "Serial,label\n")
    }

    @Test("bad rows are reported by line and the others kept")
    func badRows() {
        let text = "\u{FEFF}Serial,label\r\n0,1\r\nx,3\n5\n7,-1\n99,1\n\n3,2\n3,4\n  8 , 6 \n"
        var bytes = Array(text.utf8)
        bytes += [0x31, 0x2C, 0xFF, 0x0A]  // "1,\xFF\n": not UTF-8
        let file = LabelFile(data: Data(bytes), pointCount: 50)
        #expect(file.labels == [0: 1, 3: 4, 8: 6])
        #expect(file.problems.map(\.line) == [3, 4, 5, 6, 9, 11])
        #expect(file.problems[0].description == "labels.csv:3: Serial \"x\" is not a point index (a whole number from 0)")
        #expect(file.problems[1].message.contains("two fields"))
        #expect(file.problems[2].message.contains("label \"-1\""))
        #expect(file.problems[3].message == "Serial 99 is past the last point (50 points)")
        #expect(file.problems[4].message.contains("labelled again"))
        #expect(file.problems[5].message == "not UTF-8 text")
    }

    @Test("a file without the header: its first line is said, data rows still read; an empty file holds no labels")
    func header() {
        let file = LabelFile(data: Data("index;label\n1,2\n".utf8), pointCount: nil)
        #expect(file.labels == [1: 2])
        #expect(file.problems.first?.message.hasPrefix("expected the header Serial,label") == true)
        #expect(LabelFile(data: Data(), pointCount: 10) == LabelFile(data: Data("Serial,label\n".utf8), pointCount: 10))
        #expect(LabelFile(data: Data(), pointCount: 10).labels.isEmpty)
    }

    @Test("60,000 labels round-trip")
    func roundTrip() {
        var labels: [Int: Int] = [:]
        for index in 0..<60_000 { labels[index * 3] = index % 10 }
        let file = LabelFile(data: LabelFile.render(labels), pointCount: 180_000)
        #expect(file.labels == labels && file.problems.isEmpty)
    }

    @Test("the writer puts the newest labels on disk, coalescing saves, and says which generation is there")
    func writer() throws {
        let directory = NSTemporaryDirectory() + "labels-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/labels.csv"
        let calls = Counter()
        let writer = LabelWriter(path: path) { _, _ in calls.increment() }
        var labels: [Int: Int] = [:]
        for generation in 1...50 {
            labels[generation] = generation % 10
            writer.save(labels, generation: UInt64(generation))
        }
        writer.waitUntilIdle()
        #expect(writer.savedGeneration == 50)
        #expect(writer.error == nil)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == LabelFile.render(labels))
        #expect(calls.value >= 1 && calls.value <= 50)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0 != "labels.csv" }
        #expect(leftovers.isEmpty, "no temporary files left behind")
    }

    @Test("a write that cannot happen says why and leaves the saved generation where it was")
    func writerFailure() throws {
        let directory = NSTemporaryDirectory() + "labels-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        // A regular file where the folder should be: no permission bits needed (tests may run as root).
        #expect(FileManager.default.createFile(atPath: directory + "/not-a-folder", contents: Data("x".utf8)))
        let writer = LabelWriter(path: directory + "/not-a-folder/labels.csv")
        writer.save([1: 2], generation: 1)
        writer.waitUntilIdle()
        #expect(writer.savedGeneration == 0)
        #expect(writer.error?.contains("not-a-folder") == true)
    }
}

/// A thread-safe counter for callbacks from other threads.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func increment() {
        lock.lock()
        count += 1
        lock.unlock()
    }
    var value: Int {
        lock.lock()
        defer { lock.unlock() }
        return count
    }
}
