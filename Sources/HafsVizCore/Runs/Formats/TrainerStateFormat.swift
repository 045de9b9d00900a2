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

    public func makeFiles(for location: RunLocation) -> any RunFiles { TrainerStateFiles(location.files, directory: location.directory) }
}

/// Every `trainer_state.json` of a run; the newest state (the highest global step, the output
/// folder's own file winning ties) is the run. Its params: the state's `train_batch_size`,
/// `num_train_epochs` and `max_steps`, and the model's `config.json` beside it (or in the
/// newest checkpoint) when there is one.
final class TrainerStateFiles: RunFiles {
    private var files: [WholeFile]
    private let directory: String
    private var modelConfig = ModelConfigFile()

    init(_ paths: [String], directory: String) {
        files = paths.map { WholeFile(path: $0) }
        self.directory = directory
    }

    func refresh() -> Bool {
        var changed = false
        for index in files.indices where files[index].refresh() { changed = true }
        // config.json of the output folder, else of the newest state's checkpoint.
        let newest = files.filter { $0.state.data != nil }.max { ($0.state.data?.globalStep ?? -1) < ($1.state.data?.globalStep ?? -1) }
        let folders = [directory] + (newest.map { [($0.path as NSString).deletingLastPathComponent] } ?? [])
        let path = folders.map { $0 + "/config.json" }.first { FileManager.default.fileExists(atPath: $0) }
        if modelConfig.refresh(path) { changed = true }
        return changed
    }

    func read() -> RunFilesRead {
        let newest = files.compactMap(\.state.data).max { ($0.globalStep ?? -1) < ($1.globalStep ?? -1) }
        var progress = RunProgress()
        progress.step = newest?.globalStep
        progress.maxSteps = newest.flatMap { ($0.maxSteps ?? 0) > 0 ? $0.maxSteps : nil }
        progress.epoch = newest?.epoch
        progress.epochs = newest?.numTrainEpochs
        var read = RunFilesRead(
            tags: newest?.table ?? ScalarTable(), progress: progress, errors: files.compactMap(\.problem),
            modified: files.compactMap { $0.signature?.modified }, resets: files.reduce(0) { $0 + $1.reads })
        for (name, value) in [
            ("train_batch_size", newest?.trainBatchSize), ("num_train_epochs", newest?.numTrainEpochs), ("max_steps", newest?.maxSteps),
        ] {
            if let value { read.params.set(name, .number(value)) }
        }
        for name in modelConfig.params.names { if let value = modelConfig.params[name] { read.params.set(name, value) } }
        if let problem = modelConfig.problem { read.notes.append(problem) }
        return read
    }
}

/// A Hugging Face model's `config.json`, read again when it changes: its `model_type` and
/// `torch_dtype`, and every top-level number (the sizes: `hidden_size`, `num_hidden_layers`,
/// `vocab_size`, GPT-2's `n_embd`…), as params named `config.<key>`.
struct ModelConfigFile {
    private(set) var params = RunParams()
    private(set) var problem: RunLogError?
    private var path: String?
    private var signature: FileSignature?

    /// Reads `path` when it (or the file there) changed; true when the params did.
    mutating func refresh(_ path: String?) -> Bool {
        let now = path.flatMap { FileSignature(path: $0) }
        guard path != self.path || now != signature else { return false }
        self.path = path
        signature = now
        let before = params
        params = RunParams()
        problem = nil
        guard let path, let data = FileManager.default.contents(atPath: path) else { return before != params }
        let bytes = [UInt8](data)
        do {
            try bytes.withUnsafeBufferPointer { buffer in
                var scanner = JSONScanner(buffer)
                scanner.skipWhitespace()
                try scanner.readObject { scanner, key in
                    let name = key.decoded()
                    switch try scanner.peekKind() {
                    case .number: params.set("config." + name, .number(try scanner.readDouble()))
                    case .string where name == "model_type" || name == "torch_dtype":
                        params.set("config." + name, .text(try scanner.readString()))
                    default: try scanner.skipValue()
                    }
                }
            }
        } catch {
            params = RunParams()
            problem = RunLogError(file: path, message: "not a model config (\(error)); its params are left out")
        }
        return before != params || problem != nil
    }
}
