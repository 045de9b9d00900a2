/// PyTorch Lightning's `CSVLogger`: `metrics.csv` whose header has a `step` column, and the
/// `hparams.yaml` it writes beside it (the run's params).
public struct LightningCSVFormat: LogFormat {
    public init() {}
    public var id: String { "lightning_csv" }
    public var name: String { "Lightning" }
    public var help: (files: String, writer: String) { ("metrics.csv", "PyTorch Lightning CSVLogger (header with step)") }

    public func detect(in folder: LogFolder) -> [String]? {
        guard folder.files.contains("metrics.csv"), let header = folder.firstLine("metrics.csv"),
            CSVMetricsParser.split(header).contains("step") || folder.isLFSPointer("metrics.csv")
        else { return nil }
        return [folder.path("metrics.csv")] + (folder.files.contains("hparams.yaml") ? [folder.path("hparams.yaml")] : [])
    }

    public func makeFiles(for location: RunLocation) -> any RunFiles {
        let metrics = location.files.filter { $0.hasSuffix("/metrics.csv") }
        return LightningRunFiles(
            metrics: TailedRunFiles(metrics.map { TailedFile(path: $0, parser: CSVMetricsParser(path: $0, stepColumn: "step")) }),
            hparams: HParamsYAMLFile(path: location.directory + "/hparams.yaml"))
    }
}

/// A Lightning run: `metrics.csv` tailed, `hparams.yaml` read again when it changes.
final class LightningRunFiles: RunFiles {
    private let metrics: TailedRunFiles
    private var hparams: HParamsYAMLFile

    init(metrics: TailedRunFiles, hparams: HParamsYAMLFile) {
        self.metrics = metrics
        self.hparams = hparams
    }

    func refresh() -> Bool {
        let changed = metrics.refresh()
        return hparams.refresh() || changed
    }

    func read() -> RunFilesRead {
        var read = metrics.read()
        read.params = hparams.params
        if let note = hparams.note { read.notes.append(note) }
        return read
    }
}
