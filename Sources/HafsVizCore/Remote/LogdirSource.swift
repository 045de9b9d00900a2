import Foundation

/// A logdir as the readers see it: a local folder, or a remote one through its `RemoteMirror`
/// (read from the local copy, named as the remote host has it).
public final class LogdirSource: @unchecked Sendable {
    // @unchecked: owned by one thread (the feed's, or the CLI's).
    /// As the user wrote it.
    public let text: String
    public let location: Location
    public let mirror: RemoteMirror?

    /// - Parameter interactive: whether ssh may ask for a password or passphrase (on the
    ///   terminal the app was started from); a window passes false.
    public init(_ text: String, interactive: Bool = false, ssh: SSHCommand = SSHCommand(), cacheRoot: String? = nil)
        throws(LocationError)
    {
        self.text = text
        location = try Location.parse(text)
        switch location {
        case .local: mirror = nil
        case .remote(let remote):
            mirror = RemoteMirror(
                remote: remote, ssh: ssh, interactive: interactive, cacheRoot: cacheRoot ?? RemoteMirror.defaultCacheRoot())
        }
    }

    /// A local folder, whatever its name holds (no colon rule).
    public init(local path: String) {
        text = path
        location = .local(path)
        mirror = nil
    }

    /// The folder the scanner and the readers read.
    public var root: String {
        switch location {
        case .local(let path): path
        case .remote: mirror?.localRoot ?? ""
        }
    }

    /// What run names begin with: "node7:" for a remote logdir, nothing for a local one.
    public var runPrefix: String {
        switch location {
        case .local: ""
        case .remote(let remote): remote.host + ":"
        }
    }

    /// Why the remote logdir could not be read last time (the copy keeps what it had).
    public var problem: RemoteError? { mirror?.problem }

    /// Brings a remote copy up to date; true when it changed. Nothing to do for a local folder.
    @discardableResult
    public func sync() -> Bool { mirror?.sync() ?? false }

    /// Lists the logdir's runs; for a remote one, syncs first and again until every file a run
    /// reads is copied whole (a JSONL log is only known as one once its first line is here).
    public func scanFully() -> [RunLocation] {
        guard let mirror else { return LogdirScanner.scan(root) }
        mirror.sync()
        var runs = LogdirScanner.scan(root)
        var rounds = 0
        while mirror.problem == nil, mirror.copyWhole(runs.flatMap(\.files)) || mirror.hasMore, rounds < 1000 {
            mirror.sync()
            runs = LogdirScanner.scan(root)
            rounds += 1
        }
        return runs
    }

    /// `log` as people should read it: its name with the host before it, its folder, files
    /// and errors at their remote paths. (The readers keep the local paths.)
    public func presented(_ log: RunLog) -> RunLog {
        guard let mirror else { return log }
        var log = log
        log.location.name = runPrefix + log.location.name
        log.displayName = log.displayName.map { runPrefix + $0 }
        log.location.directory = mirror.remoteName(log.location.directory)
        log.location.files = log.location.files.map(mirror.remoteName)
        log.errors = log.errors.map { error in
            var error = error
            error.file = mirror.remoteName(error.file)
            return error
        }
        log.notes = log.notes.map { note in
            var note = note
            note.file = mirror.remoteName(note.file)
            return note
        }
        return log
    }
}
