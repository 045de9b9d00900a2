// LatentWorkspace: an embedding map to label point by point, with training in the background.
// Platform-free: it builds its UI each frame from the newest `LatentModel` (read on a thread) and
// its `LabelBook` (the labels, their undo, their writer).
//
// [SECTION] Layout
//   The map (LatentMapView.swift: colour modes, pick, lasso, the red cross) on the left; the side
//   panel (LatentSidePanel.swift: the point, its images, label buttons, the dataset card, and
//   the training pane of LatentTraining.swift) on the right.
// [SECTION] Files
//   labels.csv is written on every change (LabelBook); an outside edit is read back. latent.npy
//   and the other arrays are read again on F5 and when a training run exits 0.

import Figures
import Foundation
import HafsVizCore
import Immediate

/// What the map's colours show.
public enum LatentColorMode: Equatable, Sendable {
    case labels, predictions, certainty
    /// A column of metadata.csv.
    case metadata(String)

    public var title: String {
        switch self {
        case .labels: return "Labels"
        case .predictions: return "Predictions"
        case .certainty: return "Certainty"
        case .metadata(let column): return column
        }
    }

    /// How `--color` and the settings name it.
    public var settingText: String {
        switch self {
        case .labels: return "labels"
        case .predictions: return "predictions"
        case .certainty: return "certainty"
        case .metadata(let column): return "metadata:" + column
        }
    }

    public init?(settingText text: String) {
        switch text {
        case "labels": self = .labels
        case "predictions": self = .predictions
        case "certainty": self = .certainty
        default:
            guard text.hasPrefix("metadata:"), text.count > 9 else { return nil }
            self = .metadata(String(text.dropFirst(9)))
        }
    }
}

public final class LatentWorkspace: Workspace {
    public let title = "Latent"
    public weak var host: WorkspaceHost?
    public private(set) var directory: String
    /// The map shown (the last good one), nil before the first load finishes or when none did.
    public private(set) var model: LatentModel?
    /// Why the last load failed (the previous map, if any, stays).
    public private(set) var loadError: String?
    public private(set) var book: LabelBook?
    /// Problems of labels.csv as last read (bad rows by line).
    public private(set) var labelProblems: [String] = []
    public private(set) var selected: Int?
    public private(set) var colorMode = LatentColorMode.labels
    /// A lasso closed around these points, waiting for a digit.
    public private(set) var lassoPoints: [Int]?
    /// A digit was pressed for the lasso: the confirmation is open.
    public internal(set) var lassoLabelPending: Int?
    /// How many of the lasso's points have another label than the one pending (counted once,
    /// when the digit is pressed, not every frame the confirmation is drawn).
    private(set) var lassoReplaced = 0
    /// The lasso being drawn, in data units.
    var lassoPath: [(x: Double, y: Double)]?
    let training: LatentTraining
    private let loader: LatentLoader?
    private let wake: @Sendable () -> Void
    private var now = 0.0
    /// The directory has been asked for (the workspace was shown, or F5 / Open).
    private var loadStarted = false
    private var lastLabelCheck = 0.0
    private var shownSavedGeneration: UInt64 = 0
    /// The map's series, built for one model, colour mode and label generation.
    var mapCache: LatentMapSeries?
    /// What the next map frame does with the view, after a model was adopted.
    enum PendingView {
        /// A new directory: fit it.
        case fit
        /// A new map of the same directory (F5, a training run): keep the view the user had, so
        /// the points are seen to move, unless none of them is in it any more.
        case keep
    }
    var pendingView: PendingView?
    /// The map's plot area last frame (a Shift+press inside it starts a lasso).
    public internal(set) var lastMapArea: Rect?
    /// The thumbnails of the selected point.
    var thumbnails: LatentThumbnails?
    /// The thumbnails' side that leaves the training pane its wanted height (nil: not needed yet).
    var thumbnailFit: Float?

    /// - Parameters:
    ///   - initial: a model already read (screenshots, tests); nil reads `directory` on a thread.
    public init(directory: String, initial: LatentModel? = nil, onUpdate: @escaping @Sendable () -> Void = {}) {
        self.directory = directory
        wake = onUpdate
        training = LatentTraining(wake: onUpdate)
        if let initial {
            loader = nil
            adopt(initial)
        } else {
            // Read when first shown (`frame`), not at launch: a window opened on the Dashboard
            // should not spend a core reading a million points it may never show.
            loader = LatentLoader(wake: onUpdate)
        }
    }

    /// A workspace that does not read: `failed` says why there is no map (a screenshot of a
    /// directory whose latent.npy failed), nil for one left empty until opened.
    public init(directory: String, failed: String?) {
        self.directory = directory
        wake = {}
        training = LatentTraining(wake: {})
        loader = nil
        loadError = failed
    }

    /// Saves what is pending and ends a training run (the window is closing).
    public func shutdown() {
        book?.flush()
        training.cancel()
    }

    /// Reads `directory` into a model now, or says why it could not (screenshots, tests).
    public static func readNow(_ directory: String) -> Result<LatentModel, Error> {
        Result { try LatentModel(directory: directory) }
    }

    public var isLoading: Bool { loader?.isLoading ?? false }

    /// Reads the directory again (F5, and after a training run exits 0). The map shown stays
    /// until the new one is read, and stays when reading fails.
    public func reload() {
        guard let loader else { return }
        loadStarted = true
        loader.load(directory)
    }

    /// Takes a freshly read model: the labels in memory stay (they are what was saved), the
    /// selection stays when the point still exists.
    private func adopt(_ new: LatentModel) {
        let first = model == nil
        pendingView = first ? .fit : .keep
        model = new
        loadError = nil
        thumbnails = nil
        if let selected, selected >= new.dataset.points { self.selected = nil }
        if let lassoPoints, lassoPoints.contains(where: { $0 >= new.dataset.points }) { cancelLasso() }
        if first || book == nil {
            let wake = self.wake
            book = LabelBook(
                path: new.dataset.labelsPath, initial: new.labelFile?.labels ?? [:], signature: new.labelsSignature,
                readOnlyReason: new.readOnlyReason ?? new.labelsError, onSaved: { wake() })
            labelProblems = (new.labelFile?.problems ?? []).map(\.description) + (new.labelsError.map { [$0] } ?? [])
        }
        training.configure(new.training, error: new.trainingError, directory: directory)
    }

    // MARK: - Idle

    public func idle(now: Double) -> Bool {
        self.now = now
        var changed = false
        if let result = loader?.take() {
            switch result {
            case .success(let new):
                adopt(new)
                if training.reloadAfterRun {
                    training.reloadAfterRun = false
                    host?.report("training finished: map reloaded (\(new.dataset.points) points)", isError: false)
                }
            case .failure(let error):
                loadError = error.message
                // The body says it when there is no map; over an old map, the status bar does.
                if model != nil { host?.report("latent: \(error.message) (the map shown is the last one read)", isError: true) }
            }
            changed = true
        }
        if let book {
            if book.savedGeneration != shownSavedGeneration {
                shownSavedGeneration = book.savedGeneration
                changed = true
            }
            if now - lastLabelCheck >= 1 {
                lastLabelCheck = now
                if let signature = book.outsideChange() { changed = readLabelsAgain(signature) || changed }
            }
        }
        switch training.idle(now: now) {
        case .nothing: break
        case .changed: changed = true
        case .succeeded:
            changed = true
            training.reloadAfterRun = true
            reload()
        }
        return changed
    }

    /// labels.csv was written by someone else: its labels replace ours.
    private func readLabelsAgain(_ signature: FileSignature?) -> Bool {
        guard let book, let model else { return false }
        if signature == nil {
            book.replace(with: [:], signature: nil)
            labelProblems = []
            host?.report("labels.csv was removed outside hafs-viz: no labels now", isError: true)
        } else if let data = FileManager.default.contents(atPath: book.path) {
            let file = LabelFile(data: data, pointCount: model.dataset.points)
            book.replace(with: file.labels, signature: signature)
            labelProblems = file.problems.map(\.description)
            host?.report(
                "labels.csv changed outside hafs-viz: read again (\(file.labels.count) labels"
                    + (file.problems.isEmpty ? ")" : ", \(file.problems.count) bad rows)"), isError: !file.problems.isEmpty)
        } else {
            return false
        }
        return true
    }

    public func idleTimeout(now: Double) -> Double {
        training.isRunning ? 0.25 : max(0.05, 1 - (now - lastLabelCheck))
    }

    // MARK: - Labelling

    /// Selects point `index` (nil: none).
    public func select(_ index: Int?) {
        guard let model else { return }
        selected = index.flatMap { $0 >= 0 && $0 < model.dataset.points ? $0 : nil }
        thumbnails = nil
    }

    /// A digit: labels the lasso (after the confirmation) or the selected point.
    public func labelKey(_ label: Int) {
        if let lassoPoints {
            lassoLabelPending = label
            if let labels = book?.labels {
                lassoReplaced = lassoPoints.reduce(0) { count, index in count + (labels[index].map { $0 == label ? 0 : 1 } ?? 0) }
            }
            return
        }
        guard let selected else {
            host?.report("select a point first (click it), or Shift+drag a lasso", isError: true)
            return
        }
        apply([selected], label)
    }

    /// Removes the selected point's label.
    public func removeLabel() {
        if let lassoPoints {
            apply(lassoPoints, nil)
            cancelLasso()
            return
        }
        guard let selected else { return }
        apply([selected], nil)
    }

    private func apply(_ indices: [Int], _ label: Int?) {
        guard let book else { return }
        if let reason = book.readOnlyReason {
            host?.report("labelling is off: \(reason)", isError: true)
            return
        }
        book.set(indices, to: label)
    }

    /// The lasso's label, confirmed.
    public func confirmLasso() {
        guard let points = lassoPoints, let label = lassoLabelPending else { return }
        apply(points, label)
        host?.report("labelled \(points.count) points as \(label)", isError: false)
        cancelLasso()
    }

    public func cancelLasso() {
        lassoPoints = nil
        lassoLabelPending = nil
        lassoPath = nil
    }

    /// Closes a lasso around these points (the map's Shift+drag; tests).
    public func setLasso(_ points: [Int]) {
        lassoPoints = points.isEmpty ? nil : points
        lassoLabelPending = nil
        if points.isEmpty { host?.report("the lasso holds no points", isError: false) }
    }

    public func undo() {
        guard let book else { return }
        if let changed = book.undo() {
            if changed.count == 1 { select(changed[0]) }
        } else {
            host?.report("nothing to undo", isError: false)
        }
    }

    /// N: the unlabelled point with the lowest certainty after the selected one (by certainty);
    /// without certainty.npy, the next unlabelled point by index.
    public func selectNextUncertain() {
        guard let model, let book else { return }
        let labels = book.labels
        if !model.byCertainty.isEmpty {
            let order = model.byCertainty
            // Start after the selection's place in the order, so N steps on even without a label.
            var start = 0
            if let selected, labels[selected] == nil, let rank = certaintyRank(of: selected, in: model) { start = rank + 1 }
            for offset in 0..<order.count {
                let index = Int(order[(start + offset) % order.count])
                if labels[index] == nil {
                    select(index)
                    return
                }
            }
            host?.report("every point with a certainty is labelled", isError: false)
            return
        }
        let n = model.dataset.points
        let start = (selected ?? -1) + 1
        for offset in 0..<n {
            let index = (start + offset) % n
            if labels[index] == nil, model.dataset.xs[index].isFinite {
                select(index)
                host?.report("no certainty.npy: N takes the next unlabelled point by index", isError: false)
                return
            }
        }
        host?.report("every point is labelled", isError: false)
    }

    private func certaintyRank(of index: Int, in model: LatentModel) -> Int? {
        guard let certainty = model.dataset.certainty, certainty[index].isFinite else { return nil }
        let value = certainty[index]
        // The order is sorted by (certainty, index): binary search for the pair.
        var low = 0
        var high = model.byCertainty.count
        while low < high {
            let middle = (low + high) / 2
            let other = Int(model.byCertainty[middle])
            if certainty[other] < value || (certainty[other] == value && other < index) { low = middle + 1 } else { high = middle }
        }
        return low < model.byCertainty.count && Int(model.byCertainty[low]) == index ? low : nil
    }

    public func setColorMode(_ mode: LatentColorMode) {
        guard mode != colorMode else { return }
        colorMode = mode
        host?.stateChanged()
    }

    /// The colour modes this directory has data for.
    public var availableColorModes: [LatentColorMode] {
        guard let model else { return [.labels] }
        var modes: [LatentColorMode] = [.labels]
        if model.dataset.predictions != nil { modes.append(.predictions) }
        if model.dataset.certainty != nil { modes.append(.certainty) }
        modes += model.metadata?.columns.map { .metadata($0.name) } ?? []
        return modes
    }

    // MARK: - Workspace

    public func frame(_ ui: UIContext, _ rect: Rect) {
        let style = ui.style
        if !loadStarted, model == nil { reload() }
        guard let model else {
            ui.panel(rect)
            let text =
                loadError.map { "Could not open \(directory) as a map:\n\($0)\n\n" + LatentWorkspace.directoryHelp }
                ?? (loader != nil ? "Reading \(directory)…" : "No map yet.\n\n" + LatentWorkspace.directoryHelp)
            var y = rect.min.y + style.padding * 3
            for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
                _ = ui.label(
                    String(line), at: Vec2(rect.min.x + style.padding * 3, y),
                    color: loadError != nil && y == rect.min.y + style.padding * 3 ? style.error : style.text)
                y += ui.font.lineHeight * 1.3
            }
            return
        }
        let sideWidth = min(max(360 * style.scale, rect.width * 0.3), rect.width * 0.45)
        let (mapRect, sideRect) = rect.splitLeft(rect.width - sideWidth - style.spacing)
        drawMap(ui, mapRect, model)
        drawSidePanel(ui, Rect(min: Vec2(sideRect.min.x + style.spacing, sideRect.min.y), max: sideRect.max), model)
        if lassoLabelPending != nil { drawLassoConfirmation(ui, mapRect) }
    }

    static let directoryHelp = """
        A latent directory holds latent.npy (N×2, or N×D projected by PCA), and optionally images.npy,
        reconstructions.npy, predictions.npy, certainty.npy, metadata.csv, labels.csv and latent.toml.
        Data ▸ Open Latent Directory… (Ctrl+O) picks another; Help ▸ Latent Directory has the formats.
        """

    public func actions(_ ui: UIContext) -> [Action] {
        var actions: [Action] = []
        let canLabel = { [unowned self] in book?.canWrite == true && model != nil }
        for digit in 0...9 {
            actions.append(
                Action(
                    "Label \(digit)", keys: [KeyPress(.character(Character("\(digit)")))], keyText: digit == 0 ? "0 – 9" : nil,
                    help: "Label the selected point (or the lasso's points, after a confirmation)", isEnabled: canLabel
                ) { [unowned self] in
                    labelKey(digit)
                })
        }
        actions += [
            Action(
                "Remove Label", menu: "Data", keys: [KeyPress(.delete), KeyPress(.backspace)], keyText: "Delete",
                help: "Remove the selected point's label (Backspace too)", isEnabled: canLabel
            ) { [unowned self] in removeLabel() },
            Action(
                "Undo Label", menu: "Data", keys: [KeyPress(.character("z"), .control)], keyText: "Ctrl+Z",
                help: "Undo the last labelling (again and again)", isEnabled: { [unowned self] in (book?.undoDepth ?? 0) > 0 }
            ) { [unowned self] in undo() },
            Action(
                "Next Uncertain Point", menu: "Data", keys: [KeyPress(.character("n"))], keyText: "N",
                help: "Select the unlabelled point with the lowest certainty", isEnabled: { [unowned self] in model != nil }
            ) { [unowned self] in
                selectNextUncertain()
            },
            Action(
                "Confirm Lasso Label", keys: [KeyPress(.enter)], help: "Label the lasso's points",
                isEnabled: { [unowned self] in lassoLabelPending != nil }
            ) { [unowned self] in confirmLasso() },
            Action(
                "Open Latent Directory…", menu: "Data", keys: [KeyPress(.character("o"), .control)], keyText: "Ctrl+O",
                help: "Open another latent directory", separatorBefore: true
            ) { [unowned self] in
                host?.askForDirectory(title: "Open Latent Directory", initial: directory) { [unowned self] path in open(path) }
            },
            Action("Reload", menu: "Data", keys: [KeyPress(.f(5))], keyText: "F5", help: "Read the latent directory again") {
                [unowned self] in
                reload()
            },
        ]
        for mode in availableColorModes {
            actions.append(
                Action(
                    "Colour by \(mode.title)", menu: "View", isChecked: { [unowned self] in colorMode == mode },
                    separatorBefore: mode == .labels
                ) { [unowned self] in setColorMode(mode) })
        }
        actions += training.actions(canStart: { [unowned self] in book != nil }, beforeStart: { [unowned self] in book?.flush() })
        return actions
    }

    /// Opens another directory: its labels, its map.
    public func open(_ path: String) {
        book?.flush()
        directory = path
        model = nil
        book = nil
        selected = nil
        cancelLasso()
        loadError = nil
        mapCache = nil
        thumbnails = nil
        reload()
        host?.stateChanged()
    }

    public func statusSegments() -> [StatusSegment] {
        guard let model else {
            return [
                StatusSegment(
                    isLoading ? "reading…" : (loadError != nil ? "latent.npy failed" : "no map"), tone: loadError != nil ? .error : .plain)
            ]
        }
        var segments = [
            StatusSegment(
                "\(LatentWorkspace.count(model.dataset.points)) points"
                    + (model.dataset.projected ? " (PCA of \(model.dataset.dims)-D)" : ""))
        ]
        if let book {
            if let reason = book.readOnlyReason {
                segments.append(StatusSegment("labelling off: \(reason)", tone: .error))
            } else if let error = book.saveError {
                segments.append(StatusSegment("labels.csv not saved: \(error)", tone: .error))
            } else {
                segments.append(
                    !book.isSaved
                        ? StatusSegment("saving…")
                        : book.fileExists
                            ? StatusSegment("labels.csv saved (\(book.labels.count))", tone: .accent)
                            : StatusSegment("no labels yet (labels.csv is made on the first)"))
            }
        }
        if let state = training.statusText { segments.append(StatusSegment(state.text, tone: state.tone)) }
        if isLoading { segments.append(StatusSegment("reading…", tone: .plain)) }
        return segments
    }

    public func statusClicked(_ segment: StatusSegment) {}

    public func escape() -> Bool {
        if lassoLabelPending != nil {
            lassoLabelPending = nil
            return true
        }
        if lassoPoints != nil || lassoPath != nil {
            cancelLasso()
            return true
        }
        if selected != nil {
            select(nil)
            return true
        }
        return false
    }

    public var exportName: String { ExportPlace.name(of: directory) }

    public var helpTopics: [(title: String, text: String)] { [("Latent Directory", HelpText.latent)] }

    public var errorLines: [String] {
        var lines: [String] = []
        if let loadError { lines.append("latent.npy: \(loadError)") }
        lines += model?.dataset.problems ?? []
        lines += labelProblems
        if let error = model?.trainingError { lines.append(error) }
        if let error = model?.metadataError { lines.append(error) }
        return lines
    }

    public func page(_ name: String) -> String? { nil }

    public func savedState() -> [String: String] {
        var state = ["directory": directory]
        if colorMode != .labels { state["color"] = colorMode.settingText }
        return state
    }

    public func restore(_ state: [String: String]) {
        if let text = state["color"], let mode = LatentColorMode(settingText: text) { colorMode = mode }
    }

    /// "1,234,567".
    static func count(_ value: Int) -> String {
        let digits = String(value)
        var result = ""
        for (offset, character) in digits.enumerated() {
            if offset > 0, (digits.count - offset) % 3 == 0 { result.append(",") }
            result.append(character)
        }
        return result
    }
}
