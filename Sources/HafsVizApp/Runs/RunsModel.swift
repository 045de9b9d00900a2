import Foundation
import HafsVizCore
import Immediate

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
    }

    /// One tag's chart.
    public struct Chart: Sendable {
        public var tag: String
        /// The part before the first `/` ("" when there is none).
        public var group: String
        public var lines: [Line]
    }

    public let logdir: String
    /// Runs sorted by name.
    public let runs: [RunLog]
    /// Charts sorted by group, then tag.
    public let charts: [Chart]
    public let smoothing: Double
    public let xAxis: RunsXAxis
    public let pointCount: Int

    public init(logdir: String, runs: [RunLog] = [], smoothing: Double = Smoothing.defaultWeight, xAxis: RunsXAxis = .step) {
        self.logdir = logdir
        self.runs = runs.sorted { $0.name < $1.name }
        self.smoothing = smoothing
        self.xAxis = xAxis
        var byTag: [String: [Line]] = [:]
        var points = 0
        for (index, run) in self.runs.enumerated() {
            let start = run.tags.series.compactMap { $0.wallTimes.first(where: \.isFinite) }.min() ?? 0
            for (tag, series) in zip(run.tags.names, run.tags.series) {
                points += series.count
                let xs: [Double]
                switch xAxis {
                case .step: xs = series.steps
                case .wallTime: xs = series.wallTimes
                case .relativeTime: xs = series.wallTimes.map { $0 - start }
                }
                let raw = LineSeries(x: xs, y: series.values)
                let smoothed = smoothing > 0 ? LineSeries(x: xs, y: Smoothing.ema(series.values, weight: smoothing)) : raw
                byTag[tag, default: []].append(Line(run: index, raw: raw, smoothed: smoothed))
            }
        }
        pointCount = points
        charts = byTag.map { tag, lines in
            Chart(tag: tag, group: tag.firstIndex(of: "/").map { String(tag[..<$0]) } ?? "", lines: lines)
        }.sorted { ($0.group, $0.tag) < ($1.group, $1.tag) }
    }

}
