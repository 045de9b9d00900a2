import Foundation

/// How a run is going, from its log alone: progress against the log's own goal, steps and
/// samples per second over the last two minutes of wall time, the time left at that rate, and
/// how long the log has been quiet. The window's status box and `runs --json` both show these.
public struct RunStatus: Sendable, Equatable {
    /// step / max_steps, else epoch / epochs; nil when the log names no goal.
    public var fraction: Double?
    /// From the tag with the most timed points: (last step − first step) / (last time − first
    /// time) over its points of the last 120 s; nil without two timed points.
    public var stepsPerSecond: Double?
    /// Samples per second, only from what the log says about samples (`SamplesRate`).
    public var samplesPerSecond: SamplesRate?
    /// (max_steps − step) / steps per second; nil without both, or when the goal is reached.
    public var etaSeconds: Double?
    /// Newest modification time among the run's files.
    public var lastWrite: Date?

    /// A log unwritten for longer than this is quiet.
    public static let quietAfter: TimeInterval = 60
    /// The window of wall time the rates look back over.
    public static let rateWindow: Double = 120

    public init(_ log: RunLog) {
        let progress = log.progress
        if let step = progress.step, let max = progress.maxSteps, max > 0 {
            fraction = step / max
        } else if let epoch = progress.epoch, let epochs = progress.epochs, epochs > 0 {
            fraction = epoch / epochs
        }
        stepsPerSecond = RunStatus.stepRate(log.tags)
        samplesPerSecond = SamplesRate(log.tags)
        if let rate = stepsPerSecond, rate > 0, let step = progress.step, let max = progress.maxSteps, max > step {
            etaSeconds = (max - step) / rate
        }
        lastWrite = log.lastWrite
    }

    /// Seconds since the last write at `now`; nil without one.
    public func quietSeconds(now: Date) -> TimeInterval? { lastWrite.map { now.timeIntervalSince($0) } }

    /// Whether the log has been quiet longer than `quietAfter` at `now`; nil without a write time.
    public func isQuiet(now: Date) -> Bool? { quietSeconds(now: now).map { $0 > RunStatus.quietAfter } }

    static func stepRate(_ tags: ScalarTable) -> Double? {
        guard let series = tags.series.filter({ $0.wallTimes.last?.isFinite == true }).max(by: { $0.count < $1.count }) else { return nil }
        return recentRate(series, of: series.steps)
    }

    /// (last − first) / (last time − first time) of `counter` over the points of the last
    /// `rateWindow` seconds of `series`' wall time; nil without two timed points that far apart.
    static func recentRate<Counter: RandomAccessCollection<Double>>(_ series: TagSeries, of counter: Counter) -> Double?
    where Counter.Index == Int {
        guard let lastTime = series.wallTimes.last, lastTime.isFinite, let last = counter.last, last.isFinite else { return nil }
        var first = series.count - 1
        while first > 0, series.wallTimes[first - 1].isFinite, counter[first - 1].isFinite,
            lastTime - series.wallTimes[first - 1] <= rateWindow
        {
            first -= 1
        }
        let seconds = lastTime - series.wallTimes[first]
        guard seconds > 0 else { return nil }
        return (last - counter[first]) / seconds
    }
}

/// Samples per second, only from what the log says about samples (never guessed from a batch
/// size): a running sample count's growth over the last two minutes of wall time, else the
/// trainer's own logged rate (Hugging Face's `train_samples_per_second`, the newest value).
public struct SamplesRate: Sendable, Equatable {
    public var value: Double
    /// The tag it comes from.
    public var tag: String
    /// True for a rate the trainer logged; false for one derived from a sample count.
    public var isLogged: Bool

    /// Names (the tag's last path part) of running sample counts.
    static let counters: Set<String> = ["samples", "num_samples", "samples_seen", "seen_samples", "consumed_samples", "total_samples"]

    public init?(_ tags: ScalarTable) {
        let named = zip(tags.names, tags.series).map {
            (name: $0, leaf: ($0.split(separator: "/").last.map(String.init) ?? $0).lowercased(), series: $1)
        }
        for entry in named where SamplesRate.counters.contains(entry.leaf) {
            if let rate = RunStatus.recentRate(entry.series, of: entry.series.values) {
                self.init(value: rate, tag: entry.name, isLogged: false)
                return
            }
        }
        // A logged rate: training's before evaluation's.
        let logged = named.filter {
            $0.leaf.contains("samples_per_second") || $0.leaf.contains("samples_per_sec") || $0.leaf == "samples/s"
        }
        .sorted { ($0.name.contains("eval") ? 1 : 0, $0.name) < ($1.name.contains("eval") ? 1 : 0, $1.name) }
        for entry in logged {
            if let value = entry.series.values.last(where: \.isFinite) {
                self.init(value: value, tag: entry.name, isLogged: true)
                return
            }
        }
        return nil
    }

    public init(value: Double, tag: String, isLogged: Bool) {
        self.value = value
        self.tag = tag
        self.isLogged = isLogged
    }
}
