import Foundation
import HafsVizCore
import TestSupport
import Testing

/// `DirectoryWatch`: what wakes a wait (a write, a change to the tree, `wake`), and which
/// filesystems get no watch because other machines write to them.
@Suite("Directory watch")
struct DirectoryWatchTests {
    static func folder() throws -> String {
        let path = NSTemporaryDirectory() + "hafs-watch-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test("an append wakes a wait with its directory; a new folder or a removed file changes the tree; wake() from another thread")
    func events() throws {
        let root = try DirectoryWatchTests.folder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try Data("{\"step\": 1}\n".utf8).write(to: URL(fileURLWithPath: root + "/metrics.jsonl"))
        let watch = try #require(DirectoryWatch(directory: root), "a local temporary folder is watched")
        #expect(watch.watch([root]))
        #expect(watch.wait(timeout: 0).isEmpty, "nothing yet")
        try FileAppend.line("{\"step\": 2}", to: root + "/metrics.jsonl")
        let written = watch.wait(timeout: 10)
        #expect(written.written == [root] && !written.tree, "\(written)")
        try FileManager.default.createDirectory(atPath: root + "/run_b", withIntermediateDirectories: false)
        #expect(watch.wait(timeout: 10).tree)
        try FileManager.default.removeItem(atPath: root + "/metrics.jsonl")
        #expect(watch.wait(timeout: 10).tree)
        let thread = Thread { watch.wake() }
        thread.start()
        #expect(watch.wait(timeout: 10).woken)
    }

    @Test("network filesystems (NFS, SMB, Lustre, FUSE such as sshfs, 9P) are polled; local ones are watched")
    func networkTypes() {
        for type in ["nfs", "nfs4", "cifs", "smb3", "lustre", "gpfs", "ceph", "fuse.sshfs", "fuse", "9p"] {
            #expect(DirectoryWatch.isNetwork(type: type), "\(type)")
        }
        for type in ["ext4", "xfs", "btrfs", "tmpfs", "overlay", "zfs", "fusectl"] {
            #expect(!DirectoryWatch.isNetwork(type: type), "\(type)")
        }
    }
}
