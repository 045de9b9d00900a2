import Foundation
import Yams

/// An MLflow file-store run (`mlruns/<experiment>/<run>/`): `meta.yaml` beside a `metrics/`
/// folder holding one append-only file per metric key (a key with `/` makes sub-folders).
public struct MLflowFormat: LogFormat {
    public init() {}
    public var id: String { "mlflow" }
    public var name: String { "MLflow" }
    public var help: (files: String, writer: String) { ("meta.yaml + metrics/", "MLflow file store (mlruns/<experiment>/<run>)") }

    public func detect(in folder: LogFolder) -> [String]? {
        guard folder.files.contains("meta.yaml"), folder.folders.contains("metrics") else { return nil }
        folder.claimed.formUnion(["metrics", "params", "tags", "artifacts"])
        return [folder.path("meta.yaml")] + MLflowFormat.metricFiles(folder.path("metrics"))
    }

    public func makeFiles(for location: RunLocation) -> any RunFiles {
        let metrics = location.files.filter { !$0.hasSuffix("/meta.yaml") }.map { path in
            TailedFile(
                path: path,
                parser: MLflowMetricParser(path: path, tag: String(path.dropFirst(location.directory.count + "/metrics/".count))))
        }
        return MLflowRunFiles(metrics: TailedRunFiles(metrics), metaPath: location.directory + "/meta.yaml")
    }

    /// Every file under a run's `metrics/`.
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
}

/// An MLflow run: its metric files tailed, and `meta.yaml` (the run's name and status) read
/// again when it changes.
final class MLflowRunFiles: RunFiles {
    private let metrics: TailedRunFiles
    private let metaPath: String
    private var displayName: String?
    private var status: String?
    private var metaSignature: FileSignature?
    private var metaError: RunLogError?

    init(metrics: TailedRunFiles, metaPath: String) {
        self.metrics = metrics
        self.metaPath = metaPath
    }

    func refresh() -> Bool {
        let changed = metrics.refresh()
        return readMeta() || changed
    }

    func read() -> RunFilesRead {
        var read = metrics.read()
        read.progress.status = status
        read.displayName = displayName
        if let metaError { read.errors.append(metaError) }
        if let modified = metaSignature?.modified { read.modified.append(modified) }
        return read
    }

    /// meta.yaml: `run_name`, and `status` (1 running, 2 scheduled, 3 finished, 4 failed, 5 killed).
    private func readMeta() -> Bool {
        let signature = FileSignature(path: metaPath)
        guard signature != metaSignature else { return false }
        metaSignature = signature
        do {
            let text = try String(contentsOfFile: metaPath, encoding: .utf8)
            guard let meta = try Yams.load(yaml: text) as? [String: Any] else {
                metaError = RunLogError(file: metaPath, message: "not a YAML mapping")
                return true
            }
            displayName = (meta["run_name"] as? String).flatMap { $0.isEmpty ? nil : $0 }
            let statuses = [1: "RUNNING", 2: "SCHEDULED", 3: "FINISHED", 4: "FAILED", 5: "KILLED"]
            status = (meta["status"] as? Int).flatMap { statuses[$0] }
            metaError = nil
        } catch {
            metaError = RunLogError(file: metaPath, message: "cannot read meta.yaml: \(error)")
        }
        return true
    }
}
