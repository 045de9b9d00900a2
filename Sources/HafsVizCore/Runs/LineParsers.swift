import Foundation

/// The whole lines at the front of `bytes` (each ended by `\n`; a `\r` before it is dropped),
/// with the offset just past the last one. A line still being written stays for later.
func completeLines(_ bytes: UnsafeRawBufferPointer) -> (lines: [UnsafeRawBufferPointer], consumed: Int) {
    var lines: [UnsafeRawBufferPointer] = []
    var start = 0
    var index = 0
    let count = bytes.count
    while index < count {
        if bytes[index] == 0x0A {
            var end = index
            if end > start, bytes[end - 1] == 0x0D { end -= 1 }
            lines.append(UnsafeRawBufferPointer(rebasing: bytes[start..<end]))
            start = index + 1
        }
        index += 1
    }
    return (lines, start)
}

/// A number as the trainers' CSV and text logs write it (Python's `repr`/`str`: `0.25`, `1e-05`,
/// `nan`, `inf`, `-inf`); nil for anything else.
func parseLogNumber(_ text: Substring) -> Double? {
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    if let value = Double(trimmed) { return value }
    switch trimmed.lowercased() {
    case "nan": return .nan
    case "inf", "infinity": return .infinity
    case "-inf", "-infinity": return -.infinity
    default: return nil
    }
}

/// The records a parser skipped: the first, to show, and how many.
struct SkippedRecords: Sendable {
    private(set) var first: RunLogError?
    private(set) var count = 0

    mutating func note(_ error: @autoclosure () -> RunLogError) {
        count += 1
        if first == nil { first = error() }
    }

    /// The first problem, saying how many more there were.
    var summary: RunLogError? {
        guard var out = first else { return nil }
        if count > 1 { out.message += " (and \(count - 1) more like it)" }
        return out
    }
}

extension UnsafeRawBufferPointer {
    /// The bytes as text (invalid UTF-8 repaired with U+FFFD).
    var text: String { String(decoding: self, as: UTF8.self) }
}

/// JSON Lines metrics: one object per line (detectron2's `metrics.json`, MMCV's `*.log.json`,
/// LLaMA-Factory's `trainer_log.jsonl`, custom `metrics.jsonl`). Every numeric field is a tag,
/// bare `NaN` included; the step comes from `step`, `global_step`, `iteration`, `iter` or
/// `current_steps`, else the line number. `total_steps` is the run's length and `percentage`
/// its progress (LLaMA-Factory): progress, not tags; `epoch` is a tag and the newest epoch. A clock field
/// (`timestamp`, `_timestamp`, `wall_time`, `walltime`, `time`) holding a Unix time is the
/// line's wall time, not a tag; other values of those names (detectron2's `time` is seconds per
/// iteration) stay tags. A last line without its newline is taken once it parses as a whole
/// object (a torn one never does).
struct JSONLParser: Sendable {
    let path: String
    private(set) var skipped = SkippedRecords()
    private var linesRead = 0
    /// The last parse took a final line before its newline arrived: that newline is not a line.
    private var lineEndOwed = false
    /// The newest `epoch` and `total_steps` the log wrote.
    private(set) var lastEpoch: Double?
    private(set) var maxSteps: Double?
    static let stepKeys = ["step", "global_step", "iteration", "iter", "current_steps"]
    static let clockKeys = ["timestamp", "_timestamp", "wall_time", "walltime", "time"]

    /// `value` as seconds since 1970 when it reads as a Unix time in seconds (2001–2286) or in
    /// milliseconds; nil for anything else (a duration, a count).
    static func unixSeconds(_ value: Double) -> Double? {
        if value >= 1e9, value < 1e10 { return value }
        if value >= 1e12, value < 1e13 { return value / 1000 }
        return nil
    }

    init(path: String) {
        self.path = path
    }

    mutating func reset() {
        self = JSONLParser(path: path)
    }

    mutating func parse(_ whole: UnsafeRawBufferPointer, into table: inout ScalarTable) -> Int {
        var owed = 0
        if lineEndOwed {
            // The rest of a line already taken: blanks, then its newline (which may not be here yet).
            while owed < whole.count, whole[owed] == 0x20 || whole[owed] == 0x09 || whole[owed] == 0x0D { owed += 1 }
            if owed < whole.count {
                lineEndOwed = false
                if whole[owed] == 0x0A { owed += 1 }
            }
        }
        let bytes = UnsafeRawBufferPointer(rebasing: whole[owed...])
        var (lines, consumed) = completeLines(bytes)
        let rest = UnsafeRawBufferPointer(rebasing: bytes[consumed...])
        var restIsLine = false
        if !rest.isEmpty, JSONLParser.fields(rest) != nil {
            lines.append(rest)
            restIsLine = true
        }
        for line in lines {
            linesRead += 1
            guard line.contains(where: { $0 != 0x20 && $0 != 0x09 }) else { continue }
            guard let fields = JSONLParser.fields(line) else {
                skipped.note(
                    RunLogError(
                        file: path, message: "not a JSON object; line skipped: \(line.text.prefix(60))", location: "line \(linesRead)"))
                continue
            }
            let step = JSONLParser.stepKeys.lazy.compactMap { key in fields.first { $0.key == key }?.value }.first ?? Double(linesRead)
            let clock = JSONLParser.clockKeys.lazy.compactMap { key in
                fields.first { $0.key == key }.flatMap { field in JSONLParser.unixSeconds(field.value).map { (key: key, seconds: $0) } }
            }.first
            for field in fields where !JSONLParser.stepKeys.contains(field.key) && field.key != clock?.key {
                switch field.key {
                case "total_steps": if field.value.isFinite, field.value > 0 { maxSteps = field.value }
                case "percentage": continue
                default:
                    if field.key == "epoch", field.value.isFinite { lastEpoch = field.value }
                    table.append(field.key, step: step, value: field.value, wallTime: clock?.seconds ?? .nan)
                }
            }
        }
        if restIsLine { lineEndOwed = true }
        return owed + (restIsLine ? bytes.count : consumed)
    }

    /// The numeric fields of one line's object, in order; nil when the line is not one object.
    static func fields(_ line: UnsafeRawBufferPointer) -> [(key: String, value: Double)]? {
        let bytes = line.bindMemory(to: UInt8.self)
        var scanner = JSONScanner(bytes)
        var out: [(key: String, value: Double)] = []
        do {
            scanner.skipWhitespace()
            guard try scanner.peekKind() == .object else { return nil }
            try scanner.readObject { scanner, key in
                if try scanner.peekKind() == .number {
                    out.append((key.decoded(), try scanner.readDouble()))
                } else {
                    try scanner.skipValue()
                }
            }
            try scanner.expectEnd()
        } catch {
            return nil
        }
        return out
    }
}

/// CSV metrics with a header row: PyTorch Lightning's `CSVLogger` (`metrics.csv`: a `step`
/// column, sparse rows: train and val values land in different rows) and Keras' `CSVLogger`
/// (`epoch` first, `NA` for missing values, CRLF line ends, one row per epoch). Empty and `NA`
/// cells are no point; a row with another number of fields than the header is reported by line
/// and skipped. Lightning rewrites the whole file with a new header when a metric first appears:
/// `LogTail` sees the changed start and the file is parsed again from the top.
struct CSVMetricsParser: Sendable {
    let path: String
    /// The column that gives the step: `step` (Lightning) or `epoch` (Keras).
    let stepColumn: String
    private(set) var header: [String]?
    private(set) var skipped = SkippedRecords()
    /// The last `epoch` cell seen (Lightning), for progress.
    private(set) var lastEpoch: Double?
    private var linesRead = 0

    init(path: String, stepColumn: String) {
        self.path = path
        self.stepColumn = stepColumn
    }

    mutating func reset() {
        self = CSVMetricsParser(path: path, stepColumn: stepColumn)
    }

    mutating func parse(_ bytes: UnsafeRawBufferPointer, into table: inout ScalarTable) -> Int {
        let (lines, consumed) = completeLines(bytes)
        for line in lines {
            linesRead += 1
            let cells = CSVMetricsParser.split(line.text)
            guard let header else {
                self.header = cells
                continue
            }
            if cells.count == 1, cells[0].isEmpty { continue }
            guard cells.count == header.count else {
                skipped.note(
                    RunLogError(
                        file: path, message: "row has \(cells.count) fields, the header has \(header.count); row skipped",
                        location: "line \(linesRead)"))
                continue
            }
            let stepIndex = header.firstIndex(of: stepColumn)
            let step = stepIndex.flatMap { parseLogNumber(Substring(cells[$0])) } ?? Double(linesRead - 1)
            for (column, cell) in zip(header, cells) where column != stepColumn {
                guard !cell.isEmpty, cell != "NA", let value = parseLogNumber(Substring(cell)) else { continue }
                if column == "epoch" {
                    lastEpoch = value
                    continue
                }
                table.append(column, step: step, value: value)
            }
        }
        return consumed
    }

    /// One CSV row's fields (RFC 4180 quoting: `"a,b"`, `""` inside quotes).
    static func split(_ line: String) -> [String] {
        var fields: [String] = []
        var field = ""
        var quoted = false
        var iterator = line.makeIterator()
        while let character = iterator.next() {
            if quoted {
                if character == "\"" {
                    // A doubled quote is a literal quote; a single one ends the quoted part.
                    var lookahead = iterator
                    if lookahead.next() == "\"" {
                        field.append("\"")
                        iterator = lookahead
                    } else {
                        quoted = false
                    }
                } else {
                    field.append(character)
                }
            } else if character == "\"" {
                quoted = true
            } else if character == "," {
                fields.append(field)
                field = ""
            } else {
                field.append(character)
            }
        }
        fields.append(field)
        return fields
    }
}

/// One MLflow metric file (`mlruns/<exp>/<run>/metrics/<key>`): lines `<ms> <value> <step>`
/// appended; a 2-field line means step 0.
struct MLflowMetricParser: Sendable {
    let path: String
    let tag: String
    private(set) var skipped = SkippedRecords()
    private var linesRead = 0

    init(path: String, tag: String) {
        self.path = path
        self.tag = tag
    }

    mutating func reset() {
        self = MLflowMetricParser(path: path, tag: tag)
    }

    mutating func parse(_ bytes: UnsafeRawBufferPointer, into table: inout ScalarTable) -> Int {
        let (lines, consumed) = completeLines(bytes)
        for line in lines {
            linesRead += 1
            let text = line.text
            let parts = text.split(separator: " ", omittingEmptySubsequences: true)
            if parts.isEmpty { continue }
            guard parts.count == 2 || parts.count == 3, let milliseconds = parseLogNumber(parts[0]), let value = parseLogNumber(parts[1]),
                parts.count == 2 || parseLogNumber(parts[2]) != nil
            else {
                skipped.note(
                    RunLogError(
                        file: path, message: "expected \"<ms> <value> <step>\", found \"\(text.prefix(60))\"; line skipped",
                        location: "line \(linesRead)"))
                continue
            }
            let step = parts.count == 3 ? parseLogNumber(parts[2]) ?? 0 : 0
            table.append(tag, step: step, value: value, wallTime: milliseconds / 1000)
        }
        return consumed
    }
}
