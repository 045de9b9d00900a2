import Foundation

/// The log formats a run folder can hold (how to recognise each: `LogdirScanner`).
public enum RunFormat: String, Sendable, CaseIterable, Codable {
    case tfevents
    case trainerState = "trainer_state"
    case lightningCSV = "lightning_csv"
    case kerasCSV = "keras_csv"
    case jsonl
    case mlflow

    /// What the log's x counts: Keras' CSVLogger writes a row an epoch, the others count
    /// optimizer steps.
    public var stepUnit: String { self == .kerasCSV ? "epoch" : "step" }
}

/// A run found in a logdir: a folder holding a log, named by its path relative to the logdir.
public struct RunLocation: Sendable, Equatable {
    /// Path relative to the logdir ("." for the logdir itself).
    public var name: String
    public var directory: String
    public var format: RunFormat
    /// The log files to read, absolute, in name order.
    public var files: [String]

    public init(name: String, directory: String, format: RunFormat, files: [String]) {
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

    public var name: String { location.name }
    public var format: RunFormat { location.format }
    public var isFailed: Bool { !errors.isEmpty }
}
