import Foundation
import TestSupport
import Testing

@testable import HafsVizCore

@Suite("JSONScanner")
struct JSONScannerTests {
    @Test("Python's NaN, Infinity and -Infinity are numbers")
    func pythonSpecialNumbers() throws {
        let values = try scan("[NaN, Infinity, -Infinity, 1e400, -1e400]") { scanner in
            var out: [Double] = []
            try scanner.readArray { scanner, _ in out.append(try scanner.readDouble()) }
            return out
        }
        #expect(values[0].isNaN)
        #expect(values[1] == .infinity)
        #expect(values[2] == -.infinity)
        #expect(values[3] == .infinity, "1e400 overflows to infinity, as in Python")
        #expect(values[4] == -.infinity)
    }

    @Test("-NaN and lowercase nan are rejected with the word named")
    func invalidSpecials() {
        for text in ["-NaN", "nan", "Inf", "infinity"] {
            #expect(throws: JSONError.self, "\(text)") { try scan(text) { try $0.readDouble() } }
        }
        do {
            _ = try scan("[nan]") { scanner in try scanner.readArray { scanner, _ in _ = try scanner.readOptionalDouble() } }
            Issue.record("nan was accepted")
        } catch let error as JSONError {
            #expect(error.message.contains("invalid literal nan"))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test("every double round-trips bit-exactly through shortest and 17-digit text")
    func numberExactness() throws {
        var (generator, seedNote) = TestSeed.generator(fallback: 0x5EED_0001)
        var texts: [String] = []
        var expected: [Double] = []
        for round in 0..<60_000 {
            let value: Double
            switch round % 4 {
            case 0: value = Double.random(in: 0..<1, using: &generator)
            case 1: value = Double.random(in: -1e6..<1e6, using: &generator)
            case 2: value = Double(bitPattern: UInt64.random(in: 0..<0x7FF0_0000_0000_0000, using: &generator))
            default: value = Double.random(in: 0..<1, using: &generator) * pow(10, Double(Int.random(in: -30...30, using: &generator)))
            }
            texts.append("\(value)")
            expected.append(value)
            texts.append(String(format: "%.17g", value))
            expected.append(value)
            texts.append(String(format: "%.15e", value))
            expected.append(strtod(String(format: "%.15e", value), nil))
        }
        let parsed = try scan("[" + texts.joined(separator: ",") + "]") { scanner in
            var out: [Double] = []
            try scanner.readArray { scanner, _ in out.append(try scanner.readDouble()) }
            return out
        }
        var mismatches: [String] = []
        for index in texts.indices where parsed[index].bitPattern != expected[index].bitPattern {
            mismatches.append("\(texts[index]) → \(parsed[index]), expected \(expected[index])")
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5)); \(seedNote)")
    }

    @Test("digit runs of every length, after any number of leading zeros, parse as strtod does")
    func digitRuns() throws {
        // Runs of 1…26 digits split at every length into integer and fraction parts, with 0…12
        // leading zeros in the fraction: every way the eight-at-a-time path can start and stop.
        let digits = Array("73105829461738205916473829")
        var texts: [String] = []
        for length in 1...digits.count {
            let run = String(digits.prefix(length))
            texts.append(run)
            for zeros in 0...12 {
                texts.append("0." + String(repeating: "0", count: zeros) + run)
                texts.append("-0." + String(repeating: "0", count: zeros) + run + "e-3")
            }
            for split in 1..<length {
                texts.append(String(run.prefix(split)) + "." + String(run.dropFirst(split)))
                texts.append(String(run.prefix(split)) + "." + String(run.dropFirst(split)) + "E+12")
            }
        }
        // Each alone (the run reaches the buffer's end) and in an array (a delimiter follows).
        let inArray = try scan("[" + texts.joined(separator: ",") + "]") { scanner in
            var out: [Double] = []
            try scanner.readArray { scanner, _ in out.append(try scanner.readDouble()) }
            return out
        }
        for (index, text) in texts.enumerated() {
            let alone = try scan(text) { try $0.readDouble() }
            #expect(alone.bitPattern == strtod(text, nil).bitPattern, "\(text) alone: \(alone)")
            #expect(inArray[index].bitPattern == strtod(text, nil).bitPattern, "\(text) in an array: \(inArray[index])")
        }
    }

    @Test("exact halfway cases of the Float80 path go the slow way and round to even")
    func halfwayCases() throws {
        // 2^53 + 1 sits exactly between two doubles; so do these decimal forms of odd midpoints.
        let cases = ["9007199254740993", "9007199254740993.0", "900719925474099.3e1", "0.30000000000000004440892098500626"]
        for text in cases {
            let value = try scan(text) { try $0.readDouble() }
            #expect(value.bitPattern == strtod(text, nil).bitPattern, "\(text)")
        }
    }

    @Test("integers: exact literals, integral floats accepted, others named in the error")
    func integers() throws {
        #expect(try scan("42") { try $0.readInt() } == 42)
        #expect(try scan("-7") { try $0.readInt() } == -7)
        #expect(try scan("5.0") { try $0.readInt() } == 5)
        #expect(try scan("1e3") { try $0.readInt() } == 1000)
        for (text, got) in [
            ("5.5", "5.5"), ("NaN", "NaN"), ("1e400", "1e400"), ("\"7\"", "string"), ("null", "null"),
            ("99999999999999999999", "99999999999999999999"),
        ] {
            do {
                _ = try scan(text) { try $0.readInt() }
                Issue.record("\(text) accepted as an integer")
            } catch let error as JSONError {
                #expect(error.kind == .type)
                #expect(error.message == "expected integer, got \(got)", "\(text)")
            }
        }
    }

    @Test("\\u escapes, surrogate pairs, lone surrogates and raw UTF-8")
    func strings() throws {
        #expect(try scan(#""\u00fcbersetzer""#) { try $0.readString() } == "übersetzer")
        #expect(try scan(#""\ud83d\ude00 ok""#) { try $0.readString() } == "😀 ok")
        #expect(try scan(#""a\ud800b""#) { try $0.readString() } == "a\u{FFFD}b")
        #expect(try scan(#""\udc00""#) { try $0.readString() } == "\u{FFFD}")
        #expect(try scan(#""\n\t\"\\\/\b\f\r""#) { try $0.readString() } == "\n\t\"\\/\u{8}\u{C}\r")
        #expect(try scan("\"日本語 multilingüe\"") { try $0.readString() } == "日本語 multilingüe")
        let long = String(repeating: "abcdefgh", count: 1000) + "\\u00e9" + String(repeating: "z", count: 13)
        #expect(
            try scan("\"" + long + "\"") { try $0.readString() } == String(repeating: "abcdefgh", count: 1000) + "é"
                + String(repeating: "z", count: 13))
    }

    @Test("invalid UTF-8 is an encoding error at the offending byte")
    func invalidUTF8() {
        let cases: [[UInt8]] = [
            [0x22, 0x61, 0xFF, 0x22],  // 0xFF never starts a character
            [0x22, 0xC0, 0x80, 0x22],  // overlong NUL
            [0x22, 0xED, 0xA0, 0x80, 0x22],  // UTF-16 surrogate encoded in UTF-8
            [0x22, 0xE6, 0x97, 0x22],  // truncated 3-byte sequence
            [0x22, 0xF4, 0x90, 0x80, 0x80, 0x22],  // beyond U+10FFFF
        ]
        for var bytes in cases {
            do {
                _ = try scan(bytes: &bytes) { try $0.readString() }
                Issue.record("accepted \(bytes)")
            } catch let error as JSONError {
                #expect(error.kind == .encoding)
                #expect(error.message.contains("invalid UTF-8"))
                #expect(error.offset == (bytes[1] == 0x61 ? 2 : 1))
            } catch {
                Issue.record("unexpected \(error)")
            }
        }
    }

    @Test("a UTF-8 byte-order mark is skipped")
    func byteOrderMark() throws {
        var bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("{\"a\": 1}".utf8)
        let value = try scan(bytes: &bytes) { scanner in
            var found = 0
            try scanner.readObject { scanner, key in
                #expect(key.equals("a"))
                found = try scanner.readInt()
            }
            return found
        }
        #expect(value == 1)
    }

    @Test("syntax errors carry the offset; TextPosition turns it into line:column")
    func positions() throws {
        let text = "{\n  \"a\": [1, 2,\n    3 4]\n}"
        do {
            _ = try scan(text) { try $0.skipValue() }
            Issue.record("accepted")
        } catch let error as JSONError {
            let position = Array(text.utf8).withUnsafeBufferPointer { TextPosition(offset: error.offset, in: $0) }
            #expect(position == TextPosition(line: 3, column: 7))
            #expect(error.message.contains("expected ',' or ']'"))
        }
    }

    @Test("nesting deeper than the limit is reported, not recursed into")
    func deepNesting() {
        let depth = 100_000
        let text = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        do {
            _ = try scan(text) { try $0.skipValue() }
            Issue.record("accepted")
        } catch let error as JSONError {
            #expect(error.kind == .limit)
            #expect(error.message.contains("nesting deeper than \(JSONScanner.maxDepth)"))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test("the 8-byte special-character mask finds quotes, backslashes, controls and non-ASCII")
    func specialByteMask() {
        func word(_ bytes: [UInt8]) -> UInt64 {
            bytes.enumerated().reduce(0) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }
        }
        #expect(JSONScanner.specialByteMask(word(Array("abcdefgh".utf8))) == 0)
        for (position, special) in [(0, UInt8(ascii: "\"")), (3, UInt8(ascii: "\\")), (5, 0x1F), (7, 0xC3), (2, 0x00)] {
            var bytes = Array("abcdefgh".utf8)
            bytes[position] = special
            #expect(JSONScanner.specialByteMask(word(bytes)).trailingZeroBitCount >> 3 == position, "byte \(special) at \(position)")
        }
        // ' ' (0x20) and '!' (0x21) and '#' (0x23) are not special.
        #expect(JSONScanner.specialByteMask(word([0x20, 0x21, 0x23, 0x7E, 0x5B, 0x5D, 0x7F, 0x41])) == 0)
    }
}
