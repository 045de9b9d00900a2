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
import HafsVizModel
import Immediate

public final class LatentWorkspace: Workspace {
    public static let key = WorkspaceKey.latent
    public var key: WorkspaceKey { Self.key }
    public weak var host: WorkspaceHost?
    /// The labelling: the map read, the labels, the selection, the lasso, the colour mode.
    public let session: LabelSession
    /// The map as the window paints it (the session's model with its coloured scatter).
    public private(set) var scene: LatentScene?
    /// The lasso being drawn, in data units.
    var lassoPath: [(x: Double, y: Double)]?
    let training: LatentTraining
    private let loader: BackgroundLoader<FolderSource, LatentScene>?
    private var now = 0.0
    /// The directory has been asked for (the workspace was shown, or F5 / Open).
    private var loadStarted = false
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
    ///   - initial: a map already read (screenshots, tests); nil reads `directory` on a thread.
    public init(directory: String, initial: LatentScene? = nil, onUpdate: @escaping @Sendable () -> Void = {}) {
        // A map already read brings its source (a remote folder's copy is used by one reader).
        session = LabelSession(source: initial?.model.source ?? FolderSource(directory, files: LatentModel.files), onSaved: onUpdate)
        training = LatentTraining(wake: onUpdate)
        if let initial {
            loader = nil
            adopt(initial)
        } else {
            // Read when first shown (`frame`), not at launch: a window opened on the Dashboard
            // should not spend a core reading a million points it may never show.
            loader = BackgroundLoader(name: "latent load", build: { try LatentScene(source: $0) }, wake: onUpdate)
        }
        session.report = { [weak self] text, isError in self?.host?.report(text, isError: isError) }
    }

    /// A workspace that does not read: `failed` says why there is no map (a screenshot of a
    /// directory whose latent.npy failed), nil for one left empty until opened.
    public init(directory: String, failed: String?) {
        session = LabelSession(source: FolderSource(directory, files: LatentModel.files))
        training = LatentTraining(wake: {})
        loader = nil
        session.loadError = failed
        session.report = { [weak self] text, isError in self?.host?.report(text, isError: isError) }
    }

    public var directory: String { session.directory }

    // What the views read of the session (set through its commands).
    var selected: Int? { session.selected }
    var book: LabelBook? { session.book }
    var colorMode: LatentColorMode { session.colorMode }
    var lassoPoints: [Int]? { session.lassoPoints }
    var lassoReplaced: Int { session.lassoReplaced }
    var labelProblems: [String] { session.labelProblems }
    var availableColorModes: [LatentColorMode] { session.availableColorModes }
    var lassoLabelPending: Int? {
        get { session.lassoLabelPending }
        set { session.lassoLabelPending = newValue }
    }

    /// Saves what is pending and ends a training run (the window is closing).
    public func shutdown() {
        session.book?.flush()
        training.cancel()
    }

    /// Reads `directory` into a model now, or says why it could not (screenshots, tests).
    public static func readNow(_ directory: String) -> Result<LatentScene, Error> {
        Result { try LatentScene(source: FolderSource(directory, files: LatentModel.files)) }
    }

    public var isLoading: Bool { loader?.isLoading ?? false }

    /// Reads the directory again (F5, and after a training run exits 0). The map shown stays
    /// until the new one is read, and stays when reading fails.
    public func reload() {
        guard let loader else { return }
        loadStarted = true
        loader.load(session.source)
    }

    /// Takes a freshly read map: the session keeps its labels and selection; the view is fitted
    /// for a new directory and kept for a new map of the same one.
    private func adopt(_ new: LatentScene) {
        pendingView = session.adopt(new.model) ? .fit : .keep
        scene = new
        thumbnails = nil
        training.configure(new.model.training, error: new.model.trainingError, directory: directory)
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
                    host?.report("training finished: map reloaded (\(new.model.dataset.points) points)", isError: false)
                }
            case .failure(let error):
                // The body says it when there is no map; over an old map, the status bar does.
                session.loadFailed(error.message)
            }
            changed = true
        }
        if session.poll(now: now) { changed = true }
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

    public func idleTimeout(now: Double) -> Double {
        training.isRunning ? 0.25 : session.nextCheck(now: now)
    }

    // MARK: - Labelling

    /// Selects point `index` (nil: none); its images are made anew.
    public func select(_ index: Int?) {
        session.select(index)
        thumbnails = nil
    }

    public func setColorMode(_ mode: LatentColorMode) {
        if session.setColorMode(mode) { host?.stateChanged() }
    }

    public func cancelLasso() {
        session.cancelLasso()
        lassoPath = nil
    }

    // MARK: - Workspace

    public func frame(_ ui: UIContext, _ rect: Rect) {
        let style = ui.style
        if !loadStarted, scene == nil { reload() }
        guard let scene else {
            ui.panel(rect)
            let loadError = session.loadError
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
        drawMap(ui, mapRect, scene)
        drawSidePanel(ui, Rect(min: Vec2(sideRect.min.x + style.spacing, sideRect.min.y), max: sideRect.max), scene.model)
        if session.lassoLabelPending != nil { drawLassoConfirmation(ui, mapRect) }
    }

    static let directoryHelp = """
        A latent directory holds latent.npy (N×2, or N×D projected by PCA), and optionally images.npy,
        reconstructions.npy, predictions.npy, certainty.npy, metadata.csv, labels.csv and latent.toml.
        Data ▸ Open Latent Directory… (Ctrl+O) picks another; Help ▸ Latent Directory has the formats.
        """

    /// Opens another directory: its labels, its map.
    public func open(_ path: String) {
        session.open(path)
        scene = nil
        lassoPath = nil
        mapCache = nil
        thumbnails = nil
        reload()
        host?.stateChanged()
    }

    public func statusSegments() -> [StatusSegment] {
        var segments = session.statusSegments(isLoading: isLoading)
        if scene != nil, let state = training.statusText { segments.append(StatusSegment(state.text, tone: state.tone)) }
        return segments
    }

    public func statusClicked(_ segment: StatusSegment) {}

    public func escape() -> Bool {
        if lassoPath != nil, session.lassoPoints == nil {
            lassoPath = nil
            return true
        }
        let closed = session.escape()
        if session.lassoPoints == nil { lassoPath = nil }
        if session.selected == nil { thumbnails = nil }
        return closed
    }

    public var exportName: String { ExportPlace.name(of: directory) }

    public var helpTopics: [(title: String, text: String)] { [("Latent Directory", HelpText.latent)] }

    public var errorLines: [String] { session.errorLines }

    public func page(_ name: String) -> String? { nil }

    public func savedState() -> [String: String] { session.savedState() }

    public func restore(_ state: [String: String]) { session.restore(state) }
}
