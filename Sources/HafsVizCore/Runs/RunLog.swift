import Foundation

/// A run found in a logdir: a folder holding a log, named by its path relative to the logdir.
public struct RunLocation: Sendable, Equatable {
    public static func == (a: RunLocation, b: RunLocation) -> Bool {
        a.name == b.name && a.directory == b.directory && a.format.id == b.format.id && a.files == b.files
    }

    /// Path relative to the logdir ("." for the logdir itself).
    public var name: String
    public var directory: String
    public var format: any LogFormat
    /// The log files to read, absolute, in name order.
    public var files: [String]

    public init(name: String, directory: String, format: any LogFormat, files: [String]) {
        self.name = name
        self.directory = directory
        self.format = format
        self.files = files
    }
}

/// How far a run has come, when its log says so.
public struct RunProgress: Sendable, Equatable {
    public var step: Double?
    public var maxSteps: Double?
    public var epoch: Double?
    public var epochs: Double?
    /// MLflow's run status: RUNNING, FINISHED, FAILED, KILLED, SCHEDULED.
    public var status: String?

    public init() {}
}

/// One run as of one read: every point of every tag, and what went wrong where. Immutable.
public struct RunLog: Sendable {
    public var location: RunLocation
    /// MLflow's `run_name` from meta.yaml; nil for other formats.
    public var displayName: String?
    public var tags: ScalarTable
    /// The first problem of each file (skipped records, ragged rows, a file that stopped).
    public var errors: [RunLogError]
    public var progress: RunProgress
    /// Newest modification time among the run's files.
    public var lastWrite: Date?
    /// Counts the times points were taken back (a file read again from its start, a whole-file
    /// log read anew): while it stays the same, every tag only ever grew at its end.
    public var resets: Int = 0
    /// The hyperparameters the log states (empty when it states none).
    public var params = RunParams()
    /// MLflow's `lifecycle_stage: deleted`: the run was deleted (kept in the store until it is
    /// garbage-collected); the window hides it unless asked.
    public var deleted = false
    /// The run's final figures as its log keeps them (W&B's summary); empty for other formats.
    public var summary = RunParams()
    /// What was left out or cut short (media skipped, a torn last record), by file and place;
    /// the run reads fine otherwise.
    public var notes: [RunLogError] = []

    public var name: String { location.name }
    public var format: any LogFormat { location.format }
    public var isFailed: Bool { !errors.isEmpty }
}
