import Foundation

/// Finds the runs of a logdir, recursively, as TensorBoard does: every folder holding a log is
/// a run, named by its path relative to the logdir.
///
/// Recognised by name or by content, never by the user's choice of name alone:
/// - `*tfevents*` files: TensorBoard event files;
/// - `trainer_state.json` in the folder or in its `checkpoint-*/` folders: Hugging Face;
/// - `meta.yaml` beside a `metrics/` folder: an MLflow run (`mlruns/<experiment>/<run>`);
/// - `metrics.csv` whose header has a `step` column: PyTorch Lightning;
/// - any file whose first line is a CSV header starting `epoch,`: Keras' CSVLogger;
/// - any file whose first line is one whole JSON object: JSON Lines metrics.
/// One format per folder, in that order of precedence.
public enum LogdirScanner {
    /// Only the first 8 KiB of a file are read to recognise it.
    static let sniffBytes = 8192
    /// Suffixes of files that are never logs (weights, images, arrays): not sniffed.
    static let binarySuffixes = [
        ".bin", ".safetensors", ".pt", ".pth", ".ckpt", ".png", ".jpg", ".jpeg", ".npy", ".npz",
        ".h5", ".pb", ".index", ".gz", ".zip", ".tar", ".pkl", ".onnx", ".msgpack",
    ]

    public static func scan(_ logdir: String) -> [RunLocation] {
        var runs: [RunLocation] = []
        var visited: Set<UInt64> = []
        // Paths keep the logdir as given, so messages name files the way the user wrote them.
        let root = logdir.count > 1 && logdir.hasSuffix("/") ? String(logdir.dropLast()) : logdir
        walk(root, relative: ".", into: &runs, visited: &visited)
        return runs.sorted { $0.name < $1.name }
    }

    /// One metrics file as a run of its own (the Latent workspace's training metrics), recognised
    /// as `scan` recognises a folder's files; nil when it is not (yet) a log we read.
    public static func location(ofFile path: String) -> RunLocation? {
        let directory = (path as NSString).deletingLastPathComponent
        var claimed: Set<String> = []
        return detect(
            directory.isEmpty ? "." : directory, relative: (path as NSString).lastPathComponent,
            files: [(path as NSString).lastPathComponent], folders: [], claimed: &claimed)
    }

    private static func walk(_ directory: String, relative: String, into runs: inout [RunLocation], visited: inout Set<UInt64>) {
        var info = stat()
        guard stat(directory, &info) == 0, visited.insert(UInt64(info.st_ino)).inserted else { return }
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return }
        var files: [String] = []
        var folders: [String] = []
        for name in names.sorted() where !name.hasPrefix(".") {
            let path = directory + "/" + name
            var entry = stat()
            guard stat(path, &entry) == 0 else { continue }
            switch entry.st_mode & S_IFMT {
            case S_IFDIR: folders.append(name)
            case S_IFREG: files.append(name)
            default: break
            }
        }
        var claimed: Set<String> = []
        if let run = detect(directory, relative: relative, files: files, folders: folders, claimed: &claimed) {
            runs.append(run)
        }
        for folder in folders where !claimed.contains(folder) {
            walk(directory + "/" + folder, relative: relative == "." ? folder : relative + "/" + folder, into: &runs, visited: &visited)
        }
    }

    private static func detect(
        _ directory: String, relative: String, files: [String], folders: [String],
        claimed: inout Set<String>
    ) -> RunLocation? {
        func run(_ format: RunFormat, _ paths: [String]) -> RunLocation {
            RunLocation(name: relative, directory: directory, format: format, files: paths)
        }
        let events = files.filter { $0.contains("tfevents") }
        if !events.isEmpty { return run(.tfevents, events.map { directory + "/" + $0 }) }

        let checkpoints = folders.filter {
            $0.hasPrefix("checkpoint-") && FileManager.default.fileExists(atPath: directory + "/" + $0 + "/trainer_state.json")
        }
        if files.contains("trainer_state.json") || !checkpoints.isEmpty {
            claimed.formUnion(checkpoints)
            let paths =
                (files.contains("trainer_state.json") ? [directory + "/trainer_state.json"] : [])
                + checkpoints.map { directory + "/" + $0 + "/trainer_state.json" }
            return run(.trainerState, paths)
        }
        if files.contains("meta.yaml"), folders.contains("metrics") {
            claimed.formUnion(["metrics", "params", "tags", "artifacts"])
            return run(.mlflow, [directory + "/meta.yaml"] + metricFiles(directory + "/metrics"))
        }
        var keras: [String] = []
        var jsonl: [String] = []
        for name in files where !binarySuffixes.contains(where: { name.lowercased().hasSuffix($0) }) {
            guard let line = firstLine(directory + "/" + name) else { continue }
            if name == "metrics.csv", CSVMetricsParser.split(line).contains("step") {
                return run(.lightningCSV, [directory + "/" + name])
            }
            if line.hasPrefix("epoch,") {
                keras.append(directory + "/" + name)
            } else if line.hasPrefix("{"), JSONLParser.isObjectLine(line) {
                jsonl.append(directory + "/" + name)
            }
        }
        if !keras.isEmpty { return run(.kerasCSV, keras) }
        if !jsonl.isEmpty { return run(.jsonl, jsonl) }
        return nil
    }

    /// Every file under an MLflow run's `metrics/` (a key with `/` makes subfolders).
    static func metricFiles(_ folder: String) -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: folder) else { return [] }
        var paths: [String] = []
        while let relative = enumerator.nextObject() as? String {
            var info = stat()
            let path = folder + "/" + relative
            if stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG { paths.append(path) }
        }
        return paths.sorted()
    }

    /// The file's first line (without `\r\n`), from its first `sniffBytes` bytes.
    static func firstLine(_ path: String) -> String? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        guard let data = try? handle.read(upToCount: sniffBytes), !data.isEmpty else { return nil }
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        let line = bytes.prefix { $0 != 0x0A }
        return String(decoding: line.last == 0x0D ? line.dropLast() : line, as: UTF8.self)
    }
}

extension JSONLParser {
    /// Whether `line` is one whole JSON object with a number in it (a one-line config file
    /// without numbers is not taken for metrics).
    static func isObjectLine(_ line: String) -> Bool {
        var bytes = Array(line.utf8)
        return bytes.withUnsafeMutableBytes { fields(UnsafeRawBufferPointer($0))?.isEmpty == false }
    }
}
