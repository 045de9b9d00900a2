import Foundation

@testable import HafsVizCore

/// Paths and helpers shared by the core tests.
enum TestPaths {
    /// The repository's `Fixtures/` folder.
    static let fixtures: String = {
        let here = URL(fileURLWithPath: #filePath)
        return here.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures").path
    }()

    static func fixture(_ name: String) -> String { (fixtures as NSString).appendingPathComponent(name) }
}

/// A fresh temporary directory, removed when the value is released.
final class TemporaryDirectory {
    let path: String

    init() {
        path = NSTemporaryDirectory() + "hafs-viz-test-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    func write(_ file: DashboardFile, _ text: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: (path as NSString).appendingPathComponent(file.fileName)))
    }

    func write(_ file: DashboardFile, bytes: [UInt8]) throws {
        try Data(bytes).write(to: URL(fileURLWithPath: (path as NSString).appendingPathComponent(file.fileName)))
    }

    func filePath(_ file: DashboardFile) -> String { (path as NSString).appendingPathComponent(file.fileName) }
}

/// Runs `body` with a scanner over `text`.
func scan<T>(_ text: String, _ body: (inout JSONScanner) throws -> T) throws -> T {
    var bytes = Array(text.utf8)
    return try scan(bytes: &bytes, body)
}

func scan<T>(bytes: inout [UInt8], _ body: (inout JSONScanner) throws -> T) throws -> T {
    try bytes.withUnsafeBufferPointer { buffer in
        var scanner = JSONScanner(buffer)
        let value = try body(&scanner)
        try scanner.expectEnd()
        return value
    }
}

/// Decodes a quality_feedback.json text.
func decodeQuality(_ text: String) throws -> QualityFeedback {
    let bytes = Array(text.utf8)
    return try bytes.withUnsafeBufferPointer { try QualityFeedbackSource().decode($0) }
}

/// The Dashboard's three files by name, for writing test directories.
enum DashboardFile: String, CaseIterable, Sendable {
    case quality = "quality_feedback.json"
    case activeLearning = "active_learning.json"
    case training = "training_feedback.json"

    var fileName: String { rawValue }
}

/// The `LoadError` a throwing decode produced (nil when it did not throw one).
func loadError(_ body: () throws -> Void) -> LoadError? {
    do {
        try body()
        return nil
    } catch let error as LoadError {
        return error
    } catch {
        return nil
    }
}

/// Writes a pretty-printed (indent=2) quality file with `count` synthetic history entries, the
/// way Python lays it out, so the two-thread split path can be exercised on small input.
func syntheticQualityText(entries count: Int, badEntry: Int? = nil) -> String {
    var lines = ["{", "  \"thresholds\": {", "    \"min_quality_score\": 0.7", "  },", "  \"rejection_history\": ["]
    let domains = ["code", "math", "r\\u00e9sum\\u00e9", "qa"]
    let generators = ["gen_a", "gen_b", "unknown"]
    for index in 0..<count {
        let domain = domains[index % domains.count]
        let overall = index == badEntry ? "\"oops\"" : String(Double(index % 97) / 97.0 + 0.001)
        let risk = index % 13 == 0 ? "NaN" : String(Double(index % 31) / 31.0)
        lines += [
            "    {",
            "      \"sample_id\": \"sample_\(index)_\(index * 7919 % 10007)\",",
            "      \"domain\": \"\(domain)\",",
            "      \"generator\": \"\(generators[index % 3])\",",
            "      \"reason\": \"\(index % 5 == 0 ? "duplicate" : "low_diversity")\",",
            "      \"scores\": {",
            "        \"overall\": \(overall),",
            "        \"hallucination_risk\": \(risk)",
            "      },",
            "      \"timestamp\": \"2025-12-\(10 + index % 9)T10:\(10 + index % 50):00.5\"",
            "    }" + (index == count - 1 ? "" : ","),
        ]
    }
    lines += ["  ],", "  \"last_updated\": \"2025-12-21T10:00:00\"", "}"]
    return lines.joined(separator: "\n")
}

/// Structural equality that treats NaN as equal to NaN (models keep IEEE `==`, where NaN ≠ NaN,
/// and real files hold NaN): compares full descriptions.
func sameValue<T>(_ a: T, _ b: T) -> Bool {
    String(reflecting: a) == String(reflecting: b)
}
