/// `quality_feedback.json`: generator stats and the rejection history.
public struct QualityFeedbackSource: WholeFileSource {
    public let fileName = "quality_feedback.json"
    public init() {}
    public func decode(_ bytes: UnsafeBufferPointer<UInt8>, checkpoint: (Int) throws -> Void = { _ in }) throws -> QualityFeedback {
        try DocumentDecoder.decode(bytes, fileName: fileName) { try QualityFeedbackDecoder.decode(&$0, checkpoint: checkpoint) }
    }
}

/// `active_learning.json`: embedding regions.
public struct ActiveLearningSource: WholeFileSource {
    public let fileName = "active_learning.json"
    public init() {}
    public func decode(_ bytes: UnsafeBufferPointer<UInt8>, checkpoint: (Int) throws -> Void = { _ in }) throws -> ActiveLearningState {
        try DocumentDecoder.decode(bytes, fileName: fileName) { try ActiveLearningDecoder.decode(&$0, checkpoint: checkpoint) }
    }
}

/// `training_feedback.json`: training runs.
public struct TrainingFeedbackSource: WholeFileSource {
    public let fileName = "training_feedback.json"
    public init() {}
    public func decode(_ bytes: UnsafeBufferPointer<UInt8>, checkpoint: (Int) throws -> Void = { _ in }) throws -> TrainingFeedback {
        try DocumentDecoder.decode(bytes, fileName: fileName) { try TrainingFeedbackDecoder.decode(&$0, checkpoint: checkpoint) }
    }
}

/// What every JSON document source shares: the checks before decoding, and turning a
/// `JSONError` into a `LoadError` that says what and where.
enum DocumentDecoder {
    /// Errors other than `JSONError` (cancellation) pass through.
    static func decode<T>(_ bytes: UnsafeBufferPointer<UInt8>, fileName: String, _ body: (inout JSONScanner) throws -> T) throws -> T {
        if bytes.isEmpty {
            throw LoadError(file: fileName, message: "file is empty (0 bytes); it may still be being written")
        }
        if bytes.count >= 2, (bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF) {
            throw LoadError(file: fileName, message: "file is UTF-16 text (it starts with a UTF-16 byte-order mark); save it as UTF-8")
        }
        var scanner = JSONScanner(bytes)
        scanner.skipWhitespace()
        if scanner.position == bytes.count {
            throw LoadError(file: fileName, message: "file holds only whitespace (\(bytes.count) bytes); it may still be being written")
        }
        do {
            return try body(&scanner)
        } catch let error as JSONError {
            throw LoadError(
                file: fileName,
                message: error.kind == .type && error.path.isEmpty ? "top-level value: \(error.message)" : error.message,
                position: TextPosition(offset: error.offset, in: bytes),
                fieldPath: error.pathDescription)
        }
    }
}
