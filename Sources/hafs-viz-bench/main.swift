import Figures
import Foundation
import GalleryKit
import HafsVizCore
import Immediate
import Shell

// hafs-viz-bench [--frames N] [--only NAME]: continuous panning at 1600×1000, each frame timed
// until it is drawn (GL: through glFinish), drawn as the window would draw it (`Drawing.current`;
// HAFS_VIZ_RENDERER=gl or cpu picks). Prints {"drawing", "results":[{"name","points",
// "frame_ms_median","frame_ms_p95"}], "appends":[{"name","base_points","appended","ms_median","ms_p95"}]}.

/// Growing a series: appending `appended` points to a `base_points` series, timed alone.
struct AppendResult: Encodable {
    var name: String
    var basePoints: Int
    var appended: Int
    var msMedian: Double
    var msP95: Double
}

/// Times `LineSeries.appending` of `count` new points to `base`, 200 times from the same base.
func measureAppend(_ name: String, base: LineSeries, count: Int) -> AppendResult {
    let start = base.xs.last ?? 0
    let xs = (1...count).map { start + Double($0) }
    let ys = xs.map { sin($0 / 1000) }
    var times: [Double] = []
    var kept = base
    for _ in 0..<200 {
        let begin = DispatchTime.now().uptimeNanoseconds
        kept = base.appending(x: xs, y: ys)
        times.append(Double(DispatchTime.now().uptimeNanoseconds - begin) / 1e6)
    }
    precondition(kept.count == base.count + count)
    times.sort()
    return AppendResult(
        name: name, basePoints: base.count, appended: count, msMedian: (times[100] * 1000).rounded() / 1000,
        msP95: (times[189] * 1000).rounded() / 1000)
}

struct BenchOutput: Encodable {
    /// How the frames were drawn: "gl" or "cpu".
    var drawing: String
    var results: [BenchResult]
    var appends: [AppendResult]
}

struct BenchResult: Encodable {
    var name: String
    var points: Int
    var frameMsMedian: Double
    var frameMsP95: Double
    var frames: Int
    var verticesLastFrame: Int
    /// Median time building the UI and drawing it (GL through glFinish, or the CPU).
    var buildMsMedian: Double
    var renderMsMedian: Double
}

@MainActor
func measure(_ name: String, points: Int, shell: Shell, frames: Int, target: OffscreenCanvas, build: (UIContext, Int) -> Void)
    throws -> BenchResult
{
    var times: [Double] = []
    var builds: [Double] = []
    var renders: [Double] = []
    var vertices = 0
    for frame in 0..<(frames + 5) {
        let start = DispatchTime.now().uptimeNanoseconds
        var input = InputState()
        input.displaySize = Vec2(Float(target.width), Float(target.height))
        input.time = Double(frame) / 60
        shell.ui.beginFrame(input)
        build(shell.ui, frame)
        let data = shell.ui.endFrame()
        let built = DispatchTime.now().uptimeNanoseconds
        try target.draw(data)
        let end = DispatchTime.now().uptimeNanoseconds
        let elapsed = Double(end - start) / 1e6
        if frame >= 5 {  // the first frames warm caches
            times.append(elapsed)
            builds.append(Double(built - start) / 1e6)
            renders.append(Double(end - built) / 1e6)
        }
        vertices = data.vertexCount
    }
    times.sort()
    builds.sort()
    renders.sort()
    let median = times[times.count / 2]
    let p95 = times[min(times.count - 1, Int((Double(times.count) * 0.95).rounded(.up)) - 1)]
    return BenchResult(
        name: name, points: points, frameMsMedian: (median * 100).rounded() / 100,
        frameMsP95: (p95 * 100).rounded() / 100, frames: times.count, verticesLastFrame: vertices,
        buildMsMedian: (builds[builds.count / 2] * 100).rounded() / 100,
        renderMsMedian: (renders[renders.count / 2] * 100).rounded() / 100)
}

/// A pan step: the visible window slides right by 1/200 of its width per frame.
func panned(_ base: AxisRange, frame: Int) -> AxisRange {
    let shift = base.span * 0.005 * Double(frame)
    return AxisRange(base.min + shift, base.max + shift)
}

/// Picking the nearest of `count` random points (10 clusters) with `PointGrid`: the build, then
/// 10,000 clicks at random places with a 6-pixel reach at a 1600-pixel-wide view.
func measurePicking(count: Int) -> String {
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    func unit() -> Double {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Double(state >> 11) / Double(1 << 53)
    }
    var xs = [Double](repeating: 0, count: count)
    var ys = [Double](repeating: 0, count: count)
    for i in 0..<count {
        let cluster = Double(i % 10)
        xs[i] = cos(cluster) * 10 + (unit() - 0.5) * 6
        ys[i] = sin(cluster) * 10 + (unit() - 0.5) * 6
    }
    let begin = DispatchTime.now().uptimeNanoseconds
    let grid = PointGrid(xs: xs, ys: ys)
    let built = Double(DispatchTime.now().uptimeNanoseconds - begin) / 1e6
    var times: [Double] = []
    var found = 0
    let scale = 1600.0 / 32  // pixels per data unit: the whole map across 1600 px
    for _ in 0..<10_000 {
        let x = unit() * 32 - 16
        let y = unit() * 32 - 16
        let start = DispatchTime.now().uptimeNanoseconds
        if grid.nearest(x: x, y: y, reach: 6, pixelsPerX: scale, pixelsPerY: scale) != nil { found += 1 }
        times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e3)
    }
    times.sort()
    // The max is mostly one scheduler tick (4 ms) when another process runs: p99.9 says more.
    return String(
        format:
            "{\"name\": \"pick_%d\", \"build_ms\": %.1f, \"query_us_median\": %.2f, \"query_us_p99\": %.2f, \"query_us_p999\": %.2f, \"query_us_max\": %.2f, \"hits\": %d}",
        count, built, times[5_000], times[9_900], times[9_990], times[9_999], found)
}

/// Labelling's save path with 60k labels in `directory`/labels.csv: each round changes one label
/// and times `LabelWriter.save` until that generation is on disk (renamed), as a key press would.
/// `rounds` nil: forever, printing "saved N" after each (the kill -9 test reads these).
func measureLabelSaves(directory: String, rounds: Int?) -> String {
    let writer = LabelWriter(path: (directory as NSString).appendingPathComponent("labels.csv"))
    var labels: [Int: Int] = [:]
    for index in 0..<60_000 { labels[index] = index % 10 }
    var times: [Double] = []
    var generation: UInt64 = 0
    while rounds.map({ times.count < $0 }) ?? true {
        generation += 1
        // A label that differs from the one before, so every save changes the file.
        labels[Int(generation % 60_000)] = Int((generation % 10 + 1) % 10)
        let start = DispatchTime.now().uptimeNanoseconds
        writer.save(labels, generation: generation)
        writer.waitUntilIdle()
        times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
        if let error = writer.error { return "{\"error\": \"\(error)\"}" }
        if rounds == nil {
            // Straight to the descriptor: the test reads each line as it comes.
            FileHandle.standardOutput.write(Data("saved \(generation)\n".utf8))
        }
    }
    times.sort()
    return String(
        format: "{\"name\": \"label_save_60k\", \"rounds\": %d, \"ms_median\": %.2f, \"ms_p95\": %.2f, \"ms_max\": %.2f}",
        times.count, times[times.count / 2], times[times.count * 95 / 100], times[times.count - 1])
}

@MainActor
func main() -> Int32 {
    var frames = 120
    var only: String?
    var arguments = Array(CommandLine.arguments.dropFirst())
    while !arguments.isEmpty {
        let argument = arguments.removeFirst()
        if argument == "--frames", let value = arguments.first.flatMap(Int.init), value >= 10 {
            frames = value
            arguments.removeFirst()
        } else if argument == "--only", let value = arguments.first {
            only = value
            arguments.removeFirst()
        } else if argument == "--labels", let directory = arguments.first {
            // No window needed: a label save with 60k labels (Scripts/bench-latent); with
            // --forever it saves until killed (the kill -9 test).
            arguments.removeFirst()
            let forever = arguments.first == "--forever"
            print(measureLabelSaves(directory: directory, rounds: forever ? nil : 100))
            return 0
        } else if argument == "--latent", let directory = arguments.first {
            // The Latent workspace on a directory (Scripts/bench-latent): pan, click, label.
            arguments.removeFirst()
            do {
                print(try measureLatent(directory: directory, frames: frames))
                return 0
            } catch {
                FileHandle.standardError.write(Data("hafs-viz-bench: \(error)\n".utf8))
                return 1
            }
        } else if argument == "--pick" {
            // No window needed: the latent map's picking alone (Scripts/bench-latent).
            print(measurePicking(count: 1_000_000))
            return 0
        } else {
            FileHandle.standardError.write(
                Data(
                    "usage: hafs-viz-bench [--frames N≥10] [--only line_10k|line_10M|scatter_1M|gallery|runs_grid|append] | --pick | --labels DIR [--forever] | [--frames N] --latent DIR\n"
                        .utf8))
            return 2
        }
    }
    do {
        let width = 1600
        let height = 1000
        let shell = try Shell(title: "hafs-viz-bench", width: width, height: height, visible: false)
        let target = try OffscreenCanvas(shell: shell, width: width, height: height)
        let data = GalleryData()
        var results: [BenchResult] = []
        let area = Rect(min: .zero, max: Vec2(Float(width), Float(height)))
        func wanted(_ name: String) -> Bool { only == nil || only == name }

        // References: what an empty frame and one full-screen rectangle cost on this GL.
        if only == "reference" {
            results.append(try measure("clear_only", points: 0, shell: shell, frames: frames, target: target) { _, _ in })
            results.append(
                try measure("fullscreen_rect", points: 0, shell: shell, frames: frames, target: target) { ui, _ in
                    ui.draw { $0.addRectFilled(area, ui.style.plotBackground) }
                })
            results.append(
                try measure("text_500_glyphs", points: 0, shell: shell, frames: frames, target: target) { ui, _ in
                    for row in 0..<10 { ui.label(String(repeating: "abcdefghij", count: 5), at: Vec2(10, Float(row) * 20)) }
                })
        }
        // Lines: the view starts showing half the data and pans right; the plot state is set
        // directly each frame (as a drag would).
        let small = LineSeries(x: Array(data.bigLine.xs.prefix(10_000)), y: Array(data.bigLine.ys.prefix(10_000)))
        for (name, series) in [("line_10k", small), ("line_10M", data.bigLine)] where wanted(name) {
            let base = AxisRange(0, Double(series.count) / 2)
            results.append(
                try measure(name, points: series.count, shell: shell, frames: frames, target: target) { ui, frame in
                    var state = PlotState()
                    state.autoFit = false
                    state.x = panned(base, frame: frame)
                    state.y = series.bounds?.y.padded(0.05) ?? AxisRange(0, 1)
                    ui.setPlotState(state, for: name)
                    ui.plot(name, area, title: name) { p in p.line(name, series) }
                })
        }
        if wanted("scatter_1M") {
            let base = AxisRange(-8, 6)
            results.append(
                try measure("scatter_1M", points: data.bigScatter.count, shell: shell, frames: frames, target: target) { ui, frame in
                    var state = PlotState()
                    state.autoFit = false
                    state.x = panned(base, frame: frame)
                    state.y = AxisRange(-8, 7)
                    ui.setPlotState(state, for: "scatter_1M")
                    ui.plot("scatter_1M", area, title: "scatter_1M") { p in p.scatter("points", data.bigScatter) }
                })
        }
        if wanted("gallery") {
            let gallery = Gallery(data: data)
            // The whole gallery is rebuilt and redrawn every frame while the user pans its 10M-point
            // line plot (one plot at a time, as a mouse drag does); the 1M scatter, bars and time
            // plot are drawn each frame from their unchanged views.
            results.append(
                try measure("gallery", points: data.bigLine.count + data.bigScatter.count, shell: shell, frames: frames, target: target) {
                    ui, frame in
                    var state = PlotState()
                    state.autoFit = false
                    state.x = panned(AxisRange(0, 5_000_000), frame: frame)
                    state.y = AxisRange(-25, 15)
                    ui.setPlotState(state, for: "lines")
                    gallery.frame(ui)
                })
        }
        if wanted("runs_grid") {
            // The Runs workspace while 20 runs grow: 9 live charts of 20 runs × (raw + smoothed)
            // lines, each starting at 10,000 points and growing by 25 a frame (100 steps/s at
            // 4 refreshes/s), 360 distinct lines in all. The appends are timed with the build.
            func curve(_ i: Int, _ k: Int) -> Double {
                let noise = Double((i * 7919 + k) % 97) * 1e-4
                return 1 / (2 + Double(i) * 0.001 * Double(k % 10 + 1)) + noise
            }
            var grid = (0..<9).map { chart in
                (0..<40).map { k in LineSeries(x: (0..<10_000).map(Double.init), y: (0..<10_000).map { curve($0, k + chart) }) }
            }
            results.append(
                try measure("runs_grid", points: 9 * 40 * 10_000, shell: shell, frames: frames, target: target) { ui, frame in
                    let cellWidth = Float(width - 280) / 3
                    let cellHeight = Float(height - 60) / 3
                    for chart in 0..<9 {
                        let first = grid[chart][0].count
                        let xs = (first..<(first + 25)).map(Double.init)
                        for k in 0..<40 {
                            grid[chart][k] = grid[chart][k].appending(x: xs, y: (first..<(first + 25)).map { curve($0, k + chart) })
                        }
                        let cell = Rect(
                            x: 280 + Float(chart % 3) * cellWidth, y: 30 + Float(chart / 3) * cellHeight, width: cellWidth,
                            height: cellHeight)
                        ui.plot("chart\(chart)", cell.insetBy(4, 4), title: "train/tag_\(chart)", live: true) { p in
                            for (k, line) in grid[chart].enumerated() {
                                p.line("", line, color: ui.style.seriesColor(k / 2).withAlpha(k % 2 == 0 ? 0.25 : 1))
                            }
                        }
                    }
                })
        }
        var appends: [AppendResult] = []
        if wanted("append") {
            let million = LineSeries(x: Array(data.bigLine.xs.prefix(1_000_000)), y: Array(data.bigLine.ys.prefix(1_000_000)))
            appends.append(measureAppend("append_1k_to_1M", base: million, count: 1_000))
            appends.append(measureAppend("append_1k_to_10M", base: data.bigLine, count: 1_000))
            appends.append(measureAppend("append_100_to_1M", base: million, count: 100))
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        // Swift names in camelCase, the printed keys in snake_case (what the scripts read).
        encoder.keyEncodingStrategy = .convertToSnakeCase
        let json = try encoder.encode(BenchOutput(drawing: shell.window.drawing.rawValue, results: results, appends: appends))
        print(String(decoding: json, as: UTF8.self))
        return 0
    } catch {
        FileHandle.standardError.write(Data("hafs-viz-bench: \(error)\n".utf8))
        return 2
    }
}

exit(main())
