import Foundation

/// A real OpenSSH server for tests: `sshd -D` on 127.0.0.1 at a free port, with its host key,
/// config and `authorized_keys` in a temporary folder, and a client config (`ssh_config`) that
/// trusts only that host key. Nothing outside the folder is read or changed; `HAFS_VIZ_SSH`
/// set to `sshCommand` points hafs-viz at it. The host is called `testhost`.
public final class SSHServer: @unchecked Sendable {
    public let folder: String
    public let port: Int
    /// sshd's process id (0: not running). Spawned directly, not as a Foundation `Process`:
    /// Foundation reaps its children one at a time, and a server that never ends would keep
    /// every later child of the test process from being reaped.
    private var pid: pid_t = 0

    /// The `HAFS_VIZ_SSH` value that reaches this server as `testhost`.
    public var sshCommand: String { "ssh -F \(folder)/ssh_config" }

    /// Makes the keys and configs and starts the server; throws with sshd's own words when it
    /// cannot start (openssh-server is installed by Scripts/install-deps).
    public init() throws {
        folder = NSTemporaryDirectory() + "hafs-sshd-" + UUID().uuidString.prefix(8)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        port = try SSHServer.freePort()
        for key in ["host_key", "id"] {
            let made = try ChildProcess.run(
                URL(fileURLWithPath: "/usr/bin/ssh-keygen"), ["-q", "-t", "ed25519", "-N", "", "-f", "\(folder)/\(key)"], timeout: 30)
            guard made.status == 0 else { throw SSHServerError("ssh-keygen: \(made.stderr)") }
        }
        try FileManager.default.copyItem(atPath: "\(folder)/id.pub", toPath: "\(folder)/authorized_keys")
        let hostKey = try String(contentsOfFile: "\(folder)/host_key.pub", encoding: .utf8).split(separator: " ").prefix(2).joined(
            separator: " ")
        try "[127.0.0.1]:\(port) \(hostKey)\n".write(toFile: "\(folder)/known_hosts", atomically: true, encoding: .utf8)
        try """
        Port \(port)
        ListenAddress 127.0.0.1
        HostKey \(folder)/host_key
        AuthorizedKeysFile \(folder)/authorized_keys
        PidFile \(folder)/sshd.pid
        StrictModes no
        UsePAM no
        PasswordAuthentication no
        KbdInteractiveAuthentication no
        PermitRootLogin prohibit-password
        MaxSessions 50

        """.write(toFile: "\(folder)/sshd_config", atomically: true, encoding: .utf8)
        try """
        Host testhost
          HostName 127.0.0.1
          Port \(port)
          User \(NSUserName())
          IdentityFile \(folder)/id
          IdentitiesOnly yes
          UserKnownHostsFile \(folder)/known_hosts
          StrictHostKeyChecking yes
          LogLevel ERROR

        """.write(toFile: "\(folder)/ssh_config", atomically: true, encoding: .utf8)
        // sshd wants its privilege separation folder even in the foreground.
        try? FileManager.default.createDirectory(atPath: "/run/sshd", withIntermediateDirectories: true)
        try start()
    }

    deinit {
        stop()
        try? FileManager.default.removeItem(atPath: folder)
    }

    /// Starts sshd and waits until `ssh testhost true` works.
    public func start() throws {
        let arguments = ["/usr/sbin/sshd", "-D", "-f", "\(folder)/sshd_config", "-E", "\(folder)/sshd.log"]
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var spawned: pid_t = 0
        guard posix_spawn(&spawned, arguments[0], nil, nil, &argv, environ) == 0 else {
            throw SSHServerError("cannot start /usr/sbin/sshd (is openssh-server installed? Scripts/install-deps installs it)")
        }
        pid = spawned
        // Up to 30 s in all: a server that does not answer by then fails the test, not CI's clock.
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            let probe = try ChildProcess.run(
                URL(fileURLWithPath: "/usr/bin/ssh"), ["-F", "\(folder)/ssh_config", "-o", "BatchMode=yes", "testhost", "true"], timeout: 10
            )
            if probe.status == 0 { return }
            var status: Int32 = 0
            if waitpid(pid, &status, WNOHANG) == pid {
                pid = 0
                break
            }
            Thread.sleep(forTimeInterval: 0.1)
        }
        let log = (try? String(contentsOfFile: "\(folder)/sshd.log", encoding: .utf8)) ?? ""
        throw SSHServerError("sshd did not accept a connection: \(log)")
    }

    /// Kills sshd and every session it serves (a dropped host).
    public func stop() {
        guard pid > 0 else { return }
        // The listener and the sessions it serves (its children).
        _ = try? ChildProcess.run(URL(fileURLWithPath: "/usr/bin/pkill"), ["-KILL", "-P", String(pid)], timeout: 10)
        kill(pid, SIGKILL)
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        pid = 0
    }

    static func freePort() throws -> Int {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw SSHServerError("no socket") }
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, length) == 0 && getsockname(socket, $0, &length) == 0 }
        }
        guard bound else { throw SSHServerError("no free port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

public struct SSHServerError: Error, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}
