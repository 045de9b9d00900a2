/// How an append-style log's bytes become points: the other kind of source beside
/// `WholeFileSource`. A `LogTail` hands over the bytes that arrived; the parser takes whole
/// records from their front and leaves a torn last record for the next call.
///
/// The set is open: a new log format is a type conforming to this, which `RunReader` picks
/// from the run's `LogFormat` (`LogFormat.makeFiles`).
protocol TailParser: Sendable {
    /// Parses the whole records at the front of `bytes`, which start at file offset `offset`,
    /// into `table`; returns how many bytes they span. Throws when the file cannot be read any
    /// further (a record's frame is broken).
    mutating func parse(_ bytes: UnsafeRawBufferPointer, offset: Int, into table: inout ScalarTable) throws(RunLogError) -> Int
    /// Forgets everything: the file is read again from its start.
    mutating func reset()
    /// The records skipped so far.
    var skipped: SkippedRecords { get }
    /// The newest epoch the log named, for formats that count epochs (Keras, Lightning).
    var lastEpoch: Double? { get }
    /// The run's length in steps, for formats that write it (LLaMA-Factory's `total_steps`).
    var maxSteps: Double? { get }
    /// The hyperparameters the log states (TensorBoard's hparams plugin).
    var params: RunParams { get }
}

extension TailParser {
    var lastEpoch: Double? { nil }
    var maxSteps: Double? { nil }
    var params: RunParams { RunParams() }
}

/// The line formats cannot fail as a whole: a bad line is skipped and counted.
extension JSONLParser: TailParser {
    mutating func parse(_ bytes: UnsafeRawBufferPointer, offset: Int, into table: inout ScalarTable) throws(RunLogError) -> Int {
        parse(bytes, into: &table)
    }
}

extension CSVMetricsParser: TailParser {
    mutating func parse(_ bytes: UnsafeRawBufferPointer, offset: Int, into table: inout ScalarTable) throws(RunLogError) -> Int {
        parse(bytes, into: &table)
    }
}

extension MLflowMetricParser: TailParser {
    mutating func parse(_ bytes: UnsafeRawBufferPointer, offset: Int, into table: inout ScalarTable) throws(RunLogError) -> Int {
        parse(bytes, into: &table)
    }
}

extension TFEventsParser: TailParser {}
