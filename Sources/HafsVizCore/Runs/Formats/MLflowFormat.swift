import Foundation
import Yams

/// An MLflow file-store run (`mlruns/<experiment>/<run>/`): `meta.yaml` beside a `metrics/`
/// folder holding one append-only file per metric key (a key with `/` makes sub-folders), and a
/// `params/` folder holding one file per parameter, its value as text. A run with params and no
/// metrics is a run too (git keeps no empty `metrics/` folder).
public struct MLflowFormat: LogFormat {
    public init() {}
    public var id: String { "mlflow" }
    public var name: String { "MLflow" }
    public var help: (files: String, writer: String) {
        ("meta.yaml + metrics/ or params/", "MLflow file store (mlruns/<experiment>/<run>)")
    }

    public func detect(in folder: LogFolder) -> [String]? {
        guard folder.files.contains("meta.yaml"), folder.folders.contains("metrics") || folder.folders.contains("params") else {
            return nil
        }
        folder.claimed.formUnion(["metrics", "params", "tags", "artifacts"])
        return [folder.path("meta.yaml")] + MLflowFormat.metricFiles(folder.path("metrics"))
            + MLflowFormat.metricFiles(folder.path("params"))
    }

    public func makeFiles(for location: RunLocation) -> any RunFiles {
        let metricsPrefix = location.directory + "/metrics/"
        let metrics = location.files.filter { $0.hasPrefix(metricsPrefix) }.map { path in
            TailedFile(path: path, parser: MLflowMetricParser(path: path, tag: String(path.dropFirst(metricsPrefix.count))))
        }
        return MLflowRunFiles(metrics: TailedRunFiles(metrics), directory: location.directory)
    }

    /// Every file under a run's `metrics/` (or `params/`), in name order.
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

/// An MLflow run: its metric files tailed, `meta.yaml` (the run's name, status and lifecycle)
/// read again when it changes, and `params/` when its folder changes.
final class MLflowRunFiles: RunFiles {
    private let metrics: TailedRunFiles
    private let metaPath: String
    private let paramsPath: String
    private var displayName: String?
    private var status: String?
    private var deleted = false
    private var params = RunParams()
    private var metaSignature: FileSignature?
    private var paramsModified: timespec?
    private var metaError: RunLogError?

    init(metrics: TailedRunFiles, directory: String) {
        self.metrics = metrics
        metaPath = directory + "/meta.yaml"
        paramsPath = directory + "/params"
    }

    func refresh() -> Bool {
        let changed = metrics.refresh()
        let meta = readMeta()
        return readParams(force: meta) || meta || changed
    }

    func read() -> RunFilesRead {
        var read = metrics.read()
        read.progress.status = status
        read.displayName = displayName
        read.params = params
        read.deleted = deleted
        if let metaError { read.errors.append(metaError) }
        if let modified = metaSignature?.modified { read.modified.append(modified) }
        return read
    }

    /// `params/<key>` (a key with `/` makes sub-folders): each file's text is the value. Read
    /// again when the folder's time changes (a new parameter) or `force`.
    private func readParams(force: Bool) -> Bool {
        var info = stat()
        let modified = stat(paramsPath, &info) == 0 ? info.st_mtim : nil
        guard force || modified?.tv_sec != paramsModified?.tv_sec || modified?.tv_nsec != paramsModified?.tv_nsec else { return false }
        paramsModified = modified
        var read = RunParams()
        for path in MLflowFormat.metricFiles(paramsPath) {
            guard let data = FileManager.default.contents(atPath: path) else { continue }
            read.set(String(path.dropFirst(paramsPath.count + 1)), RunParams.Value(text: String(decoding: data, as: UTF8.self)))
        }
        guard read != params else { return false }
        params = read
        return true
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
            deleted = (meta["lifecycle_stage"] as? String) == "deleted"
            let statuses = [1: "RUNNING", 2: "SCHEDULED", 3: "FINISHED", 4: "FAILED", 5: "KILLED"]
            status = (meta["status"] as? Int).flatMap { statuses[$0] }
            metaError = nil
        } catch {
            metaError = RunLogError(file: metaPath, message: "cannot read meta.yaml: \(error)")
        }
        return true
    }
}
