import Foundation

/// Completion for a typed directory path (Data ▸ Open Directory…): the folders that the text
/// could go on to name, and how many of the pipeline's files each holds.
public struct DirectoryCompletion: Sendable, Equatable {
    /// One folder the typed text could become.
    public struct Candidate: Sendable, Equatable {
        /// The path as the field would hold it, with a trailing "/".
        public var path: String
        public var name: String
        /// How many of `Snapshot.sources`' files it holds (0…3).
        public var dataFiles: Int
    }

    /// The folder listed (the typed text up to its last "/", with "~" expanded).
    public var parent: String
    public var candidates: [Candidate]
    /// Why nothing could be listed (no such folder, no permission); nil when listed.
    public var problem: String?
    /// Candidates beyond `limit` that were not listed.
    public var leftOut: Int

    /// The most candidates listed.
    public static let limit = 200

    /// Lists the folders under the typed text's parent whose names start with what follows its
    /// last "/" (case-sensitive matches first, then the others). Hidden folders are listed only
    /// when that part starts with ".". `home` replaces a leading "~".
    public init(typed: String, home: String = NSHomeDirectory()) {
        let expanded = DirectoryCompletion.expand(typed, home: home)
        let slash = expanded.lastIndex(of: "/")
        let parentPart = slash.map { String(expanded[...$0]) } ?? ""
        let partial = slash.map { String(expanded[expanded.index(after: $0)...]) } ?? expanded
        let listed = parentPart.isEmpty ? FileManager.default.currentDirectoryPath : parentPart
        parent = listed
        candidates = []
        problem = nil
        leftOut = 0
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: listed)
        } catch {
            problem =
                FileManager.default.fileExists(atPath: listed)
                ? "cannot list \(listed): \(DirectoryCompletion.reason(error))"
                : "no folder \(listed)"
            return
        }
        let showHidden = partial.hasPrefix(".")
        let lowered = partial.lowercased()
        var exact: [String] = []
        var folded: [String] = []
        for name in names where showHidden || !name.hasPrefix(".") {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: (listed as NSString).appendingPathComponent(name), isDirectory: &isDirectory),
                isDirectory.boolValue
            else { continue }
            if name.hasPrefix(partial) {
                exact.append(name)
            } else if name.lowercased().hasPrefix(lowered) {
                folded.append(name)
            }
        }
        let ordered =
            exact.sorted { $0.localizedStandardCompare($1) == .orderedAscending }
            + folded.sorted { $0.localizedStandardCompare($1) == .orderedAscending }
        leftOut = max(0, ordered.count - DirectoryCompletion.limit)
        candidates = ordered.prefix(DirectoryCompletion.limit).map { name in
            let path = (parentPart.isEmpty ? "" : parentPart) + name + "/"
            let full = (listed as NSString).appendingPathComponent(name)
            return Candidate(path: path, name: name, dataFiles: DirectoryCompletion.dataFileCount(full))
        }
    }

    /// The typed text extended as far as every case-sensitive candidate agrees (Tab); the
    /// text itself when none extends it.
    public func completed(_ typed: String, home: String = NSHomeDirectory()) -> String {
        let expanded = DirectoryCompletion.expand(typed, home: home)
        let exact = candidates.map(\.path).filter { $0.hasPrefix(expanded) }
        guard var common = exact.first else { return typed }
        for path in exact.dropFirst() {
            common = String(zip(common, path).prefix { $0 == $1 }.map(\.0))
        }
        return common.count > expanded.count ? common : typed
    }

    /// `typed` with a leading "~" (alone or before "/") replaced by `home`.
    public static func expand(_ typed: String, home: String) -> String {
        if typed == "~" { return home + "/" }
        if typed.hasPrefix("~/") { return home + typed.dropFirst() }
        return typed
    }

    /// How many of the pipeline's three files `directory` holds.
    public static func dataFileCount(_ directory: String) -> Int {
        Snapshot.sources.filter { FileManager.default.fileExists(atPath: (directory as NSString).appendingPathComponent($0.fileName)) }
            .count
    }

    /// Whether `path` names a folder (after "~").
    public static func isDirectory(_ path: String, home: String = NSHomeDirectory()) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: expand(path, home: home), isDirectory: &isDirectory) && isDirectory.boolValue
    }

    static func reason(_ error: Error) -> String {
        let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError
        if let code = underlying?.code, underlying?.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(code))) }
        return error.localizedDescription
    }
}
