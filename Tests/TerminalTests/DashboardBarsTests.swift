import Figures
import Foundation
import HafsVizTUI
import Terminal
import Testing

/// The Dashboard's bar views in the terminal (Rejection reasons, Region density, Run
/// comparison, Domain mix, Domain and Threshold effectiveness), each row checked against the
/// demo's JSON as Foundation's reader sees it, with the figures worked out here.
@Suite("Terminal: Dashboard bar views")
struct DashboardBarsTests {
    /// The demo file `name` through Foundation's JSON reader (its bare NaN read as null).
    static func json(_ name: String) throws -> [String: Any] {
        let raw = try Data(contentsOf: URL(fileURLWithPath: DashboardKeysTests.repository + "/Fixtures/demo/" + name))
        let data = Data(String(decoding: raw, as: UTF8.self).replacingOccurrences(of: "NaN", with: "null").utf8)
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    /// Panel `panel` maximized and Tab pressed `tabs` times, at 160×40, as lines.
    static func view(panel: Character, tabs: Int) -> [Substring] {
        let keys = [KeyPress(.character(panel))] + Array(repeating: KeyPress(.tab), count: tabs)
        return DashboardKeysTests.text(keys).split(separator: "\n")
    }

    static func row(_ lines: [Substring], _ label: String) -> Substring? { lines.first { $0.hasPrefix(" \(label) ") } }

    @Test("Rejection reasons per generator: each row's total is the generator's rejections, the last all generators'")
    func reasonsPerGenerator() throws {
        let stats = try #require(try DashboardBarsTests.json("quality_feedback.json")["generator_stats"] as? [String: [String: Any]])
        let lines = DashboardBarsTests.view(panel: "2", tabs: 1)
        #expect(lines.contains { $0.contains("Tab ▸ Rejection reasons 2/5") })
        var all = 0
        for (generator, fields) in stats {
            let total = try #require(fields["rejection_reasons"] as? [String: Int]).values.reduce(0, +)
            all += total
            let row = try #require(DashboardBarsTests.row(lines, generator), "\(generator)'s row")
            #expect(row.hasSuffix(" " + total.formatted(.number.locale(Locale(identifier: "en_US")))), "\(row)")
            #expect(row.contains("█") || total == 0, "\(generator): a bar")
        }
        let totals = try #require(DashboardBarsTests.row(lines, "all generators"))
        #expect(totals.hasSuffix(" " + all.formatted(.number.locale(Locale(identifier: "en_US")))), "\(totals)")
    }

    @Test("Domain mix: runs in start order, each row's total the sum of its domain_distribution")
    func domainMix() throws {
        let runs = try #require(try DashboardBarsTests.json("training_feedback.json")["training_runs"] as? [String: [String: Any]])
        let lines = DashboardBarsTests.view(panel: "4", tabs: 2)
        #expect(lines.contains { $0.contains("Tab ▸ Domain mix 3/6") })
        let order = runs.sorted { ($0.value["start_time"] as? String ?? "") < ($1.value["start_time"] as? String ?? "") }.map(\.key)
        let rows = lines.enumerated().filter { line in order.contains { line.element.hasPrefix(" \($0) ") } }
        #expect(rows.map { $0.element.split(separator: " ")[0] }.map(String.init) == order, "start order")
        for (id, fields) in runs {
            let total = try #require(fields["domain_distribution"] as? [String: Int]).values.reduce(0, +)
            let row = try #require(DashboardBarsTests.row(lines, id))
            #expect(row.hasSuffix(" " + total.formatted(.number.locale(Locale(identifier: "en_US")))), "\(row)")
        }
    }

    @Test("Region density: each domain's smallest, mean and largest region, worked out here from the regions")
    func regionDensity() throws {
        let regions = try DashboardKeysTests.regions()
        let lines = DashboardBarsTests.view(panel: "3", tabs: 4)
        #expect(lines.contains { $0.contains("Tab ▸ Region density 5/6") })
        for domain in Set(regions.map(\.domain)) {
            let counts = regions.filter { $0.domain == domain }.map(\.samples)
            let mean = Double(counts.reduce(0, +)) / Double(counts.count)
            let meanText = String(format: "%g", (mean * 10).rounded() / 10)
            let row = try #require(DashboardBarsTests.row(lines, "\(domain) (\(counts.count))"), "\(domain)")
            #expect(row.hasSuffix("\(counts.min() ?? -1) · \(meanText) · \(counts.max() ?? -1)"), "\(row)")
            #expect(row.contains("┃"), "the mean is marked")
        }
    }

    @Test("Domain and threshold effectiveness: each value signed, its bar right of the zero line when > 0, left when < 0")
    func effectiveness() throws {
        let root = try DashboardBarsTests.json("training_feedback.json")
        let domains = try #require(root["domain_effectiveness"] as? [String: Double])
        let thresholds = try #require(root["quality_threshold_effectiveness"] as? [String: Double])
        for (tabs, values, prefix) in [(3, domains, ""), (4, thresholds, "threshold ")] {
            let lines = DashboardBarsTests.view(panel: "4", tabs: tabs)
            for (name, value) in values {
                let row = try #require(DashboardBarsTests.row(lines, prefix + name), "\(name)")
                #expect(row.hasSuffix(" " + (value >= 0 ? "+" : "") + String(format: "%.3f", value)), "\(row)")
                let parts = row.split(separator: "│", maxSplits: 1)
                let left = parts.first?.contains("█") ?? false
                let right = parts.last?.contains { "▏▎▍▌▋▊▉█".contains($0) } ?? false
                #expect(value > 0 ? right && !left : left && !right, "\(name) \(value): \(row)")
            }
        }
    }

    @Test("Run comparison: finished runs best final loss first, each with its loss and eval metrics")
    func runComparison() throws {
        let runs = try #require(try DashboardBarsTests.json("training_feedback.json")["training_runs"] as? [String: [String: Any]])
        let finished = runs.filter { $0.value["end_time"] is String }
        let lines = DashboardBarsTests.view(panel: "4", tabs: 1)
        #expect(lines.contains { $0.contains("(\(finished.count) finished runs)") })
        let order = finished.sorted { ($0.value["final_loss"] as? Double ?? .infinity) < ($1.value["final_loss"] as? Double ?? .infinity) }
        let rows = lines.filter { line in finished.keys.contains { line.hasPrefix(" \($0) ") } }
        #expect(rows.map { String($0.split(separator: " ")[0]) } == order.map(\.key))
        for (id, fields) in finished {
            let row = try #require(DashboardBarsTests.row(lines, id))
            let figures = row.split(separator: " ").map(String.init)
            if let loss = fields["final_loss"] as? Double { #expect(figures.contains(String(format: "%.3g", loss)), "\(row)") }
            for case (_, let value as Double) in fields["eval_metrics"] as? [String: Any] ?? [:] {
                #expect(figures.contains(String(format: "%.3g", value)), "\(row)")
            }
        }
    }
}
