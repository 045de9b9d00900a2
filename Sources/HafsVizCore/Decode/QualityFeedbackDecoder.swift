import Dispatch

/// Decodes `quality_feedback.json` (format: docs/data-format.md) from a scanner positioned at the document start.
enum QualityFeedbackDecoder {
    /// - Parameter checkpoint: called every few thousand history entries with the byte position,
    ///   for progress and cancellation; it may throw to stop.
    static func decode(_ scanner: inout JSONScanner, checkpoint: (Int) throws -> Void) throws -> QualityFeedback {
        var result = QualityFeedback()
        var seen = SeenFields()
        try scanner.readObject { scanner, key in
            if key.equals("thresholds") {
                try seen.mark(0, key, in: scanner)
                result.thresholds = try inPath("thresholds") { try scanner.readNamedValues() }
            } else if key.equals("generator_stats") {
                try seen.mark(1, key, in: scanner)
                result.generators = try inPath("generator_stats") {
                    try scanner.readNamedMembers { scanner, name in try decodeGenerator(&scanner, name: name) }.map(\.1)
                }
            } else if key.equals("rejection_history") {
                try seen.mark(2, key, in: scanner)
                result.history = try inPath("rejection_history") { try decodeHistory(&scanner, checkpoint: checkpoint) }
            } else if key.equals("last_updated") {
                try seen.mark(3, key, in: scanner)
                result.lastUpdated = try inPath("last_updated") { try scanner.readOptionalString() }
            } else {
                try scanner.skipValue()
            }
        }
        try scanner.expectEnd()
        return result
    }

    static func decodeGenerator(_ scanner: inout JSONScanner, name: String) throws -> GeneratorStats {
        var stats = GeneratorStats(name: name)
        var seen = SeenFields()
        try scanner.readObject { scanner, key in
            if key.equals("samples_generated") {
                try seen.mark(0, key, in: scanner)
                stats.samplesGenerated = try inPath("samples_generated") { try scanner.readInt() }
            } else if key.equals("samples_accepted") {
                try seen.mark(1, key, in: scanner)
                stats.samplesAccepted = try inPath("samples_accepted") { try scanner.readInt() }
            } else if key.equals("samples_rejected") {
                try seen.mark(2, key, in: scanner)
                stats.samplesRejected = try inPath("samples_rejected") { try scanner.readInt() }
            } else if key.equals("rejection_reasons") {
                try seen.mark(3, key, in: scanner)
                stats.rejectionReasons = try inPath("rejection_reasons") { try scanner.readNamedCounts() }
            } else if key.equals("avg_quality_score") {
                try seen.mark(4, key, in: scanner)
                stats.avgQualityScore = try inPath("avg_quality_score") { try scanner.readOptionalDouble() }
            } else if key.equals("total_quality_sum") {
                try seen.mark(5, key, in: scanner)
                stats.totalQualitySum = try inPath("total_quality_sum") { try scanner.readOptionalDouble() }
            } else {
                try scanner.skipValue()
            }
        }
        return stats
    }

    /// Decodes `rejection_history`: the hot part of a 100 MB file (~230k entries). Large arrays in
    /// pretty-printed files are decoded by two threads (see `HistorySplit`); the result is the same
    /// as a sequential decode, errors included.
    static func decodeHistory(_ scanner: inout JSONScanner, checkpoint: (Int) throws -> Void) throws -> RejectionHistory {
        var builder = HistoryBuilder(expectedBytes: scanner.remainingBytes)
        let split = HistorySplit.start(scanner: scanner)
        var joined = false
        defer { if !joined { _ = split?.join() } }
        try scanner.readArrayStoppable { scanner, index in
            if index & 4095 == 0 { try checkpoint(scanner.position) }
            if let split, scanner.position >= split.elementStart {
                // The main thread reached the worker's start: the split is valid only if it is
                // exactly at an element boundary, which is where `readArrayStoppable` calls us.
                if scanner.position == split.elementStart {
                    joined = true
                    let worker = split.join()
                    if let error = worker.error {
                        var adjusted = error
                        if let first = adjusted.path.first, first.hasPrefix("[") {
                            adjusted.path[0] = "[\(index + worker.failedLocalIndex)]"
                        }
                        throw adjusted
                    }
                    builder.append(worker.builder)
                    HistorySplit.observer?.usedSplits.withLock { $0 += 1 }
                    scanner.jump(to: worker.endPosition, depthAfterArray: true)
                    return false
                }
            }
            try inPath("[\(index)]") { try builder.decodeEntry(&scanner) }
            return true
        }
        return builder.finish()
    }
}

/// Accumulates history entries with its own name tables; two builders can be concatenated.
struct HistoryBuilder {
    var history = RejectionHistory()
    var domains = NameInterner()
    var generators = NameInterner()
    var reasons = NameInterner()
    var metrics = NameInterner()
    let emptyDomain: Int32
    let emptyGenerator: Int32
    let emptyReason: Int32

    init(expectedBytes: Int) {
        emptyDomain = domains.intern("")
        emptyGenerator = generators.intern("")
        emptyReason = reasons.intern("")
        // An indent=2 entry takes ~430 bytes: reserving avoids regrowth copies and page faults.
        let estimate = expectedBytes / 400
        for column in [\RejectionHistory.entryDomain, \.entryGenerator, \.entryReason] {
            history[keyPath: column].reserveCapacity(estimate)
        }
        history.entryScoreEnd.reserveCapacity(estimate)
        history.entrySampleIDEnd.reserveCapacity(estimate)
        history.entryTime.reserveCapacity(estimate)
        history.scoreMetric.reserveCapacity(estimate * 5)
        history.scoreValue.reserveCapacity(estimate * 5)
        history.sampleIDBytes.reserveCapacity(estimate * 24)
    }

    /// Decodes one entry object. Names are interned from bytes, timestamps parsed from bytes,
    /// each field appended to its column.
    @inline(__always)
    mutating func decodeEntry(_ scanner: inout JSONScanner) throws {
        var domain = emptyDomain
        var generator = emptyGenerator
        var reason = emptyReason
        var time = Double.nan
        var seen = SeenFields()
        try scanner.readObject { scanner, key in
            if key.equals("sample_id") {
                try seen.mark(0, key, in: scanner)
                let span = try inPath("sample_id") { try scanner.readStringSpan() }
                history.sampleIDBytes.append(span)
            } else if key.equals("domain") {
                try seen.mark(1, key, in: scanner)
                domain = domains.intern(try inPath("domain") { try scanner.readStringSpan() })
            } else if key.equals("generator") {
                try seen.mark(2, key, in: scanner)
                generator = generators.intern(try inPath("generator") { try scanner.readStringSpan() })
            } else if key.equals("reason") {
                try seen.mark(3, key, in: scanner)
                reason = reasons.intern(try inPath("reason") { try scanner.readStringSpan() })
            } else if key.equals("scores") {
                try seen.mark(4, key, in: scanner)
                try inPath("scores") { try decodeScores(&scanner) }
            } else if key.equals("timestamp") {
                try seen.mark(5, key, in: scanner)
                if try scanner.consumeNull() { return }
                let span = try inPath("timestamp") { try scanner.readStringSpan() }
                if let parsed = TimestampParser.parse(bytes: UnsafeBufferPointer(start: span.start, count: span.count)) {
                    time = parsed
                } else {
                    history.unreadableTimestamps += 1
                }
            } else {
                try scanner.skipValue()
            }
        }
        history.entryDomain.append(domain)
        history.entryGenerator.append(generator)
        history.entryReason.append(reason)
        history.entryTime.append(time)
        history.entryScoreEnd.append(Int32(history.scoreValue.count))
        history.entrySampleIDEnd.append(Int32(history.sampleIDBytes.count))
    }

    @inline(__always)
    private mutating func decodeScores(_ scanner: inout JSONScanner) throws {
        var seenMetrics: UInt64 = 0
        try scanner.readObject { scanner, metricKey in
            let metric = metrics.intern(metricKey)
            if metric < 64 {
                let bit: UInt64 = 1 << UInt64(metric)
                if seenMetrics & bit != 0 {
                    throw JSONError(
                        .duplicateKey, "duplicate key \"\(metricKey.decoded())\" in one object", offset: scanner.offset(of: metricKey))
                }
                seenMetrics |= bit
            }
            let value = try inPath(metrics.names[Int(metric)]) { try scanner.readOptionalDouble() } ?? .nan
            history.scoreMetric.append(metric)
            history.scoreValue.append(value)
        }
    }

    /// Appends `other`'s entries after ours, mapping its name indices onto our tables (names it saw
    /// first are added after ours, so first-seen order holds for the concatenation). The score
    /// columns are appended on another thread meanwhile: the copy's cost is mostly fresh pages
    /// (~7 ms on one thread for half of the 103 MB file's history).
    mutating func append(_ other: HistoryBuilder) {
        let domainMap = other.domains.names.map { domains.intern($0) }
        let generatorMap = other.generators.names.map { generators.intern($0) }
        let reasonMap = other.reasons.names.map { reasons.intern($0) }
        let metricMap = other.metrics.names.map { metrics.intern($0) }
        let scoreOffset = Int32(history.scoreValue.count)
        let sampleIDOffset = Int32(history.sampleIDBytes.count)
        let theirs = other.history
        // Moved out, so the box holds the columns' only reference and appends in place.
        let scores = ScoreColumns(metrics: history.scoreMetric, values: history.scoreValue)
        history.scoreMetric = IDColumn()
        history.scoreValue = []
        let scoresDone = DispatchGroup()
        DispatchQueue.global(qos: .userInitiated).async(group: scoresDone) {
            scores.metrics.append(theirs.scoreMetric, mappedThrough: metricMap)
            scores.values.append(contentsOf: theirs.scoreValue)
        }
        history.sampleIDBytes.append(contentsOf: theirs.sampleIDBytes)
        history.entryDomain.append(theirs.entryDomain, mappedThrough: domainMap)
        history.entryGenerator.append(theirs.entryGenerator, mappedThrough: generatorMap)
        history.entryReason.append(theirs.entryReason, mappedThrough: reasonMap)
        history.entryTime.append(contentsOf: theirs.entryTime)
        history.entryScoreEnd.append(contentsOf: theirs.entryScoreEnd.lazy.map { $0 + scoreOffset })
        history.entrySampleIDEnd.append(contentsOf: theirs.entrySampleIDEnd.lazy.map { $0 + sampleIDOffset })
        history.unreadableTimestamps += theirs.unreadableTimestamps
        scoresDone.wait()
        history.scoreMetric = scores.metrics
        history.scoreValue = scores.values
    }

    /// The history with its name tables.
    consuming func finish() -> RejectionHistory {
        history.domains = domains.names
        history.generators = generators.names
        history.reasons = reasons.names
        history.metrics = metrics.names
        return history
    }
}

/// A history's score columns while another thread appends to them (`HistoryBuilder.append`).
private final class ScoreColumns: @unchecked Sendable {
    // @unchecked: the appending thread has them between `async` and `wait()`; nobody else does.
    var metrics: IDColumn
    var values: [Double]

    init(metrics: IDColumn, values: [Double]) {
        self.metrics = metrics
        self.values = values
    }
}
