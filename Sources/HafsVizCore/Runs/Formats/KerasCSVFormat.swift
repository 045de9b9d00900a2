/// Keras' `CSVLogger`: any file whose first line is a CSV header starting `epoch,` (the file
/// name is the user's choice). One row an epoch, so its x counts epochs.
public struct KerasCSVFormat: LogFormat {
    public init() {}
    public var id: String { "keras_csv" }
    public var name: String { "Keras" }
    public var help: (files: String, writer: String) { ("epoch,… first line", "Keras CSVLogger (any file name; NA = missing)") }
    public var stepUnit: String { "epoch" }

    public func detect(in folder: LogFolder) -> [String]? {
        folder.paths { folder.firstLine($0)?.hasPrefix("epoch,") == true }
    }

    public func makeFiles(for location: RunLocation) -> any RunFiles {
        TailedRunFiles(location.files.map { TailedFile(path: $0, parser: CSVMetricsParser(path: $0, stepColumn: "epoch")) })
    }
}
