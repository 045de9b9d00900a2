import Figures
import Foundation
import HafsVizCore

/// What the x axis of the Runs charts measures.
public enum RunsXAxis: String, Sendable, CaseIterable {
    case step, relativeTime, wallTime

    public var title: String {
        switch self {
        case .step: "Step"
        case .relativeTime: "Relative"
        case .wallTime: "Wall time"
        }
    }
}

/// What the Runs workspace draws, prepared off the main thread: every run's tags as plot-ready
/// series (raw and smoothed), one chart per tag, grouped by tag prefix (`train/`, `eval/`).
public struct RunsModel: Sendable {
    /// One run's line in one chart.
    public struct Line: Sendable {
        /// Index into `runs`.
        public var run: Int
        public var raw: LineSeries
        public var smoothed: LineSeries
        /// Where the run went back and wrote on (the step rule), at their x on this axis.
        public var restarts: [Restart] = []
        /// The tag's figures in this run (count, last, min, max: the run table's).
        public var figures: RunsReport.TagFigures
        /// What the line was built from, to grow it next time instead of building it again.
        var source: Source
    }

    /// A restart on a line: the step the log went back to, and where that is on the x axis (the
    /// step, or the wall time of the point written there).
    public struct Restart: Sendable, Equatable {
        public var step: Double
        public var x: Double
        /// "restarted at step 59", as the charts label it.
        public var label: String { "restarted at step \(Format.value(step))" }
    }

    /// The tag series a line was built from, as far as the next build needs to know.
    public struct Source: Sendable {
        var run: String
        var resets: Int
        var restarts: Int
        var count: Int
        var lastStep: UInt64
        var lastValue: UInt64
        var timeOrigin: Double
        var ema: Smoothing.State
    }

    /// One tag's chart.
    public struct Chart: Sendable {
        public var tag: String
        /// The part before the first `/` ("" when there is none).
        public var group: String
        public var lines: [Line]
    }

    /// What the workspace shows of a run besides its lines. The model keeps no `RunLog`: holding
    /// its point arrays would make the reader copy them whole on its next append.
    public struct Run: Sendable {
        public var name: String
        public var displayName: String?
        public var format: any LogFormat
        public var errors: [RunLogError]
        public var progress: RunProgress
        public var lastWrite: Date?
        public var tagCount: Int
        public var pointCount: Int
        /// Rates, progress and ETA from the log (`RunStatus`, the same figures `runs --json` gives).
        public var status: RunStatus
        /// What the step rule did ("restarted at step 19 · …"); nil when nothing.
        public var stepRuleNote: String?
        /// The hyperparameters the log states.
        public var params: RunParams
        /// The store marks the run deleted (MLflow): listed only when asked.
        public var deleted: Bool
        public var isFailed: Bool { !errors.isEmpty }

        init(_ log: RunLog) {
            name = log.name
            displayName = log.displayName
            format = log.format
            errors = log.errors
            progress = log.progress
            lastWrite = log.lastWrite
            tagCount = log.tags.names.count
            pointCount = log.tags.pointCount
            status = RunStatus(log)
            stepRuleNote = RunsReport.stepRuleNote(log)
            params = log.params
            deleted = log.deleted
        }
    }

    public let logdir: String
    /// Runs sorted by name.
    public let runs: [Run]
    /// Charts sorted by group, then tag.
    public let charts: [Chart]
    public let smoothing: Double
    public let xAxis: RunsXAxis
    public let pointCount: Int
    /// Why the logdir could not be read on the last try (a remote host unreachable, a dropped
    /// connection); the runs are the last ones read.
    public let problem: String?

    /// One run's line for one tag: `growing` extended when the series only grew at its end since,
    /// else built from scratch.
    public static func line(
        run index: Int, name: String, resets: Int, series: TagSeries, origin: Double, xAxis: RunsXAxis,
        smoothing: Double, growing old: Line?
    ) -> Line {
        func xs(_ range: Range<Int>) -> [Double] {
            switch xAxis {
            case .step: Array(series.steps[range])
            case .wallTime: series.wallTimes.times(range)
            case .relativeTime: series.wallTimes.times(range).map { $0 - origin }
            }
        }
        let count = series.count
        let restarts = series.restarts.compactMap { step -> Restart? in
            // The point written at the restart's step (the first at or after it).
            guard let index = series.steps.firstIndex(where: { $0 >= step }) else { return nil }
            return Restart(step: step, x: xs(index..<index + 1)[0])
        }
        func source(_ ema: Smoothing.State) -> Source {
            Source(
                run: name, resets: resets, restarts: series.restarts.count, count: count, lastStep: series.steps.last?.bitPattern ?? 0,
                lastValue: series.values.last?.bitPattern ?? 0, timeOrigin: origin, ema: ema)
        }
        // A restart since the last build replaced points before the end: built again.
        if let old, old.source.resets == resets, old.source.restarts == series.restarts.count,
            old.source.timeOrigin.bitPattern == origin.bitPattern,
            old.source.count > 0, count >= old.source.count,
            series.steps[old.source.count - 1].bitPattern == old.source.lastStep,
            series.values[old.source.count - 1].bitPattern == old.source.lastValue
        {
            guard count > old.source.count else {
                var same = old
                same.run = index
                return same
            }
            let new = old.source.count..<count
            let newValues = Array(series.values[new])
            var ema = old.source.ema
            if let smoothedNew = ema.extend(newValues) {
                let x = xs(new)
                let raw = old.raw.appending(x: x, y: newValues)
                let smoothed = smoothing > 0 ? old.smoothed.appending(x: x, y: smoothedNew) : raw
                return Line(
                    run: index, raw: raw, smoothed: smoothed, restarts: restarts,
                    figures: old.figures.extended(series, from: old.source.count),
                    source: source(ema))
            }
        }
        let x = xs(0..<count)
        var ema = Smoothing.State(weight: smoothing)
        let values = Array(series.values)
        let raw = LineSeries(x: x, y: values)
        let smoothedValues = ema.extend(values) ?? values
        let smoothed = smoothing > 0 ? LineSeries(x: x, y: smoothedValues) : raw
        return Line(
            run: index, raw: raw, smoothed: smoothed, restarts: restarts, figures: RunsReport.TagFigures(series), source: source(ema))
    }

    /// Builds the charts of `runs`. With `previous` (same smoothing and x axis), a line whose
    /// run only grew since is extended with its new points instead of being built again, so a
    /// live refresh costs what arrived, not what is there.
    public init(
        logdir: String, runs: [RunLog] = [], smoothing: Double = Smoothing.defaultWeight, xAxis: RunsXAxis = .step,
        previous: RunsModel? = nil, problem: String? = nil
    ) {
        self.logdir = logdir
        self.problem = problem
        let logs = runs.sorted { $0.name < $1.name }
        self.runs = logs.map(Run.init)
        self.smoothing = smoothing
        self.xAxis = xAxis
        var reusable: [String: Line] = [:]
        if let previous, previous.smoothing == smoothing, previous.xAxis == xAxis {
            for chart in previous.charts {
                for line in chart.lines { reusable[line.source.run + "\u{0}" + chart.tag] = line }
            }
        }
        var byTag: [String: [Line]] = [:]
        var points = 0
        for (index, run) in logs.enumerated() {
            let origin = run.tags.series.compactMap { $0.wallTimes.first(where: \.isFinite) }.min() ?? 0
            for (tag, series) in zip(run.tags.names, run.tags.series) {
                points += series.count
                let old = reusable[run.name + "\u{0}" + tag]
                let line = RunsModel.line(
                    run: index, name: run.name, resets: run.resets, series: series, origin: origin,
                    xAxis: xAxis, smoothing: smoothing, growing: old)
                byTag[tag, default: []].append(line)
            }
        }
        pointCount = points
        charts = byTag.map { tag, lines in
            Chart(tag: tag, group: tag.firstIndex(of: "/").map { String(tag[..<$0]) } ?? "", lines: lines)
        }.sorted { ($0.group, $0.tag) < ($1.group, $1.tag) }
    }

}
