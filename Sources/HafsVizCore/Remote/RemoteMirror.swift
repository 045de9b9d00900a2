import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A remote logdir kept as a local copy, so every local reader (the formats, their detection,
/// the tails) reads it as it reads any folder.
///
/// Each `sync` lists the remote tree in one command (only a checksum comes back when nothing
/// changed) and reads only what is new: a file's bytes after the ones copied, or the whole file
/// again when its first bytes, or the 4 KiB before the copied end, changed (a rewrite, a
/// rotation, a replacement). Files whose name does not say they are logs get their first 4 KiB
/// only (enough for detection by content) until a run is found to use them (`copyWhole`).
///
/// The copy lives under the user's cache folder, one per remote location, and is kept between
/// sessions: a reopened location reads only what changed since.
public final class RemoteMirror: @unchecked Sendable {
    // @unchecked: owned by one thread (the feed's, or the CLI's).
    public let remote: RemoteLocation
    /// The local copy's root.
    public let localRoot: String
    private let ssh: SSHCommand
    private let interactive: Bool
    private var shell: RemoteShell?
    private var listingSum = ""
    /// The remote files and folders as last listed, by path relative to the root.
    private var listed: [String: Stat] = [:]
    private var folders: Set<String> = []
    /// The folders the local copy has (made for a listing, or left by an earlier session).
    private var copiedFolders: Set<String> = []
    /// What the local copy of each file matches: its bytes and the remote stat they came from
    /// (nil: not checked against the remote yet).
    private var copied: [String: (bytes: Int, stat: Stat?)] = [:]
    /// Files to copy whole (the rest: `probeBytes` only).
    private var whole: Set<String> = []
    /// Files with more to read than one sync reads.
    private var unfinished: Set<String> = []
    /// For a document being read from its start over several syncs: the stat it had when the
    /// read began (a change since starts it again).
    private var readBegan: [String: Stat] = [:]
    /// When set, the only files copied (paths relative to the root), all whole: a data
    /// directory's three documents, not the runs beside them.
    private let only: Set<String>?
    /// Why the last sync failed (the copy keeps what it had); nil when it worked.
    public private(set) var problem: RemoteError?
    private var retryAfter = Date.distantPast
    private var backoff: Double = 1

    /// The first bytes of a file not known to be a log: detection reads its first line.
    public static let probeBytes = 4096
    /// The most one file gets per sync (a 1 GB event file arrives over several).
    public static let readLimit = 64 << 20

    /// What `find` said of a remote file.
    struct Stat: Equatable {
        var size: Int
        var modified: String
        var changed: String
        var inode: String
    }

    /// A copy of `remote` under `cacheRoot`; a copy an earlier session left there is kept and
    /// checked file by file on the first sync. Nothing connects until `sync`.
    public init(
        remote: RemoteLocation, ssh: SSHCommand = SSHCommand(), interactive: Bool = false,
        cacheRoot: String = RemoteMirror.defaultCacheRoot(), only: Set<String>? = nil
    ) {
        self.remote = remote
        self.only = only
        self.ssh = ssh
        self.interactive = interactive
        localRoot = cacheRoot + "/" + RemoteMirror.folderName(remote)
        // A copy from an earlier session: each file is checked before it is trusted.
        if let walker = FileManager.default.enumerator(atPath: localRoot) {
            for case let relative as String in walker {
                var info = stat()
                guard lstat(localRoot + "/" + relative, &info) == 0 else { continue }
                if info.st_mode & S_IFMT == S_IFREG { copied[relative] = (Int(info.st_size), nil) }
                if info.st_mode & S_IFMT == S_IFDIR { copiedFolders.insert(relative) }
            }
        }
    }

    /// `~/.cache/hafs-viz/remote` (or under `XDG_CACHE_HOME`).
    public static func defaultCacheRoot(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        let cache = environment["XDG_CACHE_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory() + "/.cache"
        return cache + "/hafs-viz/remote"
    }

    /// A folder name for `remote`: its host, readable, and a hash of the whole location.
    static func folderName(_ remote: RemoteLocation) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in remote.display.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x100_0000_01b3
        }
        let host = String(remote.host.map { $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" ? $0 : "_" }.prefix(40))
        return host + "-" + String(hash, radix: 16)
    }

    /// `host:/remote/path/…` for a path under the local copy; other paths as they are.
    public func remoteName(_ localPath: String) -> String {
        guard localPath.hasPrefix(localRoot) else { return localPath }
        let relative = localPath.dropFirst(localRoot.count)
        return remote.display + (remote.path.hasSuffix("/") && relative.hasPrefix("/") ? String(relative.dropFirst()) : String(relative))
    }

    /// Marks files of the copy (local paths) to be copied whole from now on: a run reads them.
    /// True when one was copied only in part so far (a sync will bring the rest).
    @discardableResult
    public func copyWhole(_ localPaths: [String]) -> Bool {
        var more = false
        for path in localPaths where path.hasPrefix(localRoot + "/") {
            let relative = String(path.dropFirst(localRoot.count + 1))
            if whole.insert(relative).inserted, let stat = listed[relative], (copied[relative]?.bytes ?? 0) < stat.size { more = true }
        }
        return more
    }

    /// Whether a sync has more to read right away (a file larger than one sync reads).
    public var hasMore: Bool { !unfinished.isEmpty }

    /// Syncs until every file is copied (a file larger than one sync reads takes several), or a
    /// sync fails (`problem`).
    public func syncFully() {
        sync()
        while problem == nil, hasMore { sync() }
    }

    /// Lists the remote tree and copies what changed; true when the copy changed. A failure
    /// is kept in `problem` (the copy keeps what it had); after one, the next syncs wait 1, 2,
    /// 4 … 30 s before connecting again.
    @discardableResult
    public func sync() -> Bool {
        guard Date() >= retryAfter else { return false }
        do throws(RemoteError) {
            let changed = try syncOnce()
            problem = nil
            backoff = 1
            return changed
        } catch {
            shell?.close()
            shell = nil
            listingSum = ""
            problem = error
            retryAfter = Date().addingTimeInterval(backoff)
            backoff = min(backoff * 2, 30)
            return false
        }
    }

    /// Replaces `name`, a file directly in the remote folder, with `data`: written to a hidden
    /// temporary file beside it, then renamed over it (`mv`), so a reader there never sees half
    /// of it. Throws with the remote side's words when it cannot (a read-only folder, a full disk).
    public func writeFile(_ name: String, _ data: Data) throws(RemoteError) {
        // printf is a builtin of every POSIX shell: the text reaches it as one quoted word, not
        // through exec's argument limit. A NUL cannot be part of a word.
        guard !data.contains(0) else { throw RemoteError(remote, "\(name) holds a NUL byte and cannot be sent as text") }
        let folder = rootArgument.hasSuffix("/") ? rootArgument : rootArgument + "/"
        let target = SSHCommand.quote(folder + name)
        let temporary = SSHCommand.quote(folder + "." + name + ".hafs-viz-tmp")
        let text = SSHCommand.quote(String(decoding: data, as: UTF8.self))
        let reply = try request(
            "if e=$( { printf '%s' \(text) > \(temporary) && mv -f \(temporary) \(target); } 2>&1 ); then printf 'K\\0'; "
                + "else rm -f \(temporary); printf 'X\\t%s\\0' \"$e\"; fi")
        if let failure = reply.first(where: { $0.hasPrefix("X\t") }) {
            throw RemoteError(remote, "cannot write \(name): \(failure.dropFirst(2).split(separator: "\n").last ?? "")")
        }
        guard reply == ["K"] else { throw RemoteError(remote, "an unexpected reply (\(reply.first?.prefix(40) ?? ""))") }
    }

    /// Why `name` in the remote folder cannot be replaced by `writeFile` (the folder, or the file
    /// when it is there, is not writable to the remote user); nil when it can.
    public func whyNotWritable(_ name: String) throws(RemoteError) -> String? {
        let folder = rootArgument.hasSuffix("/") ? rootArgument : rootArgument + "/"
        let directory = SSHCommand.quote(folder)
        let target = SSHCommand.quote(folder + name)
        let reply = try request(
            "if [ ! -d \(directory) ]; then printf 'G\\0'; elif [ ! -w \(directory) ]; then printf 'D\\0'; "
                + "elif [ -e \(target) ] && [ ! -w \(target) ]; then printf 'F\\0'; else printf 'W\\0'; fi")
        switch reply.first {
        case "W": return nil
        case "G": return "\(remote.display) is not there any more"
        case "D": return "\(remote.display) is read-only to \(remote.user ?? "the remote user")"
        case "F": return "\(name) on \(remote.host) is read-only"
        default: throw RemoteError(remote, "an unexpected reply (\(reply.first?.prefix(40) ?? ""))")
        }
    }

    /// Sends one line of commands and returns the records its reply holds up to `Z`; a failed
    /// connection is closed (the next request opens another).
    private func request(_ line: String) throws(RemoteError) -> [String] {
        do throws(RemoteError) {
            let shell = try connected()
            try shell.send(line + "; printf 'Z\\0'\n")
            var records: [String] = []
            while true {
                let record = try shell.readRecord()
                if record == "Z" { return records }
                records.append(record)
            }
        } catch {
            shell?.close()
            shell = nil
            listingSum = ""
            throw error
        }
    }

    private func connected() throws(RemoteError) -> RemoteShell {
        if let shell { return shell }
        let shell = try RemoteShell(remote: remote, ssh: ssh, interactive: interactive)
        self.shell = shell
        return shell
    }

    /// The root as the remote shell should see it (a relative path that begins with `-` would
    /// read as an option to find).
    private var rootArgument: String { remote.path.hasPrefix("-") ? "./" + remote.path : remote.path }

    private func syncOnce() throws(RemoteError) -> Bool {
        let shell = try connected()
        var changed = false
        try shell.send("hl \(SSHCommand.quote(rootArgument)) \(SSHCommand.quote(listingSum)); printf 'Z\\0'\n")
        let first = try shell.readRecord()
        if first.hasPrefix("X\t") {
            _ = try shell.readRecord()  // Z
            throw RemoteError(remote, String(first.dropFirst(2)))
        }
        if first.hasPrefix("C\t") {
            listingSum = String(first.dropFirst(2))
            try readListing(shell)
            changed = applyListing() || changed
        } else {
            _ = try shell.readRecord()  // Z
        }
        let wanted = listed.keys.filter { needsRead($0) }.sorted()
        for batch in stride(from: 0, to: wanted.count, by: 100) {
            let files = Array(wanted[batch..<min(batch + 100, wanted.count)])
            changed = try read(files, shell) || changed
        }
        return changed
    }

    /// The `d`/`f` records up to `Z`.
    private func readListing(_ shell: RemoteShell) throws(RemoteError) {
        var files: [String: Stat] = [:]
        var found: Set<String> = []
        let prefix = rootArgument.hasSuffix("/") ? rootArgument : rootArgument + "/"
        while true {
            let record = try shell.readRecord()
            if record == "Z" { break }
            let fields = record.split(separator: "\t", maxSplits: 5, omittingEmptySubsequences: false).map(String.init)
            guard let path = fields.last, path.hasPrefix(prefix),
                let relative = RemoteMirror.safeRelative(String(path.dropFirst(prefix.count)))
            else { continue }
            if fields.first == "d", fields.count == 2 {
                found.insert(relative)
            } else if fields.first == "f", fields.count == 6, let size = Int(fields[1]), only?.contains(relative) ?? true {
                files[relative] = Stat(size: size, modified: fields[2], changed: fields[3], inode: fields[4])
            }
        }
        listed = files
        folders = found
    }

    /// A path relative to the root that stays under it: no `..`, `.` or empty part (a hostile
    /// server cannot make us write outside the copy).
    static func safeRelative(_ path: String) -> String? {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        guard !parts.isEmpty, !parts.contains(where: { $0.isEmpty || $0 == "." || $0 == ".." }), !path.contains("\0") else { return nil }
        return path
    }

    /// Makes the copy's folders and removes what the remote no longer has; true when it did.
    private func applyListing() -> Bool {
        // Made once the host has answered, so a mistyped host leaves no empty folder behind.
        try? FileManager.default.createDirectory(atPath: localRoot, withIntermediateDirectories: true)
        var changed = false
        // Only what the listing changed: new folders made, gone files and folders removed.
        for folder in folders.subtracting(copiedFolders).sorted() {
            try? FileManager.default.createDirectory(atPath: localRoot + "/" + folder, withIntermediateDirectories: true)
        }
        for relative in copied.keys where listed[relative] == nil {
            unlink(localRoot + "/" + relative)
            copied.removeValue(forKey: relative)
            unfinished.remove(relative)
            changed = true
        }
        // Deepest first (the files in them went above); one that is not empty stays to retry.
        var kept = folders
        for relative in copiedFolders.subtracting(folders).sorted(by: >) {
            if rmdir(localRoot + "/" + relative) == 0 { changed = true } else { kept.insert(relative) }
        }
        copiedFolders = kept
        return changed
    }

    /// Whether a listed file has bytes the copy lacks, or may have been rewritten.
    private func needsRead(_ relative: String) -> Bool {
        guard let stat = listed[relative] else { return false }
        guard let copy = copied[relative] else { return true }
        if unfinished.contains(relative) { return true }
        let target = isWhole(relative) ? stat.size : min(stat.size, RemoteMirror.probeBytes)
        // Unchanged, but perhaps wanted whole since (a run reads it).
        if copy.stat == stat { return copy.bytes < target }
        // A probe whose file only grew past the probe needs nothing more.
        if !isWhole(relative), let old = copy.stat, old.inode == stat.inode, copy.bytes >= target, stat.size >= copy.bytes { return false }
        return true
    }

    /// Files rewritten as a whole rather than appended to: a change (size, time or inode) reads
    /// them again from their first byte, since an edit may keep their start and end.
    private func isDocument(_ relative: String) -> Bool {
        if only != nil { return true }
        let name = relative.split(separator: "/").last.map(String.init) ?? relative
        return name == "trainer_state.json" || name == "config.json" || name.hasSuffix(".yaml")
    }

    private func isWhole(_ relative: String) -> Bool {
        if whole.contains(relative) || only != nil { return true }
        let name = relative.split(separator: "/").last.map(String.init) ?? relative
        // Names that are logs of a format we read (the rest are found by their first line).
        return name.contains("tfevents") || name.hasSuffix(".wandb") || name == "trainer_state.json" || name == "metrics.csv"
            || name == "meta.yaml"
            || relative.split(separator: "/").dropLast().contains("metrics")
    }

    /// One request for `files`: each sends the bytes after the copy's end, or all of them when
    /// the copy no longer matches its start.
    private func read(_ files: [String], _ shell: RemoteShell) throws(RemoteError) -> Bool {
        var request = ""
        var plans: [(relative: String, offset: Int)] = []
        for relative in files {
            guard let stat = listed[relative] else { continue }
            let local = localRoot + "/" + relative
            var have = min(copied[relative]?.bytes ?? 0, stat.size)
            if isDocument(relative) {
                let began = unfinished.contains(relative) ? readBegan[relative] : copied[relative]?.stat
                if began != stat {
                    have = 0
                    readBegan[relative] = stat
                }
            }
            let limit = isWhole(relative) ? RemoteMirror.readLimit : max(RemoteMirror.probeBytes - have, 0)
            let (headLength, head, windowStart, windowLength, window) = RemoteMirror.windows(local, have: have)
            request +=
                "hf \(SSHCommand.quote(rootArgument + (rootArgument.hasSuffix("/") ? "" : "/") + relative)) \(have) \(headLength) "
                + "\(SSHCommand.quote(head)) \(windowStart) \(windowLength) \(SSHCommand.quote(window)) \(limit); "
            plans.append((relative, have))
        }
        guard !plans.isEmpty else { return false }
        try shell.send(request + "printf 'Z\\0'\n")
        var changed = false
        for plan in plans {
            let record = try shell.readRecord()
            let fields = record.split(separator: "\t").map(String.init)
            if fields.first == "X" {
                // Gone or unreadable since the listing: the next listing says which.
                listingSum = ""
                unfinished.remove(plan.relative)
                continue
            }
            guard fields.first == "D", fields.count == 4, let offset = Int(fields[1]), let count = Int(fields[2]), let size = Int(fields[3])
            else { throw RemoteError(remote, "an unexpected reply (\(record.prefix(40)))") }
            // From 0: a new file put in place in one rename; else appended to the copy.
            let path = localRoot + "/" + plan.relative
            let temporary = offset == 0 ? path + ".hafs-copy" : nil
            if temporary != nil {
                try? FileManager.default.createDirectory(
                    atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            }
            let descriptor =
                temporary.map { open($0, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644) } ?? open(path, O_WRONLY | O_APPEND | O_CLOEXEC)
            let wrote = try shell.copyBytes(count, to: descriptor)
            let end = try shell.readRecord()
            guard end.hasPrefix("E\t"), let after = Int(end.dropFirst(2)) else {
                if descriptor >= 0 { close(descriptor) }
                throw RemoteError(remote, "an unexpected reply (\(end.prefix(40)))")
            }
            // Shrunk while it was read (the bytes may be padding), or not written here: undone,
            // and read again next time.
            guard after >= offset + count, wrote else {
                if let temporary { unlink(temporary) } else if descriptor >= 0 { _ = ftruncate(descriptor, off_t(offset)) }
                if descriptor >= 0 { close(descriptor) }
                copied[plan.relative]?.stat = nil
                listingSum = ""
                continue
            }
            close(descriptor)
            if let temporary { rename(temporary, path) }
            changed = changed || count > 0 || offset == 0
            let stat = listed[plan.relative]
            // The copy carries the remote file's time: "last write" and "quiet" read it.
            if let stat { RemoteMirror.setModified(localRoot + "/" + plan.relative, stat.modified) }
            let target = isWhole(plan.relative) ? size : min(size, RemoteMirror.probeBytes)
            // A document's copy matches the stat its read began with (a change meanwhile reads it again).
            let matched = isDocument(plan.relative) ? readBegan[plan.relative] ?? stat : stat
            copied[plan.relative] = (offset + count, offset + count >= target ? matched : nil)
            if offset + count < target {
                unfinished.insert(plan.relative)
            } else {
                unfinished.remove(plan.relative)
                readBegan.removeValue(forKey: plan.relative)
            }
        }
        guard try shell.readRecord() == "Z" else { throw RemoteError(remote, "an unexpected reply (no end)") }
        return changed
    }

    /// The copy's first bytes (up to 256) and the 4 KiB before its end, with their `cksum`s,
    /// for the remote side to compare.
    static func windows(_ path: String, have: Int) -> (Int, String, Int, Int, String) {
        guard have > 0, let handle = FileHandle(forReadingAtPath: path) else { return (0, "", 0, 0, "") }
        defer { try? handle.close() }
        let headLength = min(have, 256)
        let head = (try? handle.read(upToCount: headLength)) ?? Data()
        let windowLength = min(have, 4096)
        let windowStart = have - windowLength
        try? handle.seek(toOffset: UInt64(windowStart))
        let window = (try? handle.read(upToCount: windowLength)) ?? Data()
        return (headLength, POSIXChecksum.line(head), windowStart, windowLength, POSIXChecksum.line(window))
    }

    /// Sets a file's modification time to `seconds` as find's `%T@` writes it ("1733400000.25").
    static func setModified(_ path: String, _ seconds: String) {
        let parts = seconds.split(separator: ".", maxSplits: 1)
        guard let whole = parts.first.flatMap({ Int($0) }) else { return }
        let fraction = parts.count > 1 ? String(parts[1].prefix(9)).padding(toLength: 9, withPad: "0", startingAt: 0) : "0"
        let time = timespec(tv_sec: whole, tv_nsec: Int(fraction) ?? 0)
        // The access time stays (UTIME_OMIT, Linux's (1 << 30) - 2).
        var times = [timespec(tv_sec: 0, tv_nsec: (1 << 30) - 2), time]
        _ = utimensat(AT_FDCWD, path, &times, 0)
    }
}
