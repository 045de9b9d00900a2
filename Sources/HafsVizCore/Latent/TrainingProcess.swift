// TrainingProcess: one run of the training command, in its own process group, so Cancel ends it
// and everything it started (a shell, python, its data-loader workers) at once.
//
// `/bin/sh -c COMMAND` is spawned with posix_spawn (POSIX_SPAWN_SETPGROUP: the child leads a new
// group), stdout and stderr into one pipe. One thread reads the pipe into lines; when the pipe
// closes it reaps the child. Everything the UI reads is behind a lock.

import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// How a training run ended, or that it has not.
public enum TrainingOutcome: Sendable, Equatable {
    case running
    case exited(Int32)
    case signalled(Int32)
    case failedToStart(String)

    /// A line for the UI: nil while running.
    public var summary: String? {
        switch self {
        case .running: return nil
        case .exited(0): return "finished (exit 0)"
        case .exited(127): return "exit 127: the command was not found (see the log)"
        case .exited(let code): return "failed: exit \(code)"
        case .signalled(let signal):
            return signal == SIGTERM || signal == SIGKILL ? "cancelled (signal \(signal))" : "killed by signal \(signal)"
        case .failedToStart(let reason): return "could not start: \(reason)"
        }
    }

    public var succeeded: Bool { self == .exited(0) }
}

public final class TrainingProcess: Sendable {
    public let commandLine: String
    public let directory: String
    /// The child's pid, which is also its process group's id; nil when it did not start.
    public let pid: pid_t?
    private let state: Mutex<State>
    private let onChange: @Sendable () -> Void

    struct State {
        var lines: [String] = []
        var partial = ""
        var droppedLines = 0
        /// Grows with every read of output, so a UI redraws only when there is more.
        var outputVersion = 0
        var outcome = TrainingOutcome.running
        var cancelled = false
    }

    /// Lines of output kept (older ones are dropped and counted).
    public static let lineLimit = 5_000

    /// Starts `commandLine` with `/bin/sh -c` in `directory`; `onChange` runs (on the reader's
    /// thread) when output arrives or the process ends.
    public init(commandLine: String, directory: String, onChange: @escaping @Sendable () -> Void = {}) {
        self.commandLine = commandLine
        self.directory = directory
        self.onChange = onChange
        var pipeEnds: [Int32] = [0, 0]
        guard pipe(&pipeEnds) == 0 else {
            pid = nil
            state = Mutex(State(outcome: .failedToStart("pipe: \(String(cString: strerror(errno)))")))
            return
        }
        let (readEnd, writeEnd) = (pipeEnds[0], pipeEnds[1])
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        posix_spawn_file_actions_adddup2(&actions, writeEnd, 1)
        posix_spawn_file_actions_adddup2(&actions, writeEnd, 2)
        posix_spawn_file_actions_addclose(&actions, readEnd)
        posix_spawn_file_actions_addclose(&actions, writeEnd)
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP))
        posix_spawnattr_setpgroup(&attributes, 0)
        // The child changes into the directory itself (posix_spawn has no chdir action here).
        let script = "cd \(TrainingConfig.shellQuoted(directory)) && exec /bin/sh -c \(TrainingConfig.shellQuoted(commandLine))"
        var child: pid_t = 0
        let arguments = ["/bin/sh", "-c", script]
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        let status = posix_spawn(&child, "/bin/sh", &actions, &attributes, &argv, environ)
        for pointer in argv { free(pointer) }
        posix_spawn_file_actions_destroy(&actions)
        posix_spawnattr_destroy(&attributes)
        close(writeEnd)
        guard status == 0 else {
            close(readEnd)
            pid = nil
            state = Mutex(State(outcome: .failedToStart("posix_spawn: \(String(cString: strerror(status)))")))
            return
        }
        pid = child
        state = Mutex(State())
        let spawned = child
        let thread = Thread { [self] in readAndReap(readEnd, spawned) }
        thread.name = "training output"
        thread.start()
    }

    /// Reads the output until the pipe closes, then waits for the child.
    private func readAndReap(_ fd: Int32, _ child: pid_t) {
        var buffer = [UInt8](repeating: 0, count: 16_384)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            if count <= 0 { break }
            let text = String(decoding: buffer[0..<count], as: UTF8.self)
            state.withLock { state in
                let pieces = (state.partial + text).split(separator: "\n", omittingEmptySubsequences: false)
                state.partial = String(pieces.last ?? "")
                // Progress bars rewrite their line with "\r": keep what the line says last.
                state.lines.append(contentsOf: pieces.dropLast().map { line in String(line.split(separator: "\r").last ?? "") })
                if state.lines.count > TrainingProcess.lineLimit {
                    let excess = state.lines.count - TrainingProcess.lineLimit
                    state.lines.removeFirst(excess)
                    state.droppedLines += excess
                }
                state.outputVersion += 1
            }
            onChange()
        }
        close(fd)
        var status: Int32 = 0
        while waitpid(child, &status, 0) < 0, errno == EINTR {}
        // WIFEXITED / WTERMSIG by hand: the C macros are not imported.
        let signal = status & 0x7F
        let outcome: TrainingOutcome = signal == 0 ? .exited((status >> 8) & 0xFF) : .signalled(signal)
        state.withLock { state in
            if !state.partial.isEmpty {
                state.lines.append(state.partial)
                state.partial = ""
            }
            state.outcome = outcome
        }
        onChange()
    }

    public var outcome: TrainingOutcome { state.withLock { $0.outcome } }
    public var isRunning: Bool { outcome == .running }

    /// The output so far, and how many older lines were dropped.
    public var output: (lines: [String], dropped: Int) {
        state.withLock { state in (state.partial.isEmpty ? state.lines : state.lines + [state.partial], state.droppedLines) }
    }

    /// Changes whenever output arrives.
    public var outputVersion: Int { state.withLock { $0.outputVersion } }

    /// Ends the process group: SIGTERM now, SIGKILL after `grace` seconds if it is still there.
    public func cancel(grace: Double = 3) {
        guard let pid, isRunning else { return }
        state.withLock { $0.cancelled = true }
        kill(-pid, SIGTERM)
        DispatchQueue.global().asyncAfter(deadline: .now() + grace) { [self] in
            if isRunning { kill(-pid, SIGKILL) }
        }
    }

    /// Cancel was asked for.
    public var wasCancelled: Bool { state.withLock { $0.cancelled } }

    /// Blocks until the process has ended (tests).
    public func waitUntilExit(timeout: Double = 60) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while isRunning {
            if Date() > deadline { return false }
            usleep(10_000)
        }
        return true
    }
}
