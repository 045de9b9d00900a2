import Foundation

/// Where a directory the user named is: on this machine, or on another one reached over SSH.
///
/// Remote forms, as scp and git spell them:
/// - `host:/path`, `user@host:/path`, `host:relative` (from the remote home);
/// - `ssh://[user@]host[:port]/path` (IPv6 hosts in brackets).
///
/// A path that exists here is local even when it holds a colon (`run:1`); `./run:1` always is.
public enum Location: Sendable, Equatable {
    case local(String)
    case remote(RemoteLocation)

    /// Reads `text` as a location; a host that begins with `-` or holds a space or a control
    /// character is refused (it could be taken for an ssh option).
    public static func parse(_ text: String, localExists: (String) -> Bool = { FileManager.default.fileExists(atPath: $0) })
        throws(LocationError) -> Location
    {
        if text.hasPrefix("ssh://") { return .remote(try parseURL(text)) }
        // scp's rule: a colon before any slash makes it remote, unless the path exists here.
        guard let colon = text.firstIndex(of: ":"), !text[..<colon].contains("/"), !text.hasPrefix("."), !localExists(text) else {
            return .local(text)
        }
        let authority = String(text[..<colon])
        let path = String(text[text.index(after: colon)...])
        let (user, host) = try splitUser(authority, in: text)
        return .remote(try RemoteLocation(user: user, host: host, port: nil, path: path.isEmpty ? "." : path))
    }

    /// How the location is shown and named: the path as given, or `host:path`.
    public var display: String {
        switch self {
        case .local(let path): path
        case .remote(let remote): remote.display
        }
    }

    private static func parseURL(_ text: String) throws(LocationError) -> RemoteLocation {
        let rest = text.dropFirst("ssh://".count)
        let slash = rest.firstIndex(of: "/") ?? rest.endIndex
        let authority = String(rest[..<slash])
        let path = slash < rest.endIndex ? String(rest[slash...]) : "."
        var (user, hostPort) = try splitUser(authority, in: text)
        var port: Int?
        if hostPort.hasPrefix("[") {
            // [v6 address] or [v6 address]:port
            guard let close = hostPort.firstIndex(of: "]") else { throw LocationError(text, "an IPv6 host needs its closing ]") }
            let after = hostPort[hostPort.index(after: close)...]
            if after.hasPrefix(":") { port = try portNumber(String(after.dropFirst()), in: text) }
            hostPort = String(hostPort[hostPort.index(after: hostPort.startIndex)..<close])
        } else if let colon = hostPort.lastIndex(of: ":") {
            port = try portNumber(String(hostPort[hostPort.index(after: colon)...]), in: text)
            hostPort = String(hostPort[..<colon])
        }
        if user?.isEmpty == true { user = nil }
        return try RemoteLocation(user: user, host: hostPort, port: port, path: path)
    }

    private static func splitUser(_ authority: String, in text: String) throws(LocationError) -> (String?, String) {
        guard let at = authority.lastIndex(of: "@") else { return (nil, authority) }
        let user = String(authority[..<at])
        guard !user.hasPrefix("-") else { throw LocationError(text, "a user name cannot begin with '-'") }
        return (user, String(authority[authority.index(after: at)...]))
    }

    private static func portNumber(_ text: String, in whole: String) throws(LocationError) -> Int {
        guard let port = Int(text), (1...65535).contains(port) else { throw LocationError(whole, "'\(text)' is not a port number") }
        return port
    }
}

/// A directory on another machine, read over SSH.
public struct RemoteLocation: Sendable, Hashable {
    public var user: String?
    public var host: String
    public var port: Int?
    /// As the remote shell resolves it: absolute, or relative to the remote home.
    public var path: String

    /// Checks the host (not empty; no leading `-`, space or control character) and the path
    /// (no NUL), so nothing here can reach ssh as an option.
    public init(user: String?, host: String, port: Int?, path: String) throws(LocationError) {
        let whole = (user.map { $0 + "@" } ?? "") + host + ":" + path
        guard !host.isEmpty else { throw LocationError(whole, "the host is empty") }
        guard !host.hasPrefix("-") else { throw LocationError(whole, "a host cannot begin with '-' (it would read as an ssh option)") }
        guard !host.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.value < 0x20 || $0.value == 0x7F }) else {
            throw LocationError(whole, "a host cannot hold spaces or control characters")
        }
        guard !path.contains("\0") else { throw LocationError(whole, "a path cannot hold a NUL byte") }
        self.user = user
        self.host = host
        self.port = port
        self.path = path
    }

    /// `host:path` (`user@host:path`), or the `ssh://` form when a port was given, as messages
    /// show it.
    public var display: String {
        let user = self.user.map { $0 + "@" } ?? ""
        guard let port else { return user + host + ":" + path }
        let bracketed = host.contains(":") ? "[\(host)]" : host
        return "ssh://" + user + bracketed + ":\(port)" + (path.hasPrefix("/") ? path : "/" + path)
    }
}

/// Why a location cannot be used: the text, and what is wrong with it.
public struct LocationError: Error, Sendable, Equatable, CustomStringConvertible {
    public var text: String
    public var reason: String

    public init(_ text: String, _ reason: String) {
        self.text = text
        self.reason = reason
    }

    public var description: String { "\(text): \(reason)" }
}
