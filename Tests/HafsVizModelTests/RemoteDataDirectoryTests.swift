import Foundation
import HafsVizCore
import HafsVizModel
import TestSupport
import Testing

/// The Dashboard's data directory on a host reached through a real sshd (`SSHServer`).
@Suite("Remote data directory")
struct RemoteDataDirectoryTests {
    static let demo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/demo").path

    @Test("reads as the local folder; an edit that keeps the size is seen and read again; a dropped host keeps the data and names the host")
    func dataDirectory() throws {
        let server = try SSHServer()
        let root = NSTemporaryDirectory() + "hafs-remote-data-" + UUID().uuidString.prefix(8)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let data = root + "/data dir;$(touch x)"
        try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
        for name in Snapshot.sources.map(\.fileName) {
            try FileManager.default.copyItem(atPath: RemoteDataDirectoryTests.demo + "/" + name, toPath: data + "/" + name)
        }
        let ssh = SSHCommand(environment: ["HAFS_VIZ_SSH": server.sshCommand, "XDG_RUNTIME_DIR": root])
        let source = FolderSource.dataDirectory("testhost:" + data, ssh: ssh, cacheRoot: root + "/cache")
        let remote = try source.loadSnapshot()
        #expect(source.problem == nil)
        #expect(remote.directory == "testhost:" + data)
        // Everything but the name matches a local read of the same folder.
        let local = SummaryReport(try SnapshotLoader(directory: data).loadNow()).json().serialized()
        let overSSH = SummaryReport(remote).json().serialized()
        #expect(overSSH.replacingOccurrences(of: "testhost:" + data, with: data) == local)
        #expect(!FileManager.default.fileExists(atPath: root + "/x"), "nothing the name spells ran")

        // One count edited in place, same length, between the first 256 bytes and the last
        // 4 KiB (the parts an append check compares): only a whole read sees it.
        let path = data + "/quality_feedback.json"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.components(separatedBy: "\"samples_accepted\": 1806").count == 2)
        try Data(text.replacingOccurrences(of: "\"samples_accepted\": 1806", with: "\"samples_accepted\": 1807").utf8)
            .write(to: URL(fileURLWithPath: path))
        let accepted = 1807  // as written above
        func codeAccepted(_ snapshot: Snapshot) -> Int? {
            snapshot.quality.data?.generators.first { $0.name == "code_generator" }?.samplesAccepted
        }
        var watcher = FileWatcher()
        watcher.settleSeconds = 0.2
        watcher.pollInterval = 0.1
        watcher.markLoaded(directory: source.readPath)
        let start = Date()
        var due = false
        while !due, Date().timeIntervalSince(start) < 20 {
            due = watcher.poll(source, now: Date().timeIntervalSince(start))
            Thread.sleep(forTimeInterval: 0.05)
        }
        #expect(due, "the watcher saw the remote edit")
        let edited = try source.loadSnapshot(previous: remote)
        #expect(codeAccepted(edited) == accepted)

        server.stop()
        let problem = source.syncNow()
        #expect(problem?.contains("testhost:") == true, "\(problem ?? "no problem")")
        let kept = try source.loadSnapshot(previous: edited)
        #expect(kept.training.data?.runs.count == edited.training.data?.runs.count, "the last copy stays on screen")
        #expect(codeAccepted(kept) == accepted)
    }

    @Test("labels.csv is written on the remote side by a rename, read back into the copy; a removed folder is said, naming the host")
    func remoteWrite() throws {
        let server = try SSHServer()
        let root = NSTemporaryDirectory() + "hafs-remote-write-" + UUID().uuidString.prefix(8)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let folder = root + "/it's here"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try writeNPY(folder + "/latent.npy", shape: [3, 2], doubles: [0, 0, 1, 0, 0, 1])
        let ssh = SSHCommand(environment: ["HAFS_VIZ_SSH": server.sshCommand, "XDG_RUNTIME_DIR": root])
        let source = FolderSource("testhost:" + folder, files: LatentModel.files, ssh: ssh, cacheRoot: root + "/cache")
        let model = try LatentModel(source: source)
        #expect(model.readOnlyReason == nil && model.dataset.points == 3)
        let text = "Serial,label\n1,4\n"
        try source.write(LatentDataset.labelsFile, Data(text.utf8))
        #expect(try String(contentsOfFile: folder + "/labels.csv", encoding: .utf8) == text, "written on the remote side")
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == ["labels.csv", "latent.npy"], "no temporary file left")
        #expect(
            try String(contentsOfFile: source.readPath + "/labels.csv", encoding: .utf8) == text,
            "the copy has it, so it is not taken for an outside edit")

        try FileManager.default.removeItem(atPath: folder)
        let reason = source.whyNotWritable(LatentDataset.labelsFile)
        #expect(reason == "testhost:\(folder) is not there any more", "\(reason ?? "writable")")
        #expect(throws: RemoteError.self) { try source.write(LatentDataset.labelsFile, Data(text.utf8)) }
        do {
            try source.write(LatentDataset.labelsFile, Data(text.utf8))
        } catch {
            #expect("\(error)".hasPrefix("testhost:\(folder): cannot write labels.csv: "), "\(error)")
        }
    }
}
