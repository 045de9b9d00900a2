import ArgumentParser
import Foundation
import HafsVizTUI

#if canImport(Glibc)
    import Glibc
#endif

/// `hafs-viz tui [<dir>]`: the Dashboard in the terminal (over SSH, in tmux). With `--once`, when
/// stdout is not a terminal, or with `TERM=dumb`: one frame as plain text, and exit.
public struct TUICommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "tui",
        abstract: "Show the Dashboard in the terminal (keys: q quit, r/F5 reload, 1–4 a panel, Esc back).",
        discussion:
            "Colour: --color, else none with NO_COLOR or TERM=dumb, truecolor with COLORTERM=truecolor (256 over SSH or in tmux), else 256 or 16 from TERM. Exit status: 0, or 2 for a usage error or a missing directory."
    )

    @Argument(help: "The data directory (the pipeline's three JSON files); default ~/.context/training.")
    var directory: String?

    @Flag(name: .long, help: "Print one frame as plain text (no escape bytes) and exit.")
    var once = false

    @Option(name: .long, help: ArgumentHelp("Colours: truecolor, 256, 16 or none.", valueName: "depth"))
    var color: String?

    @Option(name: .long, help: ArgumentHelp("The frame's size for --once (default: the terminal's, else 120x40).", valueName: "WxH"))
    var size: String?

    public init() {}

    public func validate() throws {
        if let color, !["truecolor", "256", "16", "none"].contains(color) {
            throw ValidationError("--color must be truecolor, 256, 16 or none, not \(color)")
        }
        if let size, TUICommand.parse(size) == nil { throw ValidationError("--size must be WxH (e.g. 120x40), not \(size)") }
    }

    static func parse(_ text: String) -> (Int, Int)? {
        let parts = text.lowercased().split(separator: "x").compactMap { Int($0) }
        guard parts.count == 2, parts.allSatisfy({ $0 > 0 && $0 <= 1000 }) else { return nil }
        return (parts[0], parts[1])
    }

    public func run() throws {
        let path = directory ?? defaultDataDirectory()
        try requireDirectory(path)
        let plain = once || isatty(STDOUT_FILENO) != 1 || ProcessInfo.processInfo.environment["TERM"] == "dumb"
        if plain {
            let (width, height) = size.flatMap(TUICommand.parse) ?? TUIApp.terminalSize() ?? (120, 40)
            FileHandle.standardOutput.write(Data(try TUIApp.once(directory: path, width: width, height: height).utf8))
            return
        }
        try TUIApp.run(directory: path, color: color)
    }
}
