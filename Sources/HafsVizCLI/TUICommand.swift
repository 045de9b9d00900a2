import ArgumentParser
import Foundation
import HafsVizCore
import HafsVizModel
import HafsVizTUI

#if canImport(Glibc)
    import Glibc
#endif

/// What every terminal command takes: one frame as text, ASCII only, the colour depth, the
/// frame's size for `--once`.
struct TerminalOptions: ParsableArguments {
    @Flag(name: .long, help: "Print one frame as plain text (no escape bytes) and exit.")
    var once = false

    @Flag(name: .long, help: "ASCII only: for consoles and fonts without Braille or block characters.")
    var ascii = false

    @Option(name: .customLong("term-color"), help: ArgumentHelp("Terminal colours: truecolor, 256, 16 or none.", valueName: "depth"))
    var termColor: String?

    @Option(
        name: .customLong("cells"),
        help: ArgumentHelp("The frame's size in cells for --once (default: the terminal's, else 120x40).", valueName: "WxH"))
    var cells: String?

    func validate() throws {
        if let termColor, !TerminalOptions.depths.contains(termColor) {
            throw ValidationError("--term-color must be truecolor, 256, 16 or none, not \(termColor)")
        }
        if let cells, TerminalOptions.parse(cells) == nil { throw ValidationError("--cells must be WxH (e.g. 120x40), not \(cells)") }
    }

    static let depths = ["truecolor", "256", "16", "none"]

    static func parse(_ text: String) -> (Int, Int)? {
        let parts = text.lowercased().split(separator: "x").compactMap { Int($0) }
        guard parts.count == 2, parts.allSatisfy({ $0 > 0 && $0 <= 1000 }) else { return nil }
        return (parts[0], parts[1])
    }

    func run(_ start: TUIStart) throws {
        try runTerminal(start, once: once, ascii: ascii, color: termColor, cells: cells.flatMap(TerminalOptions.parse))
    }
}

/// Opens the terminal front end on `start`: one frame as text with `once`, when stdout is not a
/// terminal, or with `TERM=dumb`; else the live screen until q.
func runTerminal(_ start: TUIStart, once: Bool, ascii: Bool, color: String?, cells: (Int, Int)?) throws {
    let plain = once || isatty(STDOUT_FILENO) != 1 || ProcessInfo.processInfo.environment["TERM"] == "dumb"
    if plain {
        let (width, height) = cells ?? TUIApp.terminalSize() ?? (120, 40)
        FileHandle.standardOutput.write(Data(TUIApp.once(start: start, width: width, height: height, ascii: ascii).utf8))
        return
    }
    connectRemote([start.directory, start.latentDirectory].compactMap(\.self) + LogdirList.split(start.logdir ?? ""))
    try TUIApp.run(start: start, color: color, ascii: ascii, launch: AppRunner.processStartTime())
}

/// `hafs-viz tui [<dir>] [--logdir D]`: the Dashboard, Runs and Latent workspaces in the terminal
/// (over SSH, in tmux). With `--once`, when stdout is not a terminal, or with `TERM=dumb`: one
/// frame as plain text, and exit.
public struct TUICommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "tui",
        abstract: "Show the Dashboard, Runs and Latent workspaces in the terminal (F1 lists the keys; Alt+1–3 switch).",
        discussion:
            "Colour: --color, else none with NO_COLOR or TERM=dumb, truecolor with COLORTERM=truecolor (256 over SSH or in tmux), else 256 or 16 from TERM. Settings are the window's. Exit status: 0, or 2 for a usage error or a missing directory."
    )

    @Argument(help: "The data directory (the pipeline's three JSON files); default ~/.context/training.")
    var directory: String?

    @OptionGroup var runsLogdirs: LogdirOptions

    @Option(
        name: .long, help: ArgumentHelp("The Latent workspace's directory (default: the settings', else <dir>/latent).", valueName: "dir"))
    var latent: String?

    @Option(name: .long, help: ArgumentHelp("Colours: truecolor, 256, 16 or none.", valueName: "depth"))
    var color: String?

    @Option(
        name: .long, help: ArgumentHelp("The frame's size in cells for --once (default: the terminal's, else 120x40).", valueName: "WxH"))
    var size: String?

    @Flag(name: .long, help: "Print one frame as plain text (no escape bytes) and exit.")
    var once = false

    @Flag(name: .long, help: "ASCII only: for consoles and fonts without Braille or block characters.")
    var ascii = false

    @Option(name: .long, help: ArgumentHelp("Where Ctrl+E writes (a folder per export; default: the working directory).", valueName: "dir"))
    var exportDir: String?

    public init() {}

    public func validate() throws {
        if let color, !TerminalOptions.depths.contains(color) {
            throw ValidationError("--color must be truecolor, 256, 16 or none, not \(color)")
        }
        if let size, TerminalOptions.parse(size) == nil { throw ValidationError("--size must be WxH (e.g. 120x40), not \(size)") }
    }

    public func run() throws {
        let path = directory ?? defaultDataDirectory()
        try requireDirectory(path)
        try runsLogdirs.require()
        if let latent { try requireDirectory(latent) }
        try runTerminal(
            TUIStart(directory: path, logdir: runsLogdirs.logdir, latentDirectory: latent, exportDirectory: exportDir), once: once,
            ascii: ascii,
            color: color,
            cells: size.flatMap(TerminalOptions.parse))
    }
}

/// Each remote host's connection, opened before the screen changes mode, so a password prompt
/// reaches the terminal (only when there is one); the sessions after it ride on it in batch mode.
func connectRemote(_ folders: [String]) {
    guard isatty(STDIN_FILENO) == 1 else { return }
    var connected: Set<String> = []
    for folder in folders {
        guard case .remote(let remote) = try? Location.parse(folder) else { continue }
        if connected.insert("\(remote.user ?? "")@\(remote.host):\(remote.port ?? 0)").inserted { SSHCommand().connect(remote) }
    }
}

/// `--logdir`, given again and again: the Runs workspace's logdirs (the window and `tui`).
struct LogdirOptions: ParsableArguments {
    @Option(
        name: .customLong("logdir"),
        help: ArgumentHelp(
            "The Runs workspace's logdir, local or host:/path; repeat it to read several as one (default: the settings', else <dir>/runs).",
            valueName: "dir"))
    var logdirs: [String] = []

    /// The logdirs given, as one text (`LogdirList`); nil for none.
    var logdir: String? { logdirs.isEmpty ? nil : LogdirList.join(logdirs) }

    /// Each local one must be a folder (a remote one is checked when it is read).
    func require() throws {
        for logdir in logdirs { try requireDirectory(logdir, "logdir") }
    }
}
