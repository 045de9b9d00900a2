import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The system OpenSSH client's command line for a remote location: the user's own ssh setup
/// (`~/.ssh/config`, the agent, ProxyJump, known_hosts) as it is, plus one multiplexed
/// connection per host. Host keys are always checked; nothing the user typed becomes an
/// option (the destination follows `--`, and hosts that begin with `-` are refused earlier).
public struct SSHCommand: Sendable {
    /// The words that start ssh: `HAFS_VIZ_SSH` split as a shell would (like git's
    /// `GIT_SSH_COMMAND`, e.g. `ssh -F ./ssh_config`), else `ssh`.
    public var base: [String]
    /// Where the connections' control sockets live (a private folder).
    public var controlDirectory: String

    /// Reads `HAFS_VIZ_SSH` and `XDG_RUNTIME_DIR` from `environment` (tests pass their own).
    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        let words = environment["HAFS_VIZ_SSH"].map(SSHCommand.words) ?? []
        base = words.isEmpty ? ["ssh"] : words
        controlDirectory = SSHCommand.privateDirectory(environment: environment)
    }

    /// The arguments that run `command` (one string, for the remote shell) on `remote`'s host.
    /// - Parameter interactive: false forbids password and passphrase prompts (`BatchMode`):
    ///   a window has no terminal to ask on, so it fails at once with ssh's own reason.
    public func arguments(_ remote: RemoteLocation, command: String, interactive: Bool) -> [String] {
        var arguments =
            base + [
                "-o", "ControlMaster=auto", "-o", "ControlPath=\(controlDirectory)/%C", "-o", "ControlPersist=300",
                // A dropped link is noticed in 15 s; an unreachable host gives up in 10.
                "-o", "ServerAliveInterval=5", "-o", "ServerAliveCountMax=3", "-o", "ConnectTimeout=10",
            ]
        if !interactive { arguments += ["-o", "BatchMode=yes"] }
        if let port = remote.port { arguments += ["-p", String(port)] }
        if let user = remote.user { arguments += ["-l", user] }
        return arguments + ["--", remote.host, command]
    }

    /// Opens the host's shared connection while the terminal the app was started from is still
    /// in its normal mode, so ssh can ask there for a password or passphrase; the sessions after
    /// it ride on that connection without asking. False when ssh failed (it said why).
    @discardableResult
    public func connect(_ remote: RemoteLocation) -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments(remote, command: "true", interactive: true)
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }

    /// `text` as one word for a POSIX shell: single-quoted, each `'` written as `'\''`. Nothing
    /// inside single quotes is special, so no path can run as a command.
    public static func quote(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'" }

    /// Splits a command line into words as a shell does for quotes and backslashes (no
    /// variables, globs or substitutions: it is never run by a shell).
    public static func words(_ line: String) -> [String] {
        var words: [String] = []
        var word = ""
        var inWord = false
        var quote: Character?
        var escaped = false
        for character in line {
            if escaped {
                word.append(character)
                escaped = false
            } else if let open = quote {
                if character == open {
                    quote = nil
                } else if character == "\\", open == "\"" {
                    escaped = true
                } else {
                    word.append(character)
                }
            } else if character == "'" || character == "\"" {
                quote = character
                inWord = true
            } else if character == "\\" {
                escaped = true
                inWord = true
            } else if character.isWhitespace {
                if inWord { words.append(word) }
                word = ""
                inWord = false
            } else {
                word.append(character)
                inWord = true
            }
        }
        if inWord { words.append(word) }
        return words
    }

    /// A folder only this user can enter, for control sockets: under `XDG_RUNTIME_DIR`, else
    /// the temporary folder. Socket paths must stay short (108 bytes), so the name is too.
    static func privateDirectory(environment: [String: String]) -> String {
        // A socket path holds at most 107 bytes, and ssh adds "/" + 40 (%C) + 17 (a temporary
        // suffix) to the folder: a longer runtime folder falls back to /tmp.
        let runtime = environment["XDG_RUNTIME_DIR"].flatMap { $0.isEmpty || $0.utf8.count > 30 ? nil : $0 }
        let root = runtime ?? "/tmp"
        let path = root + "/hafs-viz-ssh-\(getuid())"
        mkdir(path, 0o700)
        // Only a real folder of ours, closed to others, will do (another user could have made
        // one by that name first); else a fresh one.
        var info = stat()
        if lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR, info.st_uid == getuid(), chmod(path, 0o700) == 0 {
            return path
        }
        var template = Array((root + "/hafs-viz-ssh-XXXXXX").utf8CString)
        return template.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress, mkdtemp(base) != nil else { return path }
            return String(cString: base)
        }
    }
}
