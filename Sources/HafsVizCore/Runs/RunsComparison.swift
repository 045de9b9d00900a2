import Foundation

/// Which way a tag's best value lies: lower for losses and errors, higher for the rest
/// (accuracy, F1, BLEU, reward…). Decided by the tag's name, one rule for every front end.
public enum MetricGoal: String, Sendable, Equatable {
    case lower, higher

    /// Name parts (split at `/`, `.`, `_`, `-`) that mean lower is better.
    static let lowerParts: Set<String> = [
        "loss", "error", "err", "perplexity", "ppl", "wer", "cer", "mse", "mae", "rmse", "nll", "bpb", "bpc", "latency",
    ]

    public init(tag: String) {
        let parts = tag.lowercased().split(whereSeparator: { "/._- ".contains($0) }).map(String.init)
        self = parts.contains(where: MetricGoal.lowerParts.contains) ? .lower : .higher
    }

    /// "min" or "max": how `runs --json` and the table's header say it.
    public var word: String { self == .lower ? "min" : "max" }
}

/// One run's figures of one tag for the run table: its last value, its best (min or max by the
/// tag's goal, finite values only) and its value at the run's final step (nil when the tag was
/// not logged at that step: an eval tag of a run that ended between evals).
public struct RunTagSummary: Sendable, Equatable {
    public var last: Double?
    public var best: Double?
    public var atEnd: Double?
    public var lastStep: Double?

    public init(_ figures: RunsReport.TagFigures, goal: MetricGoal, runEnd: Double?) {
        last = figures.lastValue
        best = goal == .lower ? figures.min : figures.max
        lastStep = figures.lastStep
        atEnd = runEnd != nil && figures.lastStep == runEnd ? figures.lastValue : nil
    }
}

/// The runs side by side (the Runs workspace's run table, `runs --json`): each run's params and,
/// for one tag, its last, best and final-step values. Computed from neutral rows, so the window,
/// the terminal and the CLI give the same answer.
public struct RunTable: Sendable {
    /// What a front end knows of a run: its params, and the chosen tag's figures (nil: the run
    /// does not log it), and the step it ended at.
    public struct Input: Sendable {
        public var name: String
        public var displayName: String?
        public var params: RunParams
        public var figures: RunsReport.TagFigures?
        public var end: Double?

        public init(name: String, displayName: String?, params: RunParams, figures: RunsReport.TagFigures?, end: Double?) {
            self.name = name
            self.displayName = displayName
            self.params = params
            self.figures = figures
            self.end = end
        }
    }

    public struct Row: Sendable {
        public var name: String
        public var displayName: String?
        public var params: RunParams
        public var summary: RunTagSummary?
    }

    public let tag: String?
    public let goal: MetricGoal
    /// Every param any run states, in name order.
    public let paramNames: [String]
    public let rows: [Row]

    public init(_ inputs: [Input], tag: String?) {
        self.tag = tag
        let goal = MetricGoal(tag: tag ?? "")
        self.goal = goal
        paramNames = Set(inputs.flatMap(\.params.names)).sorted()
        rows = inputs.map { input in
            Row(
                name: input.name, displayName: input.displayName, params: input.params,
                summary: input.figures.map { RunTagSummary($0, goal: goal, runEnd: input.end) })
        }
    }
}

/// One dot per run: a param on x, a tag's best value on y ("which setting made the best run").
/// Runs without a number for either are left out, each with the reason.
public struct ParamScatter: Sendable {
    public struct Point: Sendable, Equatable {
        public var run: String
        public var x: Double
        public var y: Double
    }

    public let param: String
    public let tag: String
    public let goal: MetricGoal
    public let points: [Point]
    /// Runs left out, with why: "no lr", "lr is text (adamw)", "no eval/loss", "eval/loss has no finite value".
    public let leftOut: [(run: String, why: String)]
    /// The run with the best y (nil without points).
    public var best: Point? { goal == .lower ? points.min { $0.y < $1.y } : points.max { $0.y < $1.y } }

    public init(_ table: RunTable, param: String) {
        self.param = param
        tag = table.tag ?? ""
        goal = table.goal
        var points: [Point] = []
        var leftOut: [(String, String)] = []
        for row in table.rows {
            guard let value = row.params[param] else {
                leftOut.append((row.name, "no \(param)"))
                continue
            }
            guard let x = value.number else {
                leftOut.append((row.name, "\(param) is text (\(value))"))
                continue
            }
            guard let summary = row.summary else {
                leftOut.append((row.name, "no \(tag)"))
                continue
            }
            guard let y = summary.best else {
                leftOut.append((row.name, "\(tag) has no finite value"))
                continue
            }
            points.append(Point(run: row.name, x: x, y: y))
        }
        self.points = points
        self.leftOut = leftOut
    }
}
