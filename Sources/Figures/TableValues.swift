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
