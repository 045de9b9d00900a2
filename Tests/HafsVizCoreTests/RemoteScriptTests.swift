import Foundation
import TestSupport
import Testing

@testable import HafsVizCore

/// The remote side's shell functions, run here by /bin/sh as a remote shell would run them.
@Suite("Remote script")
struct RemoteScriptTests {
    /// The records `hl DIR ''` writes, after its checksum, with times cut to nanoseconds
    /// (find writes ten fraction digits, stat nine).
    static func listing(_ directory: String, path: String) throws -> Set<String> {
        let script = RemoteScript.definitions + "\nhl \(SSHCommand.quote(directory)) ''\n"
        let run = try ChildProcess.run(URL(fileURLWithPath: "/bin/sh"), ["-c", script], environment: ["PATH": path])
        let records = run.stdout.split(separator: "\0").map(String.init)
        return Set(
            records.dropFirst().map { record in
                var fields = record.split(separator: "\t", maxSplits: 5, omittingEmptySubsequences: false).map(String.init)
                if fields.first == "f", fields.count == 6 {
                    for index in [2, 3] {
                        let parts = fields[index].split(separator: ".")
                        fields[index] = parts[0] + "." + (parts.count > 1 ? String(parts[1].prefix(9)) : "")
                    }
                }
                return fields.joined(separator: "\t")
            })
    }

    @Test("without GNU find, the shell walk with stat lists what find lists: folders and files, no dot names, no links")
    func listingWithoutFind() throws {
        let root = NSTemporaryDirectory() + "hafs-script-" + UUID().uuidString.prefix(8)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let tree = root + "/a b;$(x)"
        for folder in ["run 1", ".hidden", "sub/deeper", "empty"] {
            try FileManager.default.createDirectory(atPath: tree + "/" + folder, withIntermediateDirectories: true)
        }
        for (file, text) in [
            ("run 1/metrics.jsonl", "{}\n"), (".hidden/x", "x"), (".dot", ""), ("line\nbreak", "12"), ("sub/deeper/f", "abc"),
        ] {
            try Data(text.utf8).write(to: URL(fileURLWithPath: tree + "/" + file))
        }
        try FileManager.default.createSymbolicLink(atPath: tree + "/link", withDestinationPath: tree + "/sub")
        // A find that cannot -printf (busybox's, say) comes first on the PATH.
        try FileManager.default.createDirectory(atPath: root + "/bin", withIntermediateDirectories: true)
        try Data("#!/bin/sh\nexit 1\n".utf8).write(to: URL(fileURLWithPath: root + "/bin/find"))
        chmod(root + "/bin/find", 0o755)

        let withFind = try RemoteScriptTests.listing(tree, path: "/usr/bin:/bin")
        let withoutFind = try RemoteScriptTests.listing(tree, path: root + "/bin:/usr/bin:/bin")
        let paths = Set(withFind.map { String($0.split(separator: "\t").last ?? "") })
        #expect(
            paths
                == Set(
                    ["run 1", "run 1/metrics.jsonl", "line\nbreak", "sub", "sub/deeper", "sub/deeper/f", "empty"].map { tree + "/" + $0 }),
            "\(paths.sorted())")
        #expect(withoutFind == withFind, "\(withoutFind.symmetricDifference(withFind))")
        var info = stat()
        _ = stat(tree + "/sub/deeper/f", &info)
        #expect(withFind.contains { $0.hasPrefix("f\t3\t") && $0.contains("\t\(info.st_ino)\t") }, "size and inode as stat(2) has them")
    }
}
