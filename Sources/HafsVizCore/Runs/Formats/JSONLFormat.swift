/// JSON Lines metrics (detectron2, MMCV, LLaMA-Factory, custom trainers): any file whose first
/// line is a metrics row (`JSONLParser.isMetricLine`: an object with a number, not a log record).
public struct JSONLFormat: LogFormat {
    public init() {}
    public var id: String { "jsonl" }
    public var name: String { "JSON Lines" }
    public var help: (files: String, writer: String) {
        ("{…} per line", "JSON Lines metrics: detectron2, MMCV, LLaMA-Factory (step, global_step, iteration, iter, current_steps)")
    }

    public func detect(in folder: LogFolder) -> [String]? {
        folder.paths { name in
            if JSONLFormat.isLogName(name), folder.isLFSPointer(name) { return true }
            return folder.firstLine(name).map { $0.hasPrefix("{") && JSONLParser.isMetricLine($0) } ?? false
        }
    }

    /// Names JSON Lines metrics go by (a git-LFS pointer so named is claimed, to be said for what it is).
    static func isLogName(_ name: String) -> Bool {
        name.hasSuffix(".jsonl") || name == "metrics.json" || name.hasSuffix(".log.json")
    }

    public func makeFiles(for location: RunLocation) -> any RunFiles {
        TailedRunFiles(location.files.map { TailedFile(path: $0, parser: JSONLParser(path: $0)) })
    }
}
