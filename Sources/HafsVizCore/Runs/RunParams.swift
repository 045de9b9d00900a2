import Figures

/// A run's hyperparameters as its log states them (MLflow's `params/`, later others), in the
/// order they were read. A run is compared with others by them: `runs --json` lists them.
public struct RunParams: Sendable, Equatable {
    /// One parameter's value: a number where the text reads as one, so runs can be plotted by it.
    public enum Value: Sendable, Equatable, CustomStringConvertible {
        case number(Double)
        case bool(Bool)
        case text(String)

        /// A value written as text (MLflow writes every parameter so): a finite number when the
        /// whole text reads as one, `true`/`false` (any case) as a flag, else the text.
        public init(text: String) {
            let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
            if let number = Double(trimmed), number.isFinite {
                self = .number(number)
            } else if trimmed.lowercased() == "true" || trimmed.lowercased() == "false" {
                self = .bool(trimmed.lowercased() == "true")
            } else {
                self = .text(text)
            }
        }

        public var description: String {
            switch self {
            case .number(let value): Format.value(value, significant: 6)
            case .bool(let value): value ? "true" : "false"
            case .text(let text): text
            }
        }

        /// The value on a numeric axis (a flag as 0 or 1); nil for text.
        public var number: Double? {
            switch self {
            case .number(let value): value
            case .bool(let value): value ? 1 : 0
            case .text: nil
            }
        }
    }

    public private(set) var names: [String] = []
    private var values: [String: Value] = [:]

    public init() {}

    public var isEmpty: Bool { names.isEmpty }
    public var count: Int { names.count }

    public subscript(name: String) -> Value? { values[name] }

    /// Sets `name` (a new name goes last; a known one keeps its place).
    public mutating func set(_ name: String, _ value: Value) {
        if values.updateValue(value, forKey: name) == nil { names.append(name) }
    }
}
