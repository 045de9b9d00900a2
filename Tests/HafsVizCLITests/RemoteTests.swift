import Foundation
import TestSupport
import Testing

/// `hafs-viz runs` on `testhost:/path` against a real sshd (`SSHServer`, on 127.0.0.1), reached
/// through `HAFS_VIZ_SSH`; every copy goes to a temporary cache folder.
@Suite("Remote logdirs over SSH", .serialized)
struct RemoteTests {
    static func environment(_ server: SSHServer?, cache: String) -> [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["XDG_CACHE_HOME"] = cache
        environment["XDG_RUNTIME_DIR"] = cache
        if let server { environment["HAFS_VIZ_SSH"] = server.sshCommand }
        return environment
    }

    static func temporary(_ name: String) throws -> String {
        let path = NSTemporaryDirectory() + "hafs-remote-\(name)-" + UUID().uuidString.prefix(8)
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// The runs of a `runs --json` report by name, with a remote host's prefix taken off.
    static func runs(_ run: CLIRun, prefix: String = "") -> [String: NSDictionary] {
        let runs = (run.json?["runs"] as? [[String: Any]]) ?? []
        return Dictionary(
            runs.map { run in
                let name = (run["name"] as? String) ?? ""
                return (name.hasPrefix(prefix) ? String(name.dropFirst(prefix.count)) : "!" + name, run as NSDictionary)
            }, uniquingKeysWith: { a, _ in a })
    }

    @Test("runs --json of testhost:<logdir> is the local report's, run for run, each name prefixed with the host")
    func sameReport() throws {
        let server = try SSHServer()
        let cache = try RemoteTests.temporary("cache")
        defer { try? FileManager.default.removeItem(atPath: cache) }
        let local = try CLIRun(["runs", "--json", CLIRun.fixtures + "/runs"])
        let remote = try CLIRun(
            ["runs", "--json", "testhost:" + CLIRun.fixtures + "/runs"], environment: RemoteTests.environment(server, cache: cache))
        #expect(remote.status == local.status, "\(remote.stderr)")
        let localRuns = RemoteTests.runs(local)
        let remoteRuns = RemoteTests.runs(remote, prefix: "testhost:")
        #expect(localRuns.count == 8 && Set(remoteRuns.keys) == Set(localRuns.keys), "\(remoteRuns.keys.sorted())")
        for (name, run) in localRuns {
            let mirrored = remoteRuns[name]?.mutableCopy() as? NSMutableDictionary
            mirrored?["name"] = run["name"]
            // Notes name their files as the host has them.
            let notes = (mirrored?["notes"] as? [String]) ?? []
            #expect(notes.allSatisfy { $0.hasPrefix("testhost:") }, "\(notes)")
            mirrored?["notes"] = notes.map { String($0.dropFirst("testhost:".count)) }
            #expect(mirrored == run.mutableCopy() as? NSMutableDictionary, "\(name): the same figures, last write included")
        }
        // Read again: the copy is kept and only checked; the answer is the same.
        let again = try CLIRun(
            ["runs", "--json", "testhost:" + CLIRun.fixtures + "/runs"], environment: RemoteTests.environment(server, cache: cache))
        #expect(RemoteTests.runs(again, prefix: "testhost:") == remoteRuns)
    }

    @Test("a directory named a b;touch x;$(touch y) is read as the directory it is, and nothing it spells runs")
    func hostileNames() throws {
        let server = try SSHServer()
        let cache = try RemoteTests.temporary("cache")
        let root = try RemoteTests.temporary("hostile")
        defer {
            try? FileManager.default.removeItem(atPath: cache)
            try? FileManager.default.removeItem(atPath: root)
        }
        let hostile = root + "/a b;touch x;$(touch y)"
        try FileManager.default.createDirectory(atPath: hostile + "/run 'quoted' `z`", withIntermediateDirectories: true)
        try Data("{\"step\": 1, \"loss\": 0.5}\n{\"step\": 2, \"loss\": 0.25}\n".utf8).write(
            to: URL(fileURLWithPath: hostile + "/run 'quoted' `z`/metrics.jsonl"))
        let home = NSHomeDirectory()
        let before = Set((try? FileManager.default.contentsOfDirectory(atPath: home)) ?? [])
        let run = try CLIRun(["runs", "--json", "testhost:" + hostile], environment: RemoteTests.environment(server, cache: cache))
        #expect(run.status == 0, "\(run.stderr)")
        let runs = RemoteTests.runs(run, prefix: "testhost:")
        let loss = (runs["run 'quoted' `z`"]?["tags"] as? [String: Any])?["loss"] as? [String: Any]
        #expect(loss?["points"] as? Int == 2 && loss?["last_value"] as? Double == 0.25, "\(run.stdout)")
        let after = Set((try? FileManager.default.contentsOfDirectory(atPath: home)) ?? [])
        #expect(after.subtracting(before).isDisjoint(with: ["x", "y", "z"]), "nothing was touched in the remote home")
        #expect(try FileManager.default.contentsOfDirectory(atPath: root) == ["a b;touch x;$(touch y)"], "nor beside the logdir")
    }

    @Test("an unreachable host fails within 30 s, naming the host; a host that begins with '-' is refused before ssh runs")
    func unreachable() throws {
        let cache = try RemoteTests.temporary("cache")
        defer { try? FileManager.default.removeItem(atPath: cache) }
        var environment = RemoteTests.environment(nil, cache: cache)
        environment["HAFS_VIZ_SSH"] = "ssh -F /dev/null -o UserKnownHostsFile=/dev/null -o StrictHostKeyChecking=yes"
        // TEST-NET-1 (RFC 5737): an address no host answers from.
        let start = Date()
        let run = try CLIRun(["runs", "--json", "ssh://192.0.2.1:22/srv/logs"], environment: environment, timeout: 60)
        let elapsed = Date().timeIntervalSince(start)
        #expect(run.status == 2 && run.stdout.isEmpty)
        #expect(run.stderr.contains("192.0.2.1") && run.stderr.contains("cannot connect"), "\(run.stderr)")
        #expect(elapsed < 30, "gave up after \(elapsed) s")
        let refused = try CLIRun(["runs", "--json", "--", "-oProxyCommand=touch pwned:/x"], environment: environment)
        #expect(refused.status == 2 && refused.stderr.contains("cannot begin with '-'"), "\(refused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: "pwned"))
        // A data or latent directory on a host that does not answer: said, naming it.
        let latent = try CLIRun(["latent", "--json", "ssh://192.0.2.1:22/latent"], environment: environment, timeout: 60)
        #expect(latent.status == 2 && latent.stderr.contains("192.0.2.1") && latent.stdout.isEmpty, "\(latent.stderr)")
    }

    @Test("several logdirs, local and remote, positional and --logdir, in one report; a name two logdirs share says which logdir")
    func severalLogdirs() throws {
        let server = try SSHServer()
        let cache = try RemoteTests.temporary("cache")
        let one = try RemoteTests.temporary("one")
        let two = try RemoteTests.temporary("two")
        defer { for path in [cache, one, two] { try? FileManager.default.removeItem(atPath: path) } }
        for (folder, loss) in [(one, 0.5), (two, 0.25)] {
            try FileManager.default.createDirectory(atPath: folder + "/run_x", withIntermediateDirectories: true)
            try Data("{\"step\": 1, \"loss\": \(loss)}\n".utf8).write(to: URL(fileURLWithPath: folder + "/run_x/metrics.jsonl"))
        }
        let run = try CLIRun(
            ["runs", "--json", one, "testhost:" + CLIRun.fixtures + "/runs", "--logdir", two],
            environment: RemoteTests.environment(server, cache: cache))
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.json?["logdir"] as? String == "\(one) + testhost:\(CLIRun.fixtures)/runs + \(two)")
        let runs = RemoteTests.runs(run)
        let remote = runs.keys.filter { $0.hasPrefix("testhost:") }
        #expect(remote.count == 8, "the remote fixtures' eight runs under the host's name: \(runs.keys.sorted())")
        let first = (runs["run_x · \(one)"]?["tags"] as? [String: Any])?["loss"] as? [String: Any]
        let second = (runs["run_x · \(two)"]?["tags"] as? [String: Any])?["loss"] as? [String: Any]
        #expect(first?["last_value"] as? Double == 0.5 && second?["last_value"] as? Double == 0.25, "\(runs.keys.sorted())")
    }

    @Test("summary --json of testhost:<data dir> is the local summary, its three files copied and nothing else")
    func summary() throws {
        let server = try SSHServer()
        let cache = try RemoteTests.temporary("cache")
        defer { try? FileManager.default.removeItem(atPath: cache) }
        let demo = CLIRun.fixtures + "/demo"
        let local = try CLIRun(["summary", "--json", demo])
        let remote = try CLIRun(["summary", "--json", "testhost:" + demo], environment: RemoteTests.environment(server, cache: cache))
        #expect(remote.status == local.status, "\(remote.stderr)")
        let mirrored = remote.json.map { NSMutableDictionary(dictionary: $0) }
        #expect(mirrored?["directory"] as? String == "testhost:" + demo)
        mirrored?["directory"] = local.json?["directory"]
        #expect(mirrored == local.json.map { NSMutableDictionary(dictionary: $0) }, "every figure as the local read has it")
        let copied = FileManager.default.enumerator(atPath: cache + "/hafs-viz/remote")?.allObjects as? [String] ?? []
        #expect(
            copied.filter { $0.hasSuffix(".json") }.map { ($0 as NSString).lastPathComponent }.sorted()
                == ["active_learning.json", "quality_feedback.json", "training_feedback.json"], "\(copied)")
    }

    @Test("latent --json of testhost:<dir> is the local report; a missing remote directory is said, naming host and path")
    func latent() throws {
        let server = try SSHServer()
        let cache = try RemoteTests.temporary("cache")
        let root = try RemoteTests.temporary("latent")
        defer { for path in [cache, root] { try? FileManager.default.removeItem(atPath: path) } }
        try writeNPY(root + "/latent.npy", shape: [4, 2], doubles: [0, 0, 1, 0, 0, 1, 1, 1])
        try writeNPY(root + "/certainty.npy", shape: [4], doubles: [0.9, 0.8, 0.1, 0.7])
        try Data("Serial,label\n2,3\n".utf8).write(to: URL(fileURLWithPath: root + "/labels.csv"))
        let environment = RemoteTests.environment(server, cache: cache)
        let local = try CLIRun(["latent", "--json", root])
        let remote = try CLIRun(["latent", "--json", "testhost:" + root], environment: environment)
        #expect(remote.status == 0 && local.status == 0, "\(remote.stderr)")
        #expect(remote.stdout == local.stdout && local.stdout.contains("\"labeled\":1"), "\(remote.stdout)")
        let missing = try CLIRun(["latent", "--json", "testhost:" + root + "/gone"], environment: environment)
        #expect(missing.status == 2 && missing.stderr.contains("testhost:\(root)/gone: no such directory"), "\(missing.stderr)")
    }
}
