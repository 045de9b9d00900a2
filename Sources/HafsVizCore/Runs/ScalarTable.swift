/// Every point of one tag, in the order the log holds them. Nothing is sampled or dropped.
public struct TagSeries: Sendable, Equatable {
    public var steps: [Double] = []
    public var values: [Double] = []
    /// Seconds since 1970; NaN where the format records no time.
    public var wallTimes: [Double] = []

    public init() {}

    public var count: Int { values.count }
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
        series[index].steps.append(step)
        series[index].values.append(value)
        series[index].wallTimes.append(wallTime)
    }

    public mutating func removeAll() {
        self = ScalarTable()
    }

    /// The series of `tag`, if any.
    public subscript(tag: String) -> TagSeries? {
        indexOf[tag].map { series[$0] }
    }

    /// `tables` one after another: each tag's points in table order (files in name order).
    public static func merged(_ tables: [ScalarTable]) -> ScalarTable {
        guard tables.count > 1 else { return tables.first ?? ScalarTable() }
        var out = ScalarTable()
        for table in tables {
            for (name, series) in zip(table.names, table.series) {
                for i in 0..<series.count {
                    out.append(name, step: series.steps[i], value: series.values[i], wallTime: series.wallTimes[i])
                }
            }
        }
        return out
    }
}
