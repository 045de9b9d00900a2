/// Decodes `training_feedback.json` (format: docs/data-format.md).
enum TrainingFeedbackDecoder {
    static func decode(_ scanner: inout JSONScanner, checkpoint: (Int) throws -> Void) throws -> TrainingFeedback {
        var result = TrainingFeedback()
        var seen = SeenFields()
        try scanner.readObject { scanner, key in
            if key.equals("training_runs") {
                try seen.mark(0, key, in: scanner)
                result.runs = try inPath("training_runs") {
                    try scanner.readNamedMembers { scanner, id in
                        try checkpoint(scanner.position)
                        return try decodeRun(&scanner, id: id)
                    }.map(\.1)
                }
            } else if key.equals("domain_effectiveness") {
                try seen.mark(1, key, in: scanner)
                result.domainEffectiveness = try inPath("domain_effectiveness") { try scanner.readNamedValues() }
            } else if key.equals("quality_threshold_effectiveness") {
                try seen.mark(2, key, in: scanner)
                result.thresholdEffectiveness = try inPath("quality_threshold_effectiveness") { try scanner.readNamedValues() }
            } else if key.equals("last_updated") {
                try seen.mark(3, key, in: scanner)
                result.lastUpdated = try inPath("last_updated") { try scanner.readOptionalString() }
            } else {
                try scanner.skipValue()
            }
        }
        try scanner.expectEnd()
        return result
    }

    static func decodeRun(_ scanner: inout JSONScanner, id: String) throws -> TrainingRun {
        var run = TrainingRun(id: id)
        var seen = SeenFields()
        try scanner.readObject { scanner, key in
            if key.equals("model_name") {
                try seen.mark(0, key, in: scanner)
                run.modelName = try inPath("model_name") { try scanner.readOptionalString() ?? "" }
            } else if key.equals("base_model") {
                try seen.mark(1, key, in: scanner)
                run.baseModel = try inPath("base_model") { try scanner.readOptionalString() ?? "" }
            } else if key.equals("dataset_path") {
                try seen.mark(2, key, in: scanner)
                run.datasetPath = try inPath("dataset_path") { try scanner.readOptionalString() ?? "" }
            } else if key.equals("samples_count") {
                try seen.mark(3, key, in: scanner)
                run.samplesCount = try inPath("samples_count") { try scanner.readInt() }
            } else if key.equals("domain_distribution") {
                try seen.mark(4, key, in: scanner)
                run.domainDistribution = try inPath("domain_distribution") { try scanner.readNamedCounts() }
            } else if key.equals("start_time") {
                try seen.mark(5, key, in: scanner)
                run.startTime = try inPath("start_time") { try scanner.readOptionalString() }
            } else if key.equals("end_time") {
                try seen.mark(6, key, in: scanner)
                run.endTime = try inPath("end_time") { try scanner.readOptionalString() }
            } else if key.equals("final_loss") {
                try seen.mark(7, key, in: scanner)
                run.finalLoss = try inPath("final_loss") { try scanner.readOptionalDouble() }
            } else if key.equals("eval_metrics") {
                try seen.mark(8, key, in: scanner)
                run.evalMetrics = try inPath("eval_metrics") { try scanner.readNamedValues() }
            } else if key.equals("notes") {
                try seen.mark(9, key, in: scanner)
                run.notes = try inPath("notes") { try scanner.readOptionalString() ?? "" }
            } else {
                try scanner.skipValue()
            }
        }
        return run
    }
}
