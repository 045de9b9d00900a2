// labels.csv: the user's labels, one row per labelled point (docs/latent.md).
//
//   Serial,label
//   17,3
//   204,0
//
// Reading keeps every good row and reports each bad one by line; writing is byte-for-byte
// deterministic (rows by index) and goes through `LabelWriter`, atomically, off the caller's
// thread.

import Foundation

// Scripts/fuzz compiles the core and DurableIO's files as one module, where there is no
// DurableIO to import.
#if canImport(DurableIO)
    import DurableIO
#endif

/// The labels in a `labels.csv`, and what was wrong with the rows that were not read.
public struct LabelFile: Sendable, Equatable {
    /// A row that was not read (or was read with a caveat), by its line number from 1.
    public struct Problem: Sendable, Equatable, CustomStringConvertible {
        public var line: Int
        public var message: String
        public var description: String { "labels.csv:\(line): \(message)" }
    }

    /// Point index → label.
    public var labels: [Int: Int]
    public var problems: [Problem]

    public static let header = "Serial,label"

    /// Parses the file's bytes. Indices must be whole numbers from 0 to `pointCount` − 1 (any
    /// when nil); labels whole numbers from 0. A repeated index keeps its last row.
    public init(data: Data, pointCount: Int?) {
        labels = [:]
        problems = []
        // Lines by byte: "\r\n" is one Character to Swift, and each line is decoded alone so
        // that bytes that are not UTF-8 are reported on their own line.
        var lineNumber = 0
        for rawLine in data.split(separator: 10, omittingEmptySubsequences: false) {
            lineNumber += 1
            var lineBytes = rawLine
            if lineBytes.last == 13 { lineBytes = lineBytes.dropLast() }
            if lineNumber == 1, lineBytes.starts(with: [0xEF, 0xBB, 0xBF]) { lineBytes = lineBytes.dropFirst(3) }
            guard let line = String(bytes: lineBytes, encoding: .utf8) else {
                problems.append(Problem(line: lineNumber, message: "not UTF-8 text"))
                continue
            }
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { continue }
            if lineNumber == 1, trimmed.lowercased() == LabelFile.header.lowercased() { continue }
            let fields = trimmed.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard fields.count == 2 else {
                problems.append(
                    Problem(
                        line: lineNumber,
                        message: lineNumber == 1
                            ? "expected the header \(LabelFile.header), got \"\(trimmed.prefix(60))\""
                            : "expected two fields (Serial,label), got \(fields.count)"))
                continue
            }
            guard let index = Int(fields[0]), index >= 0 else {
                problems.append(
                    Problem(line: lineNumber, message: "Serial \"\(fields[0].prefix(30))\" is not a point index (a whole number from 0)"))
                continue
            }
            if let pointCount, index >= pointCount {
                problems.append(Problem(line: lineNumber, message: "Serial \(index) is past the last point (\(pointCount) points)"))
                continue
            }
            guard let label = Int(fields[1]), label >= 0 else {
                problems.append(Problem(line: lineNumber, message: "label \"\(fields[1].prefix(30))\" is not a whole number from 0"))
                continue
            }
            if labels[index] != nil {
                problems.append(Problem(line: lineNumber, message: "Serial \(index) is labelled again; this later row wins"))
            }
            labels[index] = label
        }
    }

    /// The file for `labels`: the header, then one row per index in ascending order, each line
    /// ended by "\n".
    public static func render(_ labels: [Int: Int]) -> Data {
        var bytes: [UInt8] = Array((header + "\n").utf8)
        bytes.reserveCapacity(bytes.count + labels.count * 9)
        func append(_ value: Int) {
            var digits: [UInt8] = []
            var rest = value
            repeat {
                digits.append(UInt8(48 + rest % 10))
                rest /= 10
            } while rest > 0
            bytes.append(contentsOf: digits.reversed())
        }
        for index in labels.keys.sorted() {
            append(index)
            bytes.append(44)  // ","
            append(labels[index] ?? 0)
            bytes.append(10)  // "\n"
        }
        return Data(bytes)
    }
}

/// Writes labels to `labels.csv` on its own thread, atomically (`AtomicFile`: temporary file,
/// fsync, rename). Saves asked for while one is being written are coalesced: only the newest is
/// written next. `onSaved` runs on the writer's thread after each rename (or failure), with the
/// generation written, so the UI can say "saved" only for what is on disk.
public final class LabelWriter: Sendable {
    public let path: String
    private let state: WriterState

    /// - Parameters:
    ///   - onSaved: called after each write with its generation and nil, or with the reason it
    ///     failed.
    ///   - write: puts the bytes in place atomically (default: `AtomicFile` at `path`; a remote
    ///     folder writes on its host).
    public init(
        path: String, onSaved: @escaping @Sendable (UInt64, String?) -> Void = { _, _ in }, write: (@Sendable (Data) throws -> Void)? = nil
    ) {
        self.path = path
        let state = WriterState()
        self.state = state
        let write = write ?? { try AtomicFile.write($0, to: path) }
        // The thread holds the state, not the writer: dropping the writer stops it.
        let thread = Thread { state.run(write: write, onSaved: onSaved) }
        thread.name = "labels.csv writer"
        thread.qualityOfService = .userInitiated
        thread.start()
    }

    deinit { state.stop() }

    /// Asks for `labels` to be written; `generation` must grow with each change.
    public func save(_ labels: [Int: Int], generation: UInt64) { state.save(labels, generation: generation) }

    /// The newest generation known to be on disk.
    public var savedGeneration: UInt64 { state.read { $0.saved } }

    /// Why the last write failed; nil after a success.
    public var error: String? { state.read { $0.lastError } }

    /// Blocks until nothing is pending or being written (tests; before a training run starts).
    public func waitUntilIdle() { state.waitUntilIdle() }
}

/// The writer thread's queue of one, guarded by a condition.
private final class WriterState: @unchecked Sendable {
    // Safe to share: every field is read and written under `condition`.
    private let condition = NSCondition()
    private var pending: (labels: [Int: Int], generation: UInt64)?
    private var writing = false
    private var stopped = false
    var saved: UInt64 = 0
    var lastError: String?

    func read<T>(_ body: (WriterState) -> T) -> T {
        condition.lock()
        defer { condition.unlock() }
        return body(self)
    }

    func save(_ labels: [Int: Int], generation: UInt64) {
        condition.lock()
        pending = (labels, generation)
        condition.broadcast()
        condition.unlock()
    }

    func waitUntilIdle() {
        condition.lock()
        while pending != nil || writing { condition.wait() }
        condition.unlock()
    }

    /// Ends the thread once what is pending is written.
    func stop() {
        condition.lock()
        stopped = true
        condition.broadcast()
        condition.unlock()
    }

    func run(write: (Data) throws -> Void, onSaved: @Sendable (UInt64, String?) -> Void) {
        while true {
            condition.lock()
            while pending == nil, !stopped { condition.wait() }
            guard let job = pending else {
                condition.unlock()
                return
            }
            pending = nil
            writing = true
            condition.unlock()

            var failure: String?
            do {
                try write(LabelFile.render(job.labels))
            } catch {
                failure = "\(error)"
            }

            condition.lock()
            if failure == nil { saved = max(saved, job.generation) }
            lastError = failure
            condition.unlock()
            // The callback runs before the writer counts as idle, so `waitUntilIdle` returns
            // only after it has been told.
            onSaved(job.generation, failure)
            condition.lock()
            writing = false
            condition.broadcast()
            condition.unlock()
        }
    }
}
