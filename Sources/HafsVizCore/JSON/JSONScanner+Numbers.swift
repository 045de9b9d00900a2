#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

// JSONScanner: number tokens (a fast exact path, strtod for the rest, Python's NaN/Infinity).

extension JSONScanner {
    // MARK: - [SECTION] Number scanning

    @inline(__always)
    mutating func scanNumber(wantLiteral: Bool) throws -> JSONNumber {
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
            mantissa = UInt64(first &- UInt8(ascii: "0"))
            significantDigits = 1
            position += 1
            consumeDigitRuns(&mantissa, &significantDigits, &decimalExponent, fraction: false)
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
            // Leading zeros one at a time (they are not significant digits), then runs of eight.
            while mantissa == 0, position < end {
                let digit = base[position] &- UInt8(ascii: "0")
                if digit > 9 { break }
                if digit == 0 {
                    decimalExponent -= 1
                } else {
                    mantissa = UInt64(digit)
                    significantDigits = 1
                    decimalExponent -= 1
                }
                position += 1
            }
            consumeDigitRuns(&mantissa, &significantDigits, &decimalExponent, fraction: true)
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
            return JSONNumber(
                double: negative ? -Double(magnitude) : Double(magnitude),
                integer: negative ? -magnitude : magnitude, literal: literal)
        }
        var value: Double
        if mantissa == 0 {
            value = 0
        } else if significantDigits <= 19, mantissa <= 1 << 53, decimalExponent >= -22, decimalExponent <= 22 {
            // Clinger's fast path: both operands exact, one correctly rounded operation.
            let power = numberTables.exact[abs(decimalExponent)]
            value = decimalExponent < 0 ? Double(mantissa) / power : Double(mantissa) * power
        } else if significantDigits <= 19, let exact = extendedPrecision(mantissa, decimalExponent) {
            value = exact
        } else {
            value = slowParse(from: start)
            return JSONNumber(double: value, integer: nil, literal: literal)
        }
        if negative { value = -value }
        return JSONNumber(double: value, integer: nil, literal: literal)
    }

    /// Consumes digits eight bytes at a time while they stay within the 19 significant digits a
    /// UInt64 mantissa holds exactly, after the first significant digit (the callers take that
    /// one and any leading zeros); the digit loops after it take what is left. Most of Python's
    /// 17-digit scores go in two steps instead of seventeen.
    @inline(__always)
    mutating func consumeDigitRuns(_ mantissa: inout UInt64, _ significantDigits: inout Int, _ decimalExponent: inout Int, fraction: Bool) {
        while significantDigits <= 11, end - position >= 8 {
            // Each byte's digit value; a byte that is not a digit gets its high bit in `notDigit`
            // (masking to 7 bits first keeps the addition from carrying into the next byte).
            let digits = UnsafeRawPointer(base + position).loadUnaligned(as: UInt64.self) ^ 0x3030_3030_3030_3030
            let notDigit = (((digits & 0x7F7F_7F7F_7F7F_7F7F) &+ 0x7676_7676_7676_7676) | digits) & 0x8080_8080_8080_8080
            let count = notDigit == 0 ? 8 : notDigit.trailingZeroBitCount / 8
            if count == 0 { return }
            // The run's digits moved to the top bytes, zeros below: the same number.
            var value = digits << UInt64(8 * (8 - count))
            value = (value &* 2561) >> 8
            value = ((value & 0x00FF_00FF_00FF_00FF) &* 6_553_601) >> 16
            value = ((value & 0x0000_FFFF_0000_FFFF) &* 42_949_672_960_001) >> 32
            mantissa = mantissa &* numberTables.integer[count] &+ value
            significantDigits += count
            if fraction { decimalExponent -= count }
            position += count
            if count < 8 { return }
        }
    }

    /// Python's shortest repr often has 17 digits, too many for Clinger's fast path. On x86-64,
    /// Float80 holds any 64-bit mantissa and 10^0…10^27 exactly, so `m ÷ 10^q` (or `m × 10^q`) is one
    /// correctly rounded Float80 operation. Rounding that to Double is then correct unless the
    /// Float80 result sits exactly on a midpoint between two doubles (its low 11 bits are 100…0):
    /// rounding is monotonic and every double and midpoint is a Float80, so the true value and its
    /// Float80 rounding lie on the same side of every such boundary. Midpoints go to strtod.
    @inline(__always)
    func extendedPrecision(_ mantissa: UInt64, _ exponent: Int) -> Double? {
        #if arch(x86_64) && !os(Windows)
            guard exponent >= -27, exponent <= 27 else { return nil }
            let power = numberTables.extended[abs(exponent)]
            let result = exponent < 0 ? Float80(mantissa) / power : Float80(mantissa) * power
            guard result.significandBitPattern & 0x7FF != 0x400 else { return nil }
            return Double(result)
        #else
            return nil
        #endif
    }

    /// Correctly rounded conversion through the C library for the rare long or large literals.
    func slowParse(from start: Int) -> Double {
        let length = position - start
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: length + 1) { buffer in
            guard let pointer = buffer.baseAddress else { return .nan }
            memcpy(pointer, base + start, length)
            pointer[length] = 0
            return strtod(pointer, nil)
        }
    }

    func literalText(_ start: Int) -> String {
        String(decoding: UnsafeBufferPointer(start: base + start, count: min(position - start, 64)), as: UTF8.self)
    }
}

/// The number scanner's tables of powers of ten, which live as long as the process. Raw
/// pointers, not arrays: two decoding threads retaining one shared array buffer per number made
/// its reference count a contended cache line (measured: two threads no faster than one). Each
/// scanner keeps a copy of the pointers, because on Linux every read of a `static let` goes
/// through `swift_once` (2% of the 103 MB file's decode, per number).
struct NumberTables {
    /// 10⁰ … 10²², the powers of ten a double holds exactly (Clinger's fast path).
    let exact: UnsafePointer<Double> = NumberTables.powersOfTen(through: 22)
    /// 10⁰ … 10⁸, for `consumeDigitRuns`.
    let integer: UnsafePointer<UInt64> = NumberTables.powersOfTen(through: 8)
    #if arch(x86_64) && !os(Windows)
        /// 10⁰ … 10²⁷, exact in Float80 (`extendedPrecision`).
        let extended: UnsafePointer<Float80> = NumberTables.powersOfTen(through: 27)
    #endif

    nonisolated(unsafe) static let shared = NumberTables()

    private init() {}

    /// 10⁰ … 10^`last` in a table that lives as long as the process.
    static func powersOfTen<Value: Numeric>(through last: Int) -> UnsafePointer<Value> {
        let table = UnsafeMutablePointer<Value>.allocate(capacity: last + 1)
        var value: Value = 1
        for exponent in 0...last {
            table[exponent] = value
            if exponent < last { value *= 10 }
        }
        return UnsafePointer(table)
    }
}
