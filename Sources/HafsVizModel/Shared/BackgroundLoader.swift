import Foundation
import Synchronization

/// Builds a value from an input on a thread of its own; the newest finished build waits in
/// `take()`. Generic over what it builds, so each front end prepares what it draws off the main
/// thread (the window a `LatentModel` with its coloured scatter, a terminal the model alone).
public final class BackgroundLoader<Input: Sendable, Output: Sendable>: Sendable {
    private let state = Mutex<(started: Int, finished: Int, result: Result<Output, LoadFailure>?)>((0, 0, nil))
    private let build: @Sendable (Input) throws -> Output
    private let wake: @Sendable () -> Void
    private let threadName: String

    /// - Parameters:
    ///   - build: makes the value (on the loader's thread); what it throws becomes the failure's message.
    ///   - wake: called on the loader's thread when a build finished (the front end draws again).
    public init(name: String, build: @escaping @Sendable (Input) throws -> Output, wake: @escaping @Sendable () -> Void) {
        threadName = name
        self.build = build
        self.wake = wake
    }

    /// Starts building from `input`. A build that finishes after a newer one was started is dropped.
    public func load(_ input: Input) {
        let generation = state.withLock { state -> Int in
            state.started += 1
            return state.started
        }
        let thread = Thread { [self] in
            let result: Result<Output, LoadFailure>
            do {
                result = .success(try build(input))
            } catch {
                result = .failure(LoadFailure(message: "\(error)"))
            }
            state.withLock { state in
                guard generation > state.finished else { return }
                state.finished = generation
                state.result = result
            }
            wake()
        }
        thread.name = threadName
        thread.start()
    }

    /// A build is under way.
    public var isLoading: Bool { state.withLock { $0.started > $0.finished } }

    /// The newest finished build, once.
    public func take() -> Result<Output, LoadFailure>? {
        state.withLock { state in
            defer { state.result = nil }
            return state.result
        }
    }
}

/// Why a background build failed, in words.
public struct LoadFailure: Error, Sendable, CustomStringConvertible {
    public var message: String
    public init(message: String) { self.message = message }
    public var description: String { message }
}
