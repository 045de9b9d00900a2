import Foundation

/// Hugging Face `trainer_state.json`, in the output folder or its `checkpoint-*/` folders:
/// rewritten whole, so read whole whenever it changes.
public struct TrainerStateFormat: LogFormat {
    public init() {}
    public var id: String { "trainer_state" }
    public var name: String { "Hugging Face" }
    public var help: (files: String, writer: String) { ("trainer_state.json", "Hugging Face (also in checkpoint-*/)") }

    public func detect(in folder: LogFolder) -> [String]? {
        let checkpoints = folder.folders.filter {
            $0.hasPrefix("checkpoint-") && FileManager.default.fileExists(atPath: folder.path($0) + "/trainer_state.json")
        }
        let own = folder.files.contains("trainer_state.json")
        guard own || !checkpoints.isEmpty else { return nil }
        folder.claimed.formUnion(checkpoints)
        return (own ? [folder.path("trainer_state.json")] : []) + checkpoints.map { folder.path($0) + "/trainer_state.json" }
    }

    public func makeFiles(for location: RunLocation) -> any RunFiles { TrainerStateFiles(location.files) }
}

/// Every `trainer_state.json` of a run; the newest state (the highest global step, the output
/// folder's own file winning ties) is the run.
final class TrainerStateFiles: RunFiles {
    private var files: [WholeFile]

    init(_ paths: [String]) { files = paths.map { WholeFile(path: $0) } }

    func refresh() -> Bool {
        var changed = false
        for index in files.indices where files[index].refresh() { changed = true }
        return changed
    }

    func read() -> RunFilesRead {
        let newest = files.compactMap(\.state.data).max { ($0.globalStep ?? -1) < ($1.globalStep ?? -1) }
        var progress = RunProgress()
        progress.step = newest?.globalStep
        progress.maxSteps = newest.flatMap { ($0.maxSteps ?? 0) > 0 ? $0.maxSteps : nil }
        progress.epoch = newest?.epoch
        progress.epochs = newest?.numTrainEpochs
        return RunFilesRead(
            tags: newest?.table ?? ScalarTable(), progress: progress, errors: files.compactMap(\.problem),
            modified: files.compactMap { $0.signature?.modified }, resets: files.reduce(0) { $0 + $1.reads })
    }
}
