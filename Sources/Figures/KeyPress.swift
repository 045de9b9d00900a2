/// Keys the UI reacts to (a small, named subset; letters and digits by character).
public enum Key: Hashable, Sendable {
    case escape, enter, tab, backspace, delete, home, end, pageUp, pageDown
    case left, right, up, down
    case f(Int)
    case character(Character)
}

/// Modifier keys held with a key or click.
public struct Modifiers: OptionSet, Hashable, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    public static let shift = Modifiers(rawValue: 1)
    public static let control = Modifiers(rawValue: 2)
    public static let alt = Modifiers(rawValue: 4)
    public static let `super` = Modifiers(rawValue: 8)
}

/// A key press (or auto-repeat) with the modifiers held.
public struct KeyPress: Hashable, Sendable {
    public var key: Key
    public var modifiers: Modifiers

    public init(_ key: Key, _ modifiers: Modifiers = []) {
        self.key = key
        self.modifiers = modifiers
    }
}
