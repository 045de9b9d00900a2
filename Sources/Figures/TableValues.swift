import Foundation

// Tables and inspectors as plain values: what a model hands to a front end's table widget.

/// One column of a table.
public struct TableColumn: Sendable {
    public var title: String
    /// Numeric columns sort by `TableCell.value` and are right-aligned.
    public var numeric: Bool
    /// Share of the table's width, relative to the other columns.
    public var weight: Float
    /// Whether it gives way when the columns do not fit; a record's name should not, and
    /// numeric columns never do unless nothing else can.
    public var shrinks: Bool

    public init(_ title: String, numeric: Bool = false, weight: Float = 1, shrinks: Bool = true) {
        self.title = title
        self.numeric = numeric
        self.weight = weight
        self.shrinks = shrinks
    }
}

extension TableColumn {
    /// Gives way when the columns do not fit: text columns that may shrink.
    public var givesWay: Bool { shrinks && !numeric }
}

/// One cell: the text shown and, in a numeric column, the value it sorts by. Cells without a
/// value (nil or NaN) sort after every number, in both directions.
public struct TableCell: Sendable, Equatable {
    public var text: String
    public var value: Double?

    public init(_ text: String) {
        self.text = text
        value = nil
    }

    public init(_ value: Double?, _ text: String) {
        self.text = text
        self.value = value
    }

    public init(_ count: Int) {
        text = "\(count)"
        value = Double(count)
    }
}

/// One record of a table; `id` names it for the selection.
public struct TableRow: Sendable {
    public var id: String
    public var cells: [TableCell]

    public init(id: String, cells: [TableCell]) {
        self.id = id
        self.cells = cells
    }
}

/// One field of a record in an inspector. A value with several lines (a list) takes one row
/// per line, its name on the first.
public struct InspectorField: Sendable, Equatable {
    public var name: String
    public var value: String
    /// A heading row (no value) that groups the fields after it.
    public var isHeading: Bool

    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
        isHeading = false
    }

    /// A heading row.
    public static func heading(_ title: String) -> InspectorField {
        var field = InspectorField(title, "")
        field.isHeading = true
        return field
    }
}

/// A keyboard move of a table's selection, sent by the app's action table.
public enum TableMove: Sendable, Equatable {
    case previous, next, pageUp, pageDown, first, last

    /// The place (in the rows as shown, `count` of them, `pageRows` to a page) the selection
    /// moves to from `current` (nil: none selected: down starts at the top, up at the bottom).
    public func target(from current: Int?, count: Int, pageRows: Int) -> Int {
        let last = max(count - 1, 0)
        switch self {
        case .next: return current.map { min($0 + 1, last) } ?? 0
        case .previous: return current.map { max($0 - 1, 0) } ?? last
        case .pageDown: return current.map { min($0 + pageRows, last) } ?? 0
        case .pageUp: return current.map { max($0 - pageRows, 0) } ?? 0
        case .first: return 0
        case .last: return last
        }
    }
}

/// How a table is sorted: by a column, either way, or in the rows' own order.
public struct TableSort: Sendable, Equatable {
    public var column: Int?
    public var ascending: Bool

    public init(column: Int? = nil, ascending: Bool = true) {
        self.column = column
        self.ascending = ascending
    }

    /// A header click: ascending, then descending, then the rows' own order.
    public func clicked(_ column: Int) -> TableSort {
        guard self.column == column else { return TableSort(column: column, ascending: true) }
        return ascending ? TableSort(column: column, ascending: false) : TableSort()
    }

    /// The indices of `rows` kept by `filter` (case-insensitive, any cell), in this order.
    /// Ties keep the rows' own order.
    public func order(_ rows: [TableRow], columns: [TableColumn], filter: String) -> [Int] {
        let needle = filter.trimmingCharacters(in: .whitespaces).lowercased()
        var kept =
            needle.isEmpty
            ? Array(rows.indices)
            : rows.indices.filter { rows[$0].cells.contains { $0.text.lowercased().contains(needle) } }
        guard let column, columns.indices.contains(column) else { return kept }
        let numeric = columns[column].numeric
        let ascending = self.ascending
        func cell(_ row: Int) -> TableCell? { rows[row].cells.indices.contains(column) ? rows[row].cells[column] : nil }
        kept.sort { a, b in
            if numeric {
                let x = cell(a)?.value.flatMap { $0.isNaN ? nil : $0 }
                let y = cell(b)?.value.flatMap { $0.isNaN ? nil : $0 }
                switch (x, y) {
                case (let x?, let y?) where x != y: return ascending ? x < y : x > y
                case (nil, _?): return false
                case (_?, nil): return true
                default: return a < b
                }
            }
            let x = cell(a)?.text ?? ""
            let y = cell(b)?.text ?? ""
            let comparison = x.localizedStandardCompare(y)
            if comparison == .orderedSame { return a < b }
            return ascending ? comparison == .orderedAscending : comparison == .orderedDescending
        }
        return kept
    }
}
