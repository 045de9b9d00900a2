import Foundation

/// A W&B run folder (`wandb/offline-run-<time>-<id>/` or `wandb/run-<time>-<id>/`): its
/// `run-<id>.wandb` log, read with `WandbParser` as it grows. W&B's own `files/`, `logs/` and
/// `tmp/` beside it belong to the run (its debug logs are no metrics).
public struct WandbFormat: LogFormat {
    public init() {}
    public var id: String { "wandb" }
    public var name: String { "W&B" }
    public var help: (files: String, writer: String) { ("run-*.wandb", "W&B run log, offline or synced (wandb/offline-run-*/)") }

    public func detect(in folder: LogFolder) -> [String]? {
        guard let logs = folder.paths(where: { $0.hasPrefix("run-") && $0.hasSuffix(".wandb") }) else { return nil }
        folder.claimed.formUnion(["files", "logs", "tmp"])
        return logs
    }

    public func makeFiles(for location: RunLocation) -> any RunFiles {
        WandbRunFiles(TailedRunFiles(location.files.map { TailedFile(path: $0, parser: WandbParser(path: $0)) }))
    }
}

extension WandbParser: TailParser {}

/// A W&B run's log (normally one file), tailed: its points, and its name, config, summary and
/// outcome from its parser.
final class WandbRunFiles: RunFiles {
    private let tailed: TailedRunFiles
    /// A log unchanged this long that ends inside a record, with no exit record, is taken to
    /// have stopped mid-write (a crashed or killed run), not to be still writing it.
    static let tornAfterSeconds = 10.0

    init(_ tailed: TailedRunFiles) { self.tailed = tailed }

    func refresh() -> Bool { tailed.refresh() }

    func read() -> RunFilesRead {
        var read = tailed.read()
        for file in tailed.files {
            guard let parser = file.parser as? WandbParser else { continue }
            read.displayName = parser.runName ?? read.displayName
            for name in parser.config.names { if let value = parser.config[name] { read.params.set(name, value) } }
            for name in parser.summary.names { if let value = parser.summary[name] { read.summary.set(name, value) } }
            read.progress.step = parser.maxStep.map { max(read.progress.step ?? $0, $0) }
            if let code = parser.exitCode { read.progress.status = code == 0 ? "FINISHED" : "FAILED (exit \(code))" }
            if parser.mediaSkipped > 0 {
                read.notes.append(
                    RunLogError(
                        file: file.tail.path,
                        message: "\(parser.mediaSkipped) media values skipped (images, histograms, tables: not scalars)"))
            }
            if parser.unknownRecords > 0 {
                read.notes.append(
                    RunLogError(
                        file: file.tail.path,
                        message: "\(parser.unknownRecords) records of kinds this reader does not know skipped (written by a newer W&B?)"))
            }
            let quiet = file.signature.map { Date().timeIntervalSince($0.modified) >= WandbRunFiles.tornAfterSeconds } ?? false
            if parser.exitCode == nil, !file.tail.pending.isEmpty, quiet {
                read.notes.append(
                    RunLogError(
                        file: file.tail.path,
                        message:
                            "the log ends inside a record (\(file.tail.pending.count) bytes): the run stopped mid-write; read up to it",
                        location: "byte \(file.tail.consumedOffset)"))
            }
        }
        return read
    }
}
