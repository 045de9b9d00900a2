import Foundation

/// A child process run to completion with a time limit, its output captured.
///
/// Tests never wait on a child without a limit: a hang ends in `SIGKILL` after `timeout`
/// seconds and is reported as `timedOut`, so CI fails with a message instead of blocking.
public struct ChildProcess: Sendable {
    public var status: Int32
    public var stdout: String
    public var stderr: String
    /// True when the limit ran out and the child was killed.
    public var timedOut: Bool
    /// Seconds from start to exit.
    public var elapsed: Double

    /// Runs `executable` with `arguments`; `environment` nil inherits ours.
    public static func run(
        _ executable: URL, _ arguments: [String], environment: [String: String]? = nil,
        timeout: Double = 120
    ) throws -> ChildProcess {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let environment { process.environment = environment }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let exited = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in exited.signal() }
        let start = Date()
        try process.run()
        // Drain both pipes on their own threads so a chatty child never blocks on a full pipe.
        let outData = PipeDrain(out.fileHandleForReading)
        let errData = PipeDrain(err.fileHandleForReading)
        var timedOut = false
        var reaped = true
        if exited.wait(timeout: .now() + timeout) == .timedOut {
            timedOut = true
            kill(process.processIdentifier, SIGKILL)
            // Foundation has been seen never to report a killed child's end: do not wait forever.
            reaped = exited.wait(timeout: .now() + 10) == .success
        }
        process.terminationHandler = nil
        return ChildProcess(
            status: reaped ? process.terminationStatus : 128 + SIGKILL, stdout: String(decoding: outData.wait(), as: UTF8.self),
            stderr: String(decoding: errData.wait(), as: UTF8.self), timedOut: timedOut,
            elapsed: Date().timeIntervalSince(start))
    }
}

/// Reads a pipe to its end on a background thread.
private final class PipeDrain: @unchecked Sendable {
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)

    init(_ handle: FileHandle) {
        Thread.detachNewThread { [self] in
            data = handle.readDataToEndOfFile()
            done.signal()
        }
    }

    /// The pipe's whole content, once the writer has closed it. A grandchild that keeps the pipe
    /// open past the child's exit gets 10 s; then the output is reported as cut off.
    func wait() -> Data {
        guard done.wait(timeout: .now() + 10) == .success else {
            return Data("<output cut off: the pipe stayed open 10 s after the child exited>".utf8)
        }
        return data
    }
}
