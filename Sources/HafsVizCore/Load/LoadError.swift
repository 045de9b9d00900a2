/// Why one source file could not be read, phrased for the status bar and the command line:
/// `quality_feedback.json:12:5: generator_stats.Foo.samples_accepted: expected integer, got string`.
public struct LoadError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file's name (not its full path; the snapshot knows the directory).
    public var file: String
    /// What is wrong, without the location.
    public var message: String
    /// Line and column for problems inside the file's text; nil for file-level problems.
    public var position: TextPosition?
    /// Field path such as `rejection_history[3].scores.overall`; nil or empty at the top level.
    public var fieldPath: String?

    public init(file: String, message: String, position: TextPosition? = nil, fieldPath: String? = nil) {
        self.file = file
        self.message = message
        self.position = position
        self.fieldPath = fieldPath
    }

    public var description: String {
        var out = file
        if let position { out += ":\(position)" }
        out += ": "
        if let fieldPath, !fieldPath.isEmpty { out += "\(fieldPath): " }
        return out + message
    }
}
