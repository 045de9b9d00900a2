// metadata.csv: one row per point of latent.npy, any columns, a header first (docs/latent.md).
// Each column colours the map: a column whose every non-empty value is a number is numeric (a
// colour ramp over its range), any other is categorical (its most common values get the class
// colours, the rest share one "other").

import Foundation

/// One column of metadata.csv.
public struct MetadataColumn: Sendable {
    public enum Values: Sendable {
        /// NaN where the cell was empty.
        case numbers([Double])
        /// Each point's category index into `categories` (−1: empty).
        case categories([Int32], categories: [String], counts: [Int])
    }

    public var name: String
    public var values: Values
}

/// A metadata.csv, read and checked against the number of points.
public struct MetadataTable: Sendable {
    public static let fileName = "metadata.csv"
    public var columns: [MetadataColumn]

    /// Parses `data` (RFC 4180 quoting, CRLF or LF, an optional BOM); it must have `points` rows
    /// after the header.
    public init(data: Data, points: Int) throws(MetadataError) {
        var bytes = data[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        guard let text = String(data: Data(bytes), encoding: .utf8) else { throw MetadataError("is not UTF-8 text") }
        // "\r\n" is one Character to Swift, so both line ends are separators.
        var lines = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" }
        while let last = lines.last, last.isEmpty { lines.removeLast() }
        guard let headerLine = lines.first else { throw MetadataError("is empty (it needs a header row)") }
        let header = CSVMetricsParser.split(String(headerLine))
        let rows = lines.dropFirst()
        guard rows.count == points else {
            throw MetadataError("has \(rows.count) rows, latent.npy has \(points) points")
        }
        var cells = [[String]](repeating: [], count: header.count)
        for column in cells.indices { cells[column].reserveCapacity(points) }
        for (offset, line) in rows.enumerated() {
            let fields = CSVMetricsParser.split(String(line))
            guard fields.count == header.count else {
                throw MetadataError("line \(offset + 2): \(fields.count) fields, the header has \(header.count)")
            }
            for column in header.indices { cells[column].append(fields[column]) }
        }
        columns = header.indices.map { column in
            MetadataTable.column(named: header[column].isEmpty ? "column \(column + 1)" : header[column], cells[column])
        }
    }

    static func column(named name: String, _ cells: [String]) -> MetadataColumn {
        var numbers = [Double](repeating: .nan, count: cells.count)
        var numeric = true
        for (index, cell) in cells.enumerated() {
            let trimmed = cell.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { continue }
            guard let value = Double(trimmed) else {
                numeric = false
                break
            }
            numbers[index] = value
        }
        if numeric { return MetadataColumn(name: name, values: .numbers(numbers)) }
        var indexOf: [String: Int32] = [:]
        var categories: [String] = []
        var counts: [Int] = []
        let codes = cells.map { cell -> Int32 in
            if cell.isEmpty { return -1 }
            if let known = indexOf[cell] {
                counts[Int(known)] += 1
                return known
            }
            let code = Int32(categories.count)
            indexOf[cell] = code
            categories.append(cell)
            counts.append(1)
            return code
        }
        return MetadataColumn(name: name, values: .categories(codes, categories: categories, counts: counts))
    }

    /// Reads `directory/metadata.csv`; nil when there is none.
    public static func read(directory: String, points: Int) throws(MetadataError) -> MetadataTable? {
        let path = (directory as NSString).appendingPathComponent(fileName)
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        guard let data = FileManager.default.contents(atPath: path) else { throw MetadataError("could not be read") }
        return try MetadataTable(data: data, points: points)
    }
}

/// What is wrong with a metadata.csv.
public struct MetadataError: Error, CustomStringConvertible, Equatable {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { "metadata.csv: \(message)" }
}
