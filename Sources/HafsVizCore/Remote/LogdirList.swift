import Foundation

/// Several logdirs read as one, local and remote (`hafs-viz runs a node7:/b`, `--logdir`
/// given more than once). Where the app passes one logdir around as text (the settings, Recent,
/// a workspace's folder), several travel as one text: the logdirs joined by newlines. One logdir
/// is a list of one, unchanged; a logdir whose name holds a newline cannot be one of several.
public enum LogdirList {
    public static let separator: Character = "\n"

    /// `logdirs` as one text.
    public static func join(_ logdirs: [String]) -> String { logdirs.joined(separator: String(separator)) }

    /// The logdirs a text names (one for a plain path).
    public static func split(_ text: String) -> [String] {
        let parts = text.split(separator: separator, omittingEmptySubsequences: true).map(String.init)
        return parts.isEmpty ? [text] : parts
    }

    /// How people read it: "runs + node7:/data/runs".
    public static func display(_ text: String) -> String { split(text).joined(separator: " + ") }

    /// Each logdir as a source: a local folder, or a remote one read through its copy. A text
    /// that is not a valid location (a host that begins with '-') is read as a local path.
    public static func sources(_ text: String, interactive: Bool = false, ssh: SSHCommand = SSHCommand(), cacheRoot: String? = nil)
        -> [LogdirSource]
    {
        split(text).map { logdir in
            (try? LogdirSource(logdir, interactive: interactive, ssh: ssh, cacheRoot: cacheRoot)) ?? LogdirSource(local: logdir)
        }
    }

    /// The runs of every source as people should read them (`LogdirSource.presented`); a name
    /// that more than one source has gets its logdir after it ("run_a · sweep2"), so no two
    /// runs share one.
    public static func presented(_ logs: [(source: LogdirSource, log: RunLog)]) -> [RunLog] {
        let shown = logs.map { $0.source.presented($0.log) }
        var sources: [String: Set<String>] = [:]
        for (index, log) in shown.enumerated() { sources[log.name, default: []].insert(logs[index].source.text) }
        return shown.enumerated().map { index, log in
            guard (sources[log.name]?.count ?? 0) > 1 else { return log }
            var log = log
            log.location.name += " · " + logs[index].source.text
            return log
        }
    }
}
