import Foundation
import Immediate
import Testing

/// Proves from the pixels of real screenshots that each panel drew *its data*: bar lengths in the
/// ratios of the numbers in the files, the threshold line where the data's own lines place 0.7,
/// the coverage mean at the height its bars imply. The data directory is written here, so every
/// expected ratio is a literal of this file.
@Suite("Panel pixels (needs a display: run under xvfb-run)", .serialized)
struct PanelPixelTests {
    let style = Style()
    var blue: Color { style.seriesColor(0) }

    /// Generators accepted 8/8, 4/8 and 2/8: rates 1, 0.5, 0.25. History: overall 0.2 for entries
    /// 0–39, then 0.9 for 40–79 (the rolling mean of 25 holds each for a while); threshold 0.7. Regions: 10 (sparse: μ = 25), 40, 30, 20 samples.
    /// Runs: final loss 2, 1, 0.5, and one still running.
    static func writeData(to directory: String) throws {
        let history = (0..<80).map { i in
            let time = String(format: "2025-12-20T%02d:%02d:00", 10 + i / 60, i % 60)
            return
                #"{"sample_id": "s\#(i)", "domain": "d", "generator": "all", "reason": "duplicate", "scores": {"overall": \#(i < 40 ? "0.2" : "0.9")}, "timestamp": "\#(time)"}"#
        }
        let quality = #"""
            {"thresholds": {"min_quality_score": 0.7},
             "generator_stats": {
               "half": {"samples_generated": 8, "samples_accepted": 4, "samples_rejected": 4, "rejection_reasons": {"duplicate": 4}},
               "all": {"samples_generated": 8, "samples_accepted": 8, "samples_rejected": 0, "rejection_reasons": {}},
               "quarter": {"samples_generated": 8, "samples_accepted": 2, "samples_rejected": 6, "rejection_reasons": {"duplicate": 6}}},
             "rejection_history": [
            """# + history.joined(separator: ",\n") + "]}"
        let regions = [(10, "[1, 0]"), (40, "[0, 1]"), (30, "[-1, 0]"), (20, "[0, -1]")].map { count, centroid in
            #"{"centroid": \#(centroid), "sample_count": \#(count), "sample_ids": [], "domain": "d", "avg_quality": 0.0}"#
        }
        let active = #"{"regions": ["# + regions.joined(separator: ", ") + #"], "embedding_dim": 2, "num_regions": 4}"#
        let runs = [("r_two", "2.0"), ("r_one", "1.0"), ("r_half", "0.5"), ("r_live", "null")].map { id, loss in
            #""\#(id)": {"model_name": "m", "samples_count": 10, "start_time": "2025-12-20T10:00:00", "end_time": \#(loss == "null" ? "null" : "\"2025-12-20T11:00:00\""), "final_loss": \#(loss)}"#
        }
        let training = #"{"training_runs": {"# + runs.joined(separator: ", ") + "}}"
        for (name, text) in [("quality_feedback.json", quality), ("active_learning.json", active), ("training_feedback.json", training)] {
            try text.write(toFile: directory + "/" + name, atomically: true, encoding: .utf8)
        }
    }

    /// Renders the data at 1200×800, optionally with `--panel N`.
    func render(panel: Int?) throws -> Picture {
        let directory = NSTemporaryDirectory() + "hafs-panels-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try PanelPixelTests.writeData(to: directory)
        let path = directory + "/shot.png"
        let run = try CLIRun(["--screenshot", path, "--size", "1200x800"] + (panel.map { ["--panel", "\($0)"] } ?? []) + [directory])
        try #require(run.status == 0, "\(run.stderr)")
        return try Picture(path: path)
    }

    /// The window without its menu bar and status bar (30 px each at this size).
    func content(_ picture: Picture) -> Picture.Region {
        Picture.Region(xs: 0..<picture.width, ys: 30..<(picture.height - 30))
    }

    /// Grid quadrant (column, row) of the content.
    func quadrant(_ picture: Picture, _ column: Int, _ row: Int) -> Picture.Region {
        let area = content(picture)
        let w = area.xs.count / 2
        let h = area.ys.count / 2
        return Picture.Region(
            xs: (column * w)..<((column + 1) * w), ys: (area.ys.lowerBound + row * h)..<(area.ys.lowerBound + (row + 1) * h))
    }

    // MARK: - What each panel's data implies

    /// Quality Trends (the domain's rolling mean, blue): its 0.2 plateau (the longer) and its
    /// 0.9 plateau above place 0.7 on the y axis; the dashed threshold must sit there. Returns
    /// the plateaus' distance as a share of the picture's height.
    func checkQuality(_ picture: Picture, _ region: Picture.Region) -> Double? {
        // Below the title row and the tab strip (the selected tab is underlined in the accent).
        let below = Picture.Region(xs: region.xs, ys: (region.ys.lowerBound + 75)..<region.ys.upperBound)
        guard let low = picture.busiestRow(blue, in: below),
            let high = picture.busiestRow(
                blue, in: Picture.Region(xs: region.xs, ys: below.ys.lowerBound..<max(below.ys.lowerBound, low.y - 5))),
            let threshold = picture.busiestRow(style.textDim, in: below, minimumShare: 0.9)
        else {
            Issue.record("quality panel: no plateau or threshold line found")
            return nil
        }
        #expect(high.y < low.y, "0.9 is drawn above 0.2")
        let expected = Double(low.y) + (0.7 - 0.2) / (0.9 - 0.2) * Double(high.y - low.y)
        #expect(abs(Double(threshold.y) - expected) <= 2, "threshold 0.7 at y \(threshold.y), the plateaus imply \(expected)")
        return Double(low.y - high.y) / Double(picture.height)
    }

    /// Horizontal blue bars top to bottom, their lengths and common start.
    func horizontalBars(_ picture: Picture, _ region: Picture.Region) -> [Picture.Bar] {
        picture.bars(blue, in: region, horizontal: true).sorted { $0.start < $1.start }
    }

    /// Checks bars' lengths against `ratios` (top to bottom, relative to the first) and a common
    /// start; returns the longest as a share of the picture's width.
    func checkBars(_ bars: [Picture.Bar], ratios: [Double], _ picture: Picture, _ what: String) -> Double? {
        guard bars.count == ratios.count else {
            Issue.record("\(what): \(bars.count) bars, expected \(ratios.count)")
            return nil
        }
        for (bar, ratio) in zip(bars, ratios) {
            #expect(
                abs(Double(bar.length) - Double(bars[0].length) * ratio) <= 2,
                "\(what): bar lengths \(bars.map(\.length)), expected ratios \(ratios)")
            #expect(abs(bar.first - bars[0].first) <= 1, "\(what): every bar starts at 0")
        }
        return Double(bars.map(\.length).max() ?? 0) / Double(picture.width)
    }

    /// Embedding Coverage: the sparse bar (amber, 10) and blue bars 40, 30, 20 from a common
    /// base; the solid mean line (25) at the height the bars imply. Returns the tallest bar's
    /// height as a share of the picture's height.
    func checkCoverage(_ picture: Picture, _ region: Picture.Region) -> Double? {
        let blueBars = picture.bars(blue, in: region, horizontal: false).sorted { $0.start < $1.start }
        let amberBars = picture.bars(style.warning, in: region, horizontal: false)
        guard blueBars.count == 3, amberBars.count == 1, let sparse = amberBars.first else {
            Issue.record("coverage: \(blueBars.count) blue and \(amberBars.count) amber bars, expected 3 and 1")
            return nil
        }
        let tallest = Double(blueBars[0].length)
        #expect(sparse.end < blueBars[0].start, "the sparse region 0 is left of regions 1–3")
        for (bar, count) in zip(blueBars + [sparse], [40.0, 30, 20, 10]) {
            #expect(
                abs(Double(bar.length) - tallest * count / 40) <= 2,
                "coverage: bar heights \(blueBars.map(\.length)) + sparse \(sparse.length)")
            #expect(abs(bar.last - blueBars[0].last) <= 1, "coverage: every bar stands on 0")
        }
        let mean = picture.busiestRow(style.textDim, in: region, minimumShare: 0.9)
        // The solid mean line (25 samples) sits at 25/40 of the tallest bar above the bars' base.
        let expected = Double(blueBars[0].last) - tallest * 25 / 40
        #expect(abs(Double(mean?.y ?? -1) - expected) <= 2, "mean line at \(String(describing: mean)), bars imply \(expected)")
        return tallest / Double(picture.height)
    }

    // MARK: - Tests

    @Test("the grid: each quadrant shows its own panel's numbers")
    func grid() throws {
        let picture = try render(panel: nil)
        let quality = checkQuality(picture, quadrant(picture, 0, 0))
        let generators = checkBars(horizontalBars(picture, quadrant(picture, 1, 0)), ratios: [1, 0.5, 0.25], picture, "acceptance rates")
        let coverage = checkCoverage(picture, quadrant(picture, 0, 1))
        let runs = checkBars(horizontalBars(picture, quadrant(picture, 1, 1)), ratios: [1, 2, 4], picture, "final losses")
        // In the grid nothing spans more than half the window.
        for (name, span) in [("quality", quality), ("generators", generators), ("coverage", coverage), ("runs", runs)] {
            #expect((span ?? 1) < 0.5, "\(name) spans \(String(describing: span)) of the window")
        }
    }

    @Test("--panel 1 maximizes Quality Trends")
    func panel1() throws {
        let picture = try render(panel: 1)
        #expect((checkQuality(picture, content(picture)) ?? 0) > 0.5, "the plateaus span most of the window")
        #expect(horizontalBars(picture, content(picture)).isEmpty, "no bars of the other panels")
        #expect(picture.bars(style.warning, in: content(picture), horizontal: false).isEmpty)
    }

    @Test("--panel 2 maximizes Generator Stats")
    func panel2() throws {
        let picture = try render(panel: 2)
        let span = checkBars(horizontalBars(picture, content(picture)), ratios: [1, 0.5, 0.25], picture, "acceptance rates")
        #expect((span ?? 0) > 0.6, "the rate-1 bar spans most of the window")
        #expect(picture.bars(style.warning, in: content(picture), horizontal: false).isEmpty, "no coverage bars")
    }

    @Test("--panel 3 maximizes Embedding Coverage")
    func panel3() throws {
        let picture = try render(panel: 3)
        #expect((checkCoverage(picture, content(picture)) ?? 0) > 0.6, "the 40-sample bar spans most of the height")
    }

    @Test("--panel 4 maximizes Training Runs")
    func panel4() throws {
        let picture = try render(panel: 4)
        let span = checkBars(horizontalBars(picture, content(picture)), ratios: [1, 2, 4], picture, "final losses")
        #expect((span ?? 0) > 0.6, "the loss-2 bar spans most of the window")
        #expect(picture.bars(style.warning, in: content(picture), horizontal: false).isEmpty, "no coverage bars")
    }
}
