/// Hugging Face `trainer_state.json`: one JSON object, rewritten whole (into `checkpoint-<step>/`
/// every `save_steps`, and into the output folder by `save_state()` at the end).
///
/// `log_history` rows become points at their `step`: train rows (`loss`, `grad_norm`,
/// `learning_rate`), eval rows (`eval_loss`, `eval_<name>`, …) and the final row (`train_loss`,
/// `train_runtime`, …). Tags follow the names Hugging Face gives them in TensorBoard: `eval_x` is
/// `eval/x`, `test_x` is `test/x`, anything else `train/x`.
public struct TrainerState: Sendable, Equatable {
    var table = ScalarTable()
    var globalStep: Double?
    var maxSteps: Double?
    var epoch: Double?
    var numTrainEpochs: Double?
    var trainBatchSize: Double?

    /// HF's TensorBoard names.
    static func tag(for key: String) -> String {
        if key.hasPrefix("eval_") { return "eval/" + key.dropFirst(5) }
        if key.hasPrefix("test_") { return "test/" + key.dropFirst(5) }
        return "train/" + key
    }

    static func decode(_ scanner: inout JSONScanner) throws -> TrainerState {
        var state = TrainerState()
        try scanner.readObject { scanner, key in
            switch key.decoded() {
            case "global_step": state.globalStep = try scanner.readOptionalDouble()
            case "max_steps": state.maxSteps = try scanner.readOptionalDouble()
            case "epoch": state.epoch = try scanner.readOptionalDouble()
            case "num_train_epochs": state.numTrainEpochs = try scanner.readOptionalDouble()
            case "train_batch_size": state.trainBatchSize = try scanner.readOptionalDouble()
            case "log_history":
                try scanner.readArray { scanner, _ in
                    var step: Double?
                    var fields: [(String, Double)] = []
                    try scanner.readObject { scanner, key in
                        let name = key.decoded()
                        guard try scanner.peekKind() == .number else { return try scanner.skipValue() }
                        let value = try scanner.readDouble()
                        switch name {
                        case "step": step = value
                        case "epoch": break
                        default: fields.append((name, value))
                        }
                    }
                    for (name, value) in fields {
                        state.table.append(TrainerState.tag(for: name), step: step ?? .nan, value: value)
                    }
                }
            default: try scanner.skipValue()
            }
        }
        try scanner.expectEnd()
        return state
    }
}

/// `trainer_state.json` as a whole-file source, read from any folder (the output folder and
/// each `checkpoint-*/`): errors name its path.
struct TrainerStateSource: WholeFileSource {
    let path: String
    var fileName: String { path }

    func decode(_ bytes: UnsafeBufferPointer<UInt8>, checkpoint: (Int) throws -> Void) throws -> TrainerState {
        try DocumentDecoder.decode(bytes, fileName: path) { try TrainerState.decode(&$0) }
    }
}
