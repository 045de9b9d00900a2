#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

// JSONScanner: string tokens (escapes and UTF-8 validated as they are scanned).

extension JSONScanner {
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
            throw JSONError(
                .limit, "string of \(count) bytes exceeds the \(JSONScanner.maxStringBytes / 1024 / 1024) MiB limit for one value",
                offset: open)
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

    mutating func validateEscape() throws {
        let at = position
        guard position + 1 < end else {
            position = end
            throw syntaxError("unterminated escape in string")
        }
        let escape = base[position + 1]
        switch escape {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"),
            UInt8(ascii: "f"), UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
            position += 2
        case UInt8(ascii: "u"):
            guard position + 5 < end else {
                position = end
                throw syntaxError("truncated \\u escape in string")
            }
            for k in 2...5 where hexValue(base[position + k]) == 0xFF {
                throw syntaxError("invalid \\u escape: \(printable(base[position + k])) is not a hex digit", at: position + k)
            }
            position += 6
        default:
            throw syntaxError("invalid escape \\\(Character(Unicode.Scalar(escape)))", at: at)
        }
    }

    /// Validates the UTF-8 of a string body (escapes are ASCII and pass through).
    func validateUTF8(from start: Int, count: Int) throws {
        var i = start
        let stop = start + count
        while i < stop {
            let lead = base[i]
            if lead < 0x80 {
                i += 1
                continue
            }
            var need = 0
            var lowest: UInt8 = 0x80
            var highest: UInt8 = 0xBF
            switch lead {
            case 0xC2...0xDF: need = 1
            case 0xE0:
                need = 2
                lowest = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: need = 2
            case 0xED:
                need = 2
                highest = 0x9F
            case 0xF0:
                need = 3
                lowest = 0x90
            case 0xF1...0xF3: need = 3
            case 0xF4:
                need = 3
                highest = 0x8F
            default:
                throw JSONError(
                    .encoding,
                    "invalid UTF-8: byte 0x\(String(lead, radix: 16, uppercase: true)) cannot start a character (the file is not UTF-8 text)",
                    offset: i)
            }
            for k in 1...need {
                let index = i + k
                let byte: UInt8 = index < stop ? base[index] : 0
                let low: UInt8 = k == 1 ? lowest : 0x80
                let high: UInt8 = k == 1 ? highest : 0xBF
                if byte < low || byte > high {
                    throw JSONError(
                        .encoding,
                        "invalid UTF-8: malformed sequence starting with byte 0x\(String(lead, radix: 16, uppercase: true)) (the file is not UTF-8 text)",
                        offset: i)
                }
            }
            i += need + 1
        }
    }
}
