import Foundation
import Testing

@testable import HafsVizCore

/// Each format's hyperparameters, as its writer lays them out.
@Suite("Run params")
struct RunParamsTests {
    /// Writes `files` under a new folder and reads it as `runs` does.
    static func report(_ files: [String: String]) throws -> (RunsReport, TemporaryDirectory) {
        let folder = TemporaryDirectory()
        for (path, text) in files {
            let full = folder.path + "/" + path
            try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: URL(fileURLWithPath: full))
        }
        return (RunsReport.read([LogdirSource(local: folder.path)]), folder)
    }

    @Test("TensorBoard: the hparams plugin's session start info, as tensorboardX's add_hparams wrote it")
    func tensorboardHParams() throws {
        let expected = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: TestPaths.fixture("hparams/EXPECTED.json"))))
                as? [String: Any])
        let report = RunsReport.read(logdir: TestPaths.fixture("hparams"))
        #expect(report.runs.map(\.name) == expected["runs"] as? [String])
        let run = try #require(report.runs.first { $0.name == expected["params_run"] as? String })
        let want = try #require(expected["params"] as? [String: Any])
        #expect(Set(run.params.names) == Set(want.keys))
        #expect(run.params["lr"] == .number(try #require(want["lr"] as? Double)))
        #expect(run.params["batch_size"] == .number(try #require(want["batch_size"] as? Double)))
        #expect(run.params["optimizer"] == .text(try #require(want["optimizer"] as? String)))
        #expect(run.params["bf16"] == .bool(try #require(want["bf16"] as? Bool)))
    }

    @Test("Lightning: hparams.yaml's plain values kept (nested ones flattened), Python-tagged ones skipped and named with their line")
    func lightningHParams() throws {
        let yaml = """
            learning_rate: 0.0003
            batch_size: 32
            model:
              hidden_size: 512
              activation: gelu
            compile: false
            betas:
            - 0.9
            - 0.95
            precision: !!python/name:torch.bfloat16 ''
            scheduler: !!python/object:argparse.Namespace
              name: cosine
            seed: null

            """
        let (report, _) = try RunParamsTests.report([
            "lightning_logs/version_3/metrics.csv": "epoch,step,train_loss\n0,9,0.5\n", "lightning_logs/version_3/hparams.yaml": yaml,
        ])
        let run = try #require(report.runs.first)
        #expect(
            run.params.names == ["learning_rate", "batch_size", "model.hidden_size", "model.activation", "compile", "betas", "seed"])
        #expect(run.params["learning_rate"] == .number(0.0003) && run.params["model.hidden_size"] == .number(512))
        #expect(run.params["compile"] == .bool(false) && run.params["betas"] == .text("[0.9, 0.95]"))
        #expect(!run.isFailed, "a skipped value is a note, not a failure")
        let note = try #require(run.notes.first, "the skipped values are said")
        #expect(note.file.hasSuffix("hparams.yaml"))
        #expect(
            note.message
                == "2 values with tags a YAML reader cannot build skipped: precision (!!python/name:torch.bfloat16, line 10), scheduler (!!python/object:argparse.Namespace, line 11); 7 kept",
            "\(note.message)")
    }

    @Test("Hugging Face: trainer_state.json's batch size, epochs and max steps, and the model's config.json sizes")
    func huggingFace() throws {
        let state = """
            {"best_metric": null, "epoch": 1.5, "eval_steps": 50, "global_step": 300, "max_steps": 600,
             "num_train_epochs": 3, "train_batch_size": 8, "log_history": [{"epoch": 0.5, "loss": 2.1, "step": 100}]}
            """
        let config = """
            {"_name_or_path": "gpt2", "activation_function": "gelu_new", "architectures": ["GPT2LMHeadModel"],
             "model_type": "gpt2", "n_embd": 768, "n_head": 12, "n_layer": 12, "vocab_size": 50257,
             "torch_dtype": "float32", "use_cache": true, "resid_pdrop": 0.1}
            """
        let (report, _) = try RunParamsTests.report([
            "gpt2-sft/checkpoint-300/trainer_state.json": state, "gpt2-sft/checkpoint-300/config.json": config,
        ])
        let run = try #require(report.runs.first)
        #expect(run.name == "gpt2-sft")
        #expect(run.params["train_batch_size"] == .number(8) && run.params["num_train_epochs"] == .number(3))
        #expect(run.params["max_steps"] == .number(600))
        #expect(run.params["config.model_type"] == .text("gpt2") && run.params["config.torch_dtype"] == .text("float32"))
        #expect(run.params["config.n_embd"] == .number(768) && run.params["config.vocab_size"] == .number(50257))
        #expect(run.params["config.resid_pdrop"] == .number(0.1))
        #expect(run.params["config.use_cache"] == nil && run.params["config._name_or_path"] == nil, "flags and names are no sizes")
    }
}
