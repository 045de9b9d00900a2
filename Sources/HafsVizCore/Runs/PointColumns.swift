/// The columns a `TagSeries` keeps its points in, smaller than a `[Double]` each where that
/// loses nothing. A 20-run × 10-tag × 100k-step logdir is 20M points: three Double columns were
/// 480 MB; these hold the same numbers, bit for bit, in about half.

/// Steps as arithmetic runs (first, stride, count): a log of steps 0, 1, 2, … or 0, 10, 20, …
/// costs a few numbers whatever its length. A step joins the last run only when that run's
/// formula gives it back exactly, so reading returns the step as written. Steps too irregular
/// for runs (more runs than a quarter of the steps) are kept as a plain array instead.
public struct StepColumn: RandomAccessCollection, Sendable, Equatable {
    struct Run: Sendable, Equatable {
        var first: Double
        var stride: Double
        var count: Int

        /// The k-th step of the run, computed the one way both `append` and reading use.
        @inline(__always)
        func step(_ k: Int) -> Double { k == 0 ? first : first + stride * Double(k) }
    }

    private var runs: [Run] = []
    /// Index of each run's first step (ascending), for finding a step's run by binary search.
    private var runStarts: [Int] = []
    /// Non-nil once the steps went over to a plain array.
    private var plain: [Double]?
    public private(set) var count = 0

    public init() {}

    public var startIndex: Int { 0 }
    public var endIndex: Int { count }

    public subscript(index: Int) -> Double {
        if let plain { return plain[index] }
        // The last run is the usual one asked for (appends, `last`).
        if let start = runStarts.last, index >= start { return runs[runs.count - 1].step(index - start) }
        var low = 0
        var high = runStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if runStarts[middle] <= index { low = middle } else { high = middle - 1 }
        }
        return runs[low].step(index - runStarts[low])
    }

    public mutating func append(_ step: Double) {
        defer { count += 1 }
        if plain != nil {
            plain?.append(step)
            return
        }
        if var last = runs.last {
            if last.count == 1 {
                // A second step fixes the run's stride, if the formula gives the step back.
                last.stride = step - last.first
                if last.step(1).bitPattern == step.bitPattern {
                    last.count = 2
                    runs[runs.count - 1] = last
                    return
                }
            } else if last.step(last.count).bitPattern == step.bitPattern {
                runs[runs.count - 1].count += 1
                return
            }
        }
        runs.append(Run(first: step, stride: 0, count: 1))
        runStarts.append(count)
        if runs.count > 64, runs.count > count / 4 {
            // `count` does not include the new step yet: copy the others, then add it.
            var all = Array(self)
            all.append(step)
            plain = all
            runs = []
            runStarts = []
        }
    }

    /// Keeps the first `newCount` steps.
    public mutating func truncate(to newCount: Int) {
        guard newCount < count else { return }
        count = newCount
        if plain != nil {
            plain?.removeSubrange(newCount...)
            return
        }
        while let start = runStarts.last, start >= newCount {
            runs.removeLast()
            runStarts.removeLast()
        }
        if let start = runStarts.last { runs[runs.count - 1].count = newCount - start }
    }

    public static func == (lhs: StepColumn, rhs: StepColumn) -> Bool { lhs.elementsEqual(rhs) }
}

/// Values as Float32 while every one is a Float32 exactly (TensorBoard's scalars always are:
/// they are written as 32-bit floats), as Double from the first one that is not. Reading gives
/// back the number appended, bit for bit, NaN payloads aside.
public struct ValueColumn: RandomAccessCollection, Sendable, Equatable {
    private enum Storage: Sendable {
        case float([Float])
        case double([Double])
    }

    private var storage = Storage.float([])

    public init() {}

    public var startIndex: Int { 0 }
    public var endIndex: Int {
        switch storage {
        case .float(let values): values.count
        case .double(let values): values.count
        }
    }

    /// True while the values are kept as Float32.
    public var isSinglePrecision: Bool {
        if case .float = storage { return true }
        return false
    }

    public subscript(index: Int) -> Double {
        get {
            switch storage {
            case .float(let values): Double(values[index])
            case .double(let values): values[index]
            }
        }
        set {
            switch storage {
            case .float(var values):
                let single = Float(newValue)
                if Double(single) == newValue || newValue.isNaN {
                    storage = .float([])  // the array's only reference: changed in place
                    values[index] = single
                    storage = .float(values)
                } else {
                    var doubles = values.map(Double.init)
                    doubles[index] = newValue
                    storage = .double(doubles)
                }
            case .double(var values):
                storage = .double([])
                values[index] = newValue
                storage = .double(values)
            }
        }
    }

    public mutating func append(_ value: Double) {
        switch storage {
        case .float(var values):
            let single = Float(value)
            storage = .float([])  // the array's only reference: appended in place
            if Double(single) == value || value.isNaN {
                values.append(single)
                storage = .float(values)
            } else {
                var doubles = [Double]()
                doubles.reserveCapacity(values.capacity)
                doubles.append(contentsOf: values.lazy.map(Double.init))
                doubles.append(value)
                storage = .double(doubles)
            }
        case .double(var values):
            storage = .double([])
            values.append(value)
            storage = .double(values)
        }
    }

    /// Keeps the first `newCount` values.
    public mutating func truncate(to newCount: Int) {
        guard newCount < count else { return }
        switch storage {
        case .float(var values):
            storage = .float([])
            values.removeSubrange(newCount...)
            storage = .float(values)
        case .double(var values):
            storage = .double([])
            values.removeSubrange(newCount...)
            storage = .double(values)
        }
    }

    /// Equal as `[Double]`s are: element by element (so NaN is never equal).
    public static func == (lhs: ValueColumn, rhs: ValueColumn) -> Bool { lhs.elementsEqual(rhs) }
}

extension StepColumn: ExpressibleByArrayLiteral {
    public init(arrayLiteral steps: Double...) {
        self.init()
        for step in steps { append(step) }
    }
}

extension ValueColumn: ExpressibleByArrayLiteral {
    public init(arrayLiteral values: Double...) {
        self.init()
        for value in values { append(value) }
    }
}

/// Wall times as Float32 steps from the time before, while each step gives the time back
/// exactly, with the time itself (a Double) every 16 points; as Double from the first time that
/// does not. A time near 1.77e9 s is a multiple of 2⁻²², so any step under 4 s between two such
/// times is a multiple of 2⁻²² below 2²⁴ of them, which a Float32 holds exactly: logs written
/// every few seconds or faster stay compact. Reading adds the steps up from the last anchor in
/// the same order `append` checked them, so every time comes back bit for bit.
public struct TimeColumn: RandomAccessCollection, Sendable, Equatable {
    static let anchorShift = 4
    static let anchorEvery = 1 << anchorShift

    private enum Storage: Sendable {
        /// `anchors[k]` is time 16k; `steps[i]` is time i minus time i−1 (unused at anchors).
        case steps(anchors: [Double], steps: [Float])
        case double([Double])
    }

    private var storage = Storage.steps(anchors: [], steps: [])
    public private(set) var count = 0

    public init() {}

    public var startIndex: Int { 0 }
    public var endIndex: Int { count }

    /// True while the times are kept as Float32 steps.
    public var isCompact: Bool {
        if case .steps = storage { return true }
        return false
    }

    public subscript(index: Int) -> Double {
        switch storage {
        case .double(let times): return times[index]
        case .steps(let anchors, let steps): return TimeColumn.time(index, anchors: anchors, steps: steps)
        }
    }

    /// Time `index`: its anchor plus the steps after it, added in order.
    private static func time(_ index: Int, anchors: [Double], steps: [Float]) -> Double {
        let anchor = index >> anchorShift
        var time = anchors[anchor]
        var i = anchor << anchorShift
        while i < index {
            i += 1
            time = next(time, steps[i])
        }
        return time
    }

    /// The time after `time` by `step`: NaN stays NaN (a format without times).
    @inline(__always)
    private static func next(_ time: Double, _ step: Float) -> Double { time + Double(step) }

    /// Times `range`, walking the steps once (reading each by subscript would add from its
    /// anchor every time).
    public func times(_ range: Range<Int>) -> [Double] {
        switch storage {
        case .double(let times): return Array(times[range])
        case .steps(_, let steps):
            guard let first = range.first else { return [] }
            var out = [Double]()
            out.reserveCapacity(range.count)
            var time = self[first]
            out.append(time)
            for i in (first + 1)..<range.upperBound {
                time = i & (TimeColumn.anchorEvery - 1) == 0 ? self[i] : TimeColumn.next(time, steps[i])
                out.append(time)
            }
            return out
        }
    }

    /// Walks the times in order, adding each step once.
    public struct Iterator: IteratorProtocol {
        let column: TimeColumn
        var index = 0
        var time = Double.nan

        public mutating func next() -> Double? {
            guard index < column.count else { return nil }
            defer { index += 1 }
            if case .steps(_, let steps) = column.storage, index & (TimeColumn.anchorEvery - 1) != 0 {
                time = TimeColumn.next(time, steps[index])
            } else {
                time = column[index]
            }
            return time
        }
    }

    public func makeIterator() -> Iterator { Iterator(column: self) }

    public mutating func append(_ time: Double) {
        defer { count += 1 }
        switch storage {
        case .double(var times):
            storage = .double([])
            times.append(time)
            storage = .double(times)
        case .steps(var anchors, var steps):
            storage = .double([])  // the arrays' only references: changed in place
            if count & (TimeColumn.anchorEvery - 1) == 0 {
                anchors.append(time)
                steps.append(0)
                storage = .steps(anchors: anchors, steps: steps)
                return
            }
            let last = TimeColumn.time(count - 1, anchors: anchors, steps: steps)
            let step = Float(time - last)
            let back = TimeColumn.next(last, step)
            if back.bitPattern == time.bitPattern || (back.isNaN && time.isNaN) {
                steps.append(step)
                storage = .steps(anchors: anchors, steps: steps)
            } else {
                storage = .steps(anchors: anchors, steps: steps)
                var times = Array(self)
                times.append(time)
                storage = .double(times)
            }
        }
    }

    /// Replaces the last time (a step written again).
    public mutating func replaceLast(with time: Double) {
        guard count > 0 else { return }
        truncate(to: count - 1)
        append(time)
    }

    /// Keeps the first `newCount` times.
    public mutating func truncate(to newCount: Int) {
        guard newCount < count else { return }
        switch storage {
        case .double(var times):
            storage = .double([])
            times.removeSubrange(newCount...)
            storage = .double(times)
        case .steps(var anchors, var steps):
            storage = .double([])
            steps.removeSubrange(newCount...)
            anchors.removeSubrange(((newCount + TimeColumn.anchorEvery - 1) >> TimeColumn.anchorShift)...)
            storage = .steps(anchors: anchors, steps: steps)
        }
        count = newCount
    }

    /// Equal as `[Double]`s are: element by element (so NaN is never equal).
    public static func == (lhs: TimeColumn, rhs: TimeColumn) -> Bool { lhs.elementsEqual(rhs) }
}

extension TimeColumn: ExpressibleByArrayLiteral {
    public init(arrayLiteral times: Double...) {
        self.init()
        for time in times { append(time) }
    }
}
