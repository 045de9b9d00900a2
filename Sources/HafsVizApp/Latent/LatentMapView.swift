// The Latent map: the colour-mode tabs and their key, the scatter (markers zoomed in, a
// categorical density image zoomed out), a click picking the nearest point through the
// `PointGrid`, Shift+drag drawing a lasso, and the red cross on the selected point.

import Figures
import Foundation
import HafsVizCore
import HafsVizModel
import Immediate

/// The map's scatter items for one model, colour mode and label generation.
struct LatentMapSeries {
    struct Item {
        var label: String
        var series: ScatterSeries
        var color: Color
        var colorScale: PlotColorScale?
        var markerSize: Float
        /// Drawn only as markers (an overlay of points the first item already holds).
        var markersOnly = false
    }

    /// One entry of the key under the tabs: a colour, what it stands for, how many points.
    struct KeyEntry {
        var name: String
        var color: Color
        var count: Int
    }

    let scene: LatentScene
    let mode: LatentColorMode
    /// The labels' generation it was built at: only the labels mode reads the labels, so the
    /// others keep 0 and are not rebuilt (nor their density images binned again) by a label.
    let generation: UInt64
    let items: [Item]
    let key: [KeyEntry]
    /// Why the mode shows nothing of its own (its file is missing).
    let note: String?

    init(scene: LatentScene, mode: LatentColorMode, book: LabelBook?) {
        self.scene = scene
        let model = scene.model
        self.mode = mode
        generation = LatentMapSeries.generation(for: mode, book)
        let dataset = model.dataset
        let n = dataset.points
        var items: [Item] = []
        var key: [KeyEntry] = []
        var note: String?
        func categorical(_ counts: [Int: Int], noneName: String, noneCount: Int) -> [KeyEntry] {
            counts.keys.sorted().map { KeyEntry(name: "\($0)", color: LatentPalette.color(ofClass: $0), count: counts[$0] ?? 0) }
                + (noneCount > 0 ? [KeyEntry(name: noneName, color: LatentPalette.none, count: noneCount)] : [])
        }
        switch mode {
        case .labels:
            var colors = [Color](repeating: LatentPalette.none, count: scene.mapPoints.count)
            for (index, label) in book?.labels ?? [:] where index < n {
                let place = Int(model.mapRank[index])
                if place >= 0 { colors[place] = LatentPalette.color(ofClass: label) }
            }
            items.append(
                Item(
                    label: "all points", series: scene.mapPoints.recolored(colors), color: LatentPalette.none,
                    colorScale: nil, markerSize: 2.5))
            // Collected in the map's order: no sort of the labels, and the same order each time.
            var lx: [Double] = []
            var ly: [Double] = []
            var lc: [Color] = []
            for place in colors.indices where colors[place] != LatentPalette.none {
                lx.append(scene.mapPoints.xs[place])
                ly.append(scene.mapPoints.ys[place])
                lc.append(colors[place])
            }
            // Labelled points again, as markers on top: a few labels among a million points
            // would vanish in the density image's class mix. More than the marker limit in view
            // are left to that mix (they are in it).
            if !lx.isEmpty {
                items.append(
                    Item(
                        label: "labelled", series: ScatterSeries(x: lx, y: ly, colors: lc), color: Color(hex: 0xFFFFFF),
                        colorScale: nil, markerSize: 3.5, markersOnly: true))
            }
            key = categorical(book?.classCounts ?? [:], noneName: "unlabelled", noneCount: n - (book?.labels.count ?? 0))
        case .predictions:
            if let colors = scene.predictionColors, let predictions = dataset.predictions {
                items.append(
                    Item(
                        label: "predictions", series: scene.mapPoints.recolored(colors),
                        color: LatentPalette.classes[0], colorScale: nil, markerSize: 2.5))
                var counts: [Int: Int] = [:]
                var none = 0
                for prediction in predictions {
                    if let prediction, prediction >= 0 { counts[prediction, default: 0] += 1 } else { none += 1 }
                }
                key = categorical(counts, noneName: "no prediction", noneCount: none)
            } else {
                note = "no predictions.npy in this directory"
            }
        case .certainty:
            if let colors = scene.certaintyColors {
                items.append(
                    Item(
                        label: "certainty", series: scene.mapPoints.recolored(colors), color: Colormap.viridis.stops[4],
                        colorScale: PlotColorScale(label: "certainty", range: AxisRange(0, 1), colormap: .viridis), markerSize: 2.5))
            } else {
                note = "no certainty.npy in this directory"
            }
        case .metadata(let name):
            guard let column = model.metadata?.columns.first(where: { $0.name == name }) else {
                note = "metadata.csv has no column \(name)"
                break
            }
            switch column.values {
            case .numbers(let values):
                let finite = values.filter(\.isFinite)
                let range = AxisRange(finite.min() ?? 0, max(finite.max() ?? 1, (finite.min() ?? 0) + 1e-12))
                let colors = model.inMapOrder {
                    values[$0].isFinite ? Colormap.viridis.color(of: values[$0], in: range) : LatentPalette.none
                }
                items.append(
                    Item(
                        label: name, series: scene.mapPoints.recolored(colors), color: Colormap.viridis.stops[4],
                        colorScale: PlotColorScale(label: name, range: range, colormap: .viridis), markerSize: 2.5))
                let empty = values.count - finite.count
                if empty > 0 { key = [KeyEntry(name: "empty", color: LatentPalette.none, count: empty)] }
            case .categories(let codes, let categories, let counts):
                // The most common values get the class colours; the rest share "other".
                let ranked = categories.indices.sorted { counts[$0] > counts[$1] || (counts[$0] == counts[$1] && $0 < $1) }
                var slot = [Int](repeating: -1, count: categories.count)
                for (rank, category) in ranked.prefix(LatentPalette.classes.count).enumerated() { slot[category] = rank }
                let other = Color(hex: 0x9AA0A6)
                let colors = model.inMapOrder { index -> Color in
                    let code = codes[index]
                    guard code >= 0 else { return LatentPalette.none }
                    let rank = slot[Int(code)]
                    return rank >= 0 ? LatentPalette.classes[rank] : other
                }
                items.append(
                    Item(
                        label: name, series: scene.mapPoints.recolored(colors), color: LatentPalette.classes[0],
                        colorScale: nil, markerSize: 2.5))
                key = ranked.prefix(LatentPalette.classes.count).enumerated().map { rank, category in
                    KeyEntry(name: categories[category], color: LatentPalette.classes[rank], count: counts[category])
                }
                let rest = ranked.dropFirst(LatentPalette.classes.count).reduce(0) { $0 + counts[$1] }
                if rest > 0 {
                    key.append(KeyEntry(name: "\(ranked.count - LatentPalette.classes.count) others", color: other, count: rest))
                }
                let empty = codes.reduce(0) { $0 + ($1 < 0 ? 1 : 0) }
                if empty > 0 { key.append(KeyEntry(name: "empty", color: LatentPalette.none, count: empty)) }
            }
        }
        if items.isEmpty {
            items.append(Item(label: "points", series: scene.mapPoints, color: LatentPalette.none, colorScale: nil, markerSize: 2.5))
        }
        self.items = items
        self.key = key
        self.note = note
    }
}

extension LatentMapSeries {
    static func generation(for mode: LatentColorMode, _ book: LabelBook?) -> UInt64 {
        mode == .labels ? book?.generation ?? 0 : 0
    }
}

extension LatentWorkspace {
    /// The map plot's id (benchmarks and tests set its view).
    public static let mapID = "latent-map"
    static let lassoID = "latent-lasso"
    /// How far (pixels at scale 1) a click reaches for a point.
    static let pickReach: Double = 8

    /// The series for the current model, mode and labels (built again when any it reads changes).
    func mapSeries(_ scene: LatentScene) -> LatentMapSeries {
        if let mapCache, mapCache.scene === scene, mapCache.mode == colorMode,
            mapCache.generation == LatentMapSeries.generation(for: colorMode, book)
        {
            return mapCache
        }
        let series = LatentMapSeries(scene: scene, mode: colorMode, book: book)
        mapCache = series
        return series
    }

    func drawMap(_ ui: UIContext, _ rect: Rect, _ scene: LatentScene) {
        let model = scene.model
        let style = ui.style
        let modes = availableColorModes
        let (tabRow, belowTabs) = rect.splitTop(style.rowHeight + 4)
        let current = modes.firstIndex(of: colorMode) ?? 0
        ui.selectTab("latent-colour", current)
        let chosen = ui.tabs("latent-colour", modes.map { "Colour: " + $0.title }, tabRow)
        if chosen != current, modes.indices.contains(chosen) { setColorMode(modes[chosen]) }
        let series = mapSeries(scene)
        // The key row is the map's legend (the plot's own would repeat it with one colour).
        let (keyRow, plotRect) = belowTabs.splitTop(style.rowHeight + 2)
        drawKey(ui, keyRow, series)

        // Shift+press starts a lasso before the plot sees the press, so it does not pan.
        let lassoID = ui.id(LatentWorkspace.lassoID)
        if ui.input.wasPressed(.left), ui.input.modifiers.contains(.shift), let mouse = ui.input.mouse, lastMapArea?.contains(mouse) == true
        {
            cancelLasso()
            lassoPath = []
            ui.setActive(lassoID)
        }
        let dataset = model.dataset
        var title = "\(model.source.name)/latent.npy · \(Format.count(dataset.points)) points"
        if dataset.projected {
            let share = dataset.explainedVariance.map { " (\(Format.percent($0.x + $0.y, decimals: 0)) of variance)" } ?? ""
            title += " · projected: PCA of \(dataset.dims)-D\(share), fitted on \(Format.count(dataset.projectionSample)) rows"
        }
        if dataset.nonFinite > 0 { title += " · \(Format.count(dataset.nonFinite)) non-finite not drawn" }
        applyPendingView(ui, scene)
        let axisName = dataset.projected ? ("PC 1", "PC 2") : ("x", "y")
        let result = ui.plot(
            LatentWorkspace.mapID, plotRect, title: title, x: AxisOptions(label: axisName.0), y: AxisOptions(label: axisName.1),
            legend: .hidden
        ) { p in
            for item in series.items {
                p.scatter(
                    item.label, item.series, color: item.color, markerSize: item.markerSize, colorScale: item.colorScale,
                    markersOnly: item.markersOnly)
            }
        }
        lastMapArea = result.transform.area
        let t = result.transform
        // Hover names the point under the mouse as a click would pick it: its index, label,
        // prediction and certainty (the plot's own tooltip knows only x and y).
        if result.hover != nil, lassoPath == nil, let mouse = ui.input.mouse, let index = point(at: mouse, t, model, style) {
            ui.tooltip(pointDetails(index, model))
        }
        if let note = series.note {
            _ = ui.label(note, at: Vec2(t.area.min.x + style.padding, t.area.min.y + style.padding), color: style.warning)
        }

        // The lasso: points while the button is held, closed on release.
        if lassoPath != nil {
            if ui.input.isDown(.left), let mouse = ui.input.mouse {
                let point = (x: t.dataX(mouse.x), y: t.dataY(mouse.y))
                if let last = lassoPath?.last {
                    let dx = (point.x - last.x) * Double(t.area.width) / t.x.span
                    let dy = (point.y - last.y) * Double(t.area.height) / t.y.span
                    if dx * dx + dy * dy >= 9 { lassoPath?.append(point) }
                } else {
                    lassoPath?.append(point)
                }
                ui.requestRedraw()
            } else if lassoLabelPending == nil, lassoPoints == nil {
                let path = lassoPath ?? []
                if path.count >= 3 {
                    session.setLasso(model.grid.inside(path))
                    if lassoPoints == nil { lassoPath = nil }
                } else {
                    lassoPath = nil
                }
                ui.setActive(nil)
            }
        } else if SelectionMarks.clicked(ui, result), !ui.input.modifiers.contains(.shift), let mouse = ui.input.mouse,
            let index = point(at: mouse, t, model, style)
        {
            select(index)
        }
        drawMapMarks(ui, t, model)
    }

    /// The point a click at `mouse` picks (and hover names): the nearest within the pick reach,
    /// the axes' scales taken apart.
    func point(at mouse: Vec2, _ t: PlotTransform, _ model: LatentModel, _ style: Style) -> Int? {
        model.grid.nearest(
            x: t.dataX(mouse.x), y: t.dataY(mouse.y), reach: LatentWorkspace.pickReach * Double(style.scale),
            pixelsPerX: Double(t.area.width) / t.x.span, pixelsPerY: Double(t.area.height) / t.y.span)
    }

    /// "point 123 · label 3 (unsaved) · prediction 5 · certainty 0.420\nat (15.9, −3.3)".
    func pointDetails(_ index: Int, _ model: LatentModel) -> String {
        let dataset = model.dataset
        var parts = ["point \(index)"]
        parts.append(book?.labels[index].map { "label \($0)" } ?? "unlabelled")
        if let predictions = dataset.predictions {
            parts.append(predictions[index].map { "prediction \($0)" } ?? "prediction not a number")
        }
        if let certainty = dataset.certainty {
            parts.append(certainty[index].isFinite ? "certainty " + Format.fixed(certainty[index], 3) : "certainty not a number")
        }
        return parts.joined(separator: " · ") + "\nat (\(Format.value(dataset.xs[index])), \(Format.value(dataset.ys[index])))"
    }

    /// After a model was adopted: a new directory is fitted; a new map of the same one is drawn
    /// in the view the user had (fitted or not), unless none of its points lies in that view.
    private func applyPendingView(_ ui: UIContext, _ scene: LatentScene) {
        guard let pending = pendingView else { return }
        pendingView = nil
        guard var state = ui.plotState(LatentWorkspace.mapID) else { return }
        switch pending {
        case .fit:
            state.autoFit = true
        case .keep:
            if scene.mapPoints.countInside(x: state.x, y: state.y) > 0 {
                state.autoFit = false
            } else {
                state.fitRequested = true
                host?.report("the new map lies outside the view you had: fitted to it", isError: false)
            }
        }
        ui.setPlotState(state, for: LatentWorkspace.mapID)
    }

    /// The colour key: a swatch, a name and a count per class (or category).
    private func drawKey(_ ui: UIContext, _ rect: Rect, _ series: LatentMapSeries) {
        let style = ui.style
        var x = rect.min.x + style.padding
        let swatch = ui.font.lineHeight * 0.7
        for (offset, entry) in series.key.enumerated() {
            let text = "\(entry.name) \(Format.count(entry.count))"
            let width = swatch + style.padding * 0.5 + ui.font.measure(text) + style.padding * 1.5
            if x + width > rect.max.x {
                let rest = series.key.count - offset
                _ = ui.label("+\(rest) more", at: Vec2(x, rect.center.y - ui.font.lineHeight / 2), color: style.textDim)
                break
            }
            let box = Rect(min: Vec2(x, rect.center.y - swatch / 2), max: Vec2(x + swatch, rect.center.y + swatch / 2))
            ui.draw { $0.addRectFilled(box, entry.color) }
            _ = ui.label(text, at: Vec2(x + swatch + style.padding * 0.5, rect.center.y - ui.font.lineHeight / 2), color: style.text)
            x += width
        }
    }

    /// At most this many of a lasso's points are marked one by one (more would cost a frame
    /// its budget); past it every k-th is, and the map says so.
    static let lassoMarkLimit = 100_000

    /// The lasso's outline and the points it picked, and the selected point's red cross, over
    /// the map.
    private func drawMapMarks(_ ui: UIContext, _ t: PlotTransform, _ model: LatentModel) {
        let style = ui.style
        if let picked = lassoPoints, !picked.isEmpty {
            let stride = max(1, (picked.count + LatentWorkspace.lassoMarkLimit - 1) / LatentWorkspace.lassoMarkLimit)
            let half = 2 * style.scale
            let xs = model.dataset.xs
            let ys = model.dataset.ys
            ui.draw { list in
                list.pushClip(t.area)
                var index = 0
                while index < picked.count {
                    let point = Int(picked[index])
                    index += stride
                    guard point < xs.count, xs[point].isFinite, ys[point].isFinite else { continue }
                    let center = Vec2(t.px(xs[point]), t.py(ys[point]))
                    guard t.area.insetBy(-half, -half).contains(center) else { continue }
                    list.addRectFilled(
                        Rect(min: center - Vec2(half + 1, half + 1), max: center + Vec2(half + 1, half + 1)),
                        Color(hex: 0x000000, alpha: 160))
                    list.addRectFilled(Rect(min: center - Vec2(half, half), max: center + Vec2(half, half)), style.accent)
                }
                list.popClip()
            }
            if stride > 1 {
                _ = ui.label(
                    "picked points: every \(stride)th of \(Format.count(picked.count)) marked",
                    at: Vec2(t.area.min.x + style.padding, t.area.max.y - ui.font.lineHeight - style.padding),
                    color: style.textDim)
            }
        }
        ui.draw { list in
            list.pushClip(t.area)
            if let path = lassoPath, path.count >= 2 {
                let points = path.map { Vec2(t.px($0.x), t.py($0.y)) }
                list.addPolyline(points + [points[0]], style.accent, thickness: 1.5 * style.scale)
            }
            if let selected, selected < model.dataset.points {
                let x = model.dataset.xs[selected]
                let y = model.dataset.ys[selected]
                if x.isFinite, y.isFinite {
                    let center = Vec2(t.px(x), t.py(y))
                    let arm = 9 * style.scale
                    for (a, b) in [(Vec2(-arm, -arm), Vec2(arm, arm)), (Vec2(-arm, arm), Vec2(arm, -arm))] {
                        list.addLine(center + a, center + b, Color(hex: 0x000000, alpha: 200), thickness: 4.5 * style.scale)
                        list.addLine(center + a, center + b, Color(hex: 0xFF2D2D), thickness: 2.5 * style.scale)
                    }
                }
            }
            list.popClip()
        }
    }

    /// "Label 1,234 points as 3?" over the map, with its two buttons.
    func drawLassoConfirmation(_ ui: UIContext, _ rect: Rect) {
        guard let points = lassoPoints, let label = lassoLabelPending else { return }
        let style = ui.style
        let text = "Label \(Format.count(points.count)) points as \(label)?"
        let width = max(ui.font.measure(text) + style.padding * 4, 320 * style.scale)
        let height = style.rowHeight * 3 + style.padding * 3
        let box = Rect(x: rect.center.x - width / 2, y: rect.center.y - height / 2, width: width, height: height)
        ui.withLayer(1) {
            ui.blockMouse(in: box)
            ui.draw { list in
                list.addRectFilled(box, style.popup)
                list.addRect(box, style.accent, thickness: 1.5 * style.scale)
            }
            _ = ui.label(text, at: Vec2(box.min.x + style.padding * 2, box.min.y + style.padding * 1.5), color: style.text)
            let replaced = lassoReplaced
            if replaced > 0 {
                _ = ui.label(
                    "\(Format.count(replaced)) of them have another label now",
                    at: Vec2(box.min.x + style.padding * 2, box.min.y + style.padding * 1.5 + style.rowHeight),
                    color: style.warning)
            }
            let buttonWidth = (width - style.padding * 5) / 2
            let row = box.max.y - style.padding - style.rowHeight
            if ui.button(
                "Label \(Format.count(points.count)) (Enter)",
                Rect(x: box.min.x + style.padding * 2, y: row, width: buttonWidth, height: style.rowHeight))
            {
                session.confirmLasso()
            }
            if ui.button(
                "Cancel (Esc)", Rect(x: box.min.x + style.padding * 3 + buttonWidth, y: row, width: buttonWidth, height: style.rowHeight))
            {
                lassoLabelPending = nil
            }
        }
    }
}
