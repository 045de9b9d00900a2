/// TensorBoard event files (`*tfevents*`): PyTorch's `SummaryWriter`, tensorboardX, TF1 and TF2.
public struct TFEventsFormat: LogFormat {
    public init() {}
    public var id: String { "tfevents" }
    public var name: String { "TensorBoard" }
    public var help: (files: String, writer: String) { ("*tfevents*", "TensorBoard events (PyTorch, tensorboardX, TF1/TF2)") }

    public func detect(in folder: LogFolder) -> [String]? {
        folder.paths { $0.contains("tfevents") }
    }

    public func makeFiles(for location: RunLocation) -> any RunFiles {
        TailedRunFiles(location.files.map { TailedFile(path: $0, parser: TFEventsParser(path: $0)) })
    }
}
