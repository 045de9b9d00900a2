@testable import Immediate

/// Drives a `UIContext` with synthetic input, one frame per call, with the testing font.
final class Harness {
    let ui = UIContext(font: .testing)
    var collector = InputCollector()
    var time = 0.0
    let size = Vec2(800, 600)

    init() {
        collector.setDisplay(size: size, scale: 1)
        ui.recordsText = true
    }

    /// Runs one frame; `events` adds input before it. Time advances 0.5 s per frame (so two
    /// clicks in separate calls are not a double click unless `quick` is set).
    @discardableResult
    func frame(quick: Bool = false, _ events: (inout InputCollector) -> Void = { _ in }, _ body: (UIContext) -> Void) -> DrawData {
        time += quick ? 0.05 : 0.5
        collector.setTime(time)
        events(&collector)
        ui.beginFrame(collector.nextFrame())
        body(ui)
        return ui.endFrame()
    }
}

extension DrawList {
    /// The strings drawn on this layer (the harness records them).
    var texts: [String] { recordedTexts ?? [] }
}

/// A plot of known data for interaction tests: y = x for x = 0…100, in a fixed rect.
let plotRect = Rect(x: 0, y: 0, width: 800, height: 600)
let lineXs = (0...100).map(Double.init)

func knownPlot(_ ui: UIContext, id: String = "p") -> PlotResult {
    ui.plot(id, plotRect) { p in
        p.line("y=x", x: lineXs, y: lineXs)
    }
}

func approx(_ a: Double, _ b: Double, _ tolerance: Double = 1e-6) -> Bool {
    abs(a - b) <= tolerance * max(1, abs(a), abs(b))
}

/// Euclidean distance between two points, in pixels.
func distance(_ a: Vec2, _ b: Vec2) -> Float {
    ((a - b) * (a - b)).sum().squareRoot()
}
