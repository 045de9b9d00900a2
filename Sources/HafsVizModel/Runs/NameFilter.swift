import Foundation

/// A regular expression typed into a filter box (case-insensitive, anywhere in the name). An
/// empty pattern matches everything; so does a pattern that does not compile, and `problem`
/// says why, so a half-typed expression never empties the screen.
public struct NameFilter: Sendable, Equatable {
    public let pattern: String
    /// Why the pattern does not compile; nil when it does (or is empty).
    public let problem: String?
    private let regex: Regex?

    /// `NSRegularExpression` is not `Sendable`; the filter keeps only the compiled pattern's
    /// source and matches through this immutable box.
    private final class Regex: @unchecked Sendable {
        let expression: NSRegularExpression
        init(_ expression: NSRegularExpression) { self.expression = expression }
    }

    public init(_ pattern: String = "") {
        self.pattern = pattern
        if pattern.isEmpty {
            regex = nil
            problem = nil
            return
        }
        do {
            regex = Regex(try NSRegularExpression(pattern: pattern, options: [.caseInsensitive]))
            problem = nil
        } catch {
            regex = nil
            problem = "not a regular expression: \(pattern)"
        }
    }

    public var isActive: Bool { regex != nil }

    public func matches(_ name: String) -> Bool {
        guard let regex else { return true }
        return regex.expression.firstMatch(in: name, range: NSRange(name.startIndex..., in: name)) != nil
    }

    public static func == (a: NameFilter, b: NameFilter) -> Bool { a.pattern == b.pattern }
}
