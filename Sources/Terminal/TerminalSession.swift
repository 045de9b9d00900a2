// The terminal in interactive use: raw mode, the alternate screen, a hidden cursor, mouse
// button tracking with SGR coordinates, bracketed paste, and a restore that happens however the
// process ends: a normal exit, SIGINT/SIGTERM/SIGHUP, Ctrl+Z (and back on SIGCONT), or a crash.

import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// What the process-wide signal handlers restore. Signal handlers cannot capture context, so
/// the saved termios and the restore bytes live here; they are written once, before any
/// handler is installed, and only read after.
private nonisolated(unsafe) var savedTermios = termios()
private nonisolated(unsafe) var restoreBytes: [UInt8] = []
private nonisolated(unsafe) var enterBytes: [UInt8] = []
private nonisolated(unsafe) var sessionActive = false
/// Each ending signal's handler before ours, by signal number (restored before re-raising).
private nonisolated(unsafe) let previousActions: UnsafeMutablePointer<sigaction> = {
    let storage = UnsafeMutablePointer<sigaction>.allocate(capacity: 65)
    storage.initialize(repeating: sigaction(), count: 65)
    return storage
}()
private nonisolated(unsafe) var savedPrevious = [Bool](repeating: false, count: 65)
/// While the session is on the alternate screen, stderr goes to `capturedStderr` (an unlinked
/// temporary file): a message written there, such as the Swift runtime's "Fatal error" line
/// before a trap, would be wiped with the alternate screen. The restore writes it to the real
/// stderr (`savedStderr`) on the primary screen. -1: no capture.
private nonisolated(unsafe) var capturedStderr: Int32 = -1
private nonisolated(unsafe) var savedStderr: Int32 = -1
private nonisolated(unsafe) var stderrCaptured = false
/// The copy's buffer, made before any handler runs (a handler may not allocate).
private nonisolated(unsafe) let copyBuffer = UnsafeMutableRawPointer.allocate(byteCount: 4096, alignment: 8)
/// Set by SIGWINCH; the loop reads and clears it.
private nonisolated(unsafe) var resized: sig_atomic_t = 0
/// Set by SIGCONT: the screen must be entered again and repainted.
private nonisolated(unsafe) var resumed: sig_atomic_t = 0

/// Puts the terminal back: the restore bytes, then the saved termios. Async-signal-safe
/// (`write` and `tcsetattr` only).
private func restoreTerminal() {
    guard sessionActive else { return }
    restoreBytes.withUnsafeBufferPointer { _ = Glibc.write(STDOUT_FILENO, $0.baseAddress, $0.count) }
    _ = tcsetattr(STDIN_FILENO, TCSAFLUSH, &savedTermios)
    releaseStderr()
}

/// Sends stderr to the capture file again (entering the alternate screen), emptied.
/// Async-signal-safe (`dup2`, `ftruncate`).
private func captureStderr() {
    guard capturedStderr >= 0, !stderrCaptured else { return }
    _ = ftruncate(capturedStderr, 0)
    _ = dup2(capturedStderr, STDERR_FILENO)
    stderrCaptured = true
}

/// Gives stderr back and writes what was captured to it (on the primary screen by now).
/// Async-signal-safe (`dup2`, `pread`, `write`).
private func releaseStderr() {
    guard stderrCaptured else { return }
    stderrCaptured = false
    _ = dup2(savedStderr, STDERR_FILENO)
    var offset: off_t = 0
    while true {
        let count = pread(capturedStderr, copyBuffer, 4096, offset)
        guard count > 0 else { break }
        var written = 0
        while written < count {
            let n = Glibc.write(STDERR_FILENO, copyBuffer + written, count - written)
            guard n > 0 else { break }
            written += n
        }
        offset += off_t(count)
    }
}

/// Ctrl+Z (SIGTSTP): puts the terminal back, then stops for real with the default action. The
/// SIGCONT handler installs this again. Async-signal-safe (`sigaction`, `signal`, `raise`).
private func installStopHandler() {
    var stop = sigaction()
    stop.__sigaction_handler.sa_handler = { _ in
        restoreTerminal()
        Glibc.signal(SIGTSTP, SIG_DFL)
        raise(SIGTSTP)
    }
    sigemptyset(&stop.sa_mask)
    sigaction(SIGTSTP, &stop, nil)
}

/// The terminal session: enter with `start()`, leave with `stop()` (or by a signal).
public final class TerminalSession {
    /// The escape sequences a session writes on entry and on exit.
    public static let enterSequence = "\u{1B}[?1049h\u{1B}[?25l\u{1B}[?1002h\u{1B}[?1006h\u{1B}[?2004h\u{1B}[H\u{1B}[2J"
    public static let exitSequence = "\u{1B}[0m\u{1B}[?2004l\u{1B}[?1006l\u{1B}[?1002l\u{1B}[?25h\u{1B}[?1049l"

    public init() {}

    /// Raw mode, alternate screen, mouse, paste; signal handlers that restore all of it.
    /// Throws when stdin is not a terminal.
    public func start() throws {
        guard isatty(STDIN_FILENO) == 1, tcgetattr(STDIN_FILENO, &savedTermios) == 0 else {
            throw TerminalError("stdin is not a terminal")
        }
        restoreBytes = Array(TerminalSession.exitSequence.utf8)
        enterBytes = Array(TerminalSession.enterSequence.utf8)
        prepareStderrCapture()
        // Handlers first: from the moment the terminal is changed, any ending puts it back.
        installHandlers()
        sessionActive = true
        enterRaw()
        captureStderr()
    }

    /// The capture file for stderr (appended to, so emptying it starts writes at 0 again),
    /// when stderr is the terminal the session draws on; otherwise stderr is left alone.
    private func prepareStderrCapture() {
        guard capturedStderr < 0, isatty(STDERR_FILENO) == 1 else { return }
        var template = Array((NSTemporaryDirectory() + "hafs-viz-stderr-XXXXXX").utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { $0.baseAddress.map { mkstemp($0) } ?? -1 }
        guard descriptor >= 0 else { return }
        template.withUnsafeBufferPointer { if let path = $0.baseAddress { _ = unlink(path) } }
        _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_APPEND)
        _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
        let saved = dup(STDERR_FILENO)
        guard saved >= 0 else {
            close(descriptor)
            return
        }
        _ = fcntl(saved, F_SETFD, FD_CLOEXEC)
        capturedStderr = descriptor
        savedStderr = saved
    }

    /// Leaves the terminal as it was.
    public func stop() {
        restoreTerminal()
        sessionActive = false
    }

    /// The signals after which the terminal is put back before the process ends.
    public static let endingSignals = [SIGINT, SIGTERM, SIGHUP, SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE]

    /// Ctrl+Z as a key (raw mode turns the terminal's own signal keys off): the stop handler
    /// puts the terminal back and stops the process; SIGCONT enters again.
    public func suspend() { raise(SIGTSTP) }

    /// Rows and columns now (80×24 when the terminal does not say).
    public static func size() -> (width: Int, height: Int) {
        var size = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0, size.ws_row > 0 else { return (80, 24) }
        return (Int(size.ws_col), Int(size.ws_row))
    }

    /// True once after the terminal was resized (SIGWINCH).
    public func takeResize() -> Bool {
        guard resized != 0 else { return false }
        resized = 0
        return true
    }

    /// True once after a resume from Ctrl+Z (the screen was entered again; repaint it all).
    public func takeResume() -> Bool {
        guard resumed != 0 else { return false }
        resumed = 0
        return true
    }

    /// Writes all of `bytes` to the terminal (one frame is one call).
    public static func write(_ bytes: [UInt8]) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBufferPointer { buffer -> Int in
                guard let base = buffer.baseAddress else { return 0 }
                return Glibc.write(STDOUT_FILENO, base + offset, buffer.count - offset)
            }
            if written == 0 { return }
            if written < 0 {
                if errno == EINTR { continue }
                return
            }
            offset += written
        }
    }

    private func enterRaw() {
        var raw = savedTermios
        cfmakeraw(&raw)
        _ = tcsetattr(STDIN_FILENO, TCSAFLUSH, &raw)
        TerminalSession.write(enterBytes)
    }

    private func installHandlers() {
        // Ending signals: restore, then end of the signal. A fault the kernel raised (a trap, a
        // bad address: si_code > 0) goes to whoever had it before, the Swift runtime's crash
        // report, which prints a backtrace and ends the process when the fault recurs. A signal
        // sent with kill (si_code <= 0) takes the default action: the runtime's handler would
        // return from it, and with no fault to recur the process would live on.
        for signal in TerminalSession.endingSignals {
            var action = sigaction()
            action.__sigaction_handler.sa_sigaction = { number, info, _ in
                restoreTerminal()
                sessionActive = false
                let fault = (info?.pointee.si_code ?? 0) > 0
                if fault, number >= 0, number < 65, savedPrevious[Int(number)] {
                    sigaction(number, previousActions + Int(number), nil)
                } else {
                    Glibc.signal(number, SIG_DFL)
                }
                raise(number)
            }
            sigemptyset(&action.sa_mask)
            action.sa_flags = SA_SIGINFO
            sigaction(signal, &action, previousActions + Int(signal))
            savedPrevious[Int(signal)] = true
        }
        installStopHandler()
        var resume = sigaction()
        resume.__sigaction_handler.sa_handler = { _ in
            // Back from Ctrl+Z: raw mode and the screen again; the loop repaints.
            var raw = savedTermios
            cfmakeraw(&raw)
            _ = tcsetattr(STDIN_FILENO, TCSAFLUSH, &raw)
            enterBytes.withUnsafeBufferPointer { _ = Glibc.write(STDOUT_FILENO, $0.baseAddress, $0.count) }
            captureStderr()
            resumed = 1
            resized = 1
            // The stop handler is needed again for the next Ctrl+Z.
            installStopHandler()
        }
        sigemptyset(&resume.sa_mask)
        sigaction(SIGCONT, &resume, nil)
        var winch = sigaction()
        winch.__sigaction_handler.sa_handler = { _ in resized = 1 }
        sigemptyset(&winch.sa_mask)
        sigaction(SIGWINCH, &winch, nil)
    }
}

/// Why the terminal could not be used.
public struct TerminalError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
