import Foundation
import Testing

@testable import HafsVizCore

@Suite("latent.toml, the training process, metadata.csv")
struct LatentTrainingTests {
    @Test("latent.toml: command, metrics, outputs, epochs and parameters; placeholders filled, paths quoted, other braces left alone")
    func config() throws {
        let config = try TrainingConfig(
            toml: """
                command = "python3 train.py --epochs {epochs} --kl {kl_weight} --layers {layers} --dir {dir} --json '{\\"a\\": 1}' ${HOME}"
                metrics = "metrics.jsonl"
                outputs = ["latent.npy", "certainty.npy"]
                epochs = 12

                [params.kl_weight]
                min = 0.0
                max = 2.0
                default = 0.5

                [params.layers]
                min = 1
                max = 8
                default = 3
                """)
        #expect(config.metrics == "metrics.jsonl")
        #expect(config.outputs == ["latent.npy", "certainty.npy"])
        #expect(config.epochs == 12)
        #expect(config.parameters.map(\.name) == ["kl_weight", "layers"])
        #expect(config.parameters[1].isInteger && !config.parameters[0].isInteger)
        #expect(
            config.commandLine(epochs: 7, values: ["kl_weight": 1.25, "layers": 4.4], directory: "/data/it's")
                == "python3 train.py --epochs 7 --kl 1.25 --layers 4 --dir '/data/it'\\''s' --json '{\"a\": 1}' ${HOME}")
        // A relative directory (as typed after `hafs-viz latent`) becomes absolute: the command
        // runs inside it, where the relative path would name something else.
        let cwd = FileManager.default.currentDirectoryPath
        #expect(config.commandLine(epochs: 1, values: [:], directory: "runs/./demo").contains("--dir '\(cwd)/runs/demo'"))
    }

    @Test("latent.toml mistakes are named: no command, an unknown placeholder, min above max, a default outside, a syntax error's line")
    func configErrors() {
        func error(_ text: String) -> String? {
            do {
                _ = try TrainingConfig(toml: text)
                return nil
            } catch {
                return error.message
            }
        }
        #expect(error("metrics = \"m.jsonl\"")?.hasPrefix("needs command") == true)
        #expect(
            error("command = \"train {epochs} {lr}\"")
                == "command uses {lr}, which is neither a [params.lr] nor one of {epochs}, {dir}, {labels}")
        #expect(error("command = \"t\"\n[params.a]\nmin = 2\nmax = 1\ndefault = 1") == "params.a: min (2.0) must be below max (1.0)")
        #expect(error("command = \"t\"\n[params.a]\nmin = 0\nmax = 1\ndefault = 3") == "params.a: default 3.0 is outside 0.0…1.0")
        #expect(error("command = \"t\"\nepochs = 0") == "epochs must be a whole number from 1")
        #expect(error("command = \"t\"\n\nepochs = = 3")?.hasPrefix("line 3:") == true)
    }

    @Test("the training process: its output and exit status; a missing command is exit 127")
    func process() {
        let directory = NSTemporaryDirectory()
        let run = TrainingProcess(commandLine: "echo one; echo two >&2; printf 'three'; exit 3", directory: directory)
        #expect(run.waitUntilExit())
        #expect(run.outcome == .exited(3))
        #expect(run.output.lines == ["one", "two", "three"])
        let missing = TrainingProcess(commandLine: "no-such-command-hafs", directory: directory)
        #expect(missing.waitUntilExit())
        #expect(missing.outcome == .exited(127))
        #expect(missing.outcome.summary == "exit 127: the command was not found (see the log)")
        let cwd = TrainingProcess(commandLine: "pwd", directory: "/usr")
        #expect(cwd.waitUntilExit())
        #expect(cwd.output.lines == ["/usr"])
    }

    @Test("Cancel ends the whole process group: the command and what it started in the background")
    func cancelEndsTheGroup() throws {
        let run = TrainingProcess(commandLine: "sleep 60 & echo $!; sleep 60", directory: NSTemporaryDirectory())
        let deadline = Date().addingTimeInterval(10)
        while run.output.lines.isEmpty, Date() < deadline { usleep(10_000) }
        let child = try #require(run.output.lines.first.flatMap { pid_t($0) })
        #expect(kill(child, 0) == 0)
        run.cancel()
        #expect(run.waitUntilExit(timeout: 10))
        #expect(run.outcome == .signalled(SIGTERM))
        // The background sleep got the signal too (it may take a moment to be reaped by init).
        var gone = false
        for _ in 0..<200 where !gone {
            gone = kill(child, 0) != 0
            if !gone { usleep(10_000) }
        }
        #expect(gone)
    }

    @Test("metadata.csv: numeric and categorical columns, quoted fields, a BOM and CRLF; a wrong row count or field count is an error")
    func metadata() throws {
        let table = try MetadataTable(data: Data("\u{FEFF}name,score,\"note\"\r\n\"a, b\",1.5,x\r\nc,,y\r\nc,-2,\r\n".utf8), points: 3)
        #expect(table.columns.map(\.name) == ["name", "score", "note"])
        guard case .categories(let codes, let categories, let counts) = table.columns[0].values else {
            Issue.record("name is not categorical")
            return
        }
        #expect(categories == ["a, b", "c"])
        #expect(codes == [0, 1, 1])
        #expect(counts == [1, 2])
        guard case .numbers(let values) = table.columns[1].values else {
            Issue.record("score is not numeric")
            return
        }
        #expect(values[0] == 1.5 && values[1].isNaN && values[2] == -2)
        #expect(throws: MetadataError("has 3 rows, latent.npy has 4 points")) {
            try MetadataTable(data: Data("a\n1\n2\n3\n".utf8), points: 4)
        }
        #expect(throws: MetadataError("line 3: 1 fields, the header has 2")) {
            try MetadataTable(data: Data("a,b\n1,2\n3\n".utf8), points: 2)
        }
    }
}
