// latent.toml: how the Latent workspace trains the model behind the map (docs/latent.md).
//
//   command = "python3 train.py --epochs {epochs} --kl-weight {kl_weight}"
//   metrics = "metrics.jsonl"                  # any format the Runs workspace reads
//   outputs = ["latent.npy", "predictions.npy", "certainty.npy"]
//   epochs = 20                                # the epochs box's default
//
//   [params.kl_weight]
//   min = 0.0
//   max = 2.0
//   default = 0.5
//
// `{epochs}`, `{dir}` (the directory, quoted for the shell), `{labels}` (labels.csv, quoted)
// and each parameter by name are filled in; any other `{name}` is an error, found when the file
// is read, not when Start is pressed. Braces around anything but a name (JSON, `${VAR}`) are left
// to the command.

import Figures
import Foundation
import TOMLKit

/// A parameter of the training command: a slider from `min` to `max`.
public struct TrainingParameter: Sendable, Equatable {
    public var name: String
    public var min: Double
    public var max: Double
    public var defaultValue: Double
    /// Whole numbers only (all three bounds written as integers).
    public var isInteger: Bool
}

/// A `latent.toml`, read and checked.
public struct TrainingConfig: Sendable, Equatable {
    public static let fileName = "latent.toml"

    /// The command, with placeholders, run by `/bin/sh -c` in the directory.
    public var command: String
    /// The metrics file the command writes, relative to the directory.
    public var metrics: String?
    /// The files the command rewrites (reloaded when it exits 0).
    public var outputs: [String]
    public var epochs: Int
    public var parameters: [TrainingParameter]

    /// Placeholders always filled in.
    public static let builtInPlaceholders: Set<String> = ["epochs", "dir", "labels"]

    /// Parses the text of a latent.toml; the error says what is wrong and where.
    public init(toml text: String) throws(TrainingConfigError) {
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw TrainingConfigError("line \(error.source.begin.line): \(error.description)")
        } catch {
            throw TrainingConfigError("\(error)")
        }
        guard let command = table["command"]?.string, !command.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw TrainingConfigError("needs command = \"…\" (the training command, e.g. \"python3 train.py --epochs {epochs}\")")
        }
        self.command = command
        if let metrics = table["metrics"] {
            guard let name = metrics.string else { throw TrainingConfigError("metrics must be a file name (a string)") }
            self.metrics = name
        }
        if let outputs = table["outputs"] {
            guard let array = outputs.array else { throw TrainingConfigError("outputs must be a list of file names") }
            self.outputs = try array.map { value throws(TrainingConfigError) in
                guard let name = value.string else { throw TrainingConfigError("outputs must be a list of file names") }
                return name
            }
        } else {
            self.outputs = []
        }
        if let epochs = table["epochs"] {
            guard let value = epochs.int, value >= 1 else { throw TrainingConfigError("epochs must be a whole number from 1") }
            self.epochs = value
        } else {
            self.epochs = 10
        }
        var parameters: [TrainingParameter] = []
        if let params = table["params"] {
            guard let params = params.table else { throw TrainingConfigError("[params] must be a table of [params.NAME] tables") }
            for (name, value) in params {
                guard let spec = value.table else { throw TrainingConfigError("params.\(name) must be a table with min, max and default") }
                func number(_ key: String) throws(TrainingConfigError) -> (Double, Bool) {
                    guard let entry = spec[key] else { throw TrainingConfigError("params.\(name) needs \(key)") }
                    if let int = entry.int { return (Double(int), true) }
                    if let double = entry.double, double.isFinite { return (double, false) }
                    throw TrainingConfigError("params.\(name).\(key) must be a number")
                }
                let (low, lowInt) = try number("min")
                let (high, highInt) = try number("max")
                let (initial, initialInt) = try number("default")
                guard low < high else { throw TrainingConfigError("params.\(name): min (\(low)) must be below max (\(high))") }
                guard initial >= low, initial <= high else {
                    throw TrainingConfigError("params.\(name): default \(initial) is outside \(low)…\(high)")
                }
                parameters.append(
                    TrainingParameter(name: name, min: low, max: high, defaultValue: initial, isInteger: lowInt && highInt && initialInt))
            }
        }
        self.parameters = parameters.sorted { $0.name < $1.name }
        let known = TrainingConfig.builtInPlaceholders.union(self.parameters.map(\.name))
        for name in TrainingConfig.placeholders(in: command) where !known.contains(name) {
            throw TrainingConfigError("command uses {\(name)}, which is neither a [params.\(name)] nor one of {epochs}, {dir}, {labels}")
        }
    }

    /// Reads `directory/latent.toml`; nil when there is none.
    public static func read(directory: String) throws(TrainingConfigError) -> TrainingConfig? {
        let path = (directory as NSString).appendingPathComponent(fileName)
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        guard let data = FileManager.default.contents(atPath: path) else { throw TrainingConfigError("could not be read") }
        guard let text = String(data: data, encoding: .utf8) else { throw TrainingConfigError("is not UTF-8 text") }
        return try TrainingConfig(toml: text)
    }

    /// The names inside `{…}` in `command`, in order. Only a name (letters, digits, `_`, not
    /// starting with a digit) makes a placeholder: other braces (JSON, the shell's `${VAR}`)
    /// are the command's own.
    static func placeholders(in command: String) -> [String] {
        var names: [String] = []
        _ = substitute(command) {
            names.append($0)
            return nil
        }
        return names
    }

    /// `command` with each placeholder replaced by `value(name)` (kept as written when nil).
    static func substitute(_ command: String, _ value: (String) -> String?) -> String {
        var result = ""
        var rest = command[...]
        while let open = rest.firstIndex(of: "{") {
            result += rest[..<open]
            let after = rest.index(after: open)
            let end = rest[after...].firstIndex { !(($0.isLetter || $0.isNumber || $0 == "_") && $0.isASCII) } ?? rest.endIndex
            let name = rest[after..<end]
            let isPlaceholder = end < rest.endIndex && rest[end] == "}" && name.first.map { !$0.isNumber } == true && !result.hasSuffix("$")
            if isPlaceholder, let replacement = value(String(name)) {
                result += replacement
                rest = rest[rest.index(after: end)...]
            } else {
                result.append("{")
                rest = rest[after...]
            }
        }
        return result + rest
    }

    /// The command with every placeholder filled in: numbers as written, paths quoted for the shell.
    public func commandLine(epochs: Int, values: [String: Double], directory: String) -> String {
        // Absolute: the command runs inside the directory, where a relative path (as typed on
        // the command line) would name something else.
        let directory = URL(fileURLWithPath: directory).standardizedFileURL.path
        return TrainingConfig.substitute(command) { name in
            switch name {
            case "epochs": return "\(epochs)"
            case "dir": return TrainingConfig.shellQuoted(directory)
            case "labels": return TrainingConfig.shellQuoted((directory as NSString).appendingPathComponent(LatentDataset.labelsFile))
            default:
                guard let parameter = parameters.first(where: { $0.name == name }) else { return nil }
                return TrainingConfig.format(values[name] ?? parameter.defaultValue, integer: parameter.isInteger)
            }
        }
    }

    /// A value as the command gets it: whole numbers without a fraction, others with up to six
    /// significant digits.
    public static func format(_ value: Double, integer: Bool) -> String {
        Format.value(integer ? value.rounded() : value)
    }

    static func shellQuoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}

/// What is wrong with a latent.toml.
public struct TrainingConfigError: Error, CustomStringConvertible, Equatable {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { "latent.toml: \(message)" }
}
