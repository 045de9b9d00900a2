import DurableIO
import Foundation

/// A folder whose named files a workspace reads whole (the Dashboard's three documents, the
/// Latent map's arrays): a local folder as it is, or a remote one (`host:/path`) through a
/// `RemoteMirror` of just those files.
///
/// Safe to share between threads: a loader calls `syncNow` before it reads `readPath`; a
/// watcher calls `syncSoon`, which syncs on the source's own thread without waiting, and then
/// looks at the local copy as it looks at any folder.
public final class FolderSource: Sendable {
    /// What titles, status bars and Recent show: the path as the user wrote it, or the remote
    /// location as `host:/path`.
    public let name: String
    /// The remote location; nil for a local folder.
    public let remote: RemoteLocation?
    /// The folder the readers read: the path itself, or the local copy.
    public let readPath: String
    private let worker: SyncWorker?
    private let invalid: String?

    /// - Parameters:
    ///   - files: the names the workspace reads; a remote copy holds these only.
    ///   - interactive: whether ssh may ask for a password on the terminal the app was started
    ///     from (the window passes false).
    public init(
        _ text: String, files: Set<String>, interactive: Bool = false, ssh: SSHCommand = SSHCommand(), cacheRoot: String? = nil
    ) {
        do throws(LocationError) {
            switch try Location.parse(text) {
            case .local(let path):
                name = text
                remote = nil
                readPath = path
                worker = nil
            case .remote(let location):
                name = location.display
                remote = location
                let mirror = RemoteMirror(
                    remote: location, ssh: ssh, interactive: interactive, cacheRoot: cacheRoot ?? RemoteMirror.defaultCacheRoot(),
                    only: files)
                readPath = mirror.localRoot
                worker = SyncWorker(mirror)
            }
            invalid = nil
        } catch {
            // Read as a local path (it will not be there), with the reason it is not a location.
            name = text
            remote = nil
            readPath = text
            worker = nil
            invalid = "\(error)"
        }
    }

    /// A local folder, whatever its name holds.
    public init(local path: String) {
        name = path
        remote = nil
        readPath = path
        worker = nil
        invalid = nil
    }

    public var isRemote: Bool { remote != nil }

    /// Why the folder could not be read last time (an unreachable host, a refused login, a
    /// removed folder, or a name that is not a location); the copy keeps what it had.
    public var problem: String? { invalid ?? worker?.problem.map { "\($0)" } }

    /// Brings a remote copy up to date on the calling thread, waiting for a sync under way; the
    /// problem when the host could not be read. Nothing to do for a local folder.
    @discardableResult
    public func syncNow() -> String? {
        worker?.syncNow()
        return problem
    }

    /// Asks for a sync on the source's own thread and returns at once (asked again while one
    /// is under way, it syncs once more after it).
    public func syncSoon() { worker?.request() }

    /// Replaces `name` in the folder with `data`, atomically (a temporary file renamed over it):
    /// on the remote host for a remote folder, whose copy then reads it back.
    public func write(_ name: String, _ data: Data) throws {
        guard let worker else { return try AtomicFile.write(data, to: (readPath as NSString).appendingPathComponent(name)) }
        var failure: RemoteError?
        worker.exclusive { mirror in
            do throws(RemoteError) {
                try mirror.writeFile(name, data)
            } catch {
                failure = error
                return error
            }
            mirror.syncFully()
            return mirror.problem
        }
        if let failure { throw failure }
    }

    /// Why `name` in the folder cannot be written (the folder, or the file, is read-only, or
    /// the host did not answer); nil when it can.
    public func whyNotWritable(_ name: String) -> String? {
        guard let worker else {
            let path = (readPath as NSString).appendingPathComponent(name)
            if access(readPath, W_OK) != 0 { return "the directory is read-only (\(String(cString: strerror(errno))))" }
            if FileManager.default.fileExists(atPath: path), access(path, W_OK) != 0 { return "\(name) is read-only" }
            return nil
        }
        var reason: String?
        worker.exclusive { mirror in
            do throws(RemoteError) {
                reason = try mirror.whyNotWritable(name)
                return nil
            } catch {
                reason = "\(error)"
                return error
            }
        }
        return reason
    }

    deinit { worker?.stop() }
}

/// One thread per remote folder that syncs its mirror when asked; `syncNow` syncs on the
/// caller's thread instead. The mirror is used by one of them at a time.
private final class SyncWorker: @unchecked Sendable {
    // @unchecked: every field is read and written under `condition`; the mirror only by the
    // thread that set `syncing`.
    private let condition = NSCondition()
    private let mirror: RemoteMirror
    private var requested = false
    private var syncing = false
    private var started = false
    private var stopped = false
    private var lastProblem: RemoteError?

    init(_ mirror: RemoteMirror) { self.mirror = mirror }

    var problem: RemoteError? {
        condition.lock()
        defer { condition.unlock() }
        return lastProblem
    }

    func request() {
        condition.lock()
        defer { condition.unlock() }
        requested = true
        condition.broadcast()
        guard !started else { return }
        started = true
        // The thread sleeps until asked, and ends when the source goes (`stop`).
        let thread = Thread { [self] in
            while waitForRequest() { syncNow() }
        }
        thread.name = "hafs-viz remote sync"
        thread.start()
    }

    /// Ends the thread once a sync under way is done.
    func stop() {
        condition.lock()
        stopped = true
        condition.broadcast()
        condition.unlock()
    }

    /// Waits for a request; true when one came, false once stopped.
    private func waitForRequest() -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while !requested, !stopped { condition.wait() }
        requested = false
        return !stopped
    }

    func syncNow() {
        exclusive { mirror in
            mirror.syncFully()
            return mirror.problem
        }
    }

    /// Runs `body` with the mirror once no other thread uses it; what it returns becomes the
    /// problem shown.
    func exclusive(_ body: (RemoteMirror) -> RemoteError?) {
        condition.lock()
        while syncing { condition.wait() }
        syncing = true
        condition.unlock()
        let problem = body(mirror)
        condition.lock()
        lastProblem = problem
        syncing = false
        condition.broadcast()
        condition.unlock()
    }
}

extension FolderSource {
    /// The Dashboard's data directory: the pipeline's three documents.
    public static func dataDirectory(
        _ text: String, interactive: Bool = false, ssh: SSHCommand = SSHCommand(), cacheRoot: String? = nil
    ) -> FolderSource {
        FolderSource(text, files: Set(Snapshot.sources.map(\.fileName)), interactive: interactive, ssh: ssh, cacheRoot: cacheRoot)
    }

    /// Syncs a remote copy, then reads the pipeline's documents from `readPath` into a snapshot
    /// named as the user wrote the folder.
    public func loadSnapshot(previous: Snapshot? = nil, progress: (LoadProgress) -> Void = { _ in }) throws -> Snapshot {
        syncNow()
        return try SnapshotLoader(directory: readPath, name: name).loadNow(previous: previous, progress: progress)
    }
}
