// The Latent side panel: the selected point (index, original and reconstruction, prediction,
// certainty, label), the label buttons, the dataset card, and the training pane below.

import Figures
import Foundation
import HafsVizCore
import HafsVizModel
import Immediate

/// The selected point's images as textures, made once per selection.
struct LatentThumbnails {
    let index: Int
    let original: DrawImage?
    let reconstruction: DrawImage?

    /// Row `row` of an array as the window's image (`PointImage` makes the pixels).
    static func image(_ array: NPYArray, row: Int, scale: ImageScale, version: Int) -> DrawImage? {
        guard let image = PointImage(array, row: row, scale: scale) else { return nil }
        return DrawImage(width: image.width, height: image.height, pixels: image.pixels, version: version)
    }
}

extension LatentWorkspace {
    /// The largest the thumbnails are drawn: half the panel, at most 150 px (at scale 1).
    private func maxThumbnailSide(_ inner: Rect, _ style: Style) -> Float {
        min((inner.width - style.padding) / 2, 150 * style.scale)
    }

    /// As large as they may be, or as the training pane below leaves them (`thumbnailFit`).
    private func thumbnailSide(_ inner: Rect, _ style: Style) -> Float {
        min(maxThumbnailSide(inner, style), thumbnailFit ?? .greatestFiniteMagnitude)
    }

    func drawSidePanel(_ ui: UIContext, _ rect: Rect, _ model: LatentModel) {
        let style = ui.style
        ui.panel(rect)
        let inner = rect.insetBy(style.padding * 1.5, style.padding)
        var y = inner.min.y
        let line = ui.font.lineHeight * 1.25
        func text(_ value: String, _ color: Color? = nil) {
            _ = ui.label(ui.font.shorten(value, toFit: inner.width), at: Vec2(inner.min.x, y), color: color ?? style.text)
            y += line
        }
        func heading(_ value: String) {
            _ = ui.label(value, at: Vec2(inner.min.x, y), color: style.accent)
            y += line
        }
        let dataset = model.dataset

        // The point.
        if let selected {
            heading("Point \(selected)")
            if dataset.images != nil || dataset.reconstructions != nil {
                if thumbnails?.index != selected {
                    func picture(_ array: NPYArray?, _ scale: ImageScale?) -> DrawImage? {
                        guard let array, let scale else { return nil }
                        return LatentThumbnails.image(array, row: selected, scale: scale, version: ui.newImageVersion())
                    }
                    thumbnails = LatentThumbnails(
                        index: selected, original: picture(dataset.images, dataset.imageScale),
                        reconstruction: picture(dataset.reconstructions, dataset.reconstructionScale))
                }
                let side = thumbnailSide(inner, style)
                for (offset, (name, image)) in [("original", thumbnails?.original), ("reconstruction", thumbnails?.reconstruction)]
                    .enumerated()
                {
                    let x = inner.min.x + Float(offset) * (side + style.padding)
                    let box = Rect(x: x, y: y, width: side, height: side)
                    ui.draw { $0.addRectFilled(box, style.background) }
                    if let image {
                        // Keep the aspect ratio; nearest-neighbour (the renderer samples images so).
                        let aspect = Float(image.width) / Float(max(image.height, 1))
                        let w = aspect >= 1 ? side : side * aspect
                        let h = aspect >= 1 ? side / aspect : side
                        let texture = ui.addImage(image)
                        let target = Rect(x: box.center.x - w / 2, y: box.center.y - h / 2, width: w, height: h)
                        ui.draw { $0.addImage(texture, target) }
                    } else {
                        _ = ui.label(
                            "no \(name)", at: Vec2(box.min.x + style.padding, box.center.y - ui.font.lineHeight / 2), color: style.textDim)
                    }
                    _ = ui.label(name, at: Vec2(x, y + side + 2), color: style.textDim)
                }
                y += side + line + 2
                if let shape = dataset.imageShape {
                    text(
                        "\(shape.height)×\(shape.width)\(shape.channels == 3 ? "×3" : "") images, shown ×\(Int(side / Float(max(shape.height, shape.width))))",
                        style.textDim)
                }
                // How values became grey levels, once per array (so a reconstruction's overshoot is seen as clamped, not as a dark image).
                if let scale = dataset.imageScale { text("original: " + scale.summary, style.textDim) }
                if let scale = dataset.reconstructionScale { text("reconstruction: " + scale.summary, style.textDim) }
            } else {
                text("no images.npy: no picture of this point", style.textDim)
            }
            text(session.predictionText(of: selected) ?? "")
            let label = session.labelText(of: selected)
            text(label.text, label.label.map { LatentPalette.color(ofClass: $0) } ?? style.textDim)
            text(session.positionText(of: selected) ?? "", style.textDim)
        } else {
            heading("No point selected")
            text("Click a point, or press N for the least certain", style.textDim)
            text("unlabelled one. Shift+drag draws a lasso.", style.textDim)
        }
        if let lassoPoints {
            text("Lasso: \(Format.count(lassoPoints.count)) points · a digit labels them · Esc cancels", style.warning)
        }

        // Label buttons.
        let canLabel = book?.canWrite == true
        let buttonWidth = (inner.width - style.spacing * 9) / 10
        for digit in 0...9 {
            let box = Rect(x: inner.min.x + Float(digit) * (buttonWidth + style.spacing), y: y, width: buttonWidth, height: style.rowHeight)
            if ui.button("\(digit)", box, enabled: canLabel && (selected != nil || lassoPoints != nil)) { session.labelKey(digit) }
            ui.draw {
                $0.addRectFilled(
                    Rect(x: box.min.x + 2, y: box.max.y - 3, width: box.width - 4, height: 2), LatentPalette.color(ofClass: digit))
            }
        }
        y += style.rowHeight + style.spacing
        let third = (inner.width - style.spacing * 2) / 3
        if ui.button(
            "Remove (Del)", Rect(x: inner.min.x, y: y, width: third, height: style.rowHeight),
            enabled: canLabel && ((selected.flatMap { book?.labels[$0] }) != nil || lassoPoints != nil), short: "Remove")
        {
            session.removeLabel()
        }
        if ui.button(
            "Undo (Ctrl+Z)", Rect(x: inner.min.x + third + style.spacing, y: y, width: third, height: style.rowHeight),
            enabled: canLabel && (book?.undoDepth ?? 0) > 0, short: "Undo")
        {
            session.undo()
        }
        if ui.button(
            "Next uncertain (N)", Rect(x: inner.min.x + (third + style.spacing) * 2, y: y, width: third, height: style.rowHeight),
            short: "Next (N)")
        {
            session.selectNextUncertain()
        }
        y += style.rowHeight + style.padding
        if let reason = book?.readOnlyReason { text("Labelling is off: \(reason)", style.error) }

        // The dataset card.
        y += style.padding
        heading("Dataset")
        text(session.datasetText ?? "")
        text(session.labelledText ?? "")
        let counts = book?.classCounts ?? [:]
        if !counts.isEmpty {
            let classes = counts.keys.sorted()
            let largest = counts.values.max() ?? 1
            let columns = 2
            let cellWidth = (inner.width - style.spacing) / Float(columns)
            let rowHeight = ui.font.lineHeight * 1.15
            for (offset, label) in classes.enumerated() {
                let x = inner.min.x + Float(offset % columns) * (cellWidth + style.spacing)
                let rowY = y + Float(offset / columns) * rowHeight
                let count = counts[label] ?? 0
                let text = "class \(label): \(Format.count(count))"
                // The bar starts after its text, so a long count never runs under it.
                let barStart = max(cellWidth * 0.5, ui.font.measure(text) + style.padding)
                let barMax = max(4, cellWidth - barStart - style.padding)
                let bar = Rect(x: x + barStart, y: rowY + 3, width: max(2, barMax * Float(count) / Float(largest)), height: rowHeight - 6)
                ui.draw { $0.addRectFilled(bar, LatentPalette.color(ofClass: label)) }
                _ = ui.label(text, at: Vec2(x, rowY), color: style.text)
            }
            y += Float((classes.count + columns - 1) / columns) * rowHeight
        }
        for problem in (model.dataset.problems + labelProblems).prefix(3) { text(problem, style.warning) }
        let more = model.dataset.problems.count + labelProblems.count - 3
        if more > 0 { text("… and \(more) more (Help ▸ Errors)", style.warning) }

        // Training, below.
        y += style.padding
        let rest = Rect(min: Vec2(inner.min.x, y), max: inner.max)
        if selected != nil, dataset.images != nil || dataset.reconstructions != nil {
            // The thumbnails give up (or take back) what the training pane lacks (or has spare);
            // everything else above is fixed, so one more frame settles it.
            let side = thumbnailSide(inner, style)
            let fitted = min(max(side - (training.wantedHeight(ui) - rest.height), 96 * style.scale), maxThumbnailSide(inner, style))
            if abs(fitted - side) >= 1 {
                thumbnailFit = fitted
                ui.requestRedraw()
            }
        }
        if rest.height > style.rowHeight * 3 {
            training.draw(ui, rest, beforeStart: { [unowned self] in book?.flush() })
        }
    }
}
