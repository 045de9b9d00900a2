import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Tells a reader when files under some directories change, so it can sleep while nothing
/// does (Linux inotify). A logdir on a network filesystem gets no watch: another machine's
/// writes raise no events there, so its reader keeps polling.
///
/// One watch per directory, not per file: appends (`IN_MODIFY`) and changes to the tree
/// (files or folders created, removed or renamed) in any watched directory wake a `wait`.
public final class DirectoryWatch: @unchecked Sendable {
    // @unchecked: the descriptors are set once; `watched` and `pathsByWatch` are touched only
    // by the thread that waits, as is `buffer` (`wake` writes to a pipe, which any thread may).
    private let events: Int32
    private let wakeRead: Int32
    private let wakeWrite: Int32
    private var watched: Set<String> = []
    private var pathsByWatch: [Int32: String] = [:]
    /// Where `wait` reads events, made once.
    private var buffer = [UInt8](repeating: 0, count: 64 << 10)

    /// What woke a `wait`.
    public struct Change: Sendable, Equatable {
        /// The directories in which a file was written to.
        public var written: Set<String> = []
        /// The tree changed (a file or folder created, removed or renamed), or events were lost:
        /// the directories must be listed again.
        public var tree = false
        /// `wake()` was called.
        public var woken = false

        public init() {}
        public var isEmpty: Bool { written.isEmpty && !tree && !woken }
    }

    /// Nil when `directory` lies on a network filesystem, or inotify is not to be had.
    public init?(directory: String) {
        guard !DirectoryWatch.isNetworkFilesystem(directory) else { return nil }
        let events = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard events >= 0 else { return nil }
        var pipeEnds: [Int32] = [0, 0]
        guard pipe(&pipeEnds) == 0 else {
            close(events)
            return nil
        }
        for end in pipeEnds {
            _ = fcntl(end, F_SETFL, fcntl(end, F_GETFL) | O_NONBLOCK)
            _ = fcntl(end, F_SETFD, FD_CLOEXEC)
        }
        self.events = events
        wakeRead = pipeEnds[0]
        wakeWrite = pipeEnds[1]
    }

    deinit {
        close(events)
        close(wakeRead)
        close(wakeWrite)
    }

    /// Watches each of `directories` not watched yet; false when one could not be (the
    /// system's watch limit, `fs.inotify.max_user_watches`): the reader must then poll.
    public func watch(_ directories: [String]) -> Bool {
        let mask =
            UInt32(IN_MODIFY) | UInt32(IN_CLOSE_WRITE) | UInt32(IN_ATTRIB) | UInt32(IN_CREATE) | UInt32(IN_DELETE)
            | UInt32(IN_MOVED_FROM) | UInt32(IN_MOVED_TO) | UInt32(IN_DELETE_SELF) | UInt32(IN_MOVE_SELF)
        for directory in directories where !watched.contains(directory) {
            let descriptor = inotify_add_watch(events, directory, mask)
            guard descriptor >= 0 else {
                // Gone since it was listed: the next listing drops it; anything else is a limit.
                if errno == ENOENT || errno == ENOTDIR { continue }
                return false
            }
            watched.insert(directory)
            pathsByWatch[descriptor] = directory
        }
        return true
    }

    /// Makes a `wait` on another thread return now.
    public func wake() {
        var byte: UInt8 = 1
        _ = write(wakeWrite, &byte, 1)
    }

    /// Waits up to `timeout` seconds for a change; empty when the time ran out.
    public func wait(timeout: Double) -> Change {
        var fds = [pollfd(fd: events, events: Int16(POLLIN), revents: 0), pollfd(fd: wakeRead, events: Int16(POLLIN), revents: 0)]
        var change = Change()
        guard poll(&fds, 2, Int32(max(timeout, 0) * 1000)) > 0 else { return change }
        if fds[1].revents != 0 {
            while buffer.withUnsafeMutableBytes({ read(wakeRead, $0.baseAddress, $0.count) }) > 0 {}
            change.woken = true
        }
        // Each event: wd (4), mask (4), cookie (4), len (4), then `len` bytes of name.
        while true {
            let count = buffer.withUnsafeMutableBytes { read(events, $0.baseAddress, $0.count) }
            guard count > 0 else { break }
            var at = 0
            while at + 16 <= count {
                let (descriptor, mask, length) = buffer.withUnsafeBytes {
                    (
                        $0.loadUnaligned(fromByteOffset: at, as: Int32.self), $0.loadUnaligned(fromByteOffset: at + 4, as: UInt32.self),
                        $0.loadUnaligned(fromByteOffset: at + 12, as: UInt32.self)
                    )
                }
                let writes = UInt32(IN_MODIFY) | UInt32(IN_CLOSE_WRITE) | UInt32(IN_ATTRIB)
                if mask & writes != 0, let directory = pathsByWatch[descriptor] { change.written.insert(directory) }
                if mask & UInt32(IN_IGNORED) != 0, let directory = pathsByWatch.removeValue(forKey: descriptor) {
                    watched.remove(directory)
                }
                // Anything else (created, deleted, moved, the queue overflowed) changes the tree.
                if mask & ~(writes | UInt32(IN_IGNORED)) != 0 { change.tree = true }
                at += 16 + Int(length)
            }
        }
        return change
    }

    /// Filesystems whose files other machines write (their names in /proc/self/mounts): NFS,
    /// SMB/CIFS, Lustre, GPFS, BeeGFS, Ceph, AFS, 9P (WSL's Windows drives), FUSE (sshfs and most
    /// cluster mounts), VirtualBox shares.
    public static func isNetwork(type: String) -> Bool {
        let names: Set<String> = ["nfs", "nfs4", "cifs", "smb3", "smbfs", "lustre", "gpfs", "beegfs", "ceph", "afs", "9p", "vboxsf"]
        return names.contains(type) || type == "fuse" || type.hasPrefix("fuse.")
    }

    /// Whether `path` lies on a filesystem whose changes may come from another machine: the
    /// type of the mount with the longest mount point that holds it.
    public static func isNetworkFilesystem(_ path: String) -> Bool {
        guard let resolved = realpath(path, nil) else { return false }
        let absolute = String(cString: resolved)
        free(resolved)
        guard let table = try? String(contentsOfFile: "/proc/self/mounts", encoding: .utf8) else { return false }
        var best: (point: String, type: String)?
        for line in table.split(separator: "\n") {
            let fields = line.split(separator: " ")
            guard fields.count >= 3 else { continue }
            // Mount points escape space, tab, newline and backslash as octal (\040).
            let point = String(fields[1]).replacingOccurrences(of: "\\040", with: " ").replacingOccurrences(of: "\\011", with: "\t")
            let holds = point == "/" || absolute == point || absolute.hasPrefix(point + "/")
            if holds, point.count >= (best?.point.count ?? -1) { best = (point, String(fields[2])) }
        }
        return best.map { isNetwork(type: $0.type) } ?? false
    }
}
