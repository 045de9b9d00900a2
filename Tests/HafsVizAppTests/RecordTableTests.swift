import Foundation
import HafsVizCore
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
            let fields = try #require(runs.fields[run.id])
            for metric in run.evalMetrics { #expect(fields.contains { $0.name == metric.name }) }
            for entry in run.domainDistribution { #expect(fields.contains { $0.name == entry.name && $0.value.hasPrefix("\(entry.count)") }) }
            #expect(fields.contains { $0.name == "base_model" && $0.value == (run.baseModel.isEmpty ? "—" : run.baseModel) })
        }

        let generators = model.table(.generator)
        #expect(generators.rows.map(\.id) == quality.generators.map(\.name))
        for generator in quality.generators {
            let fields = try #require(generators.fields[generator.name])
            for reason in generator.rejectionReasons { #expect(fields.contains { $0.name == reason.name && $0.value.hasPrefix("\(reason.count)") }) }
        }

        let regionTable = model.table(.region)
        #expect(regionTable.rows.count == regions.count)
        let samplesColumn = try #require(regionTable.columns.firstIndex { $0.title == "samples" })
        #expect(regionTable.rows.compactMap { $0.cells[samplesColumn].value }.reduce(0, +) == Double(regions.reduce(0) { $0 + $1.sampleCount }))
        let region7 = try #require(regionTable.fields["7"])
        #expect(region7.contains { $0.name.hasPrefix("sample_ids (\(regions[7].sampleIDs.count))") })
        #expect(region7.filter { $0.name.hasPrefix("[") }.count == (regions[7].centroid.count + 5) / 6, "the centroid, six values a row")

        // Domains: rejections over the whole range add up to the history; regions to 50.
        let domains = model.table(.domain)
        #expect(Set(domains.rows.map(\.id)) == Set(quality.history.domains))
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
        let models = app.dashboard.model.snapshot.training.data?.runs.filter { $0.modelName.contains("math") || $0.id.contains("math") }.count ?? 0
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
