// `hafs-viz tui`: the terminal front end. One loop: wait on the terminal and on the feeds'
// wake pipe, turn bytes into events, draw a frame into a cell buffer, write only what changed.

import Figures
import Foundation
import HafsVizCore
import HafsVizModel
import Synchronization
import Terminal

#if canImport(Glibc)
    import Glibc
#endif

/// The terminal front end.
public enum TUIApp {
    /// The smallest terminal it draws in; a smaller one is told so.
    public static let minimumSize = (width: 40, height: 12)

    /// One frame of the Dashboard as plain text (`--once`, a pipe, `TERM=dumb`): no escape bytes.
    public static func once(directory: String, width: Int, height: Int) throws -> String {
        let snapshot = try SnapshotLoader(directory: directory).loadNow()
        let frame = frame(DashboardModel(snapshot: snapshot), directory: directory, width: width, height: height, note: nil)
        return frame.lines.joined(separator: "\n") + "\n"
    }

    /// The whole screen: a header, the panels, the status line.
    static func frame(
        _ model: DashboardModel, directory: String, width: Int, height: Int, maximized: Int? = nil, loading: Bool = false, note: String?
    ) -> CellBuffer {
        var buffer = CellBuffer(width: width, height: height)
        guard width >= minimumSize.width, height >= minimumSize.height else {
            buffer.put(
                "terminal too small: \(width)×\(height), needs \(minimumSize.width)×\(minimumSize.height)", x: 0, y: 0,
                foreground: TUIStyle.warning)
            return buffer
        }
        buffer.put("hafs-viz · Dashboard", x: 0, y: 0, foreground: TUIStyle.accent, bold: true)
        buffer.put("q quit · r reload · 1–4 panel · Esc back", x: 22, y: 0, foreground: TUIStyle.dim, limit: width - 22)
        DashboardScreen(model: model, maximized: maximized, loading: loading).draw(
            into: &buffer, x: 0, y: 1, width: width, height: height - 2)
        var status = model.statusFigures
        if let note { status.append(StatusSegment(note)) }
        status.append(StatusSegment(directory))
        var x = 0
        for (index, segment) in status.enumerated() {
            if index > 0 { x += buffer.put(" · ", x: x, y: height - 1, foreground: TUIStyle.dim) }
            let color: TermColor =
                switch segment.tone {
                case .warning: TUIStyle.warning
                case .error: TUIStyle.error
                case .accent, .emphasis: TUIStyle.accent
                case .plain: TUIStyle.text
                }
            x += buffer.put(segment.text, x: x, y: height - 1, foreground: color, limit: max(width - x, 0))
        }
        return buffer
    }

    /// The terminal's columns and rows, nil when stdout is not a terminal.
    public static func terminalSize() -> (width: Int, height: Int)? {
        isatty(STDOUT_FILENO) == 1 ? TerminalSession.size() : nil
    }

    /// The interactive terminal: until `q`, or a signal.
    public static func run(directory: String, color: String?) throws {
        let session = TerminalSession()
        try session.start()
        defer { session.stop() }
        let depth = ColorDepth.detect(flag: color, environment: ProcessInfo.processInfo.environment)
        var renderer = DiffRenderer(depth: depth)
        var parser = InputParser()
        let wake = WakePipe()
        let feed = ReloadController<DashboardModel>(onUpdate: { wake.signal() })
        feed.start(directory: directory, previous: nil)
        var model = DashboardModel(snapshot: Snapshot(directory: directory))
        var maximized: Int?
        var note: String? = "loading…"
        var size = TerminalSession.size()
        var dirty = true
        while true {
            if session.takeResize() || session.takeResume() {
                size = TerminalSession.size()
                renderer.invalidate()
                dirty = true
            }
            if let finished = feed.takeFinished() {
                model = finished
                note = nil
                dirty = true
            }
            if dirty {
                TerminalSession.write(
                    renderer.render(
                        frame(
                            model, directory: directory, width: size.width, height: size.height, maximized: maximized,
                            loading: feed.isLoading, note: note)))
                dirty = false
            }
            let bytes = wake.wait(forInputOn: STDIN_FILENO, timeout: parser.hasPending ? 0.05 : 1)
            var events = parser.parse(bytes)
            if bytes.isEmpty, parser.hasPending { events += parser.flush() }
            for event in events {
                guard case .key(let press) = event else { continue }
                switch press.key {
                case .character("q") where press.modifiers.isEmpty:
                    if maximized != nil { maximized = nil } else { return }
                case .escape: maximized = nil
                case .character("c") where press.modifiers == .control: return
                case .character("z") where press.modifiers == .control: session.suspend()
                case .character("r") where press.modifiers.isEmpty, .f(5):
                    feed.start(directory: directory, previous: model.snapshot)
                    note = "reloading…"
                case .character(let digit) where ("1"..."4").contains(digit) && press.modifiers.isEmpty:
                    maximized = digit.wholeNumberValue
                case .character("l") where press.modifiers == .control: renderer.invalidate()
                default: continue
                }
                dirty = true
            }
        }
    }
}

/// A pipe the feeds' threads write a byte to when they have something new; the loop waits on
/// it and on the terminal together.
final class WakePipe: Sendable {
    private let descriptors: (read: Int32, write: Int32)

    init() {
        var fds: [Int32] = [-1, -1]
        _ = pipe(&fds)
        for fd in fds { _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) }
        descriptors = (fds[0], fds[1])
    }

    /// From any thread.
    func signal() {
        var byte: UInt8 = 1
        _ = write(descriptors.write, &byte, 1)
    }

    /// Waits until `fd` has input, a wake arrives, or `timeout` seconds pass; the bytes read
    /// from `fd` (empty for a wake or a timeout). Wakes are drained.
    func wait(forInputOn fd: Int32, timeout: Double) -> [UInt8] {
        var fds = [pollfd(fd: fd, events: Int16(POLLIN), revents: 0), pollfd(fd: descriptors.read, events: Int16(POLLIN), revents: 0)]
        guard poll(&fds, 2, Int32(timeout * 1000)) > 0 else { return [] }
        if fds[1].revents != 0 {
            var drain = [UInt8](repeating: 0, count: 64)
            while read(descriptors.read, &drain, drain.count) > 0 {}
        }
        guard fds[0].revents & Int16(POLLIN) != 0 else { return [] }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = read(fd, &buffer, buffer.count)
        return count > 0 ? Array(buffer[0..<count]) : []
    }
}
