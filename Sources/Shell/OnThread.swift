import Foundation

/// A value computed on a thread of its own while the caller does something else; `value()`
/// waits for it. Startup uses it to rasterize the font while GLFW makes the window and context.
final class OnThread<Value: Sendable>: @unchecked Sendable {
    private let finished = DispatchSemaphore(value: 0)
    // Written once by the thread before `finished` is signalled; read only after the wait.
    private var result: Result<Value, any Error>?

    init(_ name: String, _ work: @escaping @Sendable () throws -> Value) {
        let thread = Thread { [self] in
            result = Result { try work() }
            finished.signal()
        }
        thread.name = name
        thread.start()
    }

    /// Waits for the thread, then returns what it made or throws what it threw.
    func value() throws -> Value {
        finished.wait()
        finished.signal()  // later calls return at once
        guard let result else { preconditionFailure("OnThread finished without a result") }
        return try result.get()
    }
}
