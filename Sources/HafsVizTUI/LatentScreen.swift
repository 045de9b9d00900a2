// The Latent workspace in the terminal: the embedding map as a density in coloured half blocks,
// the selected point's picture in half-block pixels and its facts, and labelling with the keys
// the window binds, through the same `LabelSession` (labels.csv by the same writer).

import Figures
import Foundation
import HafsVizCore
import HafsVizModel
import Terminal

final class LatentScreen: TUIScreen {
    let key = WorkspaceKey.latent
    let session: LabelSession
    weak var host: SessionHost? {
        didSet {
            session.report = { [weak self] text, isError in self?.host?.report(text, isError: isError) }
        }
    }
    private let loader: BackgroundLoader<FolderSource, LatentModel>?
    /// The map as last drawn, kept while nothing it shows changed, and where it was drawn.
    private var density: LatentDensity?
    private var mapArea = Area(x: 0, y: 0, width: 0, height: 0)
    /// The selected point's picture, made when the selection or the map changes, not every frame.
    private var shownPicture: (model: ObjectIdentifier, index: Int, image: PointImage?)?

    private func picture(of index: Int, in model: LatentModel) -> PointImage? {
        if let shownPicture, shownPicture.model == ObjectIdentifier(model), shownPicture.index == index { return shownPicture.image }
        let dataset = model.dataset
        let image = dataset.images.flatMap { images in dataset.imageScale.flatMap { PointImage(images, row: index, scale: $0) } }
        shownPicture = (ObjectIdentifier(model), index, image)
        return image
    }

    /// - Parameter readNow: read the directory on this thread (`--once`, tests).
    init(directory: String, readNow: Bool, onUpdate: @escaping @Sendable () -> Void = {}) {
        session = LabelSession(source: FolderSource(directory, files: LatentModel.files), onSaved: onUpdate)
        if readNow {
            loader = nil
            do {
                session.adopt(try LatentModel(source: session.source))
            } catch {
                session.loadError = "\(error)"
            }
        } else {
            let loader = BackgroundLoader<FolderSource, LatentModel>(
                name: "latent load", build: { try LatentModel(source: $0) }, wake: onUpdate)
            self.loader = loader
            loader.load(session.source)
        }
    }

    var isLoading: Bool { loader?.isLoading ?? false }

    func poll(now: Double) -> Bool {
        var changed = false
        if let result = loader?.take() {
            switch result {
            case .success(let model): session.adopt(model)
            case .failure(let failure): session.loadFailed(failure.message)
            }
            changed = true
        }
        if session.poll(now: now) { changed = true }
        return changed
    }

    func pollInterval() -> Double { 1 }

    func escape() -> Bool { session.escape() }

    func statusSegments() -> [StatusSegment] { session.statusSegments(isLoading: isLoading) }

    func savedState() -> [String: String] { session.savedState() }
    func restore(_ state: [String: String]) { session.restore(state) }

    // MARK: - Commands

    func actions() -> [Action] {
        session.labellingActions() + [
            Action("Reload", keys: [KeyPress(.f(5))], keyText: "F5", help: "Read the latent directory again") { [unowned self] in
                loader?.load(session.source)
            },
            Action(
                "Next Colour Mode", keys: [KeyPress(.character("c"))], keyText: "C",
                help: "Colour the map by labels, predictions, certainty (as the directory has them)"
            ) { [unowned self] in
                let modes = session.availableColorModes.filter { LatentDensity.draws($0) }
                guard !modes.isEmpty else { return }
                let next = modes[((modes.firstIndex(of: session.colorMode) ?? -1) + 1) % modes.count]
                if session.setColorMode(next) { host?.stateChanged() }
            },
        ]
    }

    /// A click on the map selects the nearest point within two cells (nothing there: none).
    func click(x: Int, y: Int, button: Int) -> Bool {
        guard button == 0, mapArea.contains(x, y), let model = session.model,
            let at = density?.dataPoint(column: x - mapArea.x, row: y - mapArea.y)
        else { return false }
        session.select(model.grid.nearest(x: at.x, y: at.y, reach: 2, pixelsPerX: at.cellsPerX, pixelsPerY: at.cellsPerY))
        return true
    }

    // MARK: - Drawing

    func draw(into buffer: inout CellBuffer, _ area: Area) {
        guard let model = session.model else {
            let text =
                session.loadError.map { "latent.npy: \($0)" }
                ?? (isLoading ? "Reading \(session.directory)…" : "No map: \(session.directory) has no latent.npy")
            buffer.put(
                TextFit.cut(text, to: area.width), x: area.x, y: area.y + area.height / 2,
                foreground: session.loadError == nil ? TUIStyle.dim : TUIStyle.error)
            return
        }
        let sideWidth = area.width >= 100 ? min(44, area.width / 3) : min(32, area.width / 2)
        let (map, side) = area.splitLeft(area.width - sideWidth)
        drawMap(&buffer, model, Area(x: map.x, y: map.y, width: map.width - 1, height: map.height))
        drawSide(&buffer, model, Area(x: side.x + 1, y: side.y, width: side.width - 1, height: side.height))
    }

    private func drawMap(_ buffer: inout CellBuffer, _ model: LatentModel, _ area: Area) {
        let mode = LatentDensity.draws(session.colorMode) ? session.colorMode : .labels
        var title = "Map · colour: \(mode.title) (C)"
        if mode != session.colorMode { title += " · \(session.colorMode.title): the window only" }
        if model.dataset.nonFinite > 0 { title += " · \(Format.count(model.dataset.nonFinite)) non-finite not drawn" }
        buffer.put(TextFit.cut(title, to: area.width), x: area.x, y: area.y, foreground: TUIStyle.text, bold: true)
        let plot = Area(x: area.x, y: area.y + 1, width: area.width, height: area.height - 1)
        let generation = session.book?.generation ?? 0
        if density?.matches(model, generation: generation, mode: mode, width: plot.width, height: plot.height) != true {
            density = LatentDensity(
                model, labels: session.book?.labels ?? [:], generation: generation, mode: mode, width: plot.width, height: plot.height)
        }
        guard let density else { return }
        mapArea = plot
        density.draw(into: &buffer, at: plot)
        if let selected = session.selected, selected < model.dataset.points,
            let cell = density.cell(x: model.dataset.xs[selected], y: model.dataset.ys[selected])
        {
            buffer[plot.x + cell.x, plot.y + cell.y] = Cell("◆", foreground: .rgb(255, 255, 255), bold: true)
        }
        if let lasso = session.lassoPoints {
            buffer.put(
                "lasso: \(Format.count(lasso.count)) points · a digit labels them · Esc cancels", x: plot.x, y: plot.y,
                foreground: TUIStyle.warning)
        }
    }

    private func drawSide(_ buffer: inout CellBuffer, _ model: LatentModel, _ area: Area) {
        var y = area.y
        func line(_ text: String, _ color: TermColor = TUIStyle.text, bold: Bool = false) {
            guard y < area.y + area.height else { return }
            buffer.put(TextFit.cut(text, to: area.width), x: area.x, y: y, foreground: color, bold: bold)
            y += 1
        }
        let dataset = model.dataset
        if let selected = session.selected {
            line("Point \(selected)", bold: true)
            if let image = picture(of: selected, in: model) {
                let rows = min(max(area.height / 3, 4), 12)
                let used = HalfBlockImage.draw(image, into: &buffer, x: area.x, y: y, width: min(area.width, rows * 2), height: rows)
                y += used
            } else if dataset.images == nil {
                line("no images.npy: no picture of this point", TUIStyle.dim)
            }
            line(session.predictionText(of: selected) ?? "")
            let label = session.labelText(of: selected)
            line(label.text, label.label.map { TUIStyle.rgb(ClassPalette.color(ofClass: $0)) } ?? TUIStyle.dim)
            line(session.positionText(of: selected) ?? "", TUIStyle.dim)
        } else {
            line("No point selected", bold: true)
            line("N: the least certain unlabelled point", TUIStyle.dim)
        }
        line("0–9 label · Delete removes · Ctrl+Z undoes · N next", TUIStyle.dim)
        if let reason = session.book?.readOnlyReason { line("Labelling is off: \(reason)", TUIStyle.error) }
        y += 1
        line("Dataset", bold: true)
        line(session.datasetText ?? "")
        line(session.labelledText ?? "")
        let counts = session.book?.classCounts ?? [:]
        let largest = counts.values.max() ?? 1
        for label in counts.keys.sorted() where y < area.y + area.height {
            let count = counts[label] ?? 0
            let text = "class \(label): \(Format.count(count))"
            buffer.put(text, x: area.x, y: y, foreground: TUIStyle.text, limit: area.width)
            let barX = area.x + max(text.count + 1, 16)
            Chart.bar(
                &buffer, fraction: Double(count) / Double(max(largest, 1)), x: barX, y: y, width: area.x + area.width - barX,
                color: TUIStyle.rgb(ClassPalette.color(ofClass: label)))
            y += 1
        }
        for problem in session.errorLines.prefix(3) { line(problem, TUIStyle.warning) }
    }
}

/// A picture in half blocks: each cell shows two pixels, the upper as the foreground of "▀"
/// and the lower as its background, scaled (nearest neighbour) to fit and keeping its aspect.
enum HalfBlockImage {
    /// Draws `image` in at most `width` × `height` cells at (x, y); the rows used.
    static func draw(_ image: PointImage, into buffer: inout CellBuffer, x: Int, y: Int, width: Int, height: Int) -> Int {
        guard image.width > 0, image.height > 0, width > 0, height > 0 else { return 0 }
        let scale = min(Double(width) / Double(image.width), Double(height * 2) / Double(image.height))
        let columns = max(1, Int(Double(image.width) * scale))
        let pixelRows = max(2, Int(Double(image.height) * scale))
        let rows = (pixelRows + 1) / 2
        func color(_ column: Int, _ pixelRow: Int) -> TermColor {
            let sx = min(Int(Double(column) / scale), image.width - 1)
            let sy = min(Int(Double(pixelRow) / scale), image.height - 1)
            let p = image.pixels[sy * image.width + sx]
            return .rgb(UInt8(p & 0xFF), UInt8(p >> 8 & 0xFF), UInt8(p >> 16 & 0xFF))
        }
        for row in 0..<rows {
            for column in 0..<columns {
                let bottom = row * 2 + 1 < pixelRows ? color(column, row * 2 + 1) : TermColor.standard
                buffer[x + column, y + row] = Cell("▀", foreground: color(column, row * 2), background: bottom)
            }
        }
        return rows
    }
}
