/// A problem found while reading a JSON file: where it is (byte offset, and the
/// field path the decoder was in) and what is wrong, in words a user can act on.
public struct JSONError: Error, Sendable, Equatable {
    /// What sort of problem this is; the message says the details.
    public enum Kind: Sendable, Equatable {
        /// Not valid JSON (or truncated): the location is the interesting part.
        case syntax
        /// Valid JSON, but a field has the wrong type: the path is the interesting part.
        case type
        /// The same key appears twice in one object.
        case duplicateKey
        /// A string is not valid UTF-8.
        case encoding
        /// A value exceeds one of the reader's limits (nesting depth, string size).
        case limit
    }

    public var kind: Kind
    public var message: String
    /// Byte offset into the file where the problem was detected.
    public var offset: Int
    /// Field path from the top-level value, e.g. `["generator_stats", "Foo", "samples_accepted"]`.
    /// Array indices are written as `[12]` components.
    public var path: [String]

    public init(_ kind: Kind, _ message: String, offset: Int, path: [String] = []) {
        self.kind = kind
        self.message = message
        self.offset = offset
        self.path = path
    }

    /// The path as users read it: `generator_stats.Foo.samples_accepted`, `rejection_history[3].scores`.
    public var pathDescription: String {
        var out = ""
        for component in path {
            if component.hasPrefix("[") || out.isEmpty {
                out += component
            } else {
                out += "." + component
            }
        }
        return out
    }
}

/// Line and column (both 1-based, column counted in bytes) of a byte offset.
public struct TextPosition: Sendable, Equatable, CustomStringConvertible {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    /// Counts lines up to `offset`; only called when reporting an error, so a plain scan is fine.
    public init(offset: Int, in bytes: UnsafeBufferPointer<UInt8>) {
        var line = 1
        var lineStart = 0
        let limit = min(max(offset, 0), bytes.count)
        var index = 0
        while index < limit {
            if bytes[index] == 0x0A {
                line += 1
                lineStart = index + 1
            }
            index += 1
        }
        self.line = line
        self.column = limit - lineStart + 1
    }

    public var description: String { "\(line):\(column)" }
}
