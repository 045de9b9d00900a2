import Foundation
import Terminal
import TestSupport
import Testing

/// The renderer's real bytes, for random frames, resizes and wide glyphs, fed to pyte: a terminal
/// emulator that is not ours (PyPI; `Scripts/test` installs it in `.build/test-venv`). Its screen
/// must be each frame exactly, characters, colours and bold, whether the frame came as a diff or
/// as a full repaint.
@Suite("Diff renderer against pyte")
struct PyteReplayTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
        .path
    static let python = repository + "/.build/test-venv/bin/python"
    static let script = repository + "/Tests/TerminalTests/Replay/pyte_replay.py"

    /// What pyte calls a colour: "default", or six hex digits.
    static func pyteColor(_ color: TermColor) -> String {
        guard case .rgb(let r, let g, let b) = color else { return "default" }
        return String(format: "%02x%02x%02x", r, g, b)
    }

    /// Runs the replay script on `steps`; the screens it saw at each check.
    static func replay(width: Int, height: Int, steps: [[String: Any]]) throws -> [[[[Any]]]] {
        let job = try JSONSerialization.data(withJSONObject: ["width": width, "height": height, "steps": steps])
        let input = NSTemporaryDirectory() + "pyte-job-\(UUID().uuidString).json"
        try job.write(to: URL(fileURLWithPath: input))
        defer { try? FileManager.default.removeItem(atPath: input) }
        let run = try ChildProcess.run(URL(fileURLWithPath: "/bin/sh"), ["-c", "'\(python)' '\(script)' < '\(input)'"], timeout: 120)
        guard run.status == 0, let screens = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[[[Any]]]] else {
            throw CocoaError(.fileReadCorruptFile, userInfo: [NSLocalizedDescriptionKey: "pyte replay failed: \(run.stderr)"])
        }
        return screens
    }

    /// Where pyte's screen differs from `frame` (at most a few, described).
    static func differences(_ screen: [[[Any]]], _ frame: CellBuffer) -> [String] {
        var found: [String] = []
        guard screen.count == frame.height else { return ["pyte has \(screen.count) rows, the frame \(frame.height)"] }
        for y in 0..<frame.height {
            guard screen[y].count == frame.width else { return ["row \(y): pyte has \(screen[y].count) columns"] }
            for x in 0..<frame.width {
                let cell = frame[x, y]
                let shown = screen[y][x]
                let text = shown[0] as? String ?? "?"
                let expected = cell.text
                if text != expected {
                    found.append("(\(x),\(y)) shows \(text.debugDescription), the frame has \(expected.debugDescription)")
                } else if !cell.text.isEmpty, cell.text != " " || cell.background != .standard {
                    let style = [shown[1] as? String ?? "", shown[2] as? String ?? "", (shown[3] as? Bool ?? false) ? "bold" : ""]
                    let want = [pyteColor(cell.foreground), pyteColor(cell.background), cell.bold ? "bold" : ""]
                    if style != want, !(cell.text == " " && style[1] == want[1]) {
                        found.append("(\(x),\(y)) \(cell.text) styled \(style), the frame \(want)")
                    }
                }
                if found.count >= 3 { return found }
            }
        }
        return found
    }

    @Test("random frames, resizes and wide glyphs: pyte shows each frame, by diff and by full repaint alike")
    func randomSequences() throws {
        try #require(
            FileManager.default.fileExists(atPath: PyteReplayTests.python),
            "pyte's virtual environment is missing: run Scripts/test (it makes .build/test-venv with pyte from PyPI)")
        var (random, seedNote) = TestSeed.generator(fallback: 0x9E7E_0001)
        var renderer = DiffRenderer(depth: .truecolor)
        var width = 24
        var height = 6
        var steps: [[String: Any]] = []
        var frames: [CellBuffer] = []
        var fullSteps: [(width: Int, height: Int, bytes: [UInt8])] = []
        for step in 0..<200 {
            if step % 40 == 39 {
                width = Int.random(in: 8...30, using: &random)
                height = Int.random(in: 3...9, using: &random)
                steps.append(["resize": [width, height]])
            }
            let frame = DiffRendererTests.frame(width, height, &random)
            steps.append(["bytes": Data(renderer.render(frame)).base64EncodedString(), "check": true])
            frames.append(frame)
            var fresh = DiffRenderer(depth: .truecolor)
            fullSteps.append((width, height, fresh.render(frame)))
        }
        let screens = try PyteReplayTests.replay(width: 24, height: 6, steps: steps)
        try #require(screens.count == frames.count)
        for (index, frame) in frames.enumerated() {
            let wrong = PyteReplayTests.differences(screens[index], frame)
            #expect(wrong.isEmpty, "frame \(index) by diff, \(seedNote): \(wrong)")
        }
        // Each frame alone, as a full repaint into a fresh terminal of its size (every fifth, to keep it quick).
        for index in stride(from: 0, to: frames.count, by: 5) {
            let full = fullSteps[index]
            let screen = try PyteReplayTests.replay(
                width: full.width, height: full.height, steps: [["bytes": Data(full.bytes).base64EncodedString(), "check": true]])
            let wrong = PyteReplayTests.differences(screen[0], frames[index])
            #expect(wrong.isEmpty, "frame \(index) as a full repaint, \(seedNote): \(wrong)")
        }
    }
}
