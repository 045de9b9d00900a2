import Foundation
import Testing

@Suite("hafs-viz latent")
struct LatentCommandTests {
    @Test("--json on numpy's own latent fixture: exit 0 and the documented fields; problems on stderr; no latent.npy: exit 1 naming it; no --json: exit 2 saying why")
    func json() throws {
        let directory = NSTemporaryDirectory() + "latent-cli-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        // latent_f4.npy was written by numpy (Fixtures/npy): 5 points, 2 dims.
        try FileManager.default.copyItem(atPath: CLIRun.fixtures + "/npy/latent_f4.npy", toPath: directory + "/latent.npy")
        try "Serial,label\n0,3\n4,3\n1,oops\n".write(toFile: directory + "/labels.csv", atomically: true, encoding: .utf8)
        let run = try CLIRun(["latent", directory, "--json"])
        #expect(run.status == 0)
        #expect(run.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            == #"{"points":5,"dims":2,"projected":false,"images":null,"labeled":2,"classes":{"3":2},"predictions":false,"certainty":false,"labels_file":"ok"}"#)
        #expect(run.stderr.contains("labels.csv:4: label \"oops\""))

        try FileManager.default.removeItem(atPath: directory + "/latent.npy")
        let missing = try CLIRun(["latent", directory, "--json"])
        #expect(missing.status == 1 && missing.stderr.contains("latent.npy: No such file"))
        let window = try CLIRun(["latent", directory])
        #expect(window.status == 2 && window.stderr.contains("not built yet"))
    }
}
