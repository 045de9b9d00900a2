import Foundation

/// One log format a run folder can hold: how to recognise it, how to read it, what its x counts
/// and its line in the help. The formats are an open set: `LogFormats.all` lists them, and the
/// scanner, the reader, F1 help, `runs --help` and the docs test all go through that list.
///
/// Adding a format: a type conforming to this in `Runs/Formats/`, its entry in `LogFormats.all`
/// (the order is the order of precedence when one folder holds several), fixtures and tests.
public protocol LogFormat: Sendable {
    /// What `runs --json` and the tables call it ("tfevents"): stable, lower case.
    var id: String { get }
    /// What people call it, short ("TensorBoard", "Hugging Face").
    var name: String { get }
    /// How it is recognised and who writes it, one line of the help ("trainer_state.json
    /// · Hugging Face (also in checkpoint-*/)").
    var help: (files: String, writer: String) { get }
    /// What the log's x counts: "step" for most, "epoch" for a log written once an epoch.
    var stepUnit: String { get }
    /// The log files of this format in `folder` (absolute paths, in name order), or nil when
    /// it holds none. Marks the sub-folders that belong to the run in `folder.claimed`, so
    /// they are not scanned as runs of their own.
    func detect(in folder: LogFolder) -> [String]?
    /// What reads one run of this format as it grows.
    func makeFiles(for location: RunLocation) -> any RunFiles
}

extension LogFormat {
    public var stepUnit: String { "step" }
}

/// Every format we read, in order of precedence: a folder is a run of the first that claims it.
public enum LogFormats {
    public static let all: [any LogFormat] = [
        TFEventsFormat(), WandbFormat(), TrainerStateFormat(), MLflowFormat(), LightningCSVFormat(), KerasCSVFormat(), JSONLFormat(),
    ]

    /// The format called `id`, nil for an unknown one.
    public static func named(_ id: String) -> (any LogFormat)? { all.first { $0.id == id } }

    /// "TensorBoard, Hugging Face, …": every format's short name, for one-line help.
    public static var names: String { all.map(\.name).joined(separator: ", ") }

    /// One line per format, its files beside its writer, aligned: the help's table of formats.
    public static var helpTable: [String] {
        let width = all.map(\.help.files.count).max() ?? 0
        return all.map { $0.help.files.padding(toLength: width + 2, withPad: " ", startingAt: 0) + $0.help.writer }
    }
}

/// A folder being scanned for a run: its entries, and the first lines of its files (read once,
/// however many formats ask).
public final class LogFolder {
    public let directory: String
    /// Regular files and folders in it, by name, sorted; hidden ones left out.
    public let files: [String]
    public let folders: [String]
    /// Sub-folders that belong to the run found here (`checkpoint-*/`, MLflow's `metrics/`).
    public var claimed: Set<String> = []
    private var firstLines: [String: String?] = [:]

    public init(directory: String, files: [String], folders: [String]) {
        self.directory = directory
        self.files = files
        self.folders = folders
    }

    /// `directory/name`.
    public func path(_ name: String) -> String { directory + "/" + name }

    /// The paths of the files whose names pass `test`, in name order; nil when none does.
    public func paths(where test: (String) -> Bool) -> [String]? {
        let names = files.filter(test)
        return names.isEmpty ? nil : names.map(path)
    }

    /// The first line of file `name` (no line end, a UTF-8 BOM dropped), from its first
    /// `sniffBytes`; nil for an empty or unreadable file or one whose name says it is not text.
    public func firstLine(_ name: String) -> String? {
        if let known = firstLines[name] { return known }
        let line =
            LogFolder.binarySuffixes.contains(where: { name.lowercased().hasSuffix($0) }) ? nil : LogFolder.firstLine(ofFile: path(name))
        firstLines[name] = line
        return line
    }

    /// Whether file `name` is a git-LFS pointer (`GitLFSPointer`): a format that knows the file
    /// by its name claims it anyway, and the reader says what it is.
    public func isLFSPointer(_ name: String) -> Bool {
        firstLine(name).map { GitLFSPointer.starts(Array($0.utf8)) } ?? false
    }

    /// Only the first 8 KiB of a file are read to recognise it.
    static let sniffBytes = 8192
    /// Suffixes of files that are never logs (weights, images, arrays): not sniffed.
    static let binarySuffixes = [
        ".bin", ".safetensors", ".pt", ".pth", ".ckpt", ".png", ".jpg", ".jpeg", ".npy", ".npz",
        ".h5", ".pb", ".index", ".gz", ".zip", ".tar", ".pkl", ".onnx", ".msgpack",
    ]

    static func firstLine(ofFile path: String) -> String? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        guard let data = try? handle.read(upToCount: sniffBytes), !data.isEmpty else { return nil }
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        let line = bytes.prefix { $0 != 0x0A }
        return String(decoding: line.last == 0x0D ? line.dropLast() : line, as: UTF8.self)
    }
}

/// The files of one run as they are read: polled for what changed, asked for what they hold.
/// Owned by one thread at a time (the `RunReader`'s).
public protocol RunFiles: AnyObject {
    /// Reads what changed since the last call; true when anything did.
    func refresh() -> Bool
    /// What has been read so far.
    func read() -> RunFilesRead
}

/// What a run's files hold as of one read.
public struct RunFilesRead {
    public var tags: ScalarTable
    public var progress: RunProgress
    /// The first problem of each file.
    public var errors: [RunLogError]
    /// Modification times of the files read.
    public var modified: [Date]
    /// Times points were taken back (a file read again from its start, a whole file read anew).
    public var resets: Int
    /// The run's own name for itself (MLflow's `run_name`), nil when it has none.
    public var displayName: String?
    /// The hyperparameters the files state.
    public var params = RunParams()
    /// The store marks the run deleted (MLflow).
    public var deleted = false
    /// The run's final figures as its log keeps them (W&B's summary).
    public var summary = RunParams()
    /// What was left out or cut short, by file and place, while the run reads fine otherwise.
    public var notes: [RunLogError] = []

    public init(
        tags: ScalarTable, progress: RunProgress, errors: [RunLogError], modified: [Date], resets: Int, displayName: String? = nil
    ) {
        self.tags = tags
        self.progress = progress
        self.errors = errors
        self.modified = modified
        self.resets = resets
        self.displayName = displayName
    }
}
