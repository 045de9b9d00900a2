/// Turns the bytes of one source file into its model, or a `LoadError` that says what and where.
public enum DocumentDecoder {
    /// Decodes `quality_feedback.json` bytes.
    public static func quality(_ bytes: UnsafeBufferPointer<UInt8>, checkpoint: (Int) throws -> Void = { _ in }) throws -> QualityFeedback {
        try decode(bytes, file: .quality) { try QualityFeedbackDecoder.decode(&$0, checkpoint: checkpoint) }
    }

    /// Decodes `active_learning.json` bytes.
    public static func activeLearning(_ bytes: UnsafeBufferPointer<UInt8>, checkpoint: (Int) throws -> Void = { _ in }) throws -> ActiveLearningState {
        try decode(bytes, file: .activeLearning) { try ActiveLearningDecoder.decode(&$0, checkpoint: checkpoint) }
    }

    /// Decodes `training_feedback.json` bytes.
    public static func training(_ bytes: UnsafeBufferPointer<UInt8>, checkpoint: (Int) throws -> Void = { _ in }) throws -> TrainingFeedback {
        try decode(bytes, file: .training) { try TrainingFeedbackDecoder.decode(&$0, checkpoint: checkpoint) }
    }

    /// Shared checks and error translation. Errors other than `JSONError` (cancellation) pass through.
    static func decode<T>(_ bytes: UnsafeBufferPointer<UInt8>, file: DataFile, _ body: (inout JSONScanner) throws -> T) throws -> T {
        if bytes.isEmpty {
            throw LoadError(file: file.fileName, message: "file is empty (0 bytes); it may still be being written")
        }
        if bytes.count >= 2, (bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF) {
            throw LoadError(file: file.fileName, message: "file is UTF-16 text (it starts with a UTF-16 byte-order mark); save it as UTF-8")
        }
        var scanner = JSONScanner(bytes)
        scanner.skipWhitespace()
        if scanner.position == bytes.count {
            throw LoadError(file: file.fileName, message: "file holds only whitespace (\(bytes.count) bytes); it may still be being written")
        }
        do {
            return try body(&scanner)
        } catch let error as JSONError {
            throw LoadError(
                file: file.fileName,
                message: error.kind == .type && error.path.isEmpty ? "top-level value: \(error.message)" : error.message,
                position: TextPosition(offset: error.offset, in: bytes),
                fieldPath: error.pathDescription)
        }
    }
}
