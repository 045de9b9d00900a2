/// PyTorch Lightning's `CSVLogger`: `metrics.csv` whose header has a `step` column.
public struct LightningCSVFormat: LogFormat {
    public init() {}
    public var id: String { "lightning_csv" }
    public var name: String { "Lightning" }
    public var help: (files: String, writer: String) { ("metrics.csv", "PyTorch Lightning CSVLogger (header with step)") }

    public func detect(in folder: LogFolder) -> [String]? {
        guard folder.files.contains("metrics.csv"), let header = folder.firstLine("metrics.csv"),
            CSVMetricsParser.split(header).contains("step") || folder.isLFSPointer("metrics.csv")
        else { return nil }
        return [folder.path("metrics.csv")]
    }

    public func makeFiles(for location: RunLocation) -> any RunFiles {
        TailedRunFiles(location.files.map { TailedFile(path: $0, parser: CSVMetricsParser(path: $0, stepColumn: "step")) })
    }
}
