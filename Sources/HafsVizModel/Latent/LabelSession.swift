// LabelSession: labelling a latent map point by point, with no UI. It holds the newest map read
// (`LatentModel`), the labels (`LabelBook`: undo, the writer, the generation on disk), the
// selection, the lasso and its pending label, and the colour mode; every front end drives the
// same commands (select, label, remove, undo, lasso confirm, next least certain).

import Foundation
import HafsVizCore

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

/// One latent directory being labelled. Owned by one thread (the front end's); its `LabelBook`
/// saves on a thread of its own.
public final class LabelSession {
    /// The directory as the user wrote it (`host:/path` for a remote one).
    public var directory: String { source.name }
    /// Where the map is read and labels.csv written: a local folder, or a remote one's copy.
    public private(set) var source: FolderSource
    /// The map shown (the last good one), nil before the first read finishes or when none did.
    public private(set) var model: LatentModel?
    /// Why the last read failed (the previous map, if any, stays).
    public var loadError: String?
    public private(set) var book: LabelBook?
    /// Problems of labels.csv as last read (bad rows by line).
    public private(set) var labelProblems: [String] = []
    public private(set) var selected: Int?
    public private(set) var colorMode = LatentColorMode.labels
    /// A lasso closed around these points, waiting for a digit.
    public private(set) var lassoPoints: [Int]?
    /// A digit was pressed for the lasso: the confirmation is open.
    public var lassoLabelPending: Int?
    /// How many of the lasso's points have another label than the one pending (counted once,
    /// when the digit is pressed, not every frame the confirmation is drawn).
    public private(set) var lassoReplaced = 0
    /// Tells the person something (the status bar, a terminal's message line); true: an error.
    public var report: (String, Bool) -> Void = { _, _ in }
    /// Called when labels.csv is saved (on the writer's thread): the front end draws again.
    private let onSaved: @Sendable () -> Void
    private var lastLabelCheck = -Double.infinity
    /// The book's saved generation when `poll` last looked.
    private var shownSavedGeneration: UInt64 = 0

    /// - Parameter source: the directory (`FolderSource(path, files: LatentModel.files)`).
    public init(source: FolderSource, onSaved: @escaping @Sendable () -> Void = {}) {
        self.source = source
        self.onSaved = onSaved
    }

    // MARK: - The map

    /// Takes a freshly read map: the labels in memory stay (they are what was saved), the
    /// selection stays when the point still exists. True when it is the directory's first map.
    @discardableResult
    public func adopt(_ new: LatentModel) -> Bool {
        let first = model == nil
        model = new
        loadError = nil
        if let selected, selected >= new.dataset.points { self.selected = nil }
        if let lassoPoints, lassoPoints.contains(where: { $0 >= new.dataset.points }) { cancelLasso() }
        if first || book == nil {
            let source = new.source
            var write: (@Sendable (Data) throws -> Void)?
            if source.isRemote { write = { data in try source.write(LatentDataset.labelsFile, data) } }
            book = LabelBook(
                path: new.dataset.labelsPath, initial: new.labelFile?.labels ?? [:], signature: new.labelsSignature,
                readOnlyReason: new.readOnlyReason ?? new.labelsError, write: write, onSaved: onSaved)
            labelProblems = (new.labelFile?.problems ?? []).map(\.description) + (new.labelsError.map { [$0] } ?? [])
        }
        return first
    }

    /// Another directory: its labels, its map (read by the caller). What is pending is saved first.
    public func open(_ path: String) {
        book?.flush()
        source = FolderSource(path, files: LatentModel.files)
        model = nil
        book = nil
        selected = nil
        cancelLasso()
        loadError = nil
    }

    /// Once a second: labels.csv written by someone else replaces our labels. True when it did.
    public func checkOutsideEdits(now: Double) -> Bool {
        guard let book, now - lastLabelCheck >= 1 else { return false }
        lastLabelCheck = now
        // A remote folder's copy is brought up to date on its own thread; a change shows next time.
        if source.isRemote { source.syncSoon() }
        guard let signature = book.outsideChange() else { return false }
        return readLabelsAgain(signature)
    }

    /// Between frames: whether the labels' state on screen changed (a save finished, or
    /// labels.csv was edited outside and read again).
    public func poll(now: Double) -> Bool {
        var changed = false
        if let book, book.savedGeneration != shownSavedGeneration {
            shownSavedGeneration = book.savedGeneration
            changed = true
        }
        if checkOutsideEdits(now: now) { changed = true }
        return changed
    }

    /// A read of the directory failed: said on screen (`report`) when an older map stays shown;
    /// with no map, the workspace's body says it from `loadError`.
    public func loadFailed(_ message: String) {
        loadError = message
        if model != nil { report("latent: \(message) (the map shown is the last one read)", true) }
    }

    /// Seconds until `checkOutsideEdits` next looks.
    public func nextCheck(now: Double) -> Double { max(0.05, 1 - (now - lastLabelCheck)) }

    private func readLabelsAgain(_ signature: FileSignature?) -> Bool {
        guard let book, let model else { return false }
        if signature == nil {
            book.replace(with: [:], signature: nil)
            labelProblems = []
            report("labels.csv was removed outside hafs-viz: no labels now", true)
        } else if let data = FileManager.default.contents(atPath: book.path) {
            let file = LabelFile(data: data, pointCount: model.dataset.points)
            book.replace(with: file.labels, signature: signature)
            labelProblems = file.problems.map(\.description)
            report(
                "labels.csv changed outside hafs-viz: read again (\(file.labels.count) labels"
                    + (file.problems.isEmpty ? ")" : ", \(file.problems.count) bad rows)"), !file.problems.isEmpty)
        } else {
            return false
        }
        return true
    }

    // MARK: - Labelling

    /// Labelling can run: a map is read and labels.csv can be written.
    public var canLabel: Bool { book?.canWrite == true && model != nil }

    /// Selects point `index` (nil, or an index outside the map: none).
    public func select(_ index: Int?) {
        guard let model else { return }
        selected = index.flatMap { $0 >= 0 && $0 < model.dataset.points ? $0 : nil }
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
            report("select a point first (click it), or Shift+drag a lasso", true)
            return
        }
        apply([selected], label)
    }

    /// Removes the label of the selected point, or of the lasso's points.
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
            report("labelling is off: \(reason)", true)
            return
        }
        book.set(indices, to: label)
    }

    /// The lasso's pending label, confirmed.
    public func confirmLasso() {
        guard let points = lassoPoints, let label = lassoLabelPending else { return }
        apply(points, label)
        report("labelled \(points.count) points as \(label)", false)
        cancelLasso()
    }

    public func cancelLasso() {
        lassoPoints = nil
        lassoLabelPending = nil
    }

    /// Closes a lasso around these points (a map's Shift+drag; tests).
    public func setLasso(_ points: [Int]) {
        lassoPoints = points.isEmpty ? nil : points
        lassoLabelPending = nil
        if points.isEmpty { report("the lasso holds no points", false) }
    }

    /// Takes back the last labelling; a single point's is selected again.
    public func undo() {
        guard let book else { return }
        if let changed = book.undo() {
            if changed.count == 1 { select(changed[0]) }
        } else {
            report("nothing to undo", false)
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
            report("every point with a certainty is labelled", false)
            return
        }
        let n = model.dataset.points
        let start = (selected ?? -1) + 1
        for offset in 0..<n {
            let index = (start + offset) % n
            if labels[index] == nil, model.dataset.xs[index].isFinite {
                select(index)
                report("no certainty.npy: N takes the next unlabelled point by index", false)
                return
            }
        }
        report("every point is labelled", false)
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

    /// Sets what the map's colours show; true when it changed.
    @discardableResult
    public func setColorMode(_ mode: LatentColorMode) -> Bool {
        guard mode != colorMode else { return false }
        colorMode = mode
        return true
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

    /// Esc: closes the pending confirmation, then the lasso, then the selection; true when one was open.
    public func escape() -> Bool {
        if lassoLabelPending != nil {
            lassoLabelPending = nil
            return true
        }
        if lassoPoints != nil {
            cancelLasso()
            return true
        }
        if selected != nil {
            select(nil)
            return true
        }
        return false
    }

    /// Everything wrong with the directory's files, one line each.
    public var errorLines: [String] {
        var lines: [String] = []
        if let loadError { lines.append("latent.npy: \(loadError)") }
        lines += model?.dataset.problems ?? []
        lines += labelProblems
        if let error = model?.trainingError { lines.append(error) }
        if let error = model?.metadataError { lines.append(error) }
        return lines
    }

    /// The labels' part of a status line, and whether it is an error: labelling off, not saved,
    /// saving, saved (with the count), or no labels yet. Nil before a map is read.
    public var labelsStatus: (text: String, isError: Bool, isSaved: Bool)? {
        guard let book else { return nil }
        if let reason = book.readOnlyReason { return ("labelling off: \(reason)", true, false) }
        if let error = book.saveError { return ("labels.csv not saved: \(error)", true, false) }
        if !book.isSaved { return ("saving…", false, false) }
        return book.fileExists
            ? ("labels.csv saved (\(book.labels.count))", false, true) : ("no labels yet (labels.csv is made on the first)", false, false)
    }
}
