import Figures
import Foundation
import HafsVizCore
import HafsVizModel
import Immediate
import Testing

@testable import HafsVizApp

@Suite("Record tables")
struct RecordTableTests {
    @Test("the four tables hold every record of the demo, and each row's inspector every field of its record")
    func contents() throws {
        let app = AppHarness(directory: AppHarness.fixtures + "/demo")
        let model = app.dashboard.model
        let snapshot = model.snapshot
        let training = try #require(snapshot.training.data)
        let quality = try #require(snapshot.quality.data)
        let regions = try #require(snapshot.activeLearning.data?.regions)

        let runs = model.table(.run)
        #expect(runs.rows.map(\.id) == model.runsBestFirst.map(\.id))
        #expect(Set(runs.rows.map(\.id)) == Set(training.runs.map(\.id)))
        for run in training.runs {
            let fields = try #require(runs.fields(run.id))
            for metric in run.evalMetrics { #expect(fields.contains { $0.name == metric.name }) }
            for entry in run.domainDistribution {
                #expect(fields.contains { $0.name == entry.name && $0.value.hasPrefix("\(entry.count)") })
            }
            #expect(fields.contains { $0.name == "base_model" && $0.value == (run.baseModel.isEmpty ? "—" : run.baseModel) })
        }

        let generators = model.table(.generator)
        #expect(generators.rows.map(\.id) == quality.generators.map(\.name))
        for generator in quality.generators {
            let fields = try #require(generators.fields(generator.name))
            for reason in generator.rejectionReasons {
                #expect(fields.contains { $0.name == reason.name && $0.value.hasPrefix("\(reason.count)") })
            }
        }

        let regionTable = model.table(.region)
        #expect(regionTable.rows.count == regions.count)
        let samplesColumn = try #require(regionTable.columns.firstIndex { $0.title == "samples" })
        #expect(
            regionTable.rows.compactMap { $0.cells[samplesColumn].value }.reduce(0, +) == Double(regions.reduce(0) { $0 + $1.sampleCount }))
        let region7 = try #require(regionTable.fields("7"))
        #expect(region7.contains { $0.name.hasPrefix("sample_ids (\(regions[7].sampleIDs.count))") })
        #expect(region7.filter { $0.name.hasPrefix("[") }.count == (regions[7].centroid.count + 3) / 4, "the centroid, four values a row")

        // Domains: rejections over the whole range add up to the history; regions to 50.
        let domains = model.table(.domain)
        #expect(Set(domains.rows.map(\.id)) == Set(quality.history.entryDomain.map { quality.history.domains[Int($0)] }))
        let rejections = try #require(domains.columns.firstIndex { $0.title == "rejections" })
        let regionCount = try #require(domains.columns.firstIndex { $0.title == "regions" })
        #expect(domains.rows.compactMap { $0.cells[rejections].value }.reduce(0, +) == Double(quality.history.count))
        #expect(domains.rows.compactMap { $0.cells[regionCount].value }.reduce(0, +) == Double(regions.count))
    }

    @Test("the row keys move the selection of the table in view, Ctrl+F filters it, and nothing moves without a table")
    func keys() {
        let app = AppHarness(directory: AppHarness.fixtures + "/demo")
        app.ui.recordsText = true
        app.frame()
        app.press(KeyPress(.down))
        #expect(app.dashboard.selectedRun == nil, "no table in view: the row keys do nothing")

        #expect(app.dashboard.showView("runs/run-table", in: app.ui))
        app.frame()
        let order = app.dashboard.model.runsBestFirst.map(\.id)
        app.press(KeyPress(.down))
        #expect(app.dashboard.selectedRun == order[0])
        app.press(KeyPress(.down))
        #expect(app.dashboard.selectedRun == order[1])
        app.press(KeyPress(.up))
        #expect(app.dashboard.selectedRun == order[0])
        app.press(KeyPress(.end, .control))
        #expect(app.dashboard.selectedRun == order.last)
        app.press(KeyPress(.home, .control))
        #expect(app.dashboard.selectedRun == order[0])
        let shown = app.frame()
        #expect(shown.lists[0].recordedTexts?.contains("Run \(order[0])") == true, "the inspector shows the selected run")

        app.press(KeyPress(.character("f"), .control))
        #expect(app.ui.wantsTextInput)
        app.frame { $0.character("math") }
        let filtered = app.frame()
        let models =
            app.dashboard.model.snapshot.training.data?.runs.filter { $0.modelName.contains("math") || $0.id.contains("math") }.count ?? 0
        #expect(models > 0)
        #expect(filtered.lists[0].recordedTexts?.contains("\(models) of \(order.count) rows") == true)
    }

    @Test("a selection is outlined in the charts of the other panels and survives a reload")
    func highlight() throws {
        let (directory, app) = try demoCopyWithoutAutoReload()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let plain = app.frame().vertexCount
        app.dashboard.select(.generator, "math_generator")
        app.dashboard.select(.region, "8")
        let outlined = app.frame().vertexCount
        #expect(outlined > plain, "outlines around the generator's row and the region's bar")
        app.dashboard.select(.generator, "no such generator")
        app.dashboard.select(.region, nil)
        #expect(app.frame().vertexCount == plain, "nothing outlined for a record that is not there")
        app.dashboard.select(.generator, "math_generator")
        app.press(KeyPress(.f(5)))
        app.waitForLoad()
        #expect(app.dashboard.selection[.generator] == "math_generator")
    }
}

/// A training file with `count` finished runs (losses 1.000, 1.001, …), the runs at
/// `diverged` with a NaN loss, and one more still running.
func writeTrainingRuns(_ count: Int, diverged: Set<Int>, to directory: String) throws {
    var runs: [String] = []
    for index in 0..<count {
        let loss = diverged.contains(index) ? "NaN" : String(format: "%.3f", 1 + Double(index) / 1000)
        runs.append(
            "\"run_\(index)\": {\"model_name\": \"m\(index)\", \"samples_count\": 10, \"domain_distribution\": {\"code\": 10}, \"start_time\": \"2025-12-01T00:00:00\", \"end_time\": \"2025-12-01T01:00:00\", \"final_loss\": \(loss), \"eval_metrics\": {\"accuracy\": 0.5}}"
        )
    }
    runs.append(
        "\"run_live\": {\"model_name\": \"live\", \"samples_count\": 10, \"start_time\": \"2025-12-02T00:00:00\", \"end_time\": null, \"final_loss\": null}"
    )
    let text =
        "{\"training_runs\": {" + runs.joined(separator: ", ") + "}, \"domain_effectiveness\": {}, \"quality_threshold_effectiveness\": {}}"
    try text.write(toFile: directory + "/training_feedback.json", atomically: true, encoding: .utf8)
}

@Suite("Many runs")
struct ManyRunsTests {
    @Test("200 runs: the final-loss chart draws the best that fit at a line each, says how many it left to the table, and offers the table")
    func manyRuns() throws {
        let directory = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try writeTrainingRuns(200, diverged: [3, 50], to: directory)
        let app = AppHarness(directory: directory)
        app.ui.recordsText = true
        app.dashboard.maximize("runs")
        let texts = app.frame().lists[0].recordedTexts ?? []
        let note = try #require(texts.first { $0.hasPrefix("best ") && $0.contains("of 201 runs by final loss") })
        #expect(note.contains("2 diverged, 1 running not shown"))
        let rows = texts.filter { $0.hasPrefix("run_") && $0.contains(" · m") }
        #expect(rows.count >= 10)
        #expect(Float(rows.count) * app.ui.font.lineHeight < 1000, "at least a line per row")
        #expect(rows.first == "run_0 · m0", "best first")
        #expect(texts.contains("Show all 201 in the table"))
        #expect(app.window.statusSegments().contains { $0.text == "Runs 201" })
        // The subtitle counts the diverged runs.
        #expect(texts.contains { $0.contains("2 diverged") && $0.hasPrefix("best: run_0") })
    }

    @Test("a diverged run is marked in its row and counted; a few runs need no note")
    func divergedRun() throws {
        let directory = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try writeTrainingRuns(3, diverged: [1], to: directory)
        let app = AppHarness(directory: directory)
        app.ui.recordsText = true
        app.dashboard.maximize("runs")
        let texts = app.frame().lists[0].recordedTexts ?? []
        #expect(texts.contains("✗ diverged (final loss NaN)"))
        #expect(texts.contains("running — no final loss yet"))
        #expect(!texts.contains { $0.hasPrefix("best ") && $0.contains("runs by final loss") })
        #expect(app.dashboard.model.table(.run).rows.contains { $0.id == "run_1" && $0.cells.contains { $0.text == "diverged (NaN)" } })
    }
}

@Suite("Table and inspector layout")
struct TableInspectorLayoutTests {
    @Test("the inspector sits beside the run table only where every column fits whole; in a quarter of 1600×1000 it goes below")
    func besideOnlyWhenColumnsFit() {
        let app = AppHarness(directory: AppHarness.fixtures + "/demo")
        let table = app.dashboard.model.table(.run)
        let wants = app.ui.tableWidth(columns: table.columns, rows: table.rows) + 12
        // A panel of the 2×2 grid at 1600×1000 is about 790 px wide; maximized, about 1580.
        #expect(!RecordTableView.inspectorBeside(bodyWidth: 790, tableWants: wants, scale: 1), "the run table wants \(wants) px")
        #expect(RecordTableView.inspectorBeside(bodyWidth: 1580, tableWants: wants, scale: 1))
        #expect(!RecordTableView.inspectorBeside(bodyWidth: 1580, tableWants: wants * 1.25, scale: 1.25) || wants * 1.25 + 375 <= 1580)
    }
}
