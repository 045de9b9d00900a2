import Foundation
import HafsVizCore
import TestSupport
import Testing

/// Remote locations as scp and ssh:// spell them, the ssh command line built for them, the
/// quoting of paths for the remote shell (checked by a real /bin/sh), and `cksum`'s checksum
/// (checked against the real `cksum`).
@Suite("Remote locations")
struct RemoteLocationTests {
    static func remote(_ text: String) throws -> RemoteLocation {
        guard case .remote(let remote) = try Location.parse(text, localExists: { _ in false }) else {
            throw LocationError(text, "parsed as local")
        }
        return remote
    }

    @Test("host:/path, user@host:path, ssh://user@host:port/path and [v6]; local paths stay local")
    func parsing() throws {
        let plain = try RemoteLocationTests.remote("node7:/data/runs")
        #expect(plain.host == "node7" && plain.path == "/data/runs" && plain.user == nil && plain.port == nil)
        #expect(plain.display == "node7:/data/runs")
        let relative = try RemoteLocationTests.remote("me@node7:sweep")
        #expect(relative.user == "me" && relative.host == "node7" && relative.path == "sweep")
        #expect(try RemoteLocationTests.remote("node7:").path == ".", "the remote home")
        let url = try RemoteLocationTests.remote("ssh://me@gpu.example.org:2222/srv/logs")
        #expect(url.user == "me" && url.host == "gpu.example.org" && url.port == 2222 && url.path == "/srv/logs")
        #expect(url.display == "ssh://me@gpu.example.org:2222/srv/logs")
        let v6 = try RemoteLocationTests.remote("ssh://[::1]:22/x")
        #expect(v6.host == "::1" && v6.port == 22 && v6.path == "/x")
        for local in ["/abs/a:b", "./run:1", "runs", "a/b:c", "../x:y"] {
            #expect(try Location.parse(local, localExists: { _ in false }) == .local(local), "\(local)")
        }
        #expect(try Location.parse("run:1", localExists: { $0 == "run:1" }) == .local("run:1"), "an existing local name wins")
    }

    @Test("a host that begins with '-', holds a space or a control character, or a bad port, is refused with the reason")
    func refused() {
        for text in [
            "-oProxyCommand=touch x:/p", "ssh://-lroot@h/p", "a b:/p", "ssh://h:99999/p", "ssh://h:x/p", "ssh://[::1/p", "bad\u{1}host:/p",
        ] {
            #expect(throws: LocationError.self, "\(text)") { try Location.parse(text, localExists: { _ in false }) }
        }
        let error = #expect(throws: LocationError.self) { try Location.parse("-x:/p", localExists: { _ in false }) }
        #expect(error?.description.contains("cannot begin with '-'") == true)
    }

    @Test("the ssh command line: the user's base words, one multiplexed connection, -p/-l from the location, the host after --")
    func commandLine() throws {
        let ssh = SSHCommand(environment: [
            "HAFS_VIZ_SSH": #"ssh -F "/tmp/my config" -o 'User=x y'"#, "XDG_RUNTIME_DIR": NSTemporaryDirectory(),
        ])
        #expect(ssh.base == ["ssh", "-F", "/tmp/my config", "-o", "User=x y"])
        let remote = try RemoteLocationTests.remote("ssh://me@h:2200/p")
        let arguments = ssh.arguments(remote, command: "sh", interactive: false)
        #expect(Array(arguments.suffix(3)) == ["--", "h", "sh"])
        #expect(arguments.contains("BatchMode=yes") && arguments.contains("ControlMaster=auto"))
        #expect(arguments.contains { $0.hasPrefix("ControlPath=") && $0.hasSuffix("/%C") })
        let dash = try #require(arguments.firstIndex(of: "--"))
        #expect(arguments[..<dash].contains("2200") && arguments[..<dash].contains("me"), "-p and -l before the host")
        #expect(!ssh.arguments(remote, command: "sh", interactive: true).contains("BatchMode=yes"), "a terminal may be asked")
        #expect(SSHCommand(environment: [:]).base == ["ssh"])
    }

    @Test("quoted paths reach a real shell as the same bytes, and nothing in them runs")
    func quoting() throws {
        let folder = NSTemporaryDirectory() + "hafs-quote-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for text in ["a b;touch x;$(touch y)", "it's", "`touch z`", "back\\slash", "new\nline", "-n", "\"dq\" $HOME *"] {
            let shell = try ChildProcess.run(
                URL(fileURLWithPath: "/bin/sh"), ["-c", "cd \(SSHCommand.quote(folder)) && printf %s \(SSHCommand.quote(text))"],
                timeout: 10)
            #expect(shell.stdout == text, "\(text)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty, "no touch ran")
    }

    @Test("POSIXChecksum equals the cksum tool's output for empty, short and random inputs")
    func checksum() throws {
        var generator = TestSeed.generator(fallback: 20_261_205).generator
        let inputs: [[UInt8]] =
            [[], Array("a".utf8), Array("hello\n".utf8)]
            + [7, 255, 256, 4096, 70_000].map { count in
                (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
            }
        for input in inputs {
            let file = NSTemporaryDirectory() + "hafs-cksum-" + UUID().uuidString
            try Data(input).write(to: URL(fileURLWithPath: file))
            defer { try? FileManager.default.removeItem(atPath: file) }
            let tool = try ChildProcess.run(URL(fileURLWithPath: "/bin/sh"), ["-c", "cksum < \(SSHCommand.quote(file))"], timeout: 10)
            #expect(POSIXChecksum.line(input) == tool.stdout.trimmingCharacters(in: .whitespacesAndNewlines), "\(input.count) bytes")
        }
    }
}
