/// Runs `body`, adding `component` to the front of the field path of any `JSONError` it throws.
/// The component is an autoclosure, so building it costs nothing unless there is an error.
@inline(__always)
func inPath<T>(_ component: @autoclosure () -> String, _ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch var error as JSONError {
        error.path.insert(component(), at: 0)
        throw error
    }
}

/// Tracks which known fields of one object were seen, to reject duplicated keys.
struct SeenFields {
    private var bits: UInt64 = 0

    /// Marks field number `bit` (0..<64) as seen; throws when it was seen before.
    @inline(__always)
    mutating func mark(_ bit: Int, _ key: JSONStringSpan, in scanner: JSONScanner) throws {
        let mask: UInt64 = 1 << UInt64(bit)
        if bits & mask != 0 {
            throw JSONError(.duplicateKey, "duplicate key \"\(key.decoded())\" in one object", offset: scanner.offset(of: key))
        }
        bits |= mask
    }
}

extension JSONScanner {
    /// Byte offset of a key's opening quote.
    func offset(of span: JSONStringSpan) -> Int {
        span.start - base - 1
    }

    /// Reads an object whose keys are free-form names (generator names, run ids, reasons), in file
    /// order, rejecting a name that appears twice.
    mutating func readNamedMembers<T>(_ read: (inout JSONScanner, String) throws -> T) throws -> [(String, T)] {
        var seen = Set<String>()
        var members: [(String, T)] = []
        try readObject { scanner, key in
            let name = key.decoded()
            guard seen.insert(name).inserted else {
                throw JSONError(.duplicateKey, "duplicate key \"\(name)\" in one object", offset: scanner.offset(of: key))
            }
            members.append((name, try inPath(name) { try read(&scanner, name) }))
        }
        return members
    }

    /// `{name: number}` in file order; `null` values are read as NaN (missing, never averaged).
    mutating func readNamedValues() throws -> [NamedValue] {
        try readNamedMembers { scanner, _ in try scanner.readOptionalDouble() ?? .nan }
            .map { NamedValue(name: $0.0, value: $0.1) }
    }

    /// `{name: integer}` in file order.
    mutating func readNamedCounts() throws -> [NamedCount] {
        try readNamedMembers { scanner, _ in try scanner.readInt() }
            .map { NamedCount(name: $0.0, count: $0.1) }
    }
}

/// Interns short names (domains, generators, reasons, metrics) straight from bytes, so the history
/// loop makes no String for a name it has seen. A handful of distinct names is the normal case:
/// their bytes sit in one buffer and are compared in order; past `linearLimit` a dictionary takes over.
struct NameInterner {
    private(set) var names: [String] = []
    private var storage: [UInt8] = []
    private var ranges: [(start: Int, count: Int)] = []
    private var lookup: [String: Int32] = [:]
    private static let linearLimit = 64

    @inline(__always)
    mutating func intern(_ span: JSONStringSpan) -> Int32 {
        if !span.hasEscapes, ranges.count <= NameInterner.linearLimit {
            let found: Int32? = storage.withUnsafeBufferPointer { stored in
                guard let storedBase = stored.baseAddress else { return nil }
                for index in ranges.indices where ranges[index].count == span.count {
                    if memcmp(storedBase + ranges[index].start, span.start, span.count) == 0 { return Int32(index) }
                }
                return nil
            }
            if let found { return found }
        }
        return intern(span.decoded())
    }

    mutating func intern(_ name: String) -> Int32 {
        if let index = lookup[name] { return index }
        let index = Int32(names.count)
        names.append(name)
        ranges.append((storage.count, name.utf8.count))
        storage.append(contentsOf: name.utf8)
        lookup[name] = index
        return index
    }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
