import ArgumentParser
import Foundation
import HafsVizCore

/// `hafs-viz`: the root command. `hafs-viz <dir>` opens the data directory (the window, once it
/// exists; for now its summary); `hafs-viz summary <dir>` prints the summary.
public struct HafsVizCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "hafs-viz",
        abstract: "See what your ML training-data pipeline is doing.",
        discussion: """
            A data directory holds quality_feedback.json, active_learning.json and \
            training_feedback.json, each optional. Exit status: 0 when every present file was read, \
            1 when any failed, 2 for a usage error or a missing directory.
            """,
        subcommands: [OpenCommand.self, SummaryCommand.self],
        defaultSubcommand: OpenCommand.self)

    public init() {}
}

/// Failure with a chosen exit status and a message for stderr.
struct CLIFailure: Error {
    var status: Int32
    var message: String
}

/// The default directory when none is given.
func defaultDataDirectory() -> String {
    let home = ProcessInfo.processInfo.environment["HOME"] ?? NSHomeDirectory()
    return (home as NSString).appendingPathComponent(".context/training")
}

/// Checks that `path` is an existing directory (usage error 2 otherwise) and loads it.
func loadDirectory(_ path: String) throws -> Snapshot {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
        throw CLIFailure(status: 2, message: "hafs-viz: no such directory: \(path)")
    }
    guard isDirectory.boolValue else {
        throw CLIFailure(status: 2, message: "hafs-viz: not a directory: \(path)")
    }
    return try SnapshotLoader(directory: path).loadNow()
}

/// `hafs-viz summary <dir> [--json]`.
public struct SummaryCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "summary",
        abstract: "Print what a data directory holds: per-file status and every derived figure.")

    @Argument(help: "The data directory (holding quality_feedback.json and friends).")
    var directory: String

    @Flag(name: .long, help: "Print one JSON object instead of tables.")
    var json = false

    public init() {}

    public func run() throws {
        let report = SummaryReport(try loadDirectory(directory))
        if ProcessInfo.processInfo.environment["HAFS_VIZ_TIMINGS"] != nil {
            let t = report.snapshot.timings
            FileHandle.standardError.write(Data("timings: read \(t.read), decode \(t.decode), derive \(t.derive)\n".utf8))
        }
        print(json ? report.json().serialized() : report.table())
        if report.exitCode != 0 {
            for error in report.snapshot.errors {
                FileHandle.standardError.write(Data("hafs-viz: \(report.snapshot.directory)/\(error)\n".utf8))
            }
            throw ExitCode(report.exitCode)
        }
    }
}

/// `hafs-viz [<dir>]`: opens a data directory. The window is not built yet, so for now this
/// prints the directory's summary.
public struct OpenCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "open",
        abstract: "Open a data directory (default ~/.context/training).")

    @Argument(help: "The data directory. Default: ~/.context/training.")
    var directory: String?

    public init() {}

    public func run() throws {
        try SummaryCommand.parse([directory ?? defaultDataDirectory()]).run()
    }
}

/// Entry point used by `main.swift`: runs the command line and returns the exit status.
public enum HafsVizMain {
    public static func run(_ arguments: [String]) -> Int32 {
        do {
            var command = try HafsVizCommand.parseAsRoot(arguments)
            try command.run()
            return 0
        } catch let failure as CLIFailure {
            FileHandle.standardError.write(Data((failure.message + "\n").utf8))
            return failure.status
        } catch {
            let code = HafsVizCommand.exitCode(for: error)
            let message = HafsVizCommand.fullMessage(for: error)
            if code == .success {
                print(message)
                return 0
            }
            if !message.isEmpty { FileHandle.standardError.write(Data((message + "\n").utf8)) }
            // ArgumentParser's usage errors (EX_USAGE, 64) are our documented status 2.
            return code == .validationFailure ? 2 : code.rawValue
        }
    }
}
