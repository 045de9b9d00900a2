import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// One POSIX shell on a remote host, kept open over ssh: a request is a line of shell commands
/// written to its stdin, its reply the records `RemoteScript` describes on its stdout. One
/// shell per logdir; ssh multiplexes them over one connection per host.
public final class RemoteShell: @unchecked Sendable {
    // @unchecked: used by one thread at a time (the reader that owns it); the stderr lines
    // are behind a Mutex for the thread that collects them.
    public let remote: RemoteLocation
    /// ssh's process id; 0 once it has been reaped. ssh is started with `posix_spawn`, not
    /// Foundation's `Process`: OpenSSH closes every descriptor it inherits on start, the one
    /// `Process` watches for the child's end among them, and `Process` then waits for a child
    /// that is still running, which stops it reporting any other child's exit.
    private let pid: Mutex<pid_t>
    private let input: Int32
    private let output: Int32
    /// The pipes' handles: their descriptors live as long as these do.
    private let handles: [FileHandle]
    private var pending: [UInt8] = []
    /// ssh's last lines of stderr (a class, so the thread that collects them can share it).
    private final class ErrorLines: Sendable {
        let lines = Mutex<[String]>([])
        /// Signalled when ssh's stderr has ended (so its last line is in `lines`).
        let ended = DispatchSemaphore(value: 0)
    }
    private let errorLines = ErrorLines()
    /// No byte for this long in the middle of a reply: the connection is taken for lost.
    public static let quietLimit: Double = 30

    /// Starts `ssh host sh` and defines the functions; throws with ssh's own reason when the
    /// host cannot be reached or refuses.
    public init(remote: RemoteLocation, ssh: SSHCommand = SSHCommand(), interactive: Bool) throws(RemoteError) {
        self.remote = remote
        // A write to a shell that died must fail, not end this process.
        signal(SIGPIPE, SIG_IGN)
        var stdin: [Int32] = [0, 0]
        var stdout: [Int32] = [0, 0]
        var stderr: [Int32] = [0, 0]
        guard pipe(&stdin) == 0, pipe(&stdout) == 0, pipe(&stderr) == 0 else {
            throw RemoteError(remote, "cannot start ssh: no pipes (\(String(cString: strerror(errno))))")
        }
        // Close-on-exec, so no other child (nor ssh, past its own three) holds them open.
        for descriptor in stdin + stdout + stderr { _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        // The child's ends become its 0, 1 and 2 (dup2 clears close-on-exec); every other
        // descriptor of ours is close-on-exec.
        posix_spawn_file_actions_adddup2(&actions, stdin[0], 0)
        posix_spawn_file_actions_adddup2(&actions, stdout[1], 1)
        posix_spawn_file_actions_adddup2(&actions, stderr[1], 2)
        let arguments = ["/usr/bin/env"] + ssh.arguments(remote, command: "sh", interactive: interactive)
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var spawned: pid_t = 0
        let started = posix_spawn(&spawned, arguments[0], &actions, nil, &argv, environ)
        for descriptor in [stdin[0], stdout[1], stderr[1]] { Glibc.close(descriptor) }
        guard started == 0 else {
            for descriptor in [stdin[1], stdout[0], stderr[0]] { Glibc.close(descriptor) }
            throw RemoteError(remote, "cannot start ssh (\(ssh.base.first ?? "ssh")): \(String(cString: strerror(started)))")
        }
        pid = Mutex(spawned)
        let stdinHandle = FileHandle(fileDescriptor: stdin[1], closeOnDealloc: true)
        let stdoutHandle = FileHandle(fileDescriptor: stdout[0], closeOnDealloc: true)
        handles = [stdinHandle, stdoutHandle]
        input = stdin[1]
        output = stdout[0]
        let errors = FileHandle(fileDescriptor: stderr[0], closeOnDealloc: true)
        let lines = errorLines
        let thread = Thread {
            // ssh's messages, kept for the reason a connection failed.
            var partial = Data()
            while true {
                let chunk = errors.availableData
                if chunk.isEmpty { break }
                partial.append(chunk)
                let text = String(decoding: partial, as: UTF8.self)
                var found = text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
                partial = text.hasSuffix("\n") ? Data() : Data((found.popLast() ?? "").utf8)
                lines.lines.withLock { $0 = Array(($0 + found).suffix(20)) }
            }
            if !partial.isEmpty { lines.lines.withLock { $0.append(String(decoding: partial, as: UTF8.self)) } }
            lines.ended.signal()
        }
        thread.name = "hafs-viz ssh stderr"
        thread.start()
        // Anything a login script prints comes before the token, and is skipped.
        let token = String(UInt64.random(in: 1...UInt64.max), radix: 36)
        try send(RemoteScript.definitions + "\nprintf 'R%s\\0' \(token)\n")
        do {
            while true {
                let record = try readRecord()
                if record.hasSuffix("R" + token) { break }
            }
        } catch {
            close()
            throw RemoteError(remote, "cannot connect", ssh: error.ssh)
        }
    }

    deinit { close() }

    /// Ends the shell and its ssh (the multiplexed connection stays for others a while), and
    /// reaps it.
    public func close() {
        pid.withLock { pid in
            guard pid > 0 else { return }
            var status: Int32 = 0
            if waitpid(pid, &status, WNOHANG) == 0 {
                kill(pid, SIGTERM)
                // ssh ends at once on SIGTERM; a stuck one is killed after a second.
                var waited = 0
                while waitpid(pid, &status, WNOHANG) == 0 {
                    if waited == 100 { kill(pid, SIGKILL) }
                    usleep(10_000)
                    waited += 1
                }
            }
            pid = 0
        }
    }

    /// ssh's last message, if it wrote one ("Connection refused", "Permission denied …").
    public var lastError: String? {
        errorLines.lines.withLock { lines in
            // Its own prefix ("ssh: Could not resolve …") is said once, by RemoteError.
            lines.last.map { line in
                let text = line.trimmingCharacters(in: .whitespacesAndNewlines)
                return text.hasPrefix("ssh: ") ? String(text.dropFirst(5)) : text
            }
        }
    }

    /// Writes a request: shell commands, ended by a newline.
    public func send(_ commands: String) throws(RemoteError) {
        let bytes = Array(commands.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBufferPointer { buffer -> Int in
                guard let base = buffer.baseAddress else { return 0 }
                return write(input, base + offset, buffer.count - offset)
            }
            if written < 0, errno == EINTR { continue }
            guard written > 0 else { throw lost("the connection closed") }
            offset += written
        }
    }

    /// The next record, without its NUL.
    public func readRecord() throws(RemoteError) -> String {
        var searched = 0
        while true {
            if let end = pending[searched...].firstIndex(of: 0) {
                let record = String(decoding: pending[..<end], as: UTF8.self)
                pending.removeFirst(end + 1)
                return record
            }
            searched = pending.count
            try fill()
        }
    }

    /// The next `count` bytes, written to `descriptor` as they arrive (never all held in
    /// memory); every byte is read even when a write fails (-1: only read), so the replies stay
    /// in step. False when a write failed.
    public func copyBytes(_ count: Int, to descriptor: Int32) throws(RemoteError) -> Bool {
        var left = count
        var written = descriptor >= 0
        while left > 0 {
            if pending.isEmpty { try fill() }
            let take = min(left, pending.count)
            if written {
                written = pending.withUnsafeBufferPointer { buffer in
                    var done = 0
                    while done < take {
                        let n = write(descriptor, buffer.baseAddress.map { $0 + done }, take - done)
                        if n < 0, errno == EINTR { continue }
                        guard n > 0 else { return false }
                        done += n
                    }
                    return true
                }
            }
            pending.removeFirst(take)
            left -= take
        }
        return written
    }

    /// Reads what arrives, waiting at most `quietLimit` seconds for the first byte.
    private func fill() throws(RemoteError) {
        var descriptor = pollfd(fd: output, events: Int16(POLLIN), revents: 0)
        let ready = poll(&descriptor, 1, Int32(RemoteShell.quietLimit * 1000))
        if ready < 0, errno == EINTR { return }
        guard ready > 0 else { throw lost("no reply for \(Int(RemoteShell.quietLimit)) s") }
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        let count = chunk.withUnsafeMutableBytes { read(output, $0.baseAddress, $0.count) }
        if count < 0, errno == EINTR { return }
        guard count > 0 else {
            // ssh has ended: its stderr ends too, with the reason.
            if errorLines.ended.wait(timeout: .now() + 2) == .success { errorLines.ended.signal() }
            throw lost("the connection closed")
        }
        pending.append(contentsOf: chunk[..<count])
    }

    private func lost(_ what: String) -> RemoteError {
        RemoteError(remote, what, ssh: lastError)
    }
}

/// A remote location that could not be read: which host and path, what happened, and ssh's own
/// last line when it wrote one.
public struct RemoteError: Error, Sendable, Equatable, CustomStringConvertible {
    public var location: String
    public var message: String
    public var ssh: String?

    public init(_ remote: RemoteLocation, _ message: String, ssh: String? = nil) {
        location = remote.display
        self.message = message
        self.ssh = ssh
    }

    public var description: String { "\(location): \(message)" + (ssh.map { " (ssh: \($0))" } ?? "") }
}
