import Figures
import Foundation
import HafsVizCore
import HafsVizModel
import TestSupport
import Testing

@testable import HafsVizApp
@testable import Immediate

@Suite("Tooltips say what the point is")
struct TooltipTests {
    @Test("a Quality Trends point names its history entry: time, sample, domain, reason and every score, as the file has them")
    func historyEntry() throws {
        let app = AppHarness(directory: AppHarness.fixtures + "/demo")
        let model = app.dashboard.model
        // Entry 40 as Python's json module reads it (it takes the bare NaN the producers write).
        let script = """
            import json, sys
            e = json.load(open(sys.argv[1]))["rejection_history"][40]
            print(e["domain"]); print(e["reason"]); print(e.get("sample_id", ""))
            for k, v in e["scores"].items(): print(k, repr(float(v)))
            """
        let python = try ChildProcess.run(
            URL(fileURLWithPath: "/usr/bin/python3"), ["-c", script, AppHarness.fixtures + "/demo/quality_feedback.json"])
        let lines = python.stdout.split(separator: "\n").map(String.init)
        try #require(lines.count >= 3, "python3 said: \(python.stderr)")
        let domain = lines[0]
        let reason = lines[1]
        let sample = lines[2]
        let scores = lines.dropFirst(3).compactMap { line -> (String, Double)? in
            let parts = line.split(separator: " ")
            return parts.count == 2 ? Double(parts[1]).map { (String(parts[0]), $0) } : nil
        }
        #expect(model.historyEntry(domain: domain, x: 40, byTime: false) == 40)
        #expect(model.historyEntry(domain: domain == "code" ? "math" : "code", x: 40, byTime: false) == nil, "another domain's point")
        let details = try #require(model.historyEntryDetails(40))
        #expect(details.hasPrefix("entry 40 · "))
        #expect(details.contains("\n\(domain) · \(reason)\n"))
        #expect(sample.isEmpty || details.contains(sample))
        #expect(!scores.isEmpty)
        for (metric, value) in scores where value.isFinite {
            #expect(details.contains("\(metric) \(Format.value(value))"), "\(metric) in \(details)")
        }
    }

    @Test("measured rates get three significant digits, logged values keep theirs")
    func rates() {
        #expect(Format.value(0.762353, significant: 3) == "0.762")
        #expect(Format.value(1234.5, significant: 3) == "1234" || Format.value(1234.5, significant: 3) == "1235")
        #expect(Format.value(0.762353) == "0.762353")
    }

    @Test("a map point names its index, label, prediction and certainty")
    func latentPoint() throws {
        let directory = try latentDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let app = try LatentHarness(directory: directory)
        app.frame()
        app.latent.select(3)
        app.press(KeyPress(.character("7")))
        let model = try #require(app.latent.session.model)
        #expect(app.latent.pointDetails(3, model) == "point 3 · label 7 · certainty 0.100\nat (1, 1)")
        #expect(app.latent.pointDetails(1, model) == "point 1 · unlabelled · certainty 0.200\nat (1, 0)")
        // Hovering the point shows it.
        let spot = try app.pixel(of: 1)
        app.ui.recordsText = true
        app.frame { $0.mouseMoved(to: spot) }
        let texts = app.frame().lists.flatMap { $0.recordedTexts ?? [] }
        #expect(texts.contains { $0.hasPrefix("point 1 · unlabelled") }, "\(texts.filter { $0.contains("point") })")
    }
}
