#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

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
