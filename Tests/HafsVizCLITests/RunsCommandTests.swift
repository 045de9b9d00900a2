import Foundation
import ImageIO
import Immediate
import Testing

/// `hafs-viz runs`: the JSON shape, exit codes, and the window's screenshot.
@Suite("hafs-viz runs")
struct RunsCommandTests {
    func fixture(_ name: String) -> String { CLIRun.fixtures + "/" + name }

    @Test("--json on the demo logdir: exit 0, the documented shape, runs sorted by name")
    func demoJSON() throws {
        let run = try CLIRun(["runs", "--json", fixture("runs")])
        #expect(run.status == 0, "\(run.stderr)")
        let json = try #require(run.json)
        #expect(Set(json.keys) == ["logdir", "runs"])
        let runs = try #require(json["runs"] as? [[String: Any]])
        let names = runs.compactMap { $0["name"] as? String }
        #expect(names == names.sorted() && names.count == 8)
        #expect(
            Set(runs.compactMap { $0["format"] as? String }) == [
                "tfevents", "wandb", "trainer_state", "lightning_csv", "keras_csv", "jsonl", "mlflow",
            ])
        for entry in runs {
            #expect(
                Set(entry.keys) == [
                    "name", "format", "status", "deleted", "params", "summary", "notes", "progress", "restarts", "rewritten_points",
                    "tags",
                ],
                "\(entry["name"] ?? "")")
            let progress = try #require(entry["progress"] as? [String: Any])
            #expect(Set(progress.keys) == ["fraction", "steps_per_second", "samples_per_second", "eta_seconds", "last_write", "quiet"])
            let tags = try #require(entry["tags"] as? [String: [String: Any]])
            for figures in tags.values {
                #expect(Set(figures.keys) == ["points", "first_step", "last_step", "last_value", "min", "max", "goal", "best", "at_end"])
            }
        }
        // The NaN grad_norm of the first run: counted in points, null nowhere but where it is last.
        let tfevents = try #require(runs.first { $0["name"] as? String == "run_20251210_c8ee" })
        let gradNorm = try #require((tfevents["tags"] as? [String: [String: Any]])?["train/grad_norm"])
        #expect(gradNorm["points"] as? Int == 400)
        // The Hugging Face run: progress is global_step / max_steps as trainer_state.json says
        // (300 of 300, read here with JSONSerialization), so no time is left.
        let state = try #require(
            try JSONSerialization.jsonObject(
                with: Data(contentsOf: URL(fileURLWithPath: fixture("runs") + "/run_20251211_e8c1/trainer_state.json"))) as? [String: Any])
        let expected = try #require(state["global_step"] as? Double) / (try #require(state["max_steps"] as? Double))
        let huggingFace = try #require(runs.first { $0["format"] as? String == "trainer_state" }?["progress"] as? [String: Any])
        #expect((huggingFace["fraction"] as? Double).map { abs($0 - expected) < 1e-12 } == true, "\(huggingFace)")
        #expect(huggingFace["eta_seconds"] is NSNull, "the goal is reached")
        #expect((huggingFace["last_write"] as? String)?.hasSuffix("Z") == true && huggingFace["quiet"] is Bool)
    }

    @Test("bad logs: exit 1, each problem on stderr naming its file and place, the runs still listed")
    func badJSON() throws {
        let run = try CLIRun(["runs", "--json", fixture("runs-bad")])
        #expect(run.status == 1)
        let runs = try #require(run.json?["runs"] as? [[String: Any]])
        #expect(runs.count == 5)
        let failed = runs.filter { $0["status"] as? String == "failed" }
        #expect(failed.count == 4 && failed.allSatisfy { $0["error"] is String })
        #expect(run.stderr.contains("ragged-csv/history.csv (line 6)"))
        #expect(run.stderr.contains("bad-length-crc/events.out.tfevents.1765374171.hafs.1.0 (byte"))
    }

    @Test("usage: a missing logdir exits 2; no display exits 2 naming what works without one; --table prints one block per run")
    func usage() throws {
        let missing = try CLIRun(["runs", "--json", "/nonexistent/logdir"])
        #expect(missing.status == 2 && missing.stderr.contains("/nonexistent/logdir"))
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "DISPLAY")
        let noDisplay = try CLIRun(["runs", fixture("runs")], environment: environment)
        #expect(noDisplay.status == 2 && noDisplay.stderr.contains("runs --json") && noDisplay.stderr.contains("runs --screenshot"))
        let table = try CLIRun(["runs", "--table", fixture("runs")])
        #expect(table.status == 0)
        #expect(table.stdout.contains("8 runs") && table.stdout.contains("run_20251215_52c3") && table.stdout.contains("[mlflow]"))
    }

    @Test("--screenshot: every run drew in its colour; failed runs say so in red (needs a display)")
    func screenshot() throws {
        let directory = NSTemporaryDirectory() + "hafs-runs-shot-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/runs.png"
        let run = try CLIRun(["runs", "--screenshot", path, "--size", "1200x800", fixture("runs-bad")])
        #expect(run.status == 0, "\(run.stderr)")
        let picture = try Picture(path: path)
        let style = Style()
        // The sidebar is the left 30% at most; charts are to its right.
        let sidebar = Picture.Region(xs: 0..<300, ys: 0..<760)
        let charts = Picture.Region(xs: 310..<1200, ys: 0..<760)
        func count(_ color: Color, _ region: Picture.Region) -> Int {
            region.ys.reduce(0) { total, y in total + region.xs.reduce(0) { $0 + (picture.shows($1, y, color) ? 1 : 0) } }
        }
        // Runs in name order take colours 0–4: each drew lines in the charts.
        for slot in 0..<5 {
            // bad-jsonl has 5 points in one chart: its short line is the smallest (about 120 px).
            #expect(count(style.seriesColor(slot), charts) > 60, "run \(slot)'s colour in the charts")
        }
        #expect(count(style.seriesColor(5), charts) < 10, "no sixth run: its colour is nowhere")
        #expect(count(style.error, sidebar) > 300, "the four failed runs' messages, in red")
    }
}
