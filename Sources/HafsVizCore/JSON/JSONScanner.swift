#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

// JSONScanner: a pull parser over the bytes of one JSON document, as Python's `json.dumps` writes it.
//
// [SECTION] Why a scanner of our own
//   Foundation's decoders run at ~40 MB/s here and reject `NaN`; simdjson is fast but also rejects
//   Python's bare `NaN`/`Infinity`/`-Infinity` and reports no line:column. This scanner accepts those
//   tokens, decodes `\uXXXX` (surrogate pairs included), validates UTF-8 inside strings, reports the
//   byte offset of every problem, and decodes straight into models: there is no DOM, so no per-value
//   allocation. Decoders drive it (`readObject`, `readArray`, `readDouble`, …) and skip what they
//   do not know with `skipValue`.
// [SECTION] Limits
//   Nesting deeper than `maxDepth` and strings longer than `maxStringBytes` are errors, not crashes.

/// The JSON type of the next value, as seen from its first byte.
public enum JSONValueKind: Sendable, Equatable {
    case object, array, string, number, bool, null

    /// The word used in "expected X, got Y" messages.
    public var name: String {
        switch self {
        case .object: "object"
        case .array: "array"
        case .string: "string"
        case .number: "number"
        case .bool: "boolean"
        case .null: "null"
        }
    }
}

/// A number token: its value as a double, and as an integer when the literal is an exact integer.
public struct JSONNumber: Sendable, Equatable {
    public var double: Double
    /// Set when the literal was an integer (no fraction, no exponent) that fits in `Int`.
    public var integer: Int?
    /// The literal as written, for messages ("got 1e400").
    public var literal: String
}

/// Pull parser over one JSON document. Create it over bytes that outlive it, call one `read…`
/// for the top-level value, then `expectEnd()`.
public struct JSONScanner {
    /// Deepest nesting accepted. Deeper input is reported, never recursed into.
    public static let maxDepth = 512
    /// Longest single string accepted, in bytes.
    public static let maxStringBytes = 1 << 20

    let base: UnsafePointer<UInt8>
    let end: Int
    /// Byte offset of the next unread byte.
    public internal(set) var position: Int
    /// Bytes not read yet.
    public var remainingBytes: Int { end - position }
    var depth = 0
    /// The number scanner's tables (`NumberTables`: read here, not from a static, per number).
    let numberTables = NumberTables.shared

    /// - Parameter bytes: the whole document; a leading UTF-8 byte-order mark is skipped.
    public init(_ bytes: UnsafeBufferPointer<UInt8>) {
        // An empty buffer has a nil base; point at a static byte so reads stay well-defined.
        base = bytes.baseAddress.map { UnsafePointer($0) } ?? JSONScanner.emptyByte
        end = bytes.count
        position = 0
        if end >= 3, base[0] == 0xEF, base[1] == 0xBB, base[2] == 0xBF {
            position = 3
        }
    }

    nonisolated(unsafe) private static let emptyByte: UnsafePointer<UInt8> = {
        let pointer = UnsafeMutablePointer<UInt8>.allocate(capacity: 1)
        pointer.initialize(to: 0)
        return UnsafePointer(pointer)
    }()

    // MARK: - [SECTION] Errors

    func syntaxError(_ message: String, at offset: Int? = nil) -> JSONError {
        let at = offset ?? position
        if at >= end {
            return JSONError(.syntax, "unexpected end of file: \(message) (the file may be truncated or still being written)", offset: at)
        }
        return JSONError(.syntax, message, offset: at)
    }

    /// "expected X, got Y" for the value at the current position.
    public mutating func typeError(expected: String) -> JSONError {
        let at = position
        let got = (try? describeNextValue()) ?? "invalid JSON"
        return JSONError(.type, "expected \(expected), got \(got)", offset: at)
    }

    /// Describes the next value without consuming it: `string`, `number 5.5`, `NaN`, `null`, …
    mutating func describeNextValue() throws -> String {
        let saved = position
        defer { position = saved }
        let kind = try peekKind()
        switch kind {
        case .number:
            return try readNumber().literal
        case .bool:
            return base[position] == UInt8(ascii: "t") ? "true" : "false"
        default:
            return kind.name
        }
    }

    // MARK: - [SECTION] Whitespace and peeking

    @inline(__always)
    mutating func skipWhitespace() {
        // Python's indent=2 output has long runs of spaces: skip them 8 at a time.
        while position + 8 <= end, UnsafeRawPointer(base + position).loadUnaligned(as: UInt64.self) == 0x2020_2020_2020_2020 {
            position += 8
        }
        while position < end {
            let byte = base[position]
            if byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 {
                position += 1
            } else {
                return
            }
        }
    }

    /// The kind of the next value (after whitespace), without consuming it.
    @inline(__always)
    public mutating func peekKind() throws -> JSONValueKind {
        skipWhitespace()
        guard position < end else { throw syntaxError("expected a value") }
        switch base[position] {
        case UInt8(ascii: "{"): return .object
        case UInt8(ascii: "["): return .array
        case UInt8(ascii: "\""): return .string
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "N"), UInt8(ascii: "I"):
            return .number
        case UInt8(ascii: "t"), UInt8(ascii: "f"): return .bool
        case UInt8(ascii: "n"): return .null
        default: throw syntaxError("expected a value, found \(printable(base[position]))")
        }
    }

    func printable(_ byte: UInt8) -> String {
        if byte >= 0x20 && byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
        return "byte 0x" + String(byte, radix: 16, uppercase: true)
    }

    /// After the top-level value: only whitespace may follow.
    public mutating func expectEnd() throws {
        skipWhitespace()
        if position < end {
            throw syntaxError("extra data after the top-level value, starting with \(printable(base[position]))")
        }
    }

    // MARK: - [SECTION] Containers

    /// Reads an object, calling `body` for each member with the key; `body` must consume the value
    /// (read it or `skipValue()`).
    @inline(__always)
    public mutating func readObject(_ body: (inout JSONScanner, JSONStringSpan) throws -> Void) throws {
        guard try peekKind() == .object else { throw typeError(expected: "object") }
        try enterContainer()
        position += 1
        skipWhitespace()
        if position < end, base[position] == UInt8(ascii: "}") {
            position += 1
            depth -= 1
            return
        }
        while true {
            skipWhitespace()
            guard position < end, base[position] == UInt8(ascii: "\"") else {
                throw syntaxError("expected a quoted key in object" + found())
            }
            let key = try scanString()
            skipWhitespace()
            guard position < end, base[position] == UInt8(ascii: ":") else {
                throw syntaxError("expected ':' after object key" + found())
            }
            position += 1
            try body(&self, key)
            skipWhitespace()
            guard position < end else { throw syntaxError("expected ',' or '}' after object member") }
            let byte = base[position]
            position += 1
            if byte == UInt8(ascii: ",") { continue }
            if byte == UInt8(ascii: "}") { break }
            position -= 1
            throw syntaxError("expected ',' or '}' after object member" + found())
        }
        depth -= 1
    }

    /// Reads an array, calling `body` with each element's index; `body` must consume the element.
    @inline(__always)
    public mutating func readArray(_ body: (inout JSONScanner, Int) throws -> Void) throws {
        try readArrayStoppable { scanner, index in
            try body(&scanner, index)
            return true
        }
    }

    /// Like `readArray`, but `body` returns false to stop early; it then owns the position (see
    /// `jump(to:depthAfterArray:)`). `body` is called at each element's first byte.
    @inline(__always)
    mutating func readArrayStoppable(_ body: (inout JSONScanner, Int) throws -> Bool) throws {
        guard try peekKind() == .array else { throw typeError(expected: "array") }
        try enterContainer()
        position += 1
        skipWhitespace()
        if position < end, base[position] == UInt8(ascii: "]") {
            position += 1
            depth -= 1
            return
        }
        var index = 0
        repeat {
            skipWhitespace()
            guard try body(&self, index) else { return }
            index += 1
        } while try nextArrayElement()
    }

    /// Continues an array from the first byte of an element (a split worker): elements until `]`.
    mutating func readArrayTail(_ body: (inout JSONScanner) throws -> Void) throws {
        repeat {
            try body(&self)
        } while try nextArrayElement()
    }

    /// After an element: true at `,` (another element follows); false at `]`, which closes the array.
    @inline(__always)
    private mutating func nextArrayElement() throws -> Bool {
        skipWhitespace()
        guard position < end else { throw syntaxError("expected ',' or ']' after array element") }
        let byte = base[position]
        position += 1
        if byte == UInt8(ascii: ",") { return true }
        if byte == UInt8(ascii: "]") {
            depth -= 1
            return false
        }
        position -= 1
        throw syntaxError("expected ',' or ']' after array element" + found())
    }

    /// Moves to `position` after a split worker consumed the rest of the current array.
    mutating func jump(to newPosition: Int, depthAfterArray: Bool) {
        position = newPosition
        if depthAfterArray { depth -= 1 }
    }

    /// A copy of this scanner at another position, inside the same array (same depth + 1).
    func repositioned(to newPosition: Int) -> JSONScanner {
        var copy = self
        copy.position = newPosition
        copy.depth = depth + 1
        return copy
    }

    /// For a scanner at `[` of a pretty-printed array of objects: the byte offset of a line near
    /// the middle of the rest of the file that holds the elements' indentation and then `{`.
    /// Only a guess; the caller verifies it.
    func splitCandidate() -> Int? {
        var open = position
        while open < end, base[open] == 0x20 || base[open] == 0x0A || base[open] == 0x0D || base[open] == 0x09 { open += 1 }
        guard open < end, base[open] == UInt8(ascii: "[") else { return nil }
        // Indentation of the first element: "[\n" + spaces + "{".
        var cursor = open + 1
        guard cursor < end, base[cursor] == 0x0A else { return nil }
        cursor += 1
        let indentStart = cursor
        while cursor < end, base[cursor] == 0x20 { cursor += 1 }
        let indent = cursor - indentStart
        guard cursor < end, base[cursor] == UInt8(ascii: "{"), indent > 0 else { return nil }
        var probe = open + (end - open) / 2
        while probe < end {
            guard let newline = memchr(base + probe, 0x0A, end - probe) else { return nil }
            let lineStart = UnsafePointer<UInt8>(newline.assumingMemoryBound(to: UInt8.self)) - base + 1
            var spaces = lineStart
            while spaces < end, base[spaces] == 0x20 { spaces += 1 }
            if spaces - lineStart == indent, spaces < end, base[spaces] == UInt8(ascii: "{") {
                return spaces
            }
            probe = lineStart
        }
        return nil
    }

    private func found() -> String {
        position < end ? ", found \(printable(base[position]))" : ""
    }

    private mutating func enterContainer() throws {
        depth += 1
        if depth > JSONScanner.maxDepth {
            throw JSONError(.limit, "nesting deeper than \(JSONScanner.maxDepth) levels", offset: position)
        }
    }

    /// Consumes the next value whatever it is, validating it.
    public mutating func skipValue() throws {
        switch try peekKind() {
        case .object: try readObject { scanner, _ in try scanner.skipValue() }
        case .array: try readArray { scanner, _ in try scanner.skipValue() }
        case .string: _ = try scanString()
        case .number: _ = try readNumber()
        case .bool: _ = try readBool()
        case .null: try readNull()
        }
    }

    // MARK: - [SECTION] Scalars

    /// Reads a string value (type error for anything else).
    public mutating func readString() throws -> String {
        try readStringSpan().decoded()
    }

    /// Reads a string value without decoding it yet.
    @inline(__always)
    public mutating func readStringSpan() throws -> JSONStringSpan {
        guard try peekKind() == .string else { throw typeError(expected: "string") }
        return try scanString()
    }

    /// Reads `null` as nil, or a string.
    public mutating func readOptionalString() throws -> String? {
        if try peekKind() == .null {
            try readNull()
            return nil
        }
        return try readString()
    }

    public mutating func readBool() throws -> Bool {
        guard try peekKind() == .bool else { throw typeError(expected: "boolean") }
        if try matchLiteral("true") { return true }
        if try matchLiteral("false") { return false }
        throw invalidLiteral()
    }

    public mutating func readNull() throws {
        guard try peekKind() == .null else { throw typeError(expected: "null") }
        guard try matchLiteral("null") else { throw invalidLiteral() }
    }

    /// "invalid literal nan" for a word that is not true/false/null/NaN/Infinity.
    func invalidLiteral(at start: Int? = nil) -> JSONError {
        let from = start ?? position
        var stop = from
        while stop < end, stop - from < 24, (base[stop] | 0x20) >= UInt8(ascii: "a"),
            (base[stop] | 0x20) <= UInt8(ascii: "z") || base[stop] == UInt8(ascii: "-")
        {
            stop += 1
        }
        let word = String(decoding: UnsafeBufferPointer(start: base + from, count: max(stop - from, 1)), as: UTF8.self)
        return syntaxError("invalid literal \(word) (JSON has true, false, null; Python also writes NaN, Infinity, -Infinity)", at: from)
    }

    /// True when the next value is `null`; consumes it then.
    @inline(__always)
    public mutating func consumeNull() throws -> Bool {
        guard try peekKind() == .null else { return false }
        try readNull()
        return true
    }

    mutating func matchLiteral(_ literal: StaticString) throws -> Bool {
        let count = literal.utf8CodeUnitCount
        let available = end - position
        if available < count {
            if memcmp(base + position, literal.utf8Start, available) == 0 {
                position = end
                throw syntaxError("incomplete literal \(literal)")
            }
            return false
        }
        guard memcmp(base + position, literal.utf8Start, count) == 0 else { return false }
        position += count
        if position < end, !isDelimiter(base[position]) {
            throw syntaxError("invalid literal: \(literal) followed by \(printable(base[position]))")
        }
        return true
    }

    @inline(__always)
    func isDelimiter(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: ",") || byte == UInt8(ascii: "}") || byte == UInt8(ascii: "]")
            || byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }

    /// Reads any number, including Python's `NaN`, `Infinity` and `-Infinity`. Integers and
    /// decimals with at most 19 significant digits and a small exponent take an exact fast path.
    @inline(__always)
    public mutating func readDouble() throws -> Double {
        guard try peekKind() == .number else { throw typeError(expected: "number") }
        return try scanNumber(wantLiteral: false).double
    }

    /// Reads a number, or `null` as nil.
    @inline(__always)
    public mutating func readOptionalDouble() throws -> Double? {
        if try consumeNull() { return nil }
        return try readDouble()
    }

    /// Reads an integer. An integral float such as `5.0` is accepted; `5.5`, `NaN` or `1e400` are type errors.
    public mutating func readInt() throws -> Int {
        guard try peekKind() == .number else { throw typeError(expected: "integer") }
        let start = position
        let number = try scanNumber(wantLiteral: false)
        if let integer = number.integer { return integer }
        let value = number.double
        if value.isFinite, value == value.rounded(), abs(value) <= 9_007_199_254_740_992 {
            return Int(value)
        }
        position = start
        throw typeError(expected: "integer")
    }

    /// Reads a number and keeps its literal text.
    public mutating func readNumber() throws -> JSONNumber {
        guard try peekKind() == .number else { throw typeError(expected: "number") }
        return try scanNumber(wantLiteral: true)
    }

}
