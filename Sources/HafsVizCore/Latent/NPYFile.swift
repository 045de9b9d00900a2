// NPYFile: numpy's `.npy` arrays, read without numpy (docs/latent.md has the format).
//
// The file is memory-mapped; values are read from the mapping on demand, so a 1M × 64 float
// array costs its pages as they are touched, not a copy. Only what the latent explorer needs
// is accepted (little-endian f4, f8, i4, i8 and u1, C order); anything else is refused with a
// message that names the file and what it holds.

import Foundation

/// The element types a `.npy` array may hold here.
public enum NPYType: String, Sendable, CaseIterable {
    case float32 = "<f4"
    case float64 = "<f8"
    case int32 = "<i4"
    case int64 = "<i8"
    case uint8 = "|u1"

    /// Bytes per element.
    public var size: Int {
        switch self {
        case .float32, .int32: 4
        case .float64, .int64: 8
        case .uint8: 1
        }
    }

    /// numpy writes one-byte types with "|", but "<u1" and "=u1" mean the same.
    init?(descr: String) {
        if descr == "<u1" || descr == "=u1" || descr == "|u1" || descr == "u1" {
            self = .uint8
            return
        }
        self.init(rawValue: descr.replacingOccurrences(of: "=", with: "<"))
    }
}

/// Why a `.npy` file cannot be read.
public struct NPYError: Error, Equatable, CustomStringConvertible, Sendable {
    public var path: String
    public var reason: String

    public var description: String { "\((path as NSString).lastPathComponent): \(reason)" }
}

/// A read-only memory mapping of a whole file, unmapped when the last reference goes: the
/// guarded mapping of `FileBytes(mapping:size:)`. A file truncated under it (numpy's `save`
/// rewrites in place) reads as zeros past its new end and sets `wasTruncated`, instead of ending
/// the process with SIGBUS.
final class MappedFile: Sendable {
    /// nil for an empty file.
    private let mapping: FileBytes?

    /// The file's bytes, valid while this object lives.
    var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: mapping?.base, count: mapping?.count ?? 0) }

    init(path: String) throws {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw NPYError(path: path, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw NPYError(path: path, reason: String(cString: strerror(errno))) }
        let size = Int(info.st_size)
        guard size > 0 else {
            mapping = nil
            return
        }
        guard let mapping = FileBytes(mapping: fd, size: size) else {
            throw NPYError(path: path, reason: "cannot map it: \(String(cString: strerror(errno)))")
        }
        self.mapping = mapping
    }

    /// Whether a read found the file shorter than when it was mapped (the bytes past its new end
    /// read as zeros).
    var wasTruncated: Bool { mapping?.wasTruncated ?? false }
}

/// One `.npy` array: its type, its shape, and its values on demand.
public struct NPYArray: Sendable {
    public let path: String
    public let type: NPYType
    public let shape: [Int]
    /// The header's version (1, 2 or 3).
    public let version: Int
    private let file: MappedFile
    private let dataOffset: Int

    /// Elements in all.
    public var count: Int { shape.reduce(1, *) }
    /// Whether the file was truncated under its mapping when values were read: those past its
    /// new end read as 0. Check after reading.
    public var wasTruncated: Bool { file.wasTruncated }
    /// The first dimension (rows); 1 for a 0-d array.
    public var rows: Int { shape.first ?? 1 }
    /// Elements per row (the product of the other dimensions).
    public var rowWidth: Int { shape.dropFirst().reduce(1, *) }

    /// Maps and checks `path`: magic, version, header, type, order, and that the data is all
    /// there.
    public init(path: String) throws {
        let file = try MappedFile(path: path)
        let bytes = file.bytes
        func fail(_ reason: String) -> NPYError { NPYError(path: path, reason: reason) }
        let magic: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59]  // \x93NUMPY
        guard bytes.count >= 10 else { throw fail(bytes.isEmpty ? "empty file" : "too short to be a .npy file (\(bytes.count) bytes)") }
        guard Array(bytes[0..<6]) == magic else { throw fail("not a .npy file (no \\x93NUMPY magic at its start)") }
        let major = Int(bytes[6])
        let headerLength: Int
        let headerStart: Int
        switch major {
        case 1:
            headerLength = Int(bytes[8]) | Int(bytes[9]) << 8
            headerStart = 10
        case 2, 3:
            guard bytes.count >= 12 else { throw fail("truncated in its header length") }
            headerLength = Int(bytes[8]) | Int(bytes[9]) << 8 | Int(bytes[10]) << 16 | Int(bytes[11]) << 24
            headerStart = 12
        default:
            throw fail("format version \(major).\(bytes[7]) is not one this reader knows (1.0, 2.0, 3.0)")
        }
        guard headerStart + headerLength <= bytes.count else {
            throw fail("truncated: the header says \(headerLength) bytes, the file ends after \(bytes.count - headerStart)")
        }
        let headerBytes = Array(bytes[headerStart..<(headerStart + headerLength)])
        // v3 headers are UTF-8; earlier ones Latin-1 (which every byte decodes as).
        let header = major == 3 ? String(decoding: headerBytes, as: UTF8.self) : String(headerBytes.map { Character(Unicode.Scalar($0)) })
        let dictionary = try NPYHeader.parse(header).get(orThrow: {
            fail("unreadable header (\($0)): \(header.trimmingCharacters(in: .whitespacesAndNewlines))")
        })
        guard case .string(let descr)? = dictionary["descr"] else { throw fail("the header has no 'descr' string") }
        guard case .bool(let fortran)? = dictionary["fortran_order"] else { throw fail("the header has no 'fortran_order'") }
        guard case .tuple(let shape)? = dictionary["shape"] else { throw fail("the header has no 'shape' tuple") }
        guard let type = NPYType(descr: descr) else {
            let kind =
                descr.contains("O")
                ? "Python objects (dtype=object), which only Python can read"
                : descr.hasPrefix(">") ? "big-endian values (\(descr))" : "values of type \(descr)"
            throw fail("holds \(kind); use float32, float64, int32, int64 or uint8 (np.save(path, array.astype(np.float32)))")
        }
        guard !fortran else {
            throw fail("is in Fortran order; save it in C order (np.save(path, np.ascontiguousarray(array)))")
        }
        guard shape.allSatisfy({ $0 >= 0 }) else { throw fail("has a negative dimension in its shape \(shape)") }
        let (count, overflow) = shape.reduce((1, false)) { partial, dimension in
            let (product, o) = partial.0.multipliedReportingOverflow(by: dimension)
            return (product, partial.1 || o)
        }
        let dataOffset = headerStart + headerLength
        guard !overflow, count <= (bytes.count - dataOffset) / type.size else {
            let expected = overflow ? "more than a file can hold" : "\(count * type.size) bytes"
            throw fail(
                "truncated: shape \(NPYHeader.shapeText(shape)) of \(descr) needs \(expected) of data, the file has \(bytes.count - dataOffset)"
            )
        }
        self.path = path
        self.type = type
        self.shape = shape
        self.version = major
        self.file = file
        self.dataOffset = dataOffset
    }

    /// Element `index` (in C order) as a Double.
    @inline(__always)
    public func double(_ index: Int) -> Double {
        let offset = dataOffset + index * type.size
        let bytes = file.bytes
        switch type {
        case .float32: return Double(bytes.loadUnaligned(fromByteOffset: offset, as: Float.self))
        case .float64: return bytes.loadUnaligned(fromByteOffset: offset, as: Double.self)
        case .int32: return Double(bytes.loadUnaligned(fromByteOffset: offset, as: Int32.self))
        case .int64: return Double(bytes.loadUnaligned(fromByteOffset: offset, as: Int64.self))
        case .uint8: return Double(bytes[offset])
        }
    }

    /// Element `index` as an Int (floats rounded toward zero; NaN and out-of-range give nil).
    public func int(_ index: Int) -> Int? {
        let value = double(index)
        guard value.isFinite, abs(value) < 9.2e18 else { return nil }
        return Int(value)
    }

    /// Column `column` of a 2-d array, as Doubles.
    public func column(_ column: Int) -> [Double] {
        let width = rowWidth
        return (0..<rows).map { double($0 * width + column) }
    }

    /// Row `row`'s elements (the other dimensions flattened), as Doubles.
    public func row(_ row: Int) -> [Double] {
        let width = rowWidth
        return (0..<width).map { double(row * width + $0) }
    }

    /// Row `row` of a uint8 array as bytes (an image), without conversion.
    public func bytes(ofRow row: Int) -> [UInt8]? {
        guard type == .uint8 else { return nil }
        let width = rowWidth
        let start = dataOffset + row * width
        return Array(file.bytes[start..<(start + width)])
    }
}

/// The header dictionary: numpy writes a Python dict literal with string keys and values that
/// are strings, booleans or tuples of ints.
enum NPYHeader {
    enum Value: Equatable {
        case string(String)
        case bool(Bool)
        case tuple([Int])
    }

    static func parse(_ text: String) -> Result<[String: Value], ParseFailure> {
        var scanner = Scanner(Array(text.unicodeScalars))
        return Result { try scanner.dictionary() }.mapError { $0 as? ParseFailure ?? ParseFailure(message: "\($0)") }
    }

    static func shapeText(_ shape: [Int]) -> String {
        shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
    }

    struct ParseFailure: Error {
        var message: String
    }

    struct Scanner {
        let scalars: [Unicode.Scalar]
        var index = 0

        init(_ scalars: [Unicode.Scalar]) { self.scalars = scalars }

        mutating func skipSpace() { while index < scalars.count, scalars[index].properties.isWhitespace { index += 1 } }

        mutating func expect(_ character: Unicode.Scalar) throws {
            skipSpace()
            guard index < scalars.count, scalars[index] == character else {
                throw ParseFailure(message: "expected '\(character)' at character \(index)")
            }
            index += 1
        }

        mutating func peek() -> Unicode.Scalar? {
            skipSpace()
            return index < scalars.count ? scalars[index] : nil
        }

        mutating func dictionary() throws -> [String: Value] {
            try expect("{")
            var result: [String: Value] = [:]
            while peek() != "}" {
                let key = try string()
                try expect(":")
                result[key] = try value()
                if peek() == "," { index += 1 } else { break }
            }
            try expect("}")
            return result
        }

        mutating func string() throws -> String {
            guard let quote = peek(), quote == "'" || quote == "\"" else {
                throw ParseFailure(message: "expected a string at character \(index)")
            }
            index += 1
            var out = ""
            while index < scalars.count, scalars[index] != quote {
                out.unicodeScalars.append(scalars[index])
                index += 1
            }
            guard index < scalars.count else { throw ParseFailure(message: "unterminated string") }
            index += 1
            return out
        }

        mutating func value() throws -> Value {
            switch peek() {
            case "'", "\"": return .string(try string())
            case "(": return .tuple(try tuple())
            default:
                for (word, value) in [("True", true), ("False", false)] where match(word) { return .bool(value) }
                throw ParseFailure(message: "unexpected value at character \(index)")
            }
        }

        mutating func match(_ word: String) -> Bool {
            let target = Array(word.unicodeScalars)
            guard index + target.count <= scalars.count, Array(scalars[index..<(index + target.count)]) == target else { return false }
            index += target.count
            return true
        }

        mutating func tuple() throws -> [Int] {
            try expect("(")
            var values: [Int] = []
            while peek() != ")" {
                var digits = ""
                while index < scalars.count, scalars[index].properties.numericType != nil || scalars[index] == "-" {
                    digits.unicodeScalars.append(scalars[index])
                    index += 1
                }
                // numpy 1.x on some platforms wrote longs as "60000L".
                if index < scalars.count, scalars[index] == "L" { index += 1 }
                guard let value = Int(digits) else {
                    throw ParseFailure(message: "expected a whole number in the shape at character \(index)")
                }
                values.append(value)
                if peek() == "," { index += 1 } else { break }
            }
            try expect(")")
            return values
        }
    }
}

extension Result {
    /// The success value, or `map(failure)` thrown.
    func get(orThrow map: (Failure) -> Error) throws -> Success {
        switch self {
        case .success(let value): return value
        case .failure(let failure): throw map(failure)
        }
    }
}
