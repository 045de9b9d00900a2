import Foundation
import HafsVizCore
import Testing

@Suite("labels.csv survives kill -9")
struct LabelDurabilityTests {
    static let bench = CLIRun.binary.deletingLastPathComponent().appendingPathComponent("hafs-viz-bench")

    /// The labels the writer holds at generation `g` (as `hafs-viz-bench --labels` makes them):
    /// index % 10 for all 60,000, then label (g % 10 + 1) % 10 on index g for each g so far.
    static func labels(through generation: Int) -> [Int: Int] {
        var labels: [Int: Int] = [:]
        for index in 0..<60_000 { labels[index] = index % 10 }
        if generation > 0 { for g in 1...generation { labels[g % 60_000] = (g % 10 + 1) % 10 } }
        return labels
    }

    @Test(
        "a writer saving 60k labels in a loop, killed at five moments: each time labels.csv is whole, and holds a save at least as new as the last one reported"
    )
    func killMidSave() throws {
        let directory = NSTemporaryDirectory() + "labels-kill-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        for (round, delay) in [0.0, 0.003, 0.011, 0.029, 0.047].enumerated() {
            let process = Process()
            process.executableURL = LabelDurabilityTests.bench
            process.arguments = ["--labels", directory, "--forever"]
            let out = Pipe()
            process.standardOutput = out
            process.standardError = FileHandle.nullDevice
            try process.run()
            // Read "saved N" lines until a few saves are done, then kill at an arbitrary moment.
            var reported = 0
            var buffer = ""
            let deadline = Date().addingTimeInterval(60)
            while reported < 3 + round, Date() < deadline {
                let chunk = out.fileHandleForReading.availableData
                if chunk.isEmpty { break }
                buffer += String(decoding: chunk, as: UTF8.self)
                for line in buffer.split(separator: "\n") where line.hasPrefix("saved ") {
                    reported = max(reported, Int(line.dropFirst(6)) ?? 0)
                }
            }
            Thread.sleep(forTimeInterval: delay)
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            #expect(process.terminationReason == .uncaughtSignal, "round \(round): killed, not exited")
            #expect(reported >= 3 + round, "round \(round): the writer reported saves")
            let data = try Data(contentsOf: URL(fileURLWithPath: directory + "/labels.csv"))
            let file = LabelFile(data: data, pointCount: 60_000)
            #expect(file.problems.isEmpty, "round \(round): \(file.problems.prefix(3))")
            #expect(file.labels.count == 60_000, "round \(round)")
            // The file is exactly one of the saves, no older than the last reported: find the
            // newest index whose label was changed, then check that save byte for byte.
            let marked = (1..<60_000).last { file.labels[$0] != $0 % 10 } ?? 0
            let match = (marked...marked).first { LabelFile.render(LabelDurabilityTests.labels(through: $0)) == data }
            #expect(match != nil, "round \(round): labels.csv is not one whole save")
            #expect(
                (match ?? 0) >= reported,
                "round \(round): the file holds generation \(match ?? 0), older than the \(reported) reported saved")
            // Each run starts again from generation 1: start the next from an empty folder.
            for name in try FileManager.default.contentsOfDirectory(atPath: directory) {
                try FileManager.default.removeItem(atPath: directory + "/" + name)
            }
        }
    }
}
