import Figures
import Foundation
import Synchronization

/// What `hafs-viz runs <logdir> [--json]` prints: per run its format, status and, per tag, the
/// point count, first and last step, last value and the finite min and max.
public struct RunsReport: Sendable {
    public let logdir: String
    public let runs: [RunLog]

    /// Scans `logdir` and reads every run whole, runs in parallel (each reader is independent).
    /// Reads every run of `logdir`: one folder, `host:/path`, or several joined (`LogdirList`).
    public static func read(logdir: String) -> RunsReport { read(LogdirList.sources(logdir)) }

    /// Reads every run of `sources` whole, runs in parallel (each reader is independent); a
    /// remote source is copied first (its `problem` says when that failed). Runs are named and
    /// placed as `LogdirList.presented` shows them.
    public static func read(_ sources: [LogdirSource]) -> RunsReport {
        let found = sources.flatMap { source in source.scanFully().map { (source: source, location: $0) } }
        let logs = Mutex([RunLog?](repeating: nil, count: found.count))
        DispatchQueue.concurrentPerform(iterations: found.count) { index in
            let reader = RunReader(location: found[index].location)
            reader.refresh()
            let log = reader.log()
            logs.withLock { $0[index] = log }
        }
        let read = logs.withLock { $0 }
        let pairs = found.indices.compactMap { index in read[index].map { (source: found[index].source, log: $0) } }
        return RunsReport(logdir: LogdirList.display(LogdirList.join(sources.map(\.text))), runs: LogdirList.presented(pairs))
    }

    public init(logdir: String, runs: [RunLog]) {
        self.logdir = logdir
        self.runs = runs.sorted { $0.name < $1.name }
    }

    /// 0 when every run read cleanly, 1 when any reported a problem.
    public var exitCode: Int32 { runs.contains(where: \.isFailed) ? 1 : 0 }

    /// One tag's figures. `points` counts every record, non-finite included; `min` and `max`
    /// are over the finite values (nil when there are none).
    public struct TagFigures: Sendable, Equatable {
        public var points: Int
        public var firstStep: Double?
        public var lastStep: Double?
        public var lastValue: Double?
        public var min: Double?
        public var max: Double?

        public init(_ series: TagSeries) {
            points = series.count
            firstStep = series.steps.first
            lastStep = series.steps.last
            lastValue = series.values.last
            let finite = series.values.lazy.filter(\.isFinite)
            min = finite.min()
            max = finite.max()
        }

        /// These figures of `series`'s first `count` points, grown by the points after them
        /// (a live run's new points cost what arrived, not what is there).
        public func extended(_ series: TagSeries, from count: Int) -> TagFigures {
            var out = self
            out.points = series.count
            out.firstStep = series.steps.first
            out.lastStep = series.steps.last
            out.lastValue = series.values.last
            for value in series.values[Swift.min(count, series.count)...] where value.isFinite {
                out.min = Swift.min(out.min ?? value, value)
                out.max = Swift.max(out.max ?? value, value)
            }
            return out
        }
    }

    /// Tags of `run` in name order, with their figures.
    public static func figures(_ run: RunLog) -> [(tag: String, figures: TagFigures)] {
        zip(run.tags.names, run.tags.series).map { ($0.0, TagFigures($0.1)) }.sorted { $0.tag < $1.tag }
    }

    /// "2026-12-05T07:32:39Z".
    static func iso8601(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }

    /// The run table for `tag` (every run; a run without the tag has no summary).
    public func table(tag: String?) -> RunTable {
        RunTable(
            runs.map { run in
                let end = run.progress.step
                return RunTable.Input(
                    name: run.name, displayName: run.displayName, params: run.params,
                    figures: tag.flatMap { run.tags[$0] }.map(TagFigures.init),
                    end: end)
            }, tag: tag)
    }

    /// `{"param", "tag", "goal", "points": [{"run", "x", "y"}], "best_run", "left_out": [{"run", "why"}]}`.
    public static func json(_ scatter: ParamScatter) -> OrderedJSON {
        .object([
            ("param", .string(scatter.param)), ("tag", .string(scatter.tag)), ("goal", .string(scatter.goal.word)),
            ("points", .array(scatter.points.map { .object([("run", .string($0.run)), ("x", .number($0.x)), ("y", .number($0.y))]) })),
            ("best_run", scatter.best.map { .string($0.run) } ?? .null),
            ("left_out", .array(scatter.leftOut.map { .object([("run", .string($0.run)), ("why", .string($0.why))]) })),
        ])
    }

    /// `now`: the time "quiet" is judged at; `scatter`: a param and a tag to plot runs by
    /// (`--param`, `--tag`).
    public func json(now: Date = Date(), scatter: (param: String, tag: String)? = nil) -> OrderedJSON {
        var members: [(String, OrderedJSON)] = [
            ("logdir", .string(logdir)), ("runs", runsJSON(now: now)),
        ]
        if let scatter { members.append(("scatter", RunsReport.json(ParamScatter(table(tag: scatter.tag), param: scatter.param)))) }
        return .object(members)
    }

    private func runsJSON(now: Date) -> OrderedJSON {
        .array(
            runs.map { run in
                var members: [(String, OrderedJSON)] = [
                    ("name", .string(run.name)), ("format", .string(run.format.id)),
                    ("status", .string(run.isFailed ? "failed" : "ok")),
                ]
                if run.isFailed { members.append(("error", .string(run.errors.map(\.description).joined(separator: "; ")))) }
                members.append(("deleted", .bool(run.deleted)))
                members.append(("params", RunsReport.json(run.params)))
                members.append(("summary", RunsReport.json(run.summary)))
                members.append(("notes", .array(run.notes.map { .string($0.description) })))
                // The window's status box, as figures (the same RunStatus); null where unknown.
                let status = RunStatus(run)
                members.append(
                    (
                        "progress",
                        .object([
                            ("fraction", .number(status.fraction)),
                            ("steps_per_second", .number(status.stepsPerSecond)),
                            ("samples_per_second", .number(status.samplesPerSecond?.value)),
                            ("eta_seconds", .number(status.etaSeconds)),
                            ("last_write", status.lastWrite.map { .string(RunsReport.iso8601($0)) } ?? .null),
                            ("quiet", status.isQuiet(now: now).map { .bool($0) } ?? .null),
                        ])
                    ))
                // The run table's figures of each tag: its best by its goal, its value at the run's last step.
                let end = run.progress.step
                // The step rule's traces: where the log went back, and points written again.
                members.append(("restarts", .array(run.tags.restarts.map { .number($0) })))
                members.append(("rewritten_points", .int(run.tags.series.reduce(0) { $0 + $1.rewrites })))
                members.append(
                    (
                        "tags",
                        .object(
                            RunsReport.figures(run).map { tag, f in
                                let goal = MetricGoal(tag: tag)
                                let summary = RunTagSummary(f, goal: goal, runEnd: end)
                                return (
                                    tag,
                                    .object([
                                        ("points", .int(f.points)), ("first_step", .number(f.firstStep)),
                                        ("last_step", .number(f.lastStep)),
                                        ("last_value", .number(f.lastValue)), ("min", .number(f.min)), ("max", .number(f.max)),
                                        ("goal", .string(goal.word)), ("best", .number(summary.best)), ("at_end", .number(summary.atEnd)),
                                    ])
                                )
                            })
                    ))
                return .object(members)
            })
    }

    /// `{name: value}` in the order the log states them: numbers and flags as JSON's.
    static func json(_ params: RunParams) -> OrderedJSON {
        .object(
            params.names.compactMap { name in
                params[name].map { value -> (String, OrderedJSON) in
                    switch value {
                    case .number(let number):
                        (name, number.rounded() == number && abs(number) < 1e15 ? .int(Int(number)) : .number(number))
                    case .bool(let flag): (name, .bool(flag))
                    case .text(let text): (name, .string(text))
                    }
                }
            })
    }

    /// "restarted at step 19 · 12 points written again (the last kept)"; nil when the step rule
    /// changed nothing.
    public static func stepRuleNote(_ run: RunLog) -> String? {
        var parts = run.tags.restarts.map { "restarted at step \(Format.value($0))" }
        let rewrites = run.tags.series.reduce(0) { $0 + $1.rewrites }
        if rewrites > 0 { parts.append("\(rewrites) point\(rewrites == 1 ? "" : "s") written again at the same step (the last kept)") }
        return parts.isEmpty ? nil : parts.joined(separator: " · ")
    }

    /// Readable tables: one line per run, then its tags.
    public func table() -> String {
        var lines = ["logdir: \(logdir)", "\(runs.count) run\(runs.count == 1 ? "" : "s")"]
        for run in runs {
            let name = run.displayName.map { "\(run.name) (\($0))" } ?? run.name
            let points = run.tags.pointCount
            lines.append("")
            lines.append(
                "\(name)  [\(run.format.id)]  \(run.isFailed ? "FAILED" : "ok")\(run.deleted ? "  deleted" : "")  "
                    + (run.tags.isEmpty ? "no metrics" : "\(run.tags.names.count) tags, \(points) points"))
            if !run.params.isEmpty {
                lines.append(
                    "  params: " + run.params.names.map { "\($0)=\(run.params[$0].map(\.description) ?? "")" }.joined(separator: " "))
            }
            for error in run.errors { lines.append("  ! \(error)") }
            for note in run.notes { lines.append("  · \(note)") }
            if let note = RunsReport.stepRuleNote(run) { lines.append("  " + note) }
            for (tag, f) in RunsReport.figures(run) {
                let steps = "\(Format.value(f.firstStep))…\(Format.value(f.lastStep))"
                lines.append(
                    "  \(tag.padding(toLength: max(28, tag.count), withPad: " ", startingAt: 0))  \(f.points) pts  steps \(steps)  last \(Format.value(f.lastValue))  min \(Format.value(f.min))  max \(Format.value(f.max))"
                )
            }
        }
        return lines.joined(separator: "\n")
    }
}
