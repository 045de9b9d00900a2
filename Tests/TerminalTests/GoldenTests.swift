import Figures
import Foundation
import HafsVizModel
import HafsVizTUI
import Terminal
import TestSupport
import Testing

/// Every workspace's frame at 80×24, 120×40 and 200×60, against text goldens reviewed by eye:
/// the characters, then which style each run of cells has, with each style as the renderer writes
/// it in truecolor, 256, 16 and no colour. The inputs are fixed: the demo, a copy of the runs
/// fixture with fixed file times, a latent directory written here, a fixed "now".
/// `HAFS_VIZ_UPDATE_GOLDENS=1 swift test --filter GoldenTests` writes them anew.
@Suite("Terminal goldens", .serialized)
struct GoldenTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
        .path
    static let goldens = repository + "/Tests/TerminalTests/Goldens"
    /// 2025-12-17 19:33:20 UTC: the fixture files' time; "now" is two hours later.
    static let fileTime = 1_766_000_000.0

    /// The runs fixture, copied with every file's time set to `fileTime`.
    static func runsCopy(in root: String) throws -> String {
        let logdir = root + "/runs"
        try FileManager.default.copyItem(atPath: repository + "/Fixtures/runs", toPath: logdir)
        let files = FileManager.default.enumerator(atPath: logdir)?.compactMap { $0 as? String } ?? []
        for file in files + [""] {
            try FileManager.default.setAttributes(
                [.modificationDate: Date(timeIntervalSince1970: fileTime)], ofItemAtPath: logdir + "/" + file)
        }
        return logdir
    }

    /// 300 points in three clusters, with predictions, certainty, 8×8 images and some labels.
    static func latent(in root: String) throws -> String {
        let directory = root + "/latent"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var coordinates: [Double] = []
        var predictions: [Double] = []
        var certainty: [Double] = []
        var pixels: [Double] = []
        for i in 0..<300 {
            let cluster = i % 3
            let angle = Double(i) * 0.37
            let radius = 0.2 + Double(i % 17) / 17
            coordinates += [Double(cluster) * 3 + radius * cos(angle), Double(cluster % 2) * 2 + radius * sin(angle)]
            predictions.append(Double(cluster))
            certainty.append(Double((i * 37) % 100) / 100)
            pixels += (0..<64).map { Double(($0 * (cluster + 1) + i) % 256) }
        }
        try writeNPY(directory + "/latent.npy", shape: [300, 2], doubles: coordinates)
        try writeNPY(
            directory + "/predictions.npy", descr: "<i8", shape: [300],
            bytes: predictions.flatMap { withUnsafeBytes(of: Int64($0).littleEndian, Array.init) })
        try writeNPY(directory + "/certainty.npy", shape: [300], doubles: certainty)
        try writeNPY(directory + "/images.npy", descr: "|u1", shape: [300, 8, 8], bytes: pixels.map { UInt8($0) })
        let labels = "Serial,label\n" + (0..<30).map { "\($0 * 10),\($0 % 3)" }.joined(separator: "\n") + "\n"
        try Data(labels.utf8).write(to: URL(fileURLWithPath: directory + "/labels.csv"))
        return directory
    }

    /// The text of a golden: the rows, then the styles (one line each, as every depth writes
    /// them), then each row as runs of style letters.
    static func golden(_ buffer: CellBuffer) -> String {
        var styles: [Cell: Int] = [:]
        var order: [Cell] = []
        var rows: [String] = []
        for y in 0..<buffer.height {
            var runs: [(Int, Int)] = []
            for x in 0..<buffer.width {
                var style = buffer[x, y]
                style.text = ""
                let id =
                    styles[style]
                    ?? {
                        styles[style] = order.count
                        order.append(style)
                        return order.count - 1
                    }()
                if let last = runs.last, last.0 == id { runs[runs.count - 1].1 += 1 } else { runs.append((id, 1)) }
            }
            rows.append(String(format: "%2d ", y) + runs.map { "\(name($0.0))\($0.1)" }.joined(separator: " "))
        }
        var text = "-- text\n" + buffer.lines.map { "|" + $0 }.joined(separator: "\n") + "\n-- styles: truecolor | 256 | 16 | none\n"
        for (index, style) in order.enumerated() {
            text += name(index) + " " + ColorDepth.allCases.map { $0.sgr(style) }.joined(separator: " | ") + "\n"
        }
        return text + "-- style runs per row\n" + rows.joined(separator: "\n") + "\n"
    }

    static func name(_ index: Int) -> String {
        let letters = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
        return index < letters.count ? String(letters[index]) : "s\(index)"
    }

    /// Date and time texts (the local time of a file) as a placeholder of the same width, so the
    /// goldens do not depend on the machine's time zone.
    static func normalizeTimes(_ buffer: inout CellBuffer) {
        let pattern = /\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}/
        for y in 0..<buffer.height {
            var characters: [Character] = []
            var columns: [Int] = []
            for x in 0..<buffer.width where !buffer[x, y].text.isEmpty {
                characters.append(Character(buffer[x, y].text))
                columns.append(x)
            }
            let row = String(characters)
            for match in row.matches(of: pattern) {
                let start = row.distance(from: row.startIndex, to: match.range.lowerBound)
                for (offset, character) in "YYYY-MM-DD hh:mm:ss".enumerated() {
                    var cell = buffer[columns[start + offset], y]
                    cell.text = String(character)
                    buffer[columns[start + offset], y] = cell
                }
            }
        }
    }

    @Test("each workspace at 80×24, 120×40 and 200×60 matches its golden, in every colour depth")
    func goldens() throws {
        // Its paths are on screen (status lines, cut at the edge): a name of fixed length, its
        // random part masked in the goldens, so two runs on one machine never share a folder.
        let tag = String(format: "%08x", UInt32.random(in: 0...UInt32.max))
        let root = "/tmp/hafs-goldens-" + tag
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let logdir = try GoldenTests.runsCopy(in: root)
        let latent = try GoldenTests.latent(in: root)
        let demo = root + "/demo"
        try FileManager.default.copyItem(atPath: GoldenTests.repository + "/Fixtures/demo", toPath: demo)
        let update = ProcessInfo.processInfo.environment["HAFS_VIZ_UPDATE_GOLDENS"] == "1"
        if update { try FileManager.default.createDirectory(atPath: GoldenTests.goldens, withIntermediateDirectories: true) }
        let workspaces: [(String, WorkspaceKey, [KeyPress])] = [
            ("dashboard", .dashboard, []), ("runs", .runs, []), ("latent", .latent, [KeyPress(.character("n"))]),
        ]
        for (name, workspace, keys) in workspaces {
            for (width, height) in [(80, 24), (120, 40), (200, 60)] {
                var buffer = TUIApp.snapshot(
                    start: TUIStart(directory: demo, logdir: logdir, latentDirectory: latent, workspace: workspace), width: width,
                    height: height, now: Date(timeIntervalSince1970: GoldenTests.fileTime + 7200), keys: keys)
                GoldenTests.normalizeTimes(&buffer)
                let text = GoldenTests.golden(buffer).replacing(/hafs-goldens-[0-9a-f]{1,8}/) { match in
                    "hafs-goldens-" + String(repeating: "X", count: match.output.count - "hafs-goldens-".count)
                }
                let path = "\(GoldenTests.goldens)/\(name)-\(width)x\(height).txt"
                if update {
                    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
                    continue
                }
                let expected = try String(contentsOfFile: path, encoding: .utf8)
                if text != expected {
                    let actual = NSTemporaryDirectory() + "golden-\(name)-\(width)x\(height).txt"
                    try? Data(text.utf8).write(to: URL(fileURLWithPath: actual))
                    Issue.record("\(name) at \(width)x\(height) differs from \(path): see diff \(path) \(actual)")
                }
            }
        }
    }
}
