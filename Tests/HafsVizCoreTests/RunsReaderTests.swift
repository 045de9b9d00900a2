import Foundation
import Testing

@testable import HafsVizCore

/// The run readers against the numbers their fixtures were written with
/// (`Scripts/make_runs_fixtures.py` writes `EXPECTED.json` from the values it logged), and the
/// incremental tail against appends that split records at every byte.
@Suite("Run logs")
struct RunsReaderTests {
    /// One run of an `EXPECTED.json`.
    struct ExpectedRun {
        var name: String
        var format: String
        var status: String
        var errorContains: [String]
        var tags: [String: [String: Any]]
    }

    func expected(_ logdir: String) throws -> [ExpectedRun] {
        let data = try Data(contentsOf: URL(fileURLWithPath: TestPaths.fixture(logdir + "/EXPECTED.json")))
        let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let runs = try #require(root["runs"] as? [[String: Any]])
        return try runs.map { run in
            ExpectedRun(
                name: try #require(run["name"] as? String), format: try #require(run["format"] as? String),
                status: try #require(run["status"] as? String), errorContains: run["error_contains"] as? [String] ?? [],
                tags: try #require(run["tags"] as? [String: [String: Any]]))
        }
    }

    /// Compares a report with the writer's own numbers, exactly (Python's repr round-trips).
    func check(_ logdir: String) throws {
        let report = RunsReport.read(logdir: TestPaths.fixture(logdir))
        let want = try expected(logdir)
        #expect(report.runs.map(\.name) == want.map(\.name), "runs found, by name")
        for (run, expected) in zip(report.runs, want) {
            #expect(run.format.id == expected.format, "\(run.name)")
            #expect((run.isFailed ? "failed" : "ok") == expected.status, "\(run.name): \(run.errors)")
            let message = run.errors.map(\.description).joined(separator: "; ")
            for fragment in expected.errorContains {
                #expect(message.contains(fragment), "\(run.name): \(message) should say \(fragment)")
            }
            let figures = Dictionary(uniqueKeysWithValues: RunsReport.figures(run).map { ($0.tag, $0.figures) })
            #expect(Set(figures.keys) == Set(expected.tags.keys), "\(run.name): tags")
            for (tag, want) in expected.tags {
                guard let got = figures[tag] else { continue }
                // Written as Python's repr text; Double(String) rounds correctly.
                func number(_ key: String) -> Double? { (want[key] as? String).flatMap { Double($0) } }
                #expect(got.points == want["points"] as? Int, "\(run.name) \(tag): points")
                #expect(got.firstStep == number("first_step") && got.lastStep == number("last_step"), "\(run.name) \(tag): steps")
                #expect(same(got.lastValue, number("last_value")), "\(run.name) \(tag): last value \(String(describing: got.lastValue))")
                #expect(got.min == number("min") && got.max == number("max"), "\(run.name) \(tag): min/max")
            }
        }
    }

    /// Same tags and points, values compared by bit pattern (the logs hold NaN, never == itself).
    func sameTags(_ a: ScalarTable, _ b: ScalarTable) -> Bool {
        a.names == b.names
            && zip(a.series, b.series).allSatisfy { x, y in
                x.steps == y.steps && x.values.map(\.bitPattern) == y.values.map(\.bitPattern)
                    && x.wallTimes.map(\.bitPattern) == y.wallTimes.map(\.bitPattern)
            }
    }

    /// Equal, with a non-finite value matching JSON's null.
    func same(_ got: Double?, _ want: Double?) -> Bool {
        guard let got, got.isFinite else { return want == nil }
        return got == want
    }

    @Test("the demo logdir: one run per format, every value as written")
    func demoLogdir() throws {
        try check("runs")
    }

    @Test("bad logs: torn tail ok; bad CRCs, a ragged row, a non-JSON line reported with their place; the other points kept")
    func badLogdir() throws {
        try check("runs-bad")
    }

    @Test("the progress a log states: Hugging Face max_steps and epochs, MLflow status and name")
    func progress() throws {
        let report = RunsReport.read(logdir: TestPaths.fixture("runs"))
        let hf = try #require(report.runs.first { $0.format.id == "trainer_state" })
        #expect(hf.progress.step == 300 && hf.progress.maxSteps == 300 && hf.progress.epochs == 3)
        let mlflow = try #require(report.runs.first { $0.format.id == "mlflow" })
        #expect(mlflow.displayName == "run_20251215_52c3" && mlflow.progress.status == "FINISHED")
        let lightning = try #require(report.runs.first { $0.format.id == "lightning_csv" })
        #expect(lightning.progress.epoch == 4, "the last epoch cell")
    }

    // MARK: - Incremental tails

    /// A temporary log file that a test writes in pieces.
    final class GrowingFile {
        let directory = TemporaryDirectory()
        let path: String

        init(name: String) {
            path = directory.path + "/" + name
        }

        func write(_ bytes: ArraySlice<UInt8>, append: Bool) throws {
            if append, let handle = FileHandle(forWritingAtPath: path) {
                try handle.seekToEnd()
                try handle.write(contentsOf: Data(bytes))
                try handle.close()
            } else {
                try Data(bytes).write(to: URL(fileURLWithPath: path))
            }
        }
    }

    /// For every byte position inside the record or line that spans `spanning` (an offset):
    /// write the file up to it, read, append the rest, read again. The first read must hold the
    /// points of the whole records before the cut, the second exactly what one read of the whole
    /// file gives.
    func splitEverywhere(_ content: [UInt8], name: String, format: any LogFormat, recordStart: Int, recordEnd: Int) throws {
        let whole = GrowingFile(name: name)
        try whole.write(content[...], append: false)
        let reference = RunReader(location: RunLocation(name: "r", directory: whole.directory.path, format: format, files: [whole.path]))
        reference.refresh()
        let full = reference.log().tags
        let before = GrowingFile(name: name)
        try before.write(content[..<recordStart], append: false)
        let prefixReader = RunReader(
            location: RunLocation(name: "r", directory: before.directory.path, format: format, files: [before.path]))
        prefixReader.refresh()
        let pointsBefore = prefixReader.log().tags.pointCount
        #expect(full.pointCount > pointsBefore)

        for cut in recordStart...recordEnd {
            let file = GrowingFile(name: name)
            try file.write(content[..<cut], append: false)
            let reader = RunReader(location: RunLocation(name: "r", directory: file.directory.path, format: format, files: [file.path]))
            reader.refresh()
            let first = reader.log()
            // JSONL takes a last line before its newline once it parses as a whole object.
            let lineWithoutNewline = format.id == "jsonl" && cut == recordEnd - 1
            let expectedFirst = cut == recordEnd || lineWithoutNewline ? nil : pointsBefore
            if let expectedFirst {
                #expect(first.tags.pointCount == expectedFirst, "cut at \(cut): only whole records are read")
            }
            #expect(first.errors.isEmpty, "cut at \(cut): a torn record is not an error: \(first.errors)")
            try file.write(content[cut...], append: true)
            reader.refresh()
            let second = reader.log()
            #expect(sameTags(second.tags, full), "cut at \(cut): after the rest arrives, the same points as one read")
            #expect(second.errors.isEmpty)
        }
    }

    @Test("a TensorBoard event file split at every byte of one record")
    func tfeventsSplits() throws {
        let path = TestPaths.fixture("runs/run_20251216_8f4b/events.out.tfevents.1766197716.hafs-train.5120.0.v2")
        let content = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        // Walk the framing to the 10th record.
        var at = 0
        for _ in 0..<10 {
            let length = content[at..<(at + 8)].enumerated().reduce(0) { $0 | Int($1.element) << (8 * $1.offset) }
            at += 12 + length + 4
        }
        let length = content[at..<(at + 8)].enumerated().reduce(0) { $0 | Int($1.element) << (8 * $1.offset) }
        try splitEverywhere(
            content, name: "events.out.tfevents.1.host", format: TFEventsFormat(), recordStart: at, recordEnd: at + 12 + length + 4)
    }

    @Test("a JSONL line, a Keras CRLF row and an MLflow line split at every byte")
    func lineSplits() throws {
        let jsonl = Array((0..<6).map { #"{"step": \#($0), "loss": \#(1.0 / Double($0 + 1)), "lr": NaN}"# + "\n" }.joined().utf8)
        let third = jsonl.indices.filter { jsonl[$0] == 0x0A }[2] + 1
        let fourth = jsonl.indices.filter { jsonl[$0] == 0x0A }[3] + 1
        try splitEverywhere(jsonl, name: "metrics.jsonl", format: JSONLFormat(), recordStart: third, recordEnd: fourth)

        let keras = Array(
            ("epoch,loss,val_loss\r\n" + (0..<5).map { "\($0),\(0.5 / Double($0 + 1)),\($0 % 2 == 0 ? "NA" : "0.7")\r\n" }.joined()).utf8)
        let rows = keras.indices.filter { keras[$0] == 0x0A }
        try splitEverywhere(keras, name: "training.log", format: KerasCSVFormat(), recordStart: rows[2] + 1, recordEnd: rows[3] + 1)

        let mlflow = Array((0..<5).map { "\(1_766_066_350_399 + $0 * 1000) \(Double($0) / 3) \($0)\n" }.joined().utf8)
        let lines = mlflow.indices.filter { mlflow[$0] == 0x0A }
        let file = GrowingFile(name: "loss")
        // MLflow files live under <run>/metrics/<key>.
        let metrics = file.directory.path + "/metrics"
        try FileManager.default.createDirectory(atPath: metrics, withIntermediateDirectories: true)
        for cut in (lines[1] + 1)...(lines[2] + 1) {
            try? FileManager.default.removeItem(atPath: metrics + "/loss")
            try Data(mlflow[..<cut]).write(to: URL(fileURLWithPath: metrics + "/loss"))
            let reader = RunReader(
                location: RunLocation(name: "r", directory: file.directory.path, format: MLflowFormat(), files: [metrics + "/loss"]))
            reader.refresh()
            #expect(reader.log().tags.pointCount == (cut == lines[2] + 1 ? 3 : 2), "cut at \(cut)")
            let handle = try #require(FileHandle(forWritingAtPath: metrics + "/loss"))
            try handle.seekToEnd()
            try handle.write(contentsOf: Data(mlflow[cut...]))
            try handle.close()
            reader.refresh()
            let series = try #require(reader.log().tags["loss"])
            #expect(series.steps == [0, 1, 2, 3, 4] && series.values == [0, 1.0 / 3, 2.0 / 3, 1, 4.0 / 3], "cut at \(cut)")
            #expect(series.wallTimes.first == 1_766_066_350.399)
        }
    }

    @Test("a file several reads long, with a record longer than one read: one refresh reads it all")
    func longerThanOneRead() throws {
        let file = GrowingFile(name: "metrics.jsonl")
        // A 6 MiB line (longer than `LogTail.maxReadBytes`: a histogram the parser skips), then
        // 200,000 short ones (about 6 MiB more).
        let long = #"{"step": 0, "loss": 2.0, "histogram": ["# + String(repeating: "0, ", count: 2 << 20) + "0]}\n"
        let short = (1...200_000).map { #"{"step": \#($0), "loss": \#(1.0 / Double($0 + 1))}"# + "\n" }.joined()
        try file.write(Array((long + short).utf8)[...], append: false)
        #expect((long + short).utf8.count > 2 * LogTail.maxReadBytes)
        let reader = RunReader(location: RunLocation(name: "r", directory: file.directory.path, format: JSONLFormat(), files: [file.path]))
        reader.refresh()
        let loss = try #require(reader.log().tags["loss"])
        #expect(loss.count == 200_001, "every line in one refresh: \(reader.log().errors)")
        #expect(loss.steps.first == 0 && loss.steps.last == 200_000)
        #expect(loss.values.first == 2.0 && loss.values.last == 1.0 / 200_001)
    }

    @Test("Lightning rewrites metrics.csv with a new header: read again from the top, nothing doubled")
    func lightningRewrite() throws {
        let file = GrowingFile(name: "metrics.csv")
        try file.write(Array("epoch,step,train_loss\n0,0,2.0\n0,10,1.5\n".utf8)[...], append: false)
        let reader = RunReader(
            location: RunLocation(name: "r", directory: file.directory.path, format: LightningCSVFormat(), files: [file.path]))
        reader.refresh()
        #expect(reader.log().tags["train_loss"]?.values == [2.0, 1.5])
        // val_loss appears: the logger writes the whole file again, longer, with the union header.
        try file.write(Array("epoch,step,train_loss,val_loss\n0,0,2.0,\n0,10,1.5,\n0,10,,1.7\n0,20,1.2,\n".utf8)[...], append: false)
        #expect(reader.refresh())
        let tags = reader.log().tags
        #expect(tags["train_loss"]?.values == [2.0, 1.5, 1.2] && tags["train_loss"]?.steps == [0, 10, 20])
        #expect(tags["val_loss"]?.values == [1.7] && tags["val_loss"]?.steps == [10])
        #expect(!reader.refresh(), "nothing new")
    }

    @Test("JSONL: a clock field holding a Unix time (s or ms) is the wall time, not a tag; a duration named time stays a tag")
    func jsonlWallTime() throws {
        let file = GrowingFile(name: "metrics.jsonl")
        try file.write(
            Array(
                """
                {"step": 1, "loss": 0.5, "timestamp": 1763900000.5}
                {"step": 2, "loss": 0.4, "_timestamp": 1763900010250}
                {"iteration": 19, "total_loss": 2.1, "time": 0.31, "data_time": 0.02}
                {"step": 3, "loss": 0.3, "wall_time": 12.0}

                """.utf8)[...], append: false)
        let reader = RunReader(location: RunLocation(name: "r", directory: file.directory.path, format: JSONLFormat(), files: [file.path]))
        reader.refresh()
        let tags = reader.log().tags
        #expect(tags.names == ["loss", "total_loss", "time", "data_time", "wall_time"])
        #expect(tags["loss"]?.values == [0.5, 0.4, 0.3])
        let wall = try #require(tags["loss"]?.wallTimes)
        #expect(wall.count == 3 && wall[0] == 1763900000.5 && wall[1] == 1763900010.25 && wall[2].isNaN)
        #expect(tags["time"]?.values == [0.31], "detectron2's seconds per iteration is a metric")
        #expect(tags["wall_time"]?.values == [12.0], "12 is not a Unix time: kept as written")
    }

    @Test("a log replaced by a shorter one is read again; a vanished one keeps its points and says so")
    func shrinkAndVanish() throws {
        let file = GrowingFile(name: "metrics.jsonl")
        try file.write(Array(#"{"step": 1, "loss": 3.0}"#.utf8 + [0x0A] + #"{"step": 2, "loss": 2.0}"#.utf8 + [0x0A])[...], append: false)
        let reader = RunReader(location: RunLocation(name: "r", directory: file.directory.path, format: JSONLFormat(), files: [file.path]))
        reader.refresh()
        #expect(reader.log().tags["loss"]?.values == [3.0, 2.0])
        try file.write(Array(#"{"step": 1, "loss": 9.0}"#.utf8 + [0x0A])[...], append: false)  // a restarted run
        reader.refresh()
        #expect(reader.log().tags["loss"]?.values == [9.0])
        try FileManager.default.removeItem(atPath: file.path)
        #expect(reader.refresh())
        let log = reader.log()
        #expect(log.tags["loss"]?.values == [9.0], "the last points stay")
        #expect(log.errors.first?.message.contains("the file is gone") == true, "\(log.errors)")
    }

    @Test("a logdir of 1,000 empty folders and two runs finds the two")
    func manyEmptyFolders() throws {
        let logdir = TemporaryDirectory()
        for index in 0..<1000 {
            try FileManager.default.createDirectory(
                atPath: logdir.path + "/empty/\(index / 100)/\(index)", withIntermediateDirectories: true)
        }
        try FileManager.default.createDirectory(atPath: logdir.path + "/a", withIntermediateDirectories: true)
        try Data("{\"step\": 1, \"loss\": 0.5}\n".utf8).write(to: URL(fileURLWithPath: logdir.path + "/a/metrics.jsonl"))
        try FileManager.default.createDirectory(atPath: logdir.path + "/empty/3/b", withIntermediateDirectories: true)
        try Data("epoch,loss\r\n0,0.5\r\n".utf8).write(to: URL(fileURLWithPath: logdir.path + "/empty/3/b/log.csv"))
        let runs = LogdirScanner.scan(logdir.path)
        #expect(runs.map(\.name) == ["a", "empty/3/b"])
        #expect(runs.map(\.format.id) == ["jsonl", "keras_csv"])
    }

    @Test("CRC-32C matches the standard check value; TFRecord masking as TensorFlow defines it")
    func crc() {
        let check = Array("123456789".utf8)
        #expect(check.withUnsafeBytes { CRC32C.checksum($0) } == 0xE306_9283)
        // Slicing by 8 agrees with the bytewise tail at every length.
        let bytes = (0..<100).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
        for length in 0...bytes.count {
            var crc: UInt32 = 0xFFFF_FFFF
            for byte in bytes[..<length] {
                crc ^= UInt32(byte)
                for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0x82F6_3B78 : crc >> 1 }
            }
            #expect(bytes[..<length].withUnsafeBytes { CRC32C.checksum($0) } == ~crc, "length \(length)")
        }
        #expect(CRC32C.masked(0) == 0xA282_EAD8)
    }

    @Test("half and bfloat16 scalars decode exactly")
    func halfPrecision() {
        #expect(TFEventsParser.halfToDouble(0x3C00) == 1)
        #expect(TFEventsParser.halfToDouble(0xC000) == -2)
        #expect(TFEventsParser.halfToDouble(0x3555) == 0.333251953125)
        #expect(TFEventsParser.halfToDouble(0x0001) == 0x1p-24, "smallest subnormal")
        #expect(TFEventsParser.halfToDouble(0x7C00) == .infinity)
        #expect(TFEventsParser.halfToDouble(0x7E00).isNaN)
    }
}

@Suite("Smoothing")
struct SmoothingTests {
    @Test("TensorBoard's debiased EMA, worked by hand for w = 0.5")
    func handWorked() {
        // last: 0.5·0 + 0.5·2 = 1 → /(1 − 0.5) = 2; 0.5·1 + 0.5·4 = 2.5 → /(1 − 0.25) = 10/3;
        // 0.5·2.5 + 0.5·0 = 1.25 → /(1 − 0.125) = 10/7.
        let out = Smoothing.ema([2, 4, 0], weight: 0.5)
        #expect(out[0] == 2)
        #expect(abs(out[1] - 10.0 / 3) < 1e-15)
        #expect(abs(out[2] - 10.0 / 7) < 1e-15)
    }

    @Test("non-finite values pass through and do not count; constant series and w = 0 are unchanged")
    func edges() {
        let out = Smoothing.ema([2, .nan, 4, .infinity, 0], weight: 0.5)
        #expect(out[0] == 2 && out[1].isNaN && out[3] == .infinity)
        #expect(abs(out[2] - 10.0 / 3) < 1e-15, "the NaN did not advance the debias count")
        #expect(abs(out[4] - 10.0 / 7) < 1e-15)
        #expect(Smoothing.ema([3, 3, 3], weight: 0.9) == [3, 3, 3])
        #expect(Smoothing.ema([1, 5, 2], weight: 0) == [1, 5, 2])
        // Growing: pieces smoothed in turn equal the whole; a constant stretch that ends asks for
        // the whole series again.
        var state = Smoothing.State(weight: 0.6)
        let values = [1.0, 2, .nan, 5, 4, 4, 8]
        let pieces = (state.extend(Array(values[0..<3])) ?? []) + (state.extend(Array(values[3..<7])) ?? [])
        #expect(pieces.map(\.bitPattern) == Smoothing.ema(values, weight: 0.6).map(\.bitPattern))
        var flat = Smoothing.State(weight: 0.6)
        #expect(flat.extend([3, 3]) == [3, 3])
        #expect(flat.extend([4]) == nil, "no longer constant: smooth from the start")
        // Weights past TensorBoard's 0.999 are clamped to it.
        #expect(Smoothing.ema([1, 2], weight: 5) == Smoothing.ema([1, 2], weight: 0.999))
    }
}

@Suite("Run status")
struct RunStatusTests {
    @Test("fraction, steps/s over the last 120 s of wall time, ETA at that rate, quiet after 60 s: by hand")
    func byHand() {
        var tags = ScalarTable()
        // 10 steps a second for the first 100 s, then 2 a second: the last 120 s hold steps
        // t = 80 (step 800) to the end, t = 200 (step 1200): 400 steps in 120 s.
        for t in stride(from: 0, through: 100, by: 10) { tags.append("loss", step: Double(t * 10), value: 1, wallTime: 1000 + Double(t)) }
        for t in stride(from: 110, through: 200, by: 10) {
            tags.append("loss", step: Double(1000 + (t - 100) * 2), value: 1, wallTime: 1000 + Double(t))
        }
        var progress = RunProgress()
        progress.step = 1200
        progress.maxSteps = 3000
        var log = RunLog(
            location: RunLocation(name: "r", directory: "/r", format: JSONLFormat(), files: []), displayName: nil, tags: tags,
            errors: [], progress: progress, lastWrite: Date(timeIntervalSince1970: 5000))
        let status = RunStatus(log)
        #expect(status.fraction == 0.4)
        let rate = 400.0 / 120  // from t = 80 (step 800) to t = 200 (step 1200)
        #expect(status.stepsPerSecond.map { abs($0 - rate) < 1e-12 } == true, "\(String(describing: status.stepsPerSecond))")
        #expect(status.etaSeconds.map { abs($0 - 1800 / rate) < 1e-9 } == true)
        #expect(
            status.isQuiet(now: Date(timeIntervalSince1970: 5059)) == false
                && status.isQuiet(now: Date(timeIntervalSince1970: 5061)) == true)
        log.progress.step = 3000
        #expect(RunStatus(log).etaSeconds == nil, "no time left at the goal")
    }
}
