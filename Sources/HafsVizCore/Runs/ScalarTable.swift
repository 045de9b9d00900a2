/// Every point of one tag, in the order the log holds them, under the step rule
/// (docs/run-logs.md): a step written again keeps its last value. Nothing is sampled; what the
/// rule replaced is counted (`rewrites`) and where a run went back is kept (`restarts`).
public struct TagSeries: Sendable, Equatable {
    /// Kept as arithmetic runs where they are (see `StepColumn`).
    public private(set) var steps = StepColumn()
    /// Kept as Float32 while that is exact (see `ValueColumn`).
    public private(set) var values = ValueColumn()
    /// Seconds since 1970; NaN where the format records no time. Kept as Float32 steps where
    /// that is exact (see `TimeColumn`).
    public private(set) var wallTimes = TimeColumn()
    /// The steps at which the log went back (a run restarted from a checkpoint and wrote on in
    /// the same log): the points from there on were replaced by the ones written after.
    public var restarts: [Double] = []
    /// Points written again at the step of the point before (several ranks writing one file,
    /// a step logged twice): the last one was kept.
    public var rewrites = 0

    public init() {}

    public var count: Int { values.count }

    /// Adds one point under the step rule: a step after the last is appended; the last step
    /// again replaces its value; an earlier step is a restart: the points at and after it go.
    public mutating func add(step: Double, value: Double, wallTime: Double) {
        if let last = steps.last, step <= last {
            if step == last {
                values[values.count - 1] = value
                wallTimes.replaceLast(with: wallTime)
                rewrites += 1
                return
            }
            var cut = steps.count
            while cut > 0, steps[cut - 1] >= step { cut -= 1 }
            steps.truncate(to: cut)
            values.truncate(to: cut)
            wallTimes.truncate(to: cut)
            restarts.append(step)
        }
        steps.append(step)
        values.append(value)
        wallTimes.append(wallTime)
    }
}

/// The tags of one log file (or one run), built up as records arrive. Tags keep first-seen order.
public struct ScalarTable: Sendable, Equatable {
    public private(set) var names: [String] = []
    public private(set) var series: [TagSeries] = []
    private var indexOf: [String: Int] = [:]
    /// The last tag appended to: logs often write the same few tags in turn, so most appends
    /// skip the dictionary.
    private var lastName = ""
    private var lastIndex = -1

    public init() {}

    public var isEmpty: Bool { names.isEmpty }
    public var pointCount: Int { series.reduce(0) { $0 + $1.count } }

    /// Appends one point to `tag`, creating the tag on first use.
    public mutating func append(_ tag: String, step: Double, value: Double, wallTime: Double = .nan) {
        let index: Int
        if lastIndex >= 0, tag == lastName {
            index = lastIndex
        } else if let known = indexOf[tag] {
            index = known
        } else {
            index = names.count
            names.append(tag)
            series.append(TagSeries())
            indexOf[tag] = index
        }
        lastName = tag
        lastIndex = index
        series[index].add(step: step, value: value, wallTime: wallTime)
    }

    /// The steps at which any tag went back (`TagSeries.restarts`), each once, in order.
    public var restarts: [Double] { Array(Set(series.flatMap(\.restarts))).sorted() }

    public mutating func removeAll() {
        self = ScalarTable()
    }

    /// The series of `tag`, if any.
    public subscript(tag: String) -> TagSeries? {
        indexOf[tag].map { series[$0] }
    }

    /// `tables` one after another: each tag's points in table order (files in name order), the
    /// step rule applied across them (a restart that began a new file goes back in it), with
    /// the restarts and rewrites each table saw.
    public static func merged(_ tables: [ScalarTable]) -> ScalarTable {
        guard tables.count > 1 else { return tables.first ?? ScalarTable() }
        var out = ScalarTable()
        for table in tables {
            for (name, series) in zip(table.names, table.series) {
                for i in 0..<series.count {
                    out.append(name, step: series.steps[i], value: series.values[i], wallTime: series.wallTimes[i])
                }
                if let index = out.indexOf[name] {
                    out.series[index].restarts += series.restarts
                    out.series[index].rewrites += series.rewrites
                }
            }
        }
        return out
    }
}
