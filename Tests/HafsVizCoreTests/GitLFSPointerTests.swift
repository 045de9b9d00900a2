import Foundation
import Testing

@testable import HafsVizCore

/// git-LFS pointers in place of logs (as Hugging Face model repositories keep `runs/`): each is
/// said for what it is, by file, and the runs beside them are read.
@Suite("git-LFS pointers")
struct GitLFSPointerTests {
    /// A pointer as git-lfs writes it (spec v1), for a file of `size` bytes.
    static func pointer(size: Int) -> String {
        "version https://git-lfs.github.com/spec/v1\noid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\nsize \(size)\n"
    }

    @Test(
        "an event file, trainer_state.json, metrics.csv and trainer_log.jsonl that are pointers: each run says so; the real run beside them is read"
    )
    func pointers() throws {
        let folder = TemporaryDirectory()
        let files = [
            "bert/runs/Dec05_10-00-00_host/events.out.tfevents.1733392800.host.1.0": GitLFSPointerTests.pointer(size: 2_183_654),
            "bert/checkpoint-500/trainer_state.json": GitLFSPointerTests.pointer(size: 40_960),
            "lightning/version_0/metrics.csv": GitLFSPointerTests.pointer(size: 1_000_000),
            "llama/trainer_log.jsonl": GitLFSPointerTests.pointer(size: 512),
            "real/metrics.jsonl": "{\"step\": 1, \"loss\": 0.5}\n",
        ]
        for (path, text) in files {
            let full = folder.path + "/" + path
            try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: URL(fileURLWithPath: full))
        }
        let report = RunsReport.read([LogdirSource(local: folder.path)])
        let byName = Dictionary(uniqueKeysWithValues: report.runs.map { ($0.name, $0) })
        #expect(
            Set(byName.keys) == ["bert", "bert/runs/Dec05_10-00-00_host", "lightning/version_0", "llama", "real"], "\(byName.keys.sorted())"
        )
        // The sizes as ByteCountFormatter's file style writes them (decimal units).
        let expected = [
            "bert/runs/Dec05_10-00-00_host": "a git-LFS pointer to a 2.2 MB file: fetch it with `git lfs pull`",
            "bert": "a git-LFS pointer to a 41 KB file: fetch it with `git lfs pull`",
            "lightning/version_0": "a git-LFS pointer to a 1 MB file: fetch it with `git lfs pull`",
            "llama": "a git-LFS pointer to a 512 bytes file: fetch it with `git lfs pull`",
        ]
        for (name, message) in expected {
            let run = try #require(byName[name])
            #expect(run.isFailed && run.errors.map(\.message) == [message], "\(name): \(run.errors)")
            #expect(run.tags.isEmpty, "\(name): nothing parsed from a pointer")
        }
        #expect(byName["real"]?.isFailed == false && byName["real"]?.tags["loss"]?.values == [0.5])
        #expect(GitLFSPointer.pointedSize(Array("version https://git-lfs.github.com/spec/v1\noid sha256:ab\n".utf8)) == -1)
        #expect(GitLFSPointer.pointedSize(Array("{\"step\": 1}\n".utf8)) == nil)
    }

    @Test("a pipeline document that is a pointer: the Dashboard says so for that file and reads the others")
    func dashboardDocument() throws {
        let folder = TemporaryDirectory()
        try Data(GitLFSPointerTests.pointer(size: 103_000_000).utf8).write(to: URL(fileURLWithPath: folder.path + "/quality_feedback.json"))
        try Data(#"{"training_runs": {}}"#.utf8).write(to: URL(fileURLWithPath: folder.path + "/training_feedback.json"))
        let snapshot = try SnapshotLoader(directory: folder.path).loadNow()
        #expect(
            snapshot.errors.map(\.description) == [
                "quality_feedback.json: a git-LFS pointer to a 103 MB file: fetch it with `git lfs pull`"
            ],
            "\(snapshot.errors)")
        #expect(snapshot.training.status == .ok)
    }
}
