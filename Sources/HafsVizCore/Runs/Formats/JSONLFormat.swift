/// JSON Lines metrics (detectron2, MMCV, custom trainers): any file whose first line is one
/// whole JSON object with a number in it.
public struct JSONLFormat: LogFormat {
    public init() {}
    public var id: String { "jsonl" }
    public var name: String { "JSON Lines" }
    public var help: (files: String, writer: String) { ("{…} per line", "JSON Lines metrics (step, global_step, iteration, iter)") }

    public func detect(in folder: LogFolder) -> [String]? {
        folder.paths { name in folder.firstLine(name).map { $0.hasPrefix("{") && JSONLParser.isObjectLine($0) } ?? false }
    }

    public func makeFiles(for location: RunLocation) -> any RunFiles {
        TailedRunFiles(location.files.map { TailedFile(path: $0, parser: JSONLParser(path: $0)) })
    }
}
