import Foundation
import Synchronization

/// A child process that keeps running while a test talks to it: its standard error is read
/// line by line as it comes, and the test waits for a line with a time limit. The child is
/// killed when the value is stopped (or, as a last resort, when it is released).
public final class LiveProcess: Sendable {
    private let process: Process
    private let buffer = Buffer()

    private final class Buffer: Sendable {
        let lines = Mutex<[String]>([])
        /// The pipe reached its end (the child closed it or exited).
        let ended = Mutex(false)
        let arrived = DispatchSemaphore(value: 0)
    }

    /// Starts `executable`; `environment` nil inherits ours. Standard output is discarded.
    public init(
        _ executable: URL, _ arguments: [String], environment: [String: String]? = nil,
        currentDirectory: String? = nil
    ) throws {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let environment { process.environment = environment }
        if let currentDirectory { process.currentDirectoryURL = URL(fileURLWithPath: currentDirectory) }
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        self.process = process
        try process.run()
        let handle = err.fileHandleForReading
        Thread.detachNewThread { [buffer] in
            var pending = Data()
            while true {
                let chunk = handle.availableData
                if chunk.isEmpty { break }
                pending.append(chunk)
                while let newline = pending.firstIndex(of: 0x0A) {
                    let line = String(decoding: pending[pending.startIndex..<newline], as: UTF8.self)
                    pending.removeSubrange(pending.startIndex...newline)
                    buffer.lines.withLock { $0.append(line) }
                    buffer.arrived.signal()
                }
            }
            buffer.ended.withLock { $0 = true }
            buffer.arrived.signal()
        }
    }

    deinit { stop() }

    public var processIdentifier: Int32 { process.processIdentifier }
    public var isRunning: Bool { process.isRunning }

    /// Every line read so far.
    public var output: [String] { buffer.lines.withLock { $0 } }

    /// Waits until a line at or after `from` (a count of lines) satisfies `match`; its index, or
    /// nil when `timeout` seconds pass first or the child's output ends without one.
    public func waitForLine(from: Int = 0, timeout: Double, _ match: (String) -> Bool) -> Int? {
        let deadline = Date().addingTimeInterval(timeout)
        var checked = from
        while true {
            let snapshot = output
            if checked < snapshot.count {
                if let found = snapshot[checked...].firstIndex(where: match) { return found }
                checked = snapshot.count
            }
            let left = deadline.timeIntervalSinceNow
            // Nothing more can come once the child's standard error has ended.
            if left <= 0 || (buffer.ended.withLock { $0 } && output.count == checked) { return nil }
            _ = buffer.arrived.wait(timeout: .now() + min(left, 0.2))
        }
    }

    /// Waits up to `timeout` seconds for the child to exit by itself; its status, or nil.
    public func waitForExit(timeout: Double) -> Int32? {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning, Date() < deadline { usleep(20_000) }
        return process.isRunning ? nil : process.terminationStatus
    }

    /// Kills the child if it still runs.
    public func stop() {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }
}
