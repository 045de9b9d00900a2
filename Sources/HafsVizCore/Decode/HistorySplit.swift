import Dispatch
import Foundation
import Synchronization

/// Decodes the second half of a big `rejection_history` array on another thread.
///
/// Python's `indent=2` output puts each array element on its own lines, and a raw newline byte can
/// never be inside a JSON string. So the first line near the middle that starts with the elements'
/// indentation and `{` is very likely an element start. A worker decodes from there to the array's
/// end while the main thread decodes from the beginning. The main thread then checks the guess: the
/// split is used only if it arrives exactly at that byte at an element boundary; otherwise the
/// worker's result is dropped and decoding simply continues. The answer never depends on the guess.
final class HistorySplit: @unchecked Sendable {
    // @unchecked: `result` is written by the worker before `done.signal()` and read after `wait()`.

    /// What the worker produced.
    struct Result {
        var builder: HistoryBuilder
        /// Position just after the array's closing `]`.
        var endPosition: Int
        /// First error, with a path relative to the worker's first element.
        var error: JSONError?
        var failedLocalIndex: Int
    }

    /// Arrays smaller than this are decoded on one thread: a thread costs more than it saves.
    static let defaultMinimumBytes = 8 << 20
    /// Tests set this to split small files (0) or never split (Int.max).
    @TaskLocal static var minimumBytesOverride: Int?
    static var minimumBytes: Int { minimumBytesOverride ?? defaultMinimumBytes }

    /// Counts splits that were verified and used, for tests to check the two-thread path ran.
    final class Observer: Sendable {
        let usedSplits = Mutex(0)
        init() {}
    }

    @TaskLocal static var observer: Observer?

    let elementStart: Int
    private let done = DispatchSemaphore(value: 0)
    private var result: Result?
    private var joined: Result?

    private init(elementStart: Int) {
        self.elementStart = elementStart
    }

    /// Starts a worker when `scanner` is at a big array of objects in a pretty-printed file.
    static func start(scanner: JSONScanner) -> HistorySplit? {
        guard LoadThreads.allowParallel, scanner.remainingBytes >= minimumBytes,
            ProcessInfo.processInfo.activeProcessorCount > 1 || minimumBytesOverride != nil,
            let candidate = scanner.splitCandidate()
        else { return nil }
        let split = HistorySplit(elementStart: candidate)
        let worker = WorkerInput(scanner: scanner.repositioned(to: candidate))
        DispatchQueue.global(qos: .userInitiated).async {
            split.result = HistorySplit.run(worker.scanner)
            split.done.signal()
        }
        return split
    }

    /// Waits for the worker and returns its result (once; later calls return the same).
    func join() -> Result {
        if let joined { return joined }
        done.wait()
        guard let result else { fatalError("HistorySplit worker finished without a result") }
        joined = result
        return result
    }

    private static func run(_ start: JSONScanner) -> Result {
        var scanner = start
        var builder = HistoryBuilder(expectedBytes: scanner.remainingBytes)
        var index = 0
        do {
            try scanner.readArrayTail { scanner in
                try inPath("[\(index)]") { try builder.decodeEntry(&scanner) }
                index += 1
            }
            return Result(builder: builder, endPosition: scanner.position, error: nil, failedLocalIndex: 0)
        } catch let error as JSONError {
            return Result(builder: builder, endPosition: scanner.position, error: error, failedLocalIndex: index)
        } catch {
            return Result(
                builder: builder, endPosition: scanner.position,
                error: JSONError(.syntax, "\(error)", offset: scanner.position), failedLocalIndex: index)
        }
    }

    /// Carries the scanner (which holds a raw pointer into bytes the caller keeps alive until
    /// `join`) to the worker thread.
    private struct WorkerInput: @unchecked Sendable {
        let scanner: JSONScanner
    }
}
