import Foundation
import Yams

/// PyTorch Lightning's `hparams.yaml` (beside `metrics.csv`): the run's hyperparameters, read
/// again when the file changes. Real files carry Python object tags (`!!python/object:…`,
/// `!!python/name:torch.float32`) that a safe YAML loader rejects: those values are skipped and
/// named in a note; every plain scalar is kept (nested mappings flattened with `.`; a list as
/// its YAML text).
struct HParamsYAMLFile {
    private(set) var params = RunParams()
    /// What was skipped, or why the file could not be read.
    private(set) var note: RunLogError?
    private var signature: FileSignature?
    let path: String

    init(path: String) { self.path = path }

    /// Reads the file when it changed; true when the params or the note did.
    mutating func refresh() -> Bool {
        let now = FileSignature(path: path)
        guard now != signature else { return false }
        signature = now
        let before = (params, note)
        params = RunParams()
        note = nil
        guard now != nil, let data = FileManager.default.contents(atPath: path) else { return before.0 != params || before.1 != note }
        do {
            guard let root = try Yams.compose(yaml: String(decoding: data, as: UTF8.self)) else { return before.0 != params }
            var skipped: [String] = []
            HParamsYAMLFile.flatten(root, "", into: &params, skipped: &skipped)
            if !skipped.isEmpty {
                note = RunLogError(
                    file: path,
                    message: "\(skipped.count) value\(skipped.count == 1 ? "" : "s") with tags a YAML reader cannot build skipped: "
                        + skipped.joined(separator: ", ") + "; \(params.count) kept")
            }
        } catch {
            note = RunLogError(file: path, message: "not YAML hafs-viz can read (\(error)); its params are left out")
        }
        return before.0 != params || before.1 != note
    }

    /// Whether `tag` is one of YAML's own (or none): anything else names a type of the program
    /// that wrote it.
    static func isPlain(_ tag: Tag) -> Bool {
        let name = tag.description
        return name.isEmpty || name == "!" || (name.hasPrefix("tag:yaml.org,2002:") && !name.hasPrefix("tag:yaml.org,2002:python/"))
    }

    static func flatten(_ node: Node, _ key: String, into params: inout RunParams, skipped: inout [String]) {
        guard isPlain(node.tag) else {
            let type = node.tag.description.replacingOccurrences(of: "tag:yaml.org,2002:", with: "!!")
            skipped.append("\(key.isEmpty ? "(the whole file)" : key) (\(type), line \((node.mark?.line).map(String.init) ?? "?"))")
            return
        }
        switch node {
        case .mapping(let mapping):
            for (name, value) in mapping {
                let part = name.string ?? "?"
                flatten(value, key.isEmpty ? part : key + "." + part, into: &params, skipped: &skipped)
            }
        case .scalar:
            guard !key.isEmpty else { return }
            if let flag = node.bool, node.tag.description == Tag.Name.bool.rawValue {
                params.set(key, .bool(flag))
            } else if let number = node.float,
                node.tag.description == Tag.Name.int.rawValue || node.tag.description == Tag.Name.float.rawValue
            {
                params.set(key, .number(number))
            } else if node.tag.description == Tag.Name.null.rawValue {
                params.set(key, .text("null"))
            } else {
                params.set(key, .text(node.string ?? ""))
            }
        case .sequence:
            guard !key.isEmpty else { return }
            // Any item with a program's type makes the list unreadable as a whole.
            var inner: [String] = []
            for item in node.sequence ?? [] where !isPlain(item.tag) { inner.append(item.tag.description) }
            let items = node.sequence.map { Array($0) } ?? []
            if inner.isEmpty, items.allSatisfy({ $0.scalar != nil }) {
                params.set(key, .text("[" + items.map { $0.string ?? "" }.joined(separator: ", ") + "]"))
            } else if inner.isEmpty, let text = try? Yams.serialize(node: node) {
                params.set(key, .text(text.trimmingCharacters(in: .whitespacesAndNewlines)))
            } else {
                skipped.append("\(key) (a list holding \(inner.first ?? "typed items"))")
            }
        case .alias:
            skipped.append("\(key) (an alias)")
        }
    }
}
