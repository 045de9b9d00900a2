/// A named number, kept in file order (thresholds, eval metrics, effectiveness tables).
public struct NamedValue: Sendable, Equatable {
    public var name: String
    public var value: Double

    public init(name: String, value: Double) {
        self.name = name
        self.value = value
    }
}

/// A named count, kept in file order (rejection reasons, domain distributions).
public struct NamedCount: Sendable, Equatable {
    public var name: String
    public var count: Int

    public init(name: String, count: Int) {
        self.name = name
        self.count = count
    }
}
