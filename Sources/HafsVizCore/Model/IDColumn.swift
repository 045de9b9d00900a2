/// A column of interned-name indices (a history entry's domain, generator and reason, a score's
/// metric), stored as narrow as its largest id allows: one byte each while every id is under
/// 256, two while under 65,536, four beyond. A history names a handful of domains and metrics,
/// so the 1.84M ids of a 103 MB history take 1.8 MB instead of 7.4. Widening keeps every value;
/// the column reads the same whatever its width.
public struct IDColumn: RandomAccessCollection, Sendable, Equatable, CustomStringConvertible {
    // One of the three is in use (`width` says which); the others stay empty. Three stored
    // arrays rather than an enum of them, so appending mutates an array in place.
    private var bytes: [UInt8] = []
    private var shorts: [UInt16] = []
    private var words: [Int32] = []
    /// Bytes per id now: 1, 2 or 4.
    public private(set) var width = 1

    public init() {}

    public init<S: Sequence>(_ ids: S) where S.Element == Int32 {
        append(contentsOf: ids)
    }

    public var startIndex: Int { 0 }

    public var endIndex: Int {
        switch width {
        case 1: bytes.count
        case 2: shorts.count
        default: words.count
        }
    }

    public subscript(index: Int) -> Int32 {
        switch width {
        case 1: Int32(bytes[index])
        case 2: Int32(shorts[index])
        default: words[index]
        }
    }

    /// Appends one id (ids are never negative: they index a name table).
    @inline(__always)
    public mutating func append(_ id: Int32) {
        precondition(id >= 0, "an id indexes a name table")
        if id > largestStorable { widen(toFit: id) }
        switch width {
        case 1: bytes.append(UInt8(truncatingIfNeeded: id))
        case 2: shorts.append(UInt16(truncatingIfNeeded: id))
        default: words.append(id)
        }
    }

    /// The largest id the current width holds.
    private var largestStorable: Int32 {
        switch width {
        case 1: Int32(UInt8.max)
        case 2: Int32(UInt16.max)
        default: Int32.max
        }
    }

    public mutating func append<S: Sequence>(contentsOf ids: S) where S.Element == Int32 {
        for id in ids { append(id) }
    }

    /// Appends `other`'s ids, each replaced by `map[id]` (when two name tables are merged), in
    /// one pass; a straight copy when the map is the identity and the widths match.
    public mutating func append(_ other: IDColumn, mappedThrough map: [Int32]) {
        guard let largest = map.max(), !other.isEmpty else { return }
        precondition(map.allSatisfy { $0 >= 0 }, "an id indexes a name table")
        if largest > largestStorable { widen(toFit: largest) }
        if width == other.width, map.indices.allSatisfy({ map[$0] == Int32($0) }) {
            switch width {
            case 1: bytes.append(contentsOf: other.bytes)
            case 2: shorts.append(contentsOf: other.shorts)
            default: words.append(contentsOf: other.words)
            }
            return
        }
        map.withUnsafeBufferPointer { map in
            other.withUnsafeIDs { ids in
                let mapped = (0..<ids.count).lazy.map { map[Int(ids[$0])] }
                switch width {
                case 1: bytes.append(contentsOf: mapped.map { UInt8(truncatingIfNeeded: $0) })
                case 2: shorts.append(contentsOf: mapped.map { UInt16(truncatingIfNeeded: $0) })
                default: words.append(contentsOf: mapped)
                }
            }
        }
    }

    public mutating func reserveCapacity(_ count: Int) {
        switch width {
        case 1: bytes.reserveCapacity(count)
        case 2: shorts.reserveCapacity(count)
        default: words.reserveCapacity(count)
        }
    }

    /// The ids through a raw view (no reference counting per read), for hot loops.
    public func withUnsafeIDs<R>(_ body: (IDBuffer) throws -> R) rethrows -> R {
        switch width {
        case 1: try bytes.withUnsafeBytes { try body(IDBuffer(base: $0.baseAddress, width: 1, count: bytes.count)) }
        case 2: try shorts.withUnsafeBytes { try body(IDBuffer(base: $0.baseAddress, width: 2, count: shorts.count)) }
        default: try words.withUnsafeBytes { try body(IDBuffer(base: $0.baseAddress, width: 4, count: words.count)) }
        }
    }

    /// Moves every id to the next width up that holds `id`.
    private mutating func widen(toFit id: Int32) {
        if width == 1, id <= Int32(UInt16.max) {
            shorts = bytes.map { UInt16($0) }
            width = 2
        } else if width < 4 {
            words = width == 1 ? bytes.map { Int32($0) } : shorts.map { Int32($0) }
            width = 4
        }
        bytes = []
        if width == 4 { shorts = [] }
    }

    /// Equal when they hold the same ids, whatever their widths.
    public static func == (a: IDColumn, b: IDColumn) -> Bool {
        a.count == b.count && a.elementsEqual(b)
    }

    public var description: String { "\(Array(self))" }
}

/// A read-only view of an `IDColumn`'s ids (valid only inside `withUnsafeIDs`).
public struct IDBuffer {
    let base: UnsafeRawPointer?
    let width: Int
    public let count: Int

    @inline(__always)
    public subscript(index: Int) -> Int32 {
        guard let base else { return 0 }
        switch width {
        case 1: return Int32(base.load(fromByteOffset: index, as: UInt8.self))
        case 2: return Int32(base.load(fromByteOffset: index * 2, as: UInt16.self))
        default: return base.load(fromByteOffset: index * 4, as: Int32.self)
        }
    }
}
