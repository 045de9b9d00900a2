import Foundation
import ImageIO
import Testing

@Suite("hafs-viz latent")
struct LatentCommandTests {
    @Test("--json on numpy's own latent fixture: exit 0 and the documented fields; problems on stderr; no latent.npy: exit 1 naming it")
    func json() throws {
        let directory = NSTemporaryDirectory() + "latent-cli-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        // latent_f4.npy was written by numpy (Fixtures/npy): 5 points, 2 dims.
        try FileManager.default.copyItem(atPath: CLIRun.fixtures + "/npy/latent_f4.npy", toPath: directory + "/latent.npy")
        try "Serial,label\n0,3\n4,3\n1,oops\n".write(toFile: directory + "/labels.csv", atomically: true, encoding: .utf8)
        let run = try CLIRun(["latent", directory, "--json"])
        #expect(run.status == 0)
        #expect(
            run.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
                == #"{"points":5,"dims":2,"projected":false,"images":null,"labeled":2,"classes":{"3":2},"predictions":false,"certainty":false,"labels_file":"ok"}"#
        )
        #expect(run.stderr.contains("labels.csv:4: label \"oops\""))

        try FileManager.default.removeItem(atPath: directory + "/latent.npy")
        let missing = try CLIRun(["latent", directory, "--json"])
        #expect(missing.status == 1 && missing.stderr.contains("latent.npy: No such file"))
    }

    @Test(
        "--screenshot: the map with the selected point's red cross; without latent.npy the picture says why; a bad --color is a usage error"
    )
    func screenshot() throws {
        let directory = NSTemporaryDirectory() + "latent-shot-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try FileManager.default.copyItem(atPath: CLIRun.fixtures + "/npy/latent_f4.npy", toPath: directory + "/latent.npy")
        func redCross(_ select: [String]) throws -> Int {
            let path = directory + "/shot.png"
            let run = try CLIRun(["latent", "--screenshot", path, "--size", "1000x700"] + select + [directory])
            #expect(run.status == 0)
            let image = try PNGFile.read(path: path)
            #expect(image.width == 1000 && image.height == 700)
            var red = 0
            for i in stride(from: 0, to: image.rgba.count, by: 4)
            where image.rgba[i] > 230 && image.rgba[i + 1] < 80 && image.rgba[i + 2] < 80 { red += 1 }
            return red
        }
        let plain = try redCross([])
        let selected = try redCross(["--select", "2"])
        #expect(selected > plain + 40)

        try FileManager.default.removeItem(atPath: directory + "/latent.npy")
        let failed = try CLIRun(["latent", "--screenshot", directory + "/failed.png", directory])
        #expect(failed.status == 0 && failed.stderr.contains("latent.npy"))
        #expect(FileManager.default.fileExists(atPath: directory + "/failed.png"))
        let usage = try CLIRun(["latent", "--color", "rainbow", directory])
        #expect(usage.status == 2 && usage.stderr.contains("--color takes labels, predictions, certainty or metadata:COLUMN"))
    }
}
