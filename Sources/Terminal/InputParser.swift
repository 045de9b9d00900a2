import Figures

/// What the terminal sent: a key, a mouse button, or pasted text.
public enum TerminalEvent: Equatable, Sendable {
    case key(KeyPress)
    /// A button pressed (or released) at a cell, 0-based; button 0 left, 1 middle, 2 right,
    /// 64/65 wheel up/down (SGR mouse, 1006).
    case mouse(button: Int, x: Int, y: Int, pressed: Bool)
    /// Text pasted between the bracketed-paste markers (never taken for keys).
    case paste(String)
}

/// Turns the bytes a terminal sends into events. Keeps an unfinished sequence for the next
/// read. A lone Esc at the end of a read is Esc; Esc followed by a character in the same read is
/// Alt with that character (as terminals send Alt).
public struct InputParser {
    private var pending: [UInt8] = []

    public init() {}

    /// The events in `bytes` (with what an earlier read left unfinished).
    public mutating func parse(_ bytes: [UInt8]) -> [TerminalEvent] {
        pending += bytes
        var events: [TerminalEvent] = []
        var i = 0
        while i < pending.count {
            guard let (event, length) = InputParser.event(pending, at: i) else { break }
            if let event { events.append(event) }
            i += length
        }
        pending.removeFirst(i)
        return events
    }

    /// Whether an unfinished sequence waits (the caller may wait briefly, then `flush`).
    public var hasPending: Bool { !pending.isEmpty }

    /// Ends the wait: a lone Esc is Esc; a sequence that never finished is dropped.
    public mutating func flush() -> [TerminalEvent] {
        defer { pending = [] }
        return pending == [0x1B] ? [.key(KeyPress(.escape))] : []
    }

    /// The event at `i` and its length; nil when the bytes there are an unfinished sequence;
    /// (nil, n) for n bytes that mean nothing to us.
    static func event(_ b: [UInt8], at i: Int) -> (TerminalEvent?, Int)? {
        let byte = b[i]
        switch byte {
        case 0x1B:
            guard i + 1 < b.count else { return nil }
            let next = b[i + 1]
            if next == UInt8(ascii: "[") { return csi(b, at: i) }
            if next == UInt8(ascii: "O") {
                guard i + 2 < b.count else { return nil }
                let keys: [UInt8: Key] = [
                    UInt8(ascii: "P"): .f(1), UInt8(ascii: "Q"): .f(2), UInt8(ascii: "R"): .f(3), UInt8(ascii: "S"): .f(4),
                    UInt8(ascii: "A"): .up, UInt8(ascii: "B"): .down, UInt8(ascii: "C"): .right, UInt8(ascii: "D"): .left,
                    UInt8(ascii: "H"): .home, UInt8(ascii: "F"): .end,
                ]
                return (keys[b[i + 2]].map { .key(KeyPress($0)) }, 3)
            }
            if next == 0x1B { return (.key(KeyPress(.escape)), 1) }
            // Alt + a character.
            guard let (inner, length) = event(b, at: i + 1) else { return nil }
            if case .key(var press)? = inner {
                press.modifiers.insert(.alt)
                return (.key(press), length + 1)
            }
            return (inner, length + 1)
        case 0x0D, 0x0A: return (.key(KeyPress(.enter)), 1)
        case 0x09: return (.key(KeyPress(.tab)), 1)
        case 0x7F, 0x08: return (.key(KeyPress(.backspace)), 1)
        case 0x00: return (.key(KeyPress(.character(" "), .control)), 1)
        case 0x01...0x1A: return (.key(KeyPress(.character(Character(UnicodeScalar(byte + 0x60))), .control)), 1)
        case 0x1C...0x1F: return (nil, 1)
        default:
            // UTF-8: the sequence's length from its first byte.
            let length = byte < 0x80 ? 1 : byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC0 ? 2 : 1
            guard i + length <= b.count else { return nil }
            let text = String(decoding: b[i..<i + length], as: UTF8.self)
            guard let character = text.first, text != "\u{FFFD}" else { return (nil, length) }
            if character.isUppercase, character.isLetter {
                return (.key(KeyPress(.character(Character(character.lowercased())), .shift)), length)
            }
            return (.key(KeyPress(.character(character))), length)
        }
    }

    /// `ESC [` … a control sequence: cursor and function keys, SGR mouse, bracketed paste.
    static func csi(_ b: [UInt8], at i: Int) -> (TerminalEvent?, Int)? {
        var j = i + 2
        while j < b.count, !(0x40...0x7E).contains(b[j]) { j += 1 }
        guard j < b.count else { return nil }
        let final = b[j]
        let body = String(decoding: b[(i + 2)..<j], as: UTF8.self)
        let length = j - i + 1
        if body == "200", final == UInt8(ascii: "~") {
            // Bracketed paste: everything up to ESC[201~.
            let end: [UInt8] = Array("\u{1B}[201~".utf8)
            var k = j + 1
            while k + end.count <= b.count {
                if Array(b[k..<k + end.count]) == end {
                    return (.paste(String(decoding: b[(j + 1)..<k], as: UTF8.self)), k + end.count - i)
                }
                k += 1
            }
            return nil
        }
        if body.hasPrefix("<"), final == UInt8(ascii: "M") || final == UInt8(ascii: "m") {
            let numbers = body.dropFirst().split(separator: ";").compactMap { Int($0) }
            guard numbers.count == 3 else { return (nil, length) }
            return (.mouse(button: numbers[0], x: numbers[1] - 1, y: numbers[2] - 1, pressed: final == UInt8(ascii: "M")), length)
        }
        let parts = body.split(separator: ";").map(String.init)
        var modifiers = Modifiers()
        if parts.count >= 2, let code = Int(parts[1]), code > 1 {
            let bits = code - 1
            if bits & 1 != 0 { modifiers.insert(.shift) }
            if bits & 2 != 0 { modifiers.insert(.alt) }
            if bits & 4 != 0 { modifiers.insert(.control) }
        }
        let key: Key?
        switch final {
        case UInt8(ascii: "A"): key = .up
        case UInt8(ascii: "B"): key = .down
        case UInt8(ascii: "C"): key = .right
        case UInt8(ascii: "D"): key = .left
        case UInt8(ascii: "H"): key = .home
        case UInt8(ascii: "F"): key = .end
        case UInt8(ascii: "Z"):
            key = .tab
            modifiers.insert(.shift)
        case UInt8(ascii: "~"):
            let tilde: [String: Key] = [
                "1": .home, "3": .delete, "4": .end, "5": .pageUp, "6": .pageDown, "7": .home, "8": .end,
                "11": .f(1), "12": .f(2), "13": .f(3), "14": .f(4), "15": .f(5), "17": .f(6), "18": .f(7), "19": .f(8), "20": .f(9),
                "21": .f(10), "23": .f(11), "24": .f(12),
            ]
            key = parts.first.flatMap { tilde[$0] }
        default: key = nil
        }
        return (key.map { .key(KeyPress($0, modifiers)) }, length)
    }
}
