import Foundation
import Testing
@testable import HafsVizCore

/// One case of `Fixtures/malformed/EXPECTED.tsv`.
struct MalformedCase: CustomTestStringConvertible, Sendable {
    var directory: String
    var file: DataFile
    var fragment: String
    var testDescription: String { directory }

    static func all() -> [MalformedCase] {
        let manifest = (try? String(contentsOfFile: TestPaths.fixture("malformed/EXPECTED.tsv"), encoding: .utf8)) ?? ""
        return manifest.split(separator: "\n").compactMap { line in
            guard !line.hasPrefix("#") else { return nil }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 3, let file = DataFile(rawValue: fields[1]) else { return nil }
            return MalformedCase(directory: fields[0], file: file, fragment: fields[2])
        }
    }
}

@Suite("Malformed input")
struct MalformedInputTests {
    @Test("the manifest lists at least 15 committed cases")
    func manifest() {
        #expect(MalformedCase.all().count >= 15)
    }

    @Test("every committed malformed fixture comes out failed with a useful message", arguments: MalformedCase.all())
    func committed(_ testCase: MalformedCase) throws {
        let snapshot = try SnapshotLoader(directory: TestPaths.fixture("malformed/" + testCase.directory)).loadNow()
        let status = snapshot.statuses.first { $0.file == testCase.file }?.status
        guard case .failed(let error) = status else {
            Issue.record("\(testCase.directory): \(String(describing: status)), expected failed")
            return
        }
        #expect(error.description.contains(testCase.fragment), "\(error)")
        #expect(error.description.hasPrefix(testCase.file.fileName), "message names the file: \(error)")
        #expect(snapshot.statuses.filter { $0.status != .missing }.count == 1, "only the bad file is present")
    }

    @Test("syntax errors give line:column; type errors give the field path")
    func locations() throws {
        let truncated = try SnapshotLoader(directory: TestPaths.fixture("malformed/truncated-mid-number")).loadNow()
        #expect(truncated.errors.first?.position != nil)
        let typed = try SnapshotLoader(directory: TestPaths.fixture("malformed/wrong-field-types")).loadNow()
        #expect(typed.errors.first?.fieldPath == "generator_stats.code_generator.samples_accepted")
        #expect(typed.errors.first?.position?.line == 8)
    }

    @Test("arrays nested 100k levels deep fail without overflowing the stack")
    func deepNesting() throws {
        let directory = TemporaryDirectory()
        try directory.write(.quality, "{\"extra\": " + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000) + "}")
        let snapshot = try SnapshotLoader(directory: directory.path).loadNow()
        #expect(snapshot.errors.first?.message.contains("nesting deeper than") == true)
    }

    @Test("a directory named like a source file")
    func directoryNamedLikeFile() throws {
        let directory = TemporaryDirectory()
        try FileManager.default.createDirectory(atPath: directory.filePath(.training), withIntermediateDirectories: false)
        let snapshot = try SnapshotLoader(directory: directory.path).loadNow()
        #expect(snapshot.training.status != .ok)
        #expect(snapshot.errors.first?.message.contains("is a directory, not a file") == true)
    }

    @Test("a huge string is refused by the per-value limit")
    func hugeString() throws {
        let directory = TemporaryDirectory()
        try directory.write(.quality, "{\"last_updated\": \"" + String(repeating: "x", count: 3 << 20) + "\"}")
        let snapshot = try SnapshotLoader(directory: directory.path).loadNow()
        #expect(snapshot.errors.first?.message.contains("exceeds the 1 MiB limit") == true)
        #expect(snapshot.errors.first?.fieldPath == "last_updated")
    }

    @Test("a UTF-8 BOM, NaN scores and 1e400 scores are accepted as Python would read them")
    func acceptedQuirks() throws {
        let directory = TemporaryDirectory()
        let text = #"{"rejection_history": [{"domain": "d", "scores": {"overall": NaN}}, {"domain": "d", "scores": {"overall": 1e400}},"#
            + #"{"domain": "d", "scores": {"overall": -Infinity}}, {"domain": "d", "scores": {"overall": 0.5}}]}"#
        try directory.write(.quality, bytes: [0xEF, 0xBB, 0xBF] + Array(text.utf8))
        let snapshot = try SnapshotLoader(directory: directory.path).loadNow()
        #expect(snapshot.quality.status == .ok)
        let trend = try #require(snapshot.derived.trends.first)
        #expect(trend.values == [0.5])
        #expect(trend.nonFiniteCount == 3)
    }

    @Test("random truncations of a valid file fail cleanly or read a prefix, never crash")
    func randomTruncations() throws {
        let text = Array(HandComputed.quality.utf8)
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<300 {
            let cut = Int.random(in: 0..<text.count, using: &generator)
            let prefix = Array(text[0..<cut])
            let error = loadError { _ = try prefix.withUnsafeBufferPointer { try DocumentDecoder.quality($0) } }
            #expect(error != nil, "a strict prefix of an object is never complete (cut at \(cut))")
        }
    }

    @Test("random byte corruption never crashes")
    func randomCorruption() throws {
        let text = Array(HandComputed.quality.utf8)
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<500 {
            var bytes = text
            for _ in 0..<Int.random(in: 1...4, using: &generator) {
                bytes[Int.random(in: 0..<bytes.count, using: &generator)] = UInt8.random(in: 0...255, using: &generator)
            }
            _ = loadError { _ = try bytes.withUnsafeBufferPointer { try DocumentDecoder.quality($0) } }
        }
    }
}
