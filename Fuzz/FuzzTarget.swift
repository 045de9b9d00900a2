// The coverage-guided fuzz target (libFuzzer): `Scripts/fuzz` compiles this file together with
// HafsVizCore's sources into one module, so it sees internal API. Every input goes through each
// target below; an invariant that breaks traps, and libFuzzer saves the input as a crash.
//
// Targets:
//   scanner   — walks any JSON value with the pull scanner (strings unescaped, numbers parsed).
//   documents — each document decoder (quality, active learning, training) on the same bytes.
//   run logs  — the JSONL, CSV (Lightning, Keras) and MLflow line parsers and trainer_state.json:
//               no crash, never more consumed than given, and the same points whether the bytes
//               come at once or in two pieces cut anywhere (as a growing file delivers them).
//               One input in 4 (by hash).
//   split     — quality decoded twice: sequentially and with the two-thread history split
//               forced on; the two outcomes must be identical (models or error messages). The
//               worker thread costs about 100 decodes under ASan, so only one input in 32 (by a
//               hash of its bytes: the choice is the same every time the input runs) is tried.

@_cdecl("LLVMFuzzerTestOneInput")
public func hafsFuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    FuzzTargets.scanner(bytes)
    FuzzTargets.documents(bytes)
    FuzzTargets.split(bytes)
    FuzzTargets.runLogs(bytes)
    return 0
}

enum FuzzTargets {
    /// Walks one top-level value and expects the end; a thrown error must point inside the input.
    static func scanner(_ bytes: UnsafeBufferPointer<UInt8>) {
        var scanner = JSONScanner(bytes)
        do {
            try walk(&scanner)
            try scanner.expectEnd()
        } catch let error as JSONError {
            check(error.offset >= 0 && error.offset <= bytes.count, "scanner error offset \(error.offset) outside 0...\(bytes.count)")
            check(!error.message.isEmpty, "scanner error without a message")
        } catch {
            fatalError("scanner threw \(error), not a JSONError")
        }
    }

    private static func walk(_ scanner: inout JSONScanner) throws {
        switch try scanner.peekKind() {
        case .object:
            try scanner.readObject { scanner, key in
                _ = key.decoded()
                try walk(&scanner)
            }
        case .array: try scanner.readArray { scanner, _ in try walk(&scanner) }
        case .string: _ = try scanner.readString()
        case .number: _ = try scanner.readNumber()
        case .bool: _ = try scanner.readBool()
        case .null: try scanner.readNull()
        }
    }

    /// Each decoder either returns a model or throws a `LoadError` naming its file, with a
    /// position inside the text for anything but file-level problems.
    static func documents(_ bytes: UnsafeBufferPointer<UInt8>) {
        let lines = bytes.reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
        for source in Snapshot.sources {
            guard case .failed(let error) = outcome(bytes, source) else { continue }
            check(error.file == source.fileName, "\(source.fileName) error names \(error.file)")
            if !error.message.hasPrefix("file ") {
                guard let position = error.position else { fatalError("\(source.fileName): no position for \(error)") }
                check(position.line >= 1 && position.line <= lines && position.column >= 1, "\(error) outside the text's \(lines) lines")
            }
        }
    }

    /// The two-thread history decode must give the sequential answer, errors included. Only
    /// inputs that can hold a history are tried: the worker thread is the costly part.
    static func split(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard contains(bytes, "rejection_history"), fnv1a(bytes) % 32 == 0 else { return }
        let sequential = HistorySplit.$minimumBytesOverride.withValue(Int.max) { quality(bytes) }
        let parallel = HistorySplit.$minimumBytesOverride.withValue(0) { quality(bytes) }
        switch (sequential, parallel) {
        case (.success(let a), .success(let b)):
            check(sameHistory(a.history, b.history), "split decode gives another history than the sequential one")
        case (.failure(let a), .failure(let b)):
            check(a == b, "split decode fails differently:\n\(a)\nvs\n\(b)")
        default:
            fatalError("split and sequential decodes disagree: \(sequential) vs \(parallel)")
        }
    }

    enum Outcome {
        case ok
        case failed(LoadError)
    }

    static func outcome(_ bytes: UnsafeBufferPointer<UInt8>, _ source: any WholeFileSource) -> Outcome {
        do {
            _ = try source.decode(bytes, checkpoint: { _ in })
            return .ok
        } catch let error as LoadError {
            return .failed(error)
        } catch {
            fatalError("\(source.fileName): threw \(error), not a LoadError")
        }
    }

    static func quality(_ bytes: UnsafeBufferPointer<UInt8>) -> Result<QualityFeedback, LoadError> {
        do {
            return .success(try QualityFeedbackSource().decode(bytes))
        } catch let error as LoadError {
            return .failure(error)
        } catch {
            fatalError("quality: threw \(error), not a LoadError")
        }
    }

    /// Equal histories, with scores and times compared by bit pattern (NaN is never == itself).
    static func sameHistory(_ a: RejectionHistory, _ b: RejectionHistory) -> Bool {
        a.entryDomain == b.entryDomain && a.entryGenerator == b.entryGenerator && a.entryReason == b.entryReason
            && a.entryTime.map(\.bitPattern) == b.entryTime.map(\.bitPattern) && a.entryScoreEnd == b.entryScoreEnd
            && a.entrySampleIDEnd == b.entrySampleIDEnd && a.sampleIDBytes == b.sampleIDBytes && a.domains == b.domains
            && a.generators == b.generators && a.reasons == b.reasons && a.metrics == b.metrics
            && a.unreadableTimestamps == b.unreadableTimestamps && a.scoreMetric == b.scoreMetric
            && a.scoreValue.map(\.bitPattern) == b.scoreValue.map(\.bitPattern)
    }

    static func fnv1a(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        bytes.reduce(0xCBF2_9CE4_8422_2325) { ($0 ^ UInt64($1)) &* 0x100_0000_01B3 }
    }

    static func contains(_ bytes: UnsafeBufferPointer<UInt8>, _ word: StaticString) -> Bool {
        let needle = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
        guard bytes.count >= needle.count, let first = needle.first else { return false }
        var index = 0
        while index <= bytes.count - needle.count {
            if bytes[index] == first, (1..<needle.count).allSatisfy({ bytes[index + $0] == needle[$0] }) { return true }
            index += 1
        }
        return false
    }

    /// Each line parser over all the bytes, then over two pieces (cut by a hash of the input);
    /// the tables must be identical (values by bit pattern).
    static func runLogs(_ bytes: UnsafeBufferPointer<UInt8>) {
        // Four parsers, twice each, on text: about 20 decodes' worth. One input in 4 (by hash),
        // so the scanner and decoders keep their pace.
        guard fnv1a(bytes) % 4 == 1 else { return }
        let raw = UnsafeRawBufferPointer(bytes)
        let cut = bytes.isEmpty ? 0 : Int(fnv1a(bytes) % UInt64(bytes.count + 1))
        func both<P>(
            _ make: () -> P, clean: (P) -> Bool = { _ in true }, _ parse: (inout P, UnsafeRawBufferPointer, inout ScalarTable) -> Int
        ) {
            var whole = make()
            var table = ScalarTable()
            let consumed = parse(&whole, raw, &table)
            check(consumed >= 0 && consumed <= raw.count, "consumed \(consumed) of \(raw.count)")
            // In pieces: the first piece, then what it left plus the rest.
            var pieces = make()
            var split = ScalarTable()
            let first = parse(&pieces, UnsafeRawBufferPointer(rebasing: raw[..<cut]), &split)
            check(first <= cut, "consumed \(first) of a \(cut)-byte piece")
            let second = parse(&pieces, UnsafeRawBufferPointer(rebasing: raw[first...]), &split)
            // JSONL takes a last line early when it parses as a whole object; a line that goes on
            // after its object is not JSONL, and the readings may differ until its newline comes.
            // So compare complete input (every byte consumed) without reported problems.
            guard clean(whole), consumed == raw.count else { return }
            check(first + second == consumed, "pieces consumed \(first) + \(second), at once \(consumed)")
            check(sameTables(table, split), "a cut at \(cut) changed the points")
        }
        both({ JSONLParser(path: "f") }, clean: { $0.skipped.first == nil }) { $0.parse($1, into: &$2) }
        both({ CSVMetricsParser(path: "f", stepColumn: "step") }) { $0.parse($1, into: &$2) }
        both({ CSVMetricsParser(path: "f", stepColumn: "epoch") }) { $0.parse($1, into: &$2) }
        both({ MLflowMetricParser(path: "f", tag: "t") }) { $0.parse($1, into: &$2) }
        if case .failed(let error) = outcome(bytes, TrainerStateSource(path: "f")) {
            check(!error.message.isEmpty, "trainer_state error without a message")
        }
    }

    static func sameTables(_ a: ScalarTable, _ b: ScalarTable) -> Bool {
        a.names == b.names
            && zip(a.series, b.series).allSatisfy { x, y in
                x.steps.map(\.bitPattern) == y.steps.map(\.bitPattern) && x.values.map(\.bitPattern) == y.values.map(\.bitPattern)
            }
    }

    static func check(_ condition: Bool, _ message: @autoclosure () -> String) {
        if !condition { fatalError("invariant broken: \(message())") }
    }
}
