import Foundation
import TestSupport
import Testing

@testable import HafsVizCore

/// One case of `Fixtures/malformed/EXPECTED.tsv`.
struct MalformedCase: CustomTestStringConvertible, Sendable {
    var directory: String
    var file: DashboardFile
    var fragment: String
    var testDescription: String { directory }

    /// A manifest line that does not parse: a test failure, never a silently dropped case.
    struct ManifestError: Error, CustomStringConvertible {
        var line: Int
        var text: String
        var why: String
        var description: String { "EXPECTED.tsv line \(line): \(why): \(text)" }
    }

    /// Every case of the manifest; throws on the first line that is not a comment and not
    /// `directory<TAB>file<TAB>fragment` with a known file and a non-empty fragment.
    static func all() throws -> [MalformedCase] {
        let manifest = try String(contentsOfFile: TestPaths.fixture("malformed/EXPECTED.tsv"), encoding: .utf8)
        var cases: [MalformedCase] = []
        for (index, line) in manifest.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if line.isEmpty || line.hasPrefix("#") { continue }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 3 else {
                throw ManifestError(line: index + 1, text: String(line), why: "expected 3 tab-separated fields, found \(fields.count)")
            }
            guard let file = DashboardFile(rawValue: fields[1]) else {
                throw ManifestError(line: index + 1, text: String(line), why: "unknown file \(fields[1])")
            }
            guard !fields[0].isEmpty, !fields[2].isEmpty else {
                throw ManifestError(line: index + 1, text: String(line), why: "empty directory or fragment")
            }
            cases.append(MalformedCase(directory: fields[0], file: file, fragment: fields[2]))
        }
        return cases
    }
}

@Suite("Malformed input")
struct MalformedInputTests {
    @Test("the manifest parses, and lists every committed case exactly once")
    func manifest() throws {
        let cases = try MalformedCase.all()
        #expect(cases.count == 26)
        let listed = cases.map(\.directory)
        #expect(Set(listed).count == listed.count, "no case listed twice")
        let onDisk = try FileManager.default.contentsOfDirectory(atPath: TestPaths.fixture("malformed"))
            .filter { $0 != "EXPECTED.tsv" }
        #expect(Set(onDisk) == Set(listed), "every folder under Fixtures/malformed is in the manifest, and the reverse")
    }

    @Test("every committed malformed fixture comes out failed with a useful message", arguments: try MalformedCase.all())
    func committed(_ testCase: MalformedCase) throws {
        let snapshot = try SnapshotLoader(directory: TestPaths.fixture("malformed/" + testCase.directory)).loadNow()
        let status = snapshot.statuses.first { $0.file == testCase.file.fileName }?.status
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
        let truncated = try SnapshotLoader(directory: TestPaths.fixture("malformed/truncated-after-number")).loadNow()
        // The file ends right after `        "overall": 0.6` (columns 1–22 of line 25): the end is 25:23.
        #expect(truncated.errors.first?.position == TextPosition(line: 25, column: 23))
        let typed = try SnapshotLoader(directory: TestPaths.fixture("malformed/wrong-field-types")).loadNow()
        #expect(typed.errors.first?.fieldPath == "generator_stats.code_generator.samples_accepted")
        #expect(typed.errors.first?.position?.line == 8)
    }

    @Test("arrays nested 100k levels deep fail without overflowing the stack")
    func deepNesting() throws {
        let directory = TemporaryDirectory()
        try directory.write(
            .quality, "{\"extra\": " + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000) + "}")
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
        let text =
            #"{"rejection_history": [{"domain": "d", "scores": {"overall": NaN}}, {"domain": "d", "scores": {"overall": 1e400}},"#
            + #"{"domain": "d", "scores": {"overall": -Infinity}}, {"domain": "d", "scores": {"overall": 0.5}}]}"#
        try directory.write(.quality, bytes: [0xEF, 0xBB, 0xBF] + Array(text.utf8))
        let snapshot = try SnapshotLoader(directory: directory.path).loadNow()
        #expect(snapshot.quality.status == .ok)
        let history = try #require(snapshot.quality.data).history
        let trend = try #require(QualityTrend.compute(from: history).first)
        #expect(trend.values == [0.5])
        #expect(trend.nonFiniteCount == 3)
        let figures = try #require(DerivedFigures.history(history, false).trends.first)
        #expect(figures.count == 1 && figures.mean == 0.5 && figures.nonFiniteCount == 3)
    }

    @Test("every strict prefix of a valid file fails with a position, never crashes")
    func everyTruncation() throws {
        for (name, text) in [
            ("quality", HandComputed.quality), ("active learning", HandComputed.activeLearning),
            ("training", HandComputed.training),
        ] {
            let bytes = Array(text.utf8)
            for cut in 0..<bytes.count {
                let outcome = DecodeOutcome(Array(bytes[0..<cut]), document: name)
                guard case .failed(let error) = outcome else {
                    Issue.record("\(name) cut at byte \(cut): \(outcome), expected failed")
                    continue
                }
                // Cuts inside the leading whitespace leave "only whitespace" or "empty": file-level.
                if !error.message.hasPrefix("file ") {
                    #expect(error.position != nil && error.message.contains("end of file"), "\(name) cut at \(cut): \(error)")
                }
            }
        }
    }

    @Test("random byte corruption: ok, or failed with a position for syntax errors; never a crash")
    func randomCorruption() throws {
        var (generator, seedNote) = TestSeed.generator(fallback: 0xC0FFEE)
        var outcomes = (ok: 0, failed: 0)
        for (name, text) in [
            ("quality", HandComputed.quality), ("active learning", HandComputed.activeLearning),
            ("training", HandComputed.training),
        ] {
            let original = Array(text.utf8)
            let lineCount = original.filter { $0 == 0x0A }.count + 1
            for round in 0..<400 {
                var bytes = original
                for _ in 0..<Int.random(in: 1...4, using: &generator) {
                    bytes[Int.random(in: 0..<bytes.count, using: &generator)] = UInt8.random(in: 0...255, using: &generator)
                }
                switch DecodeOutcome(bytes, document: name) {
                case .ok:
                    outcomes.ok += 1
                case .failed(let error):
                    outcomes.failed += 1
                    #expect(error.description.hasPrefix(error.file), "\(name) round \(round): \(error); \(seedNote)")
                    // File-level problems ("file is UTF-16 …") have no position; everything found
                    // inside the text does, within the file's lines.
                    if !error.message.hasPrefix("file ") {
                        let position = error.position
                        #expect(position != nil, "\(name) round \(round): \(error); \(seedNote)")
                        if let position {
                            #expect(
                                position.line >= 1 && position.line <= lineCount + 1 && position.column >= 1,
                                "\(name) round \(round): \(error); \(seedNote)")
                        }
                    }
                case .otherError(let error):
                    Issue.record("\(name) round \(round): threw \(error), not a LoadError; \(seedNote)")
                }
            }
        }
        // A corruption in a string value or whitespace often leaves valid JSON: both outcomes occur.
        #expect(outcomes.ok > 0 && outcomes.failed > 0, "\(outcomes); \(seedNote)")
    }
}

/// What decoding one document's bytes came to.
enum DecodeOutcome: CustomStringConvertible {
    case ok
    case failed(LoadError)
    case otherError(any Error)

    /// Decodes `bytes` with the decoder named by `document` ("quality", "active learning", "training").
    init(_ bytes: [UInt8], document: String) {
        do {
            try bytes.withUnsafeBufferPointer { buffer in
                switch document {
                case "quality": _ = try QualityFeedbackSource().decode(buffer)
                case "active learning": _ = try ActiveLearningSource().decode(buffer)
                default: _ = try TrainingFeedbackSource().decode(buffer)
                }
            }
            self = .ok
        } catch let error as LoadError {
            self = .failed(error)
        } catch {
            self = .otherError(error)
        }
    }

    var description: String {
        switch self {
        case .ok: "ok"
        case .failed(let error): "failed: \(error)"
        case .otherError(let error): "threw \(error)"
        }
    }
}
