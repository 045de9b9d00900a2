import Foundation
import HafsVizCore
import Synchronization

/// Keeps reading a logdir on its own thread: it reads each run's files (tails read only what
/// was appended) and lists the logdir for new runs; when anything changed it builds a new
/// `RunsModel` and calls `onUpdate` so the front end wakes up.
///
/// On a local filesystem a `DirectoryWatch` wakes it when a file is written or the tree
/// changes, at most once per `interval`, and it sleeps otherwise (a pass every `idleInterval`
/// in case an event was missed). On a network filesystem, or past the system's inotify watch
/// limit, it polls the files every `interval` and lists the logdir every `scanInterval`.
public final class RunsFeed<Built: Sendable>: Sendable {
    private struct Shared {
        var latest: Built?
        var smoothing: Double = Smoothing.defaultWeight
        var xAxis: RunsXAxis = .step
        var rebuild = false
        var stop = false
    }

    public let logdir: String
    private let shared: Mutex<Shared>
    private let onUpdate: @Sendable () -> Void
    public let interval: Double
    public let scanInterval: Double
    /// With a watch: the longest sleep between two passes.
    public let idleInterval: Double
    /// Wakes the thread for new settings or to stop; nil where the feed polls.
    private let watch: DirectoryWatch?
    /// The logdirs: local folders, and remote ones read through their local copies.
    private let sources: [LogdirSource]
    /// A remote logdir is synced at most this often (each sync is a round trip).
    public static var remoteInterval: Double { 0.5 }

    private let build: @Sendable (RunsFeedInput, Built?) -> Built

    /// - Parameters:
    ///   - build: what a front end draws from the runs read so far (the window's `RunsModel`),
    ///     made on the feed's thread; it gets the last one built, to grow it instead of starting over.
    /// - Parameter sources: where to read (nil: `logdir` as `LogdirList.sources` reads it: local
    ///   folders and `host:/path`, with the environment's ssh; tests pass their own).
    public init(
        logdir: String, sources: [LogdirSource]? = nil, interval: Double = 0.25, scanInterval: Double = 2, idleInterval: Double = 5,
        build: @escaping @Sendable (RunsFeedInput, Built?) -> Built, onUpdate: @escaping @Sendable () -> Void = {}
    ) {
        self.build = build
        self.logdir = logdir
        self.interval = interval
        self.scanInterval = scanInterval
        self.idleInterval = idleInterval
        self.onUpdate = onUpdate
        shared = Mutex(Shared())
        self.sources = sources ?? LogdirList.sources(logdir)
        // One watch for every local folder, unless one of them is on a network filesystem.
        let local = self.sources.filter { $0.mirror == nil }.map(\.root)
        watch =
            local.isEmpty || local.contains(where: DirectoryWatch.isNetworkFilesystem) ? nil : local.first.flatMap(DirectoryWatch.init)
    }

    /// Starts the reading thread.
    public func start() {
        let thread = Thread { [self] in self.loop() }
        thread.name = "hafs-viz runs feed"
        thread.start()
    }

    public func stop() {
        shared.withLock { $0.stop = true }
        watch?.wake()
    }

    /// The newest model, once (nil when nothing changed since the last call).
    public func takeLatest() -> Built? {
        shared.withLock { state in
            defer { state.latest = nil }
            return state.latest
        }
    }

    /// New chart settings: the model is rebuilt on the feed's thread.
    public func configure(smoothing: Double, xAxis: RunsXAxis) {
        shared.withLock { state in
            state.smoothing = smoothing
            state.xAxis = xAxis
            state.rebuild = true
        }
        watch?.wake()
    }

    private func loop() {
        // Readers by source and run name.
        var readers: [String: (source: Int, reader: RunReader)] = [:]
        var lastScan = -Double.infinity
        var built: Built?
        let clock = Date()
        // Directories holding a run's files: a write elsewhere may be a new run's first line.
        var runDirectories: Set<String> = []
        var watching = watch != nil
        var change = DirectoryWatch.Change()
        var problems: [String] = []
        let hasRemote = sources.contains { $0.mirror != nil }
        while !shared.withLock({ $0.stop }) {
            let passStart = Date().timeIntervalSince(clock)
            var changed = false
            // Remote logdirs: their local copies first (new bytes, new files, a failure to say).
            var copied = false
            for source in sources where source.sync() { copied = true }
            let now = sources.compactMap { $0.problem?.description }
            if now != problems {
                problems = now
                changed = true
            }
            let unknownWrite = !change.written.isSubset(of: runDirectories)
            if copied || change.tree || unknownWrite || passStart - lastScan >= (watching ? idleInterval : scanInterval) {
                lastScan = passStart
                var directories: [String] = []
                var found: [String: (source: Int, location: RunLocation)] = [:]
                for (index, source) in sources.enumerated() {
                    let locations = LogdirScanner.scan(source.root, directories: &directories)
                    for location in locations { found["\(index)\u{0}\(location.name)"] = (index, location) }
                    source.mirror?.copyWhole(locations.flatMap(\.files))
                }
                for (key, entry) in found where readers[key]?.reader.location != entry.location {
                    readers[key] = (entry.source, RunReader(location: entry.location))
                    changed = true
                }
                for key in readers.keys where found[key] == nil {
                    readers.removeValue(forKey: key)
                    changed = true
                }
                runDirectories = Set(found.values.flatMap { $0.location.files.map { ($0 as NSString).deletingLastPathComponent } })
                if let watch, watching { watching = watch.watch(directories + runDirectories.sorted()) }
            }
            for entry in readers.values where entry.reader.refresh() { changed = true }
            let (smoothing, xAxis, rebuild) = shared.withLock { state in
                defer { state.rebuild = false }
                return (state.smoothing, state.xAxis, state.rebuild)
            }
            if changed || rebuild {
                let runs = LogdirList.presented(readers.values.map { (sources[$0.source], $0.reader.log()) })
                let problem = problems.isEmpty ? nil : problems.joined(separator: " · ")
                let model = build(RunsFeedInput(logdir: logdir, runs: runs, smoothing: smoothing, xAxis: xAxis, problem: problem), built)
                built = model
                shared.withLock { $0.latest = model }
                onUpdate()
            }
            // At most one pass per `interval`, so a run logging 100 steps a second is not read
            // and rebuilt 100 times a second; then, with a watch, sleep until something changes
            // (or the next remote sync is due). A remote copy with more to read goes on at once.
            if sources.contains(where: { $0.mirror?.hasMore == true }) { continue }
            let pause = hasRemote ? max(interval, RunsFeed.remoteInterval) : interval
            let rest = pause - (Date().timeIntervalSince(clock) - passStart)
            if rest > 0 { Thread.sleep(forTimeInterval: rest) }
            if let watch, watching {
                change = watch.wait(timeout: hasRemote ? 0 : idleInterval)
            } else {
                change = DirectoryWatch.Change()
            }
        }
    }
}

/// What a `RunsFeed` builds from: the runs as read, and the view's smoothing and x axis.
public struct RunsFeedInput: Sendable {
    public var logdir: String
    public var runs: [RunLog]
    public var smoothing: Double
    public var xAxis: RunsXAxis
    /// Why the logdir could not be read just now (a remote host that failed), its runs kept.
    public var problem: String? = nil
}

extension RunsFeed where Built == RunsModel {
    /// A feed of the window's `RunsModel`, each grown from the last.
    public convenience init(
        logdir: String, sources: [LogdirSource]? = nil, interval: Double = 0.25, scanInterval: Double = 2, idleInterval: Double = 5,
        onUpdate: @escaping @Sendable () -> Void = {}
    ) {
        self.init(
            logdir: logdir, sources: sources, interval: interval, scanInterval: scanInterval, idleInterval: idleInterval,
            build: { input, previous in
                RunsModel(
                    logdir: input.logdir, runs: input.runs, smoothing: input.smoothing, xAxis: input.xAxis, previous: previous,
                    problem: input.problem)
            }, onUpdate: onUpdate)
    }
}

extension RunsModel {
    /// Every run of `logdir`, read whole now (screenshots, tests, the first frame of a window).
    public static func readOnce(logdir: String, smoothing: Double = Smoothing.defaultWeight, xAxis: RunsXAxis = .step) -> RunsModel {
        // Local folders and host:/path, read through their copies.
        let sources = LogdirList.sources(logdir)
        let report = RunsReport.read(sources)
        let problems = sources.compactMap { $0.problem?.description }
        return RunsModel(
            logdir: logdir, runs: report.runs, smoothing: smoothing, xAxis: xAxis,
            problem: problems.isEmpty ? nil : problems.joined(separator: " · "))
    }
}
