import ArgumentParser
import Foundation
import HafsVizApp
import HafsVizCore
import HafsVizModel
import HafsVizTUI
import ImageIO
import Immediate
import Platform
import Shell

/// `hafs-viz`: the root command. `hafs-viz <dir>` opens the dashboard window;
/// `hafs-viz summary <dir>` prints the summary.
public struct HafsVizCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "hafs-viz",
        abstract: "See what your ML training-data pipeline is doing.",
        discussion: """
            A data directory holds quality_feedback.json, active_learning.json and \
            training_feedback.json, each optional. Exit status: 0 when every present file was read, \
            1 when any failed, 2 for a usage error or a missing directory.
            """,
        subcommands: [OpenCommand.self, SummaryCommand.self, RunsCommand.self, LatentCommand.self, TUICommand.self],
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

/// Checks that `path` is an existing directory; a usage error (status 2) naming it otherwise. A
/// remote location (`host:/path`) is checked when it is read: its host says what is wrong.
func requireDirectory(_ path: String, _ noun: String = "directory") throws {
    do throws(LocationError) {
        if case .remote = try Location.parse(path) { return }
    } catch {
        throw CLIFailure(status: 2, message: "hafs-viz: \(error)")
    }
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
        throw CLIFailure(status: 2, message: "hafs-viz: no such \(noun): \(path)")
    }
    guard isDirectory.boolValue else {
        throw CLIFailure(status: 2, message: "hafs-viz: not a directory: \(path)")
    }
}

/// Checks that `path` is an existing directory (usage error 2 otherwise) and loads it.
func loadDirectory(_ path: String) throws -> Snapshot {
    try requireDirectory(path)
    return try SnapshotLoader(directory: path).loadNow()
}

/// `--screenshot FILE [--size WxH]`: one frame of a window, headless (every window command).
struct ScreenshotOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Render one frame of the window to this PNG file and exit.", valueName: "file"))
    var screenshot: String?

    @Option(name: .long, help: ArgumentHelp("Screenshot size in pixels.", valueName: "WxH"))
    var size = "1600x1000"

    func validate() throws {
        guard Shell.parseSize(size) != nil else { throw ValidationError("--size takes WxH, e.g. 1600x1000 (got \(size))") }
    }

    /// The size (checked in `validate`).
    var pixels: (Int, Int) { Shell.parseSize(size) ?? (1600, 1000) }
}

/// Runs a window (or renders its screenshot), turning its failures into exit statuses: 2 when
/// the window cannot open (without a display, `headless` says what works without one), 1 when the
/// PNG could not be written.
@MainActor
func runWindow(headless: String? = nil, _ body: () throws -> Void) throws {
    do {
        try body()
    } catch let failure as Window.Failure {
        let noDisplay = (ProcessInfo.processInfo.environment["DISPLAY"] ?? "").isEmpty
        throw CLIFailure(
            status: 2,
            message: noDisplay && headless != nil
                ? "hafs-viz: no display: DISPLAY is not set. Without a screen: \(headless ?? "")"
                : "hafs-viz: \(failure)")
    } catch let failure as PNGFile.Failure {
        throw CLIFailure(status: 1, message: "hafs-viz: \(failure)")
    }
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

    @Flag(
        name: .long,
        help: "Count the validation failures' dummy scores in the trends and the score drift (left out by default, as in the window).")
    var includeValidationFailures = false

    public init() {}

    public func run() throws {
        let report: SummaryReport
        if case .remote = try? Location.parse(directory) {
            // The three documents only, copied whole, then read as a local directory is.
            let source = FolderSource.dataDirectory(directory, interactive: isatty(STDIN_FILENO) == 1)
            if let problem = source.syncNow() { throw CLIFailure(status: 2, message: "hafs-viz: \(problem)") }
            report = SummaryReport(try source.loadSnapshot(), includeValidationFailures: includeValidationFailures)
        } else {
            report = SummaryReport(try loadDirectory(directory), includeValidationFailures: includeValidationFailures)
        }
        if ProcessInfo.processInfo.environment["HAFS_VIZ_TIMINGS"] != nil {
            let t = report.snapshot.timings
            FileHandle.standardError.write(Data("timings: read \(t.read), decode \(t.decode), derive \(t.derive)\n".utf8))
        }
        print(json ? report.json().serialized() : report.table())
        if report.exitCode != 0 {
            for error in report.snapshot.errors {
                FileHandle.standardError.write(Data("hafs-viz: \(report.directory)/\(error)\n".utf8))
            }
            throw ExitCode(report.exitCode)
        }
    }
}

/// `hafs-viz runs <logdir> [--json]`: every run of a logdir, read whole, as tables or JSON.
public struct RunsCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "runs",
        abstract:
            "Show the training runs of a logdir (\(LogFormats.names)): the Runs window, or --json / --table.",
        discussion:
            "Every folder under the logdir that holds a log is a run, named by its path, in the first of these formats it holds:\n\n"
            + LogFormats.helpTable.map { "  " + $0 }.joined(separator: "\n")
            + "\n\nExit status: 0 when every run read cleanly, 1 when any reported a problem, 2 for a usage error or a missing logdir."
    )

    @Argument(
        help: ArgumentHelp(
            "The logdirs: folders of runs, searched recursively; host:/path or ssh://[user@]host[:port]/path for one on another machine.",
            valueName: "logdir"))
    var logdirs: [String] = []

    @Option(name: .customLong("logdir"), help: ArgumentHelp("Another logdir (repeatable), as the arguments.", valueName: "logdir"))
    var moreLogdirs: [String] = []

    /// Every logdir given, as one text (`LogdirList`).
    var logdir: String { LogdirList.join(logdirs + moreLogdirs) }

    @Flag(name: .long, help: "Print one JSON object instead of opening the window.")
    var json = false

    @Flag(name: .long, help: "Print tables instead of opening the window.")
    var table = false

    @Option(
        name: .long,
        help: ArgumentHelp(
            "With --json and --tag: add a scatter of the runs by this param (x) and the tag's best value (y).", valueName: "name"))
    var param: String?

    @Option(
        name: .long, help: ArgumentHelp("The tag whose best value --param plots (min for losses and errors, else max).", valueName: "tag"))
    var tag: String?

    @OptionGroup var shot: ScreenshotOptions

    @Flag(name: .long, help: "Open the Runs workspace in the terminal (as hafs-viz tui) instead of a window.")
    var tui = false

    @OptionGroup(title: "In the terminal (--tui)") var terminal: TerminalOptions

    public init() {}

    public func validate() throws {
        guard !(logdirs + moreLogdirs).isEmpty else { throw ValidationError("Give at least one logdir.") }
        guard (param == nil) == (tag == nil) else {
            throw ValidationError("--param and --tag go together (a param on x, a tag's best on y).")
        }
        if param != nil, !json { throw ValidationError("--param and --tag add a scatter to --json.") }
    }

    public func run() throws {
        for logdir in logdirs + moreLogdirs { try requireDirectory(logdir, "logdir") }
        if tui {
            try terminal.run(TUIStart(directory: defaultDataDirectory(), logdir: logdir, workspace: .runs))
            return
        }
        if !json, !table {
            let (logdir, screenshot, size) = (self.logdir, shot.screenshot, shot.pixels)
            try MainActor.assumeIsolated {
                try runWindow(headless: "hafs-viz runs --json \(logdir), or xvfb-run -a hafs-viz runs --screenshot out.png \(logdir)") {
                    if let screenshot {
                        try AppRunner.screenshot(
                            directory: defaultDataDirectory(), logdir: logdir, path: screenshot, size: size, start: .runs)
                        print("wrote \(screenshot)")
                    } else {
                        connectRemote(LogdirList.split(logdir))
                        try AppRunner.run(directory: defaultDataDirectory(), logdir: logdir, exportDirectory: nil, start: .runs)
                    }
                }
            }
            return
        }
        FreedMemory.keepLargeBlocksMapped()
        let sources = LogdirList.sources(logdir, interactive: isatty(STDIN_FILENO) == 1)
        let report = RunsReport.read(sources)
        let failed = sources.compactMap(\.problem)
        for problem in failed { FileHandle.standardError.write(Data("hafs-viz: \(problem)\n".utf8)) }
        // Nothing read from any host: say why and where, and print no empty report.
        if failed.count == sources.count, !failed.isEmpty { throw ExitCode(2) }
        let scatter = param.flatMap { param in tag.map { (param: param, tag: $0) } }
        print(json ? report.json(scatter: scatter).serialized() : report.table())
        for run in report.runs {
            for error in run.errors { FileHandle.standardError.write(Data("hafs-viz: \(run.name): \(error)\n".utf8)) }
        }
        if report.exitCode != 0 || !failed.isEmpty { throw ExitCode(1) }
    }
}

/// `hafs-viz latent <dir>`: the Latent window; `--json` prints what the directory holds.
public struct LatentCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "latent",
        abstract: "Open the Latent workspace on a directory (latent.npy and friends): an embedding map to label; or --json.",
        discussion:
            "Exit status: 0 when latent.npy and labels.csv were read, 1 when latent.npy could not be read or labels.csv failed, 2 for a usage error or a missing directory. Problems with optional files go to stderr."
    )

    @Argument(help: "The directory holding latent.npy.")
    var directory: String

    @Flag(name: .long, help: "Print one JSON object instead of opening the window.")
    var json = false

    @OptionGroup var shot: ScreenshotOptions

    @Option(name: .long, help: ArgumentHelp("Screenshot with this point selected (its index).", valueName: "index"))
    var select: Int?

    @Option(name: .long, help: ArgumentHelp("Colour the map by labels, predictions, certainty or metadata:COLUMN.", valueName: "mode"))
    var color: String?

    @Flag(name: .long, help: "Open the Latent workspace in the terminal (as hafs-viz tui) instead of a window.")
    var tui = false

    @OptionGroup(title: "In the terminal (--tui)") var terminal: TerminalOptions

    public init() {}

    public func validate() throws {
        if let color, LatentColorMode(settingText: color) == nil {
            throw ValidationError("--color takes labels, predictions, certainty or metadata:COLUMN (got \(color))")
        }
        if let select, select < 0 { throw ValidationError("--select takes a point index from 0 (got \(select))") }
    }

    public func run() throws {
        try requireDirectory(directory)
        if tui {
            try terminal.run(TUIStart(directory: defaultDataDirectory(), latentDirectory: directory, workspace: .latent))
            return
        }
        guard json else {
            let (directory, screenshot, size) = (self.directory, shot.screenshot, shot.pixels)
            let view = AppRunner.LatentView(selected: select, color: color.flatMap(LatentColorMode.init(settingText:)))
            try MainActor.assumeIsolated {
                try runWindow(
                    headless: "hafs-viz latent --json \(directory), or xvfb-run -a hafs-viz latent --screenshot out.png \(directory)"
                ) {
                    if let screenshot {
                        let data = defaultDataDirectory()
                        try AppRunner.screenshot(
                            directory: data, logdir: nil,
                            path: screenshot,
                            size: size, start: .latent, latentDirectory: directory, latentView: view)
                        print("wrote \(screenshot)")
                    } else {
                        try AppRunner.run(
                            directory: defaultDataDirectory(), logdir: nil, exportDirectory: nil, start: .latent, latentDirectory: directory
                        )
                    }
                }
            }
            return
        }
        // A remote directory: its files copied (they are read from the copy, named as the host has them).
        let source = FolderSource(directory, files: LatentModel.files, interactive: isatty(STDIN_FILENO) == 1)
        if let problem = source.syncNow() { throw CLIFailure(status: 2, message: "hafs-viz: \(problem)") }
        let report: LatentReport
        do {
            report = try LatentReport(directory: source.readPath)
        } catch {
            throw CLIFailure(
                status: 1, message: "hafs-viz: \(source.name)/\(error)".replacingOccurrences(of: source.readPath, with: source.name))
        }
        print(report.json().serialized())
        for line in report.warnings {
            FileHandle.standardError.write(Data("hafs-viz: \(line.replacingOccurrences(of: source.readPath, with: source.name))\n".utf8))
        }
        if report.labelsState == .failed { throw ExitCode(1) }
    }
}

/// `hafs-viz [<dir>]`: the dashboard window. With `--screenshot` it renders one frame headless.
public struct OpenCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "open",
        abstract: "Open the dashboard on a data directory (default ~/.context/training).",
        discussion: "Without a display (no DISPLAY), run: xvfb-run -a hafs-viz --screenshot out.png <dir>")

    @Argument(help: "The data directory. Default: ~/.context/training. It need not exist yet.")
    var directory: String?

    @OptionGroup var shot: ScreenshotOptions

    @Option(
        name: .long,
        help: ArgumentHelp("Open (or screenshot) panel N maximized (1 quality, 2 generators, 3 coverage, 4 runs).", valueName: "N"))
    var panel: Int?

    @Option(name: .long, help: ArgumentHelp("Open (or screenshot) one view, maximized (names: --list-views).", valueName: "name"))
    var view: String?

    @Flag(name: .long, help: "Print every view's name, one per line, and exit.")
    var listViews = false

    @Option(
        name: .long, parsing: .singleValue,
        help: ArgumentHelp(
            "Open (or screenshot) with a record selected (as a table row click does): run=ID, generator=NAME, domain=NAME or region=INDEX. Repeatable.",
            valueName: "kind=id"))
    var select: [String] = []

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Count only this span of rejection_history: all, hour, day, week (back from its newest entry).",
            valueName: "range"))
    var timeRange: String?

    @Option(
        name: .long,
        help: ArgumentHelp("Colour theme: dark, light or high-contrast (default: the settings', else dark).", valueName: "theme"))
    var theme: String?

    @Option(name: .long, help: ArgumentHelp("UI scale, 0.75–3 (default: the settings', else 1).", valueName: "factor"))
    var uiScale: Float?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Where exports go, a folder per export (default: the working directory when started from a terminal, else ~/hafs-viz-exports).",
            valueName: "dir"))
    var exportDir: String?

    @OptionGroup var runsLogdirs: LogdirOptions

    public init() {}

    public func validate() throws {
        let panels = Dashboard.standardPanels
        if let panel, !panels.indices.contains(panel - 1) {
            let choices = panels.indices.map { "\($0 + 1) \(panels[$0].id)" }.joined(separator: ", ")
            throw ValidationError("--panel takes a panel's number: \(choices) (got \(panel))")
        }
        if let view, !Dashboard.viewNames.contains(view) {
            throw ValidationError("--view takes a view's name (see --list-views), got \(view)")
        }
        if let theme, Theme(rawValue: theme) == nil {
            throw ValidationError("--theme takes \(Theme.allCases.map(\.rawValue).joined(separator: ", ")) (got \(theme))")
        }
        if let uiScale, !(0.75...3).contains(uiScale) {
            throw ValidationError("--ui-scale takes a factor from 0.75 to 3 (got \(uiScale))")
        }
        for item in select where HafsVizCommand.parseSelection(item) == nil {
            throw ValidationError(
                "--select takes KIND=ID with KIND one of \(RecordKind.allCases.map(\.rawValue).joined(separator: ", ")) (got \(item))")
        }
        if let timeRange, TimeRange(settingText: timeRange) == nil {
            throw ValidationError("--time-range takes all, hour, day or week (got \(timeRange))")
        }
    }

    public func run() throws {
        if listViews {
            print(Dashboard.viewNames.joined(separator: "\n"))
            return
        }
        let path = directory ?? defaultDataDirectory()
        // A missing local folder opens on the empty state; a remote one is checked as a location.
        if case .remote = try? Location.parse(path) { try requireDirectory(path, "data directory") }
        try runsLogdirs.require()
        let size = shot.pixels
        let view = self.view
        let panel = self.panel.map { Dashboard.standardPanels[$0 - 1].id }  // checked in validate()
        let screenshot = shot.screenshot
        let exportDir = self.exportDir
        let explicitLogdir = runsLogdirs.logdir
        let timeRange = self.timeRange.flatMap(TimeRange.init(settingText:))  // checked in validate()
        let theme = self.theme.flatMap(Theme.init(rawValue:))
        let uiScale = self.uiScale
        let selections = select.compactMap(HafsVizCommand.parseSelection)  // checked in validate()
        try MainActor.assumeIsolated {
            try runWindow {
                if let screenshot {
                    try AppRunner.screenshot(
                        directory: path, logdir: explicitLogdir, path: screenshot, size: size, start: .dashboard(maximized: panel),
                        view: view,
                        selections: selections, timeRange: timeRange, appearance: Appearance(scale: uiScale ?? 1, theme: theme ?? .dark))
                    print("wrote \(screenshot)")
                } else {
                    connectRemote([path] + LogdirList.split(explicitLogdir ?? ""))
                    try AppRunner.run(
                        directory: path, logdir: explicitLogdir, exportDirectory: exportDir, start: .dashboard(maximized: panel),
                        view: view, selections: selections, timeRange: timeRange, theme: theme, uiScale: uiScale)
                }
            }
        }
    }
}

extension HafsVizCommand {
    /// "run=ID" → (.run, "ID"); nil when the kind is unknown or the id empty.
    static func parseSelection(_ text: String) -> (RecordKind, String)? {
        guard let equals = text.firstIndex(of: "="), let kind = RecordKind(rawValue: String(text[..<equals])) else { return nil }
        let id = String(text[text.index(after: equals)...])
        return id.isEmpty ? nil : (kind, id)
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
