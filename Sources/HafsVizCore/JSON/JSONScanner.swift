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

/// A string token in the input: its raw bytes (between the quotes) and whether it holds escapes.
public struct JSONStringSpan {
    public let start: UnsafePointer<UInt8>
    public let count: Int
    public let hasEscapes: Bool

    /// True when the (unescaped) string equals `literal`. Literals are ASCII field names.
    @inline(__always)
    public func equals(_ literal: StaticString) -> Bool {
        if hasEscapes { return decoded() == literal.description }
        guard count == literal.utf8CodeUnitCount else { return false }
        return memcmp(start, literal.utf8Start, count) == 0
    }

    /// The string's value. Its bytes were validated as UTF-8 when it was scanned.
    public func decoded() -> String {
        if !hasEscapes {
            return String(decoding: UnsafeBufferPointer(start: start, count: count), as: UTF8.self)
        }
        var out: [UInt8] = []
        out.reserveCapacity(count)
        JSONStringSpan.unescape(UnsafeBufferPointer(start: start, count: count), into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Expands escapes of an already validated string body. Lone surrogates become U+FFFD
    /// (Python can write them; Swift strings cannot hold them).
    static func unescape(_ raw: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
        var i = 0
        let n = raw.count
        while i < n {
            let byte = raw[i]
            if byte != UInt8(ascii: "\\") {
                out.append(byte)
                i += 1
                continue
            }
            let escape = raw[i + 1]
            i += 2
            switch escape {
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "u"):
                var scalar = hex4(raw, i)
                i += 4
                if (0xD800...0xDBFF).contains(scalar) {
                    if i + 5 < n, raw[i] == UInt8(ascii: "\\"), raw[i + 1] == UInt8(ascii: "u") {
                        let low = hex4(raw, i + 2)
                        if (0xDC00...0xDFFF).contains(low) {
                            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                            i += 6
                        } else {
                            scalar = 0xFFFD
                        }
                    } else {
                        scalar = 0xFFFD
                    }
                } else if (0xDC00...0xDFFF).contains(scalar) {
                    scalar = 0xFFFD
                }
                appendUTF8(scalar, to: &out)
            default: out.append(escape)  // \" \\ \/
            }
        }
    }

    private static func hex4(_ raw: UnsafeBufferPointer<UInt8>, _ at: Int) -> UInt32 {
        var value: UInt32 = 0
        for k in 0..<4 {
            value = value << 4 | UInt32(hexValue(raw[at + k]))
        }
        return value
    }

    private static func appendUTF8(_ scalar: UInt32, to out: inout [UInt8]) {
        switch scalar {
        case 0..<0x80:
            out.append(UInt8(scalar))
        case 0x80..<0x800:
            out.append(UInt8(0xC0 | (scalar >> 6)))
            out.append(UInt8(0x80 | (scalar & 0x3F)))
        case 0x800..<0x10000:
            out.append(UInt8(0xE0 | (scalar >> 12)))
            out.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (scalar & 0x3F)))
        default:
            out.append(UInt8(0xF0 | (scalar >> 18)))
            out.append(UInt8(0x80 | ((scalar >> 12) & 0x3F)))
            out.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (scalar & 0x3F)))
        }
    }
}

extension [UInt8] {
    /// Appends a string token's value (escapes expanded) as UTF-8.
    @inline(__always)
    mutating func append(_ span: JSONStringSpan) {
        if span.hasEscapes {
            JSONStringSpan.unescape(UnsafeBufferPointer(start: span.start, count: span.count), into: &self)
        } else {
            append(contentsOf: UnsafeBufferPointer(start: span.start, count: span.count))
        }
    }
}

@inline(__always)
func hexValue(_ byte: UInt8) -> UInt8 {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
    default: return 0xFF
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
    public private(set) var position: Int
    /// Bytes not read yet.
    public var remainingBytes: Int { end - position }
    var depth = 0

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
        while stop < end, stop - from < 24, (base[stop] | 0x20) >= UInt8(ascii: "a"), (base[stop] | 0x20) <= UInt8(ascii: "z") || base[stop] == UInt8(ascii: "-") {
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

    private mutating func matchLiteral(_ literal: StaticString) throws -> Bool {
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

    // MARK: - [SECTION] String scanning

    /// Scans a string token starting at the opening quote; validates escapes and UTF-8.
    @inline(__always)
    mutating func scanString() throws -> JSONStringSpan {
        let open = position
        position += 1
        let start = position
        var hasEscapes = false
        var nonASCII = false
        while true {
            // Fast loop over plain ASCII characters: 8 bytes at a time, then byte by byte.
            while position + 8 <= end {
                let word = UnsafeRawPointer(base + position).loadUnaligned(as: UInt64.self)
                let special = JSONScanner.specialByteMask(word)
                if special != 0 {
                    position += special.trailingZeroBitCount >> 3
                    break
                }
                position += 8
            }
            while position < end {
                let byte = base[position]
                if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20 || byte >= 0x80 { break }
                position += 1
            }
            guard position < end else {
                throw syntaxError("unterminated string")
            }
            let byte = base[position]
            if byte == UInt8(ascii: "\"") { break }
            if byte == UInt8(ascii: "\\") {
                hasEscapes = true
                try validateEscape()
            } else if byte >= 0x80 {
                nonASCII = true
                position += 1
            } else {
                throw syntaxError("control character \(printable(byte)) inside a string must be escaped")
            }
        }
        let count = position - start
        position += 1
        if count > JSONScanner.maxStringBytes {
            throw JSONError(.limit, "string of \(count) bytes exceeds the \(JSONScanner.maxStringBytes / 1024 / 1024) MiB limit for one value", offset: open)
        }
        if nonASCII { try validateUTF8(from: start, count: count) }
        return JSONStringSpan(start: base + start, count: count, hasEscapes: hasEscapes)
    }

    /// High bit set in each byte of `word` that is '"', '\\', a control character or non-ASCII
    /// (the classic "has zero byte" bit trick, applied per condition).
    @inline(__always)
    static func specialByteMask(_ word: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let quote = word ^ (ones &* 0x22)
        let backslash = word ^ (ones &* 0x5C)
        let isQuote = (quote &- ones) & ~quote
        let isBackslash = (backslash &- ones) & ~backslash
        let isControl = (word &- ones &* 0x20) & ~word
        return (isQuote | isBackslash | isControl | word) & highs
    }

    private mutating func validateEscape() throws {
        let at = position
        guard position + 1 < end else { position = end; throw syntaxError("unterminated escape in string") }
        let escape = base[position + 1]
        switch escape {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"),
            UInt8(ascii: "f"), UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
            position += 2
        case UInt8(ascii: "u"):
            guard position + 5 < end else { position = end; throw syntaxError("truncated \\u escape in string") }
            for k in 2...5 where hexValue(base[position + k]) == 0xFF {
                throw syntaxError("invalid \\u escape: \(printable(base[position + k])) is not a hex digit", at: position + k)
            }
            position += 6
        default:
            throw syntaxError("invalid escape \\\(Character(Unicode.Scalar(escape)))", at: at)
        }
    }

    /// Validates the UTF-8 of a string body (escapes are ASCII and pass through).
    private func validateUTF8(from start: Int, count: Int) throws {
        var i = start
        let stop = start + count
        while i < stop {
            let lead = base[i]
            if lead < 0x80 { i += 1; continue }
            var need = 0
            var lowest: UInt8 = 0x80
            var highest: UInt8 = 0xBF
            switch lead {
            case 0xC2...0xDF: need = 1
            case 0xE0: need = 2; lowest = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: need = 2
            case 0xED: need = 2; highest = 0x9F
            case 0xF0: need = 3; lowest = 0x90
            case 0xF1...0xF3: need = 3
            case 0xF4: need = 3; highest = 0x8F
            default:
                throw JSONError(.encoding, "invalid UTF-8: byte 0x\(String(lead, radix: 16, uppercase: true)) cannot start a character (the file is not UTF-8 text)", offset: i)
            }
            for k in 1...need {
                let index = i + k
                let byte: UInt8 = index < stop ? base[index] : 0
                let low: UInt8 = k == 1 ? lowest : 0x80
                let high: UInt8 = k == 1 ? highest : 0xBF
                if byte < low || byte > high {
                    throw JSONError(.encoding, "invalid UTF-8: malformed sequence starting with byte 0x\(String(lead, radix: 16, uppercase: true)) (the file is not UTF-8 text)", offset: i)
                }
            }
            i += need + 1
        }
    }

    // MARK: - [SECTION] Number scanning

    /// Exact powers of ten representable as doubles, for the fast path. A raw pointer, not an
    /// array: two decoding threads retaining one shared array buffer per number made the shared
    /// reference count a contended cache line (measured: two threads no faster than one).
    nonisolated(unsafe) private static let exactPowersOfTen: UnsafePointer<Double> = {
        let table = UnsafeMutablePointer<Double>.allocate(capacity: 23)
        var value = 1.0
        for exponent in 0...22 {
            table[exponent] = value
            value *= 10
        }
        return UnsafePointer(table)
    }()

    @inline(__always)
    private mutating func scanNumber(wantLiteral: Bool) throws -> JSONNumber {
        let start = position
        var negative = false
        if base[position] == UInt8(ascii: "-") {
            negative = true
            position += 1
        }
        guard position < end else { throw syntaxError("incomplete number") }
        let first = base[position]
        if first == UInt8(ascii: "N") || first == UInt8(ascii: "I") {
            let value: Double
            if !negative, try matchLiteral("NaN") {
                value = .nan
            } else if try matchLiteral("Infinity") {
                value = negative ? -.infinity : .infinity
            } else {
                throw invalidLiteral(at: start)
            }
            return JSONNumber(double: value, integer: nil, literal: wantLiteral ? literalText(start) : "")
        }
        var mantissa: UInt64 = 0
        var significantDigits = 0
        var decimalExponent = 0
        var isInteger = true
        if first == UInt8(ascii: "0") {
            position += 1
        } else if first >= UInt8(ascii: "1") && first <= UInt8(ascii: "9") {
            while position < end {
                let digit = base[position] &- UInt8(ascii: "0")
                if digit > 9 { break }
                if significantDigits < 19 {
                    mantissa = mantissa &* 10 &+ UInt64(digit)
                    significantDigits += 1
                } else {
                    decimalExponent += 1
                    significantDigits += 1
                }
                position += 1
            }
        } else {
            throw syntaxError("invalid number: expected a digit, found \(printable(first))")
        }
        if position < end, base[position] == UInt8(ascii: ".") {
            isInteger = false
            position += 1
            let fractionStart = position
            while position < end {
                let digit = base[position] &- UInt8(ascii: "0")
                if digit > 9 { break }
                if mantissa == 0 && digit == 0 {
                    decimalExponent -= 1  // leading zeros of the fraction are not significant
                } else if significantDigits < 19 {
                    mantissa = mantissa &* 10 &+ UInt64(digit)
                    significantDigits += 1
                    decimalExponent -= 1
                } else {
                    significantDigits += 1
                }
                position += 1
            }
            if position == fractionStart {
                throw syntaxError("invalid number: expected a digit after '.'")
            }
        }
        if position < end, base[position] | 0x20 == UInt8(ascii: "e") {
            isInteger = false
            position += 1
            var exponentNegative = false
            if position < end, base[position] == UInt8(ascii: "+") || base[position] == UInt8(ascii: "-") {
                exponentNegative = base[position] == UInt8(ascii: "-")
                position += 1
            }
            let exponentStart = position
            var exponent = 0
            while position < end {
                let digit = base[position] &- UInt8(ascii: "0")
                if digit > 9 { break }
                if exponent < 100_000 { exponent = exponent * 10 + Int(digit) }
                position += 1
            }
            if position == exponentStart {
                throw syntaxError("invalid number: expected a digit in the exponent")
            }
            decimalExponent += exponentNegative ? -exponent : exponent
        }
        if position < end, !isDelimiter(base[position]) {
            throw syntaxError("invalid number: unexpected \(printable(base[position])) after \(literalText(start))")
        }
        let literal = wantLiteral ? literalText(start) : ""
        if significantDigits <= 19, isInteger, mantissa <= UInt64(Int.max) {
            let magnitude = Int(mantissa)
            return JSONNumber(double: negative ? -Double(magnitude) : Double(magnitude),
                              integer: negative ? -magnitude : magnitude, literal: literal)
        }
        var value: Double
        if mantissa == 0 {
            value = 0
        } else if significantDigits <= 19, mantissa <= 1 << 53, decimalExponent >= -22, decimalExponent <= 22 {
            // Clinger's fast path: both operands exact, one correctly rounded operation.
            let power = JSONScanner.exactPowersOfTen[abs(decimalExponent)]
            value = decimalExponent < 0 ? Double(mantissa) / power : Double(mantissa) * power
        } else if significantDigits <= 19, let exact = JSONScanner.extendedPrecision(mantissa, decimalExponent) {
            value = exact
        } else {
            value = slowParse(from: start)
            return JSONNumber(double: value, integer: nil, literal: literal)
        }
        if negative { value = -value }
        return JSONNumber(double: value, integer: nil, literal: literal)
    }

    #if arch(x86_64) && !os(Windows)
    nonisolated(unsafe) private static let extendedPowersOfTen: UnsafePointer<Float80> = {
        let table = UnsafeMutablePointer<Float80>.allocate(capacity: 28)
        var value: Float80 = 1
        for exponent in 0...27 {
            table[exponent] = value
            value *= 10
        }
        return UnsafePointer(table)
    }()
    #endif

    /// Python's shortest repr often has 17 digits, too many for Clinger's fast path. On x86-64,
    /// Float80 holds any 64-bit mantissa and 10^0…10^27 exactly, so `m ÷ 10^q` (or `m × 10^q`) is one
    /// correctly rounded Float80 operation. Rounding that to Double is then correct unless the
    /// Float80 result sits exactly on a midpoint between two doubles (its low 11 bits are 100…0):
    /// rounding is monotonic and every double and midpoint is a Float80, so the true value and its
    /// Float80 rounding lie on the same side of every such boundary. Midpoints go to strtod.
    @inline(__always)
    static func extendedPrecision(_ mantissa: UInt64, _ exponent: Int) -> Double? {
        #if arch(x86_64) && !os(Windows)
        guard exponent >= -27, exponent <= 27 else { return nil }
        let power = extendedPowersOfTen[abs(exponent)]
        let result = exponent < 0 ? Float80(mantissa) / power : Float80(mantissa) * power
        guard result.significandBitPattern & 0x7FF != 0x400 else { return nil }
        return Double(result)
        #else
        return nil
        #endif
    }

    /// Correctly rounded conversion through the C library for the rare long or large literals.
    private func slowParse(from start: Int) -> Double {
        let length = position - start
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: length + 1) { buffer in
            guard let pointer = buffer.baseAddress else { return .nan }
            memcpy(pointer, base + start, length)
            pointer[length] = 0
            return strtod(pointer, nil)
        }
    }

    private func literalText(_ start: Int) -> String {
        String(decoding: UnsafeBufferPointer(start: base + start, count: min(position - start, 64)), as: UTF8.self)
    }
}
