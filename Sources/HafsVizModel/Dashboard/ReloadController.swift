import Foundation
import HafsVizCore
import Synchronization

/// Runs loads off the main thread and hands finished models to the UI. One load at a time; a
/// reload asked for during a load runs right after it (so the last request always wins).
public final class ReloadController<Built: Sendable>: Sendable {
    private struct State {
        var loading = false
        var pending = false
        var progress: LoadProgress?
        var finished: Built?
        var startedAt: Date?
        var filter = HistoryFilter()
        /// Rebuilds (a new filter over the same snapshot) under way.
        var rebuilding = 0
        /// The generation of the newest loaded snapshot: a rebuild of an older one is dropped.
        var newestGeneration = 0
    }

    private let state = Mutex(State())
    /// Called from the loading thread when there is something new to show (progress or a result):
    /// the window loop uses it to wake up.
    private let onUpdate: @Sendable () -> Void
    private let build: @Sendable (Snapshot, HistoryFilter) -> Built

    /// - Parameters:
    ///   - build: what a front end draws from a snapshot and the history filter (the window's
    ///     `DashboardModel`), made on the loading thread.
    ///   - onUpdate: called on the loading thread when there is something new to take.
    public init(build: @escaping @Sendable (Snapshot, HistoryFilter) -> Built, onUpdate: @escaping @Sendable () -> Void = {}) {
        self.build = build
        self.onUpdate = onUpdate
    }

    /// A load or a rebuild is under way.
    public var isLoading: Bool { state.withLock { $0.loading || $0.rebuilding > 0 } }

    /// A load (files being read) is under way: it builds its model with the filter as it is
    /// when the reading ends, so a filter set now needs no rebuild of its own.
    public var isReading: Bool { state.withLock { $0.loading } }

    /// Which history entries the models built from now on count (the Dashboard's time range
    /// and validation-failure toggle).
    public var filter: HistoryFilter {
        get { state.withLock { $0.filter } }
        set { state.withLock { $0.filter = newValue } }
    }

    /// Builds a new model from `snapshot` with the current filter, without reading the files
    /// (a new time range); it arrives like a load's.
    public func rebuild(_ snapshot: Snapshot) {
        let filter = self.filter
        let onUpdate = self.onUpdate
        state.withLock { $0.rebuilding += 1 }
        let thread = Thread { [self] in
            let model = build(snapshot, filter)
            state.withLock { state in
                state.rebuilding -= 1
                // A newer filter, or a load that finished meanwhile with newer data, wins.
                guard state.filter == filter, snapshot.generation >= state.newestGeneration else { return }
                state.finished = model
            }
            onUpdate()
        }
        thread.name = "hafs-viz model"
        thread.start()
    }

    /// Builds a model now, on the calling thread (tests, headless screenshots).
    public func rebuildNow(_ snapshot: Snapshot) -> Built { build(snapshot, filter) }

    public var progress: LoadProgress? { state.withLock { $0.progress } }

    /// Starts loading `source` (or queues one more load when one is running); a remote one is
    /// synced first, on the loading thread.
    public func start(_ source: FolderSource, previous: Snapshot?) {
        let begin = state.withLock { state -> Bool in
            if state.loading {
                state.pending = true
                return false
            }
            state.loading = true
            state.startedAt = Date()
            state.progress = nil
            return true
        }
        guard begin else { return }
        let onUpdate = self.onUpdate
        // A dedicated thread at a lower OS priority, one thread for the whole load: the UI
        // thread keeps a core and wins when both want the CPU.
        let thread = Thread { [self] in
            ReloadController.lowerThisThreadPriority()
            let lastReport = Mutex(Date.distantPast)
            let snapshot = LoadThreads.$allowParallel.withValue(false) { () -> Snapshot in
                do {
                    return try source.loadSnapshot(
                        previous: previous,
                        progress: { progress in
                            // Report at most ~30 times a second: each report may cost the UI a frame.
                            let now = Date()
                            let due = lastReport.withLock { last -> Bool in
                                guard now.timeIntervalSince(last) > 0.03 else { return false }
                                last = now
                                return true
                            }
                            guard due else { return }
                            self.state.withLock { $0.progress = progress }
                            onUpdate()
                        })
                } catch {
                    return previous ?? Snapshot(directory: source.name)
                }
            }
            let model = build(snapshot, self.filter)
            let again = state.withLock { state -> Bool in
                state.finished = model
                state.newestGeneration = max(state.newestGeneration, snapshot.generation)
                state.loading = false
                state.progress = nil
                defer { state.pending = false }
                return state.pending
            }
            onUpdate()
            if again { start(source, previous: snapshot) }
        }
        thread.name = "hafs-viz loader"
        thread.start()
    }

    /// Nice 10 for the calling thread only (Linux treats a thread id as a process id here). The
    /// thread id is the first field of /proc/thread-self/stat (Swift cannot call gettid).
    public static func lowerThisThreadPriority() {
        guard let stat = try? String(contentsOfFile: "/proc/thread-self/stat", encoding: .utf8),
            let tid = stat.split(separator: " ").first.flatMap({ id_t($0) })
        else { return }
        _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), tid, 10)
    }

    /// The newest finished model, once (nil when none arrived since the last call).
    public func takeFinished() -> Built? {
        state.withLock { state in
            defer { state.finished = nil }
            return state.finished
        }
    }

    /// Waits (briefly sleeping) until no load is running; for tests and headless screenshots.
    public func waitUntilIdle(timeout: TimeInterval = 30) {
        let deadline = Date().addingTimeInterval(timeout)
        while isLoading, Date() < deadline { usleep(2_000) }
    }
}

extension ReloadController where Built == DashboardModel {
    /// A feed of the window's `DashboardModel`.
    public convenience init(onUpdate: @escaping @Sendable () -> Void = {}) {
        self.init(build: { DashboardModel(snapshot: $0, filter: $1) }, onUpdate: onUpdate)
    }
}

/// Watches the three source files by polling their size and modification time (at most once a
/// second) and says when to reload: after a change, once the files have stopped changing for
/// `settleSeconds` (producers write in place, in several steps).
public struct FileWatcher: Sendable {
    public var settleSeconds = 0.6
    public var pollInterval = 1.0
    private var lastSeen: [String] = []
    private var loadedSignature: [String] = []
    private var changedAt: Double?
    private var lastPoll = -Double.infinity

    public init() {}

    /// Records the files as they are now as "loaded".
    public mutating func markLoaded(directory: String) {
        loadedSignature = FileWatcher.signature(directory)
        lastSeen = loadedSignature
        changedAt = nil
    }

    /// `poll(directory:now:)` on `source`'s files; a remote source is asked to sync (on its own
    /// thread) each time its local copy is looked at, so a change shows on a later poll.
    public mutating func poll(_ source: FolderSource, now: Double) -> Bool {
        if source.isRemote, now >= nextPollDue { source.syncSoon() }
        return poll(directory: source.readPath, now: now)
    }

    /// Call often; polls at most every `pollInterval` (more often while a change settles).
    /// Returns true when a reload should start.
    public mutating func poll(directory: String, now: Double) -> Bool {
        let interval = changedAt == nil ? pollInterval : min(pollInterval, settleSeconds / 3)
        guard now - lastPoll >= interval else { return false }
        lastPoll = now
        let current = FileWatcher.signature(directory)
        if current != lastSeen {
            lastSeen = current
            changedAt = now
            return false
        }
        if let changedAt, now - changedAt >= settleSeconds, current != loadedSignature {
            self.changedAt = nil
            loadedSignature = current
            return true
        }
        if current == loadedSignature { changedAt = nil }
        return false
    }

    /// When the next poll is due (for the window loop's timeout).
    public var nextPollDue: Double { lastPoll + (changedAt == nil ? pollInterval : min(pollInterval, settleSeconds / 3)) }

    public static func signature(_ directory: String) -> [String] {
        Snapshot.sources.map { source in
            var info = stat()
            let path = (directory as NSString).appendingPathComponent(source.fileName)
            guard stat(path, &info) == 0 else { return "-" }
            return "\(info.st_size):\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec):\(info.st_ino)"
        }
    }
}
