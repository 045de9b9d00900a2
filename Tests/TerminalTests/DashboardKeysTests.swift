import Figures
import Foundation
import HafsVizCore
import HafsVizModel
import HafsVizTUI
import Terminal
import Testing

/// The Dashboard's keys in the terminal, through the app's key handling (the same path a
/// terminal's bytes take after parsing): 4 focuses and maximizes Training Runs, Shift+Tab shows
/// its table (the last view), ↓ selects, / filters, and Enter opens the selected run's curves in Runs.
@Suite("Terminal: Dashboard keys")
struct DashboardKeysTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
        .path
    static let start = TUIStart(directory: repository + "/Fixtures/demo", logdir: repository + "/Fixtures/runs")

    static func text(_ keys: [KeyPress]) -> String {
        TUIApp.snapshot(start: start, width: 160, height: 40, keys: keys).lines.joined(separator: "\n")
    }

    static func type(_ text: String) -> [KeyPress] { text.map { KeyPress(.character($0)) } }

    @Test("Shift+Tab shows a panel's table, ↓ selects a row (its fields beside), / filters by any cell, Esc ends the filter")
    func table() {
        let chart = DashboardKeysTests.text([KeyPress(.character("4"))])
        #expect(chart.contains("Tab ▸ Final loss 1/6"), "a maximized panel shows its first view, the window's first tab")
        let table = DashboardKeysTests.text([KeyPress(.character("4")), KeyPress(.tab, .shift)])
        #expect(table.contains("Tab ▸ Run table 6/6") && table.contains("7 of 7 rows"), "\(table)")
        // The demo's runs, best first: the second row is run_20251214_734a (final loss 1.4097).
        let selected = DashboardKeysTests.text([KeyPress(.character("4")), KeyPress(.tab, .shift), KeyPress(.down), KeyPress(.down)])
        #expect(selected.contains("Run run_20251214_734a") && selected.contains("hafs-math-v5"), "the inspector:\n\(selected)")
        let filtered = DashboardKeysTests.text(
            [KeyPress(.character("4")), KeyPress(.tab, .shift), KeyPress(.character("/"))] + DashboardKeysTests.type("coder") + [
                KeyPress(.enter)
            ])
        #expect(filtered.contains("3 of 7 rows · /coder"), "\(filtered)")
        #expect(!filtered.contains("hafs-math"), "rows without 'coder' in any cell are left out")
        // q typed into the filter is text, not Quit.
        let typedQ = DashboardKeysTests.text([
            KeyPress(.character("4")), KeyPress(.tab, .shift), KeyPress(.character("/")), KeyPress(.character("q")),
        ])
        #expect(typedQ.contains("/q▏"))
    }

    @Test("Enter on a run with curves opens Runs, narrowed to that run")
    func openCurves() {
        // run_20251212_0f2c has logs in Fixtures/runs; it is the demo's fourth best.
        let keys = [KeyPress(.character("4")), KeyPress(.tab, .shift)] + Array(repeating: KeyPress(.down), count: 4) + [KeyPress(.enter)]
        let runs = DashboardKeysTests.text(keys)
        #expect(runs.contains("from the Dashboard: run_20251212_0f2c"), "\(runs)")
    }

    @Test("--ascii: no Braille, block or box characters, no symbol outside ASCII; the data's own letters (übersetzer) stay")
    func ascii() {
        let frame = TUIApp.snapshot(start: DashboardKeysTests.start, width: 120, height: 40, ascii: true)
        let text = frame.lines.joined(separator: "\n")
        #expect(text.contains("übersetzer") && text.contains("multilingüe"))
        let foreign = text.unicodeScalars.filter { $0.value >= 0x80 && !$0.properties.isAlphabetic }
        #expect(foreign.isEmpty, "left in: \(Set(foreign.map { String($0) }).sorted())")
        let plain = TUIApp.snapshot(start: DashboardKeysTests.start, width: 120, height: 40).lines.joined()
        #expect(plain.unicodeScalars.contains { (0x2800...0x28FF).contains($0.value) }, "without --ascii the charts are Braille")
    }

    @Test("a terminal under 40×12 says so, whole, instead of drawing the panels")
    func tooSmall() {
        let text = TUIApp.snapshot(start: DashboardKeysTests.start, width: 30, height: 10).lines.joined(separator: " ")
        #expect(text.contains("terminal too small:") && text.contains("30×10, needs") && text.contains("40×12"))
        #expect(!text.contains("Quality Trends"))
    }

    /// The demo's regions as Foundation's JSON reader sees them (not our scanner): (domain, samples).
    static func regions() throws -> [(domain: String, samples: Int)] {
        let data = try Data(contentsOf: URL(fileURLWithPath: repository + "/Fixtures/demo/active_learning.json"))
        let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let regions = try #require(root["regions"] as? [[String: Any]])
        return regions.map { (($0["domain"] as? String) ?? "", ($0["sample_count"] as? Int) ?? 0) }
    }

    @Test("Embedding Coverage's terminal views: the coverage score and each domain's share, worked out here from the JSON")
    func coverageViews() throws {
        let regions = try DashboardKeysTests.regions()
        let counts = regions.map { Double($0.samples) }
        let mean = counts.reduce(0, +) / Double(counts.count)
        let std = (counts.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(counts.count)).squareRoot()
        let score = String(format: "%.3f", min(1, max(0, 1 - std / mean)))
        let scoreView = DashboardKeysTests.text([KeyPress(.character("3")), KeyPress(.tab), KeyPress(.tab), KeyPress(.tab)])
        #expect(scoreView.contains("Tab ▸ Coverage score 4/6") && scoreView.contains("coverage score \(score)"), "\(scoreView)")
        #expect(scoreView.contains("regions \(regions.count) · samples \(Format.count(Int(counts.reduce(0, +))))"))
        let sharesView = DashboardKeysTests.text([KeyPress(.character("3")), KeyPress(.tab), KeyPress(.tab)])
        let total = counts.reduce(0, +)
        for domain in Set(regions.map(\.domain)) {
            let share = Double(regions.filter { $0.domain == domain }.map(\.samples).reduce(0, +)) / total
            let line = sharesView.split(separator: "\n").first { $0.hasPrefix(" \(domain) ") }
            #expect(line?.hasSuffix(String(format: "%.1f%%", share * 100)) == true, "\(domain): \(line ?? "missing")")
        }
    }

    @Test("d shows the Drift Alerts page (its table between the explanation and the counts), i the Source Details, Esc closes")
    func pages() {
        let drift = DashboardKeysTests.text([KeyPress(.character("d"))])
        let table = DashboardPages.driftTable(
            DashboardModel(
                snapshot: (try? SnapshotLoader(directory: DashboardKeysTests.start.directory).loadNow()) ?? Snapshot(directory: "")))
        #expect(drift.contains("Drift Alerts (Esc closes)") && drift.contains(table.intro.first ?? "-"), "\(drift)")
        #expect(drift.contains("\(table.rows.count) rows") && table.rows.count > 0)
        let sources = DashboardKeysTests.text([KeyPress(.character("i"))])
        #expect(sources.contains("Source Details (Esc closes)") && sources.contains("Directory: "))
        let raw = DashboardKeysTests.text([KeyPress(.character("1")), KeyPress(.tab)])
        #expect(raw.contains("Tab ▸ Raw scores 2/5") && raw.contains("scores by entry: overall"), "the settings' default metric")
        #expect(raw.unicodeScalars.contains { (0x2801...0x28FF).contains($0.value) }, "the series in Braille")
        let closed = DashboardKeysTests.text([KeyPress(.character("d")), KeyPress(.escape)])
        #expect(!closed.contains("Drift Alerts (Esc closes)") && closed.contains("2 Generator Stats"))
    }

    @Test("Generator × reason in the terminal: each generator's row holds its rejection counts, as the JSON has them")
    func reasonMatrix() throws {
        let raw = try Data(contentsOf: URL(fileURLWithPath: DashboardKeysTests.repository + "/Fixtures/demo/quality_feedback.json"))
        // The demo holds Python's bare NaN (in scores, not in generator_stats), which Foundation's reader refuses.
        let data = Data(String(decoding: raw, as: UTF8.self).replacingOccurrences(of: "NaN", with: "null").utf8)
        let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let stats = try #require(root["generator_stats"] as? [String: [String: Any]])
        let text = DashboardKeysTests.text([KeyPress(.character("2")), KeyPress(.tab), KeyPress(.tab), KeyPress(.tab)])
        #expect(text.contains("Tab ▸ Generator × reason 4/5"), "\(text)")
        for (generator, fields) in stats {
            let reasons = try #require(fields["rejection_reasons"] as? [String: Int])
            let row = try #require(text.split(separator: "\n").first { $0.hasPrefix(" \(generator) ") }, "\(generator)'s row")
            let counts: [Int] = row.split(separator: " ").compactMap { Int(String($0)) }
            // Every count of the JSON is in the row, and the row adds up to the generator's rejections.
            for count in reasons.values { #expect(counts.contains(count), "\(generator): \(count) in \(row)") }
            let shown: Int = counts.reduce(0, +)
            let expected: Int = reasons.values.reduce(0, +)
            #expect(shown == expected, "\(generator): \(row)")
        }
    }

    @Test("F9 lists the window's Data and View menus with their checks; picking X Axis by Time puts the trends on a time axis")
    func menu() {
        let menu = DashboardKeysTests.text([KeyPress(.f(9))])
        for line in ["Menu (↑/↓ pick, Enter runs, Esc closes)", "✓ Time Range: All", "Time Range: Last week", "✓ X Axis by Sample Index"] {
            #expect(menu.contains(line), "\(line) in:\n\(menu)")
        }
        let byTime = DashboardKeysTests.text([KeyPress(.f(9)), KeyPress(.end), KeyPress(.up), KeyPress(.enter), KeyPress(.character("1"))])
        #expect(!byTime.contains("Menu (↑/↓"), "Enter closes the menu")
        #expect(!byTime.contains("entry 0 …"), "no longer by entry:\n\(byTime)")
        // The demo's history spans Dec 15–21: its ticks are days.
        #expect(byTime.contains("Dec 16") || byTime.contains("Dec 17"), "time ticks:\n\(byTime)")
        let again = DashboardKeysTests.text([KeyPress(.f(9)), KeyPress(.end), KeyPress(.up), KeyPress(.enter), KeyPress(.f(9))])
        #expect(again.contains("✓ X Axis by Time"), "the menu checks the new choice")
        let closed = DashboardKeysTests.text([KeyPress(.f(9)), KeyPress(.escape)])
        #expect(!closed.contains("Menu (↑/↓") && closed.contains("1 Quality Trends"))
    }
}
