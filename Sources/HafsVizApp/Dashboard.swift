// Dashboard: the hafs-viz window's content. Platform-free: it builds UI from the current model
// each frame and asks its host (the runner) for what needs GL (PNG export) or the OS (quit).
//
// [SECTION] Data
//   `model` is an immutable `DashboardModel` (snapshot + prepared series). Reloads run in a
//   `ReloadController` off the main thread; `idle()` swaps a finished model in whole.
// [SECTION] Keys (work from anywhere in the window)
//   F5 reload · Ctrl+S PNG · Ctrl+E CSV · Ctrl+Q quit · 1–4 maximize · Esc back · Home reset zoom
//   · F1 shortcuts.

import Foundation
import HafsVizCore
import Immediate

/// The four panels, in grid order.
public enum Panel: Int, CaseIterable, Sendable {
    case quality, generators, coverage, runs

    public var title: String {
        switch self {
        case .quality: "Quality Trends"
        case .generators: "Generator Stats"
        case .coverage: "Embedding Coverage"
        case .runs: "Training Runs"
        }
    }

    /// The file the panel draws from.
    public var source: DataFile {
        switch self {
        case .quality, .generators: .quality
        case .coverage: .activeLearning
        case .runs: .training
        }
    }

    var csvName: String {
        switch self {
        case .quality: "quality-trends"
        case .generators: "generator-stats"
        case .coverage: "embedding-regions"
        case .runs: "training-runs"
        }
    }
}

/// A window over the panels (Help texts, error details).
public enum Overlay: Equatable, Sendable {
    case shortcuts, dataFormat, about, errors
}

public final class Dashboard {
    public private(set) var directory: String
    public private(set) var model: DashboardModel
    public var settings: Settings
    public let settingsPath: String?
    /// Where exports go; nil: next to the data directory (its parent folder).
    public let exportDirectory: String?
    /// The bundled demo, for "Open Demo Data" (nil when it cannot be found).
    public let demoDirectory: String?
    public let reloads: ReloadController
    public private(set) var maximized: Panel?
    public private(set) var overlay: Overlay?
    /// The last action's outcome for the status bar (export paths, errors), with when it happened.
    public private(set) var notice: (text: String, isError: Bool, time: Double)?
    /// Set by Ctrl+S / File ▸ Export PNG; the host renders the window and calls `finishPNGExport`.
    public var pngExportRequested = false
    public var quitRequested = false
    private var watcher = FileWatcher()
    private var now: Double = 0
    var refreshedAt: Double = 0
    private var nextClockRedraw: Double = .infinity
    /// True when the last frame showed the "no data directory" page.
    public private(set) var showingMissingDirectory = false

    /// - Parameters:
    ///   - initial: a model already loaded (headless screenshots); nil starts a background load.
    public init(directory: String, settings: Settings = Settings(), settingsPath: String? = nil,
                exportDirectory: String? = nil, demoDirectory: String? = nil, initial: DashboardModel? = nil,
                onUpdate: @escaping @Sendable () -> Void = {}) {
        self.directory = directory
        self.settings = settings
        self.settingsPath = settingsPath
        self.exportDirectory = exportDirectory
        self.demoDirectory = demoDirectory
        reloads = ReloadController(onUpdate: onUpdate)
        model = initial ?? DashboardModel(snapshot: Snapshot(directory: directory))
        if initial == nil {
            reloads.start(directory: directory, previous: nil)
        }
        watcher.markLoaded(directory: directory)
    }

    // MARK: - Actions

    /// F5: reload in the background; the window keeps drawing.
    public func reload() {
        reloads.start(directory: directory, previous: model.snapshot)
    }

    /// Switches to another data directory (Open Demo Data).
    public func open(directory: String) {
        self.directory = directory
        reloads.start(directory: directory, previous: nil)
        watcher.markLoaded(directory: directory)
    }

    /// Between frames: takes a finished load, polls the files for auto-reload, and says whether
    /// something changed that needs a frame.
    public func idle(now: Double) -> Bool {
        self.now = now
        var changed = false
        if let finished = reloads.takeFinished() {
            model = finished
            refreshedAt = now
            nextClockRedraw = now + 10
            watcher.markLoaded(directory: directory)
            changed = true
        }
        if settings.autoReload, !reloads.isLoading, watcher.poll(directory: directory, now: now) {
            reload()
            changed = true
        }
        if reloads.isLoading { changed = true }  // progress in the status bar
        if now >= nextClockRedraw {               // "last refresh Ns ago"
            // The clock has 10 s resolution for the first minute, then minutes, then hours:
            // each tick costs a whole frame, and an idle window must stay near 0% CPU.
            let age = now - refreshedAt
            let step: Double = age < 60 ? 10 : age < 3600 ? 60 : 3600
            nextClockRedraw = refreshedAt + (floor(age / step) + 1) * step
            changed = true
        }
        return changed
    }

    /// Seconds until `idle` next needs to run (the window may sleep that long).
    public func idleTimeout(now: Double) -> Double {
        var due = nextClockRedraw
        if settings.autoReload { due = min(due, watcher.nextPollDue) }
        return max(0.01, min(1, due - now))
    }

    /// Writes one CSV per panel; returns the paths (and reports them in the status bar).
    @discardableResult
    public func exportCSV() -> [String] {
        let stamp = Dashboard.timestamp()
        let exports: [(Panel, String)] = [
            (.quality, CSVExport.qualityTrends(model)), (.generators, CSVExport.generatorStats(model)),
            (.coverage, CSVExport.embeddingRegions(model)), (.runs, CSVExport.trainingRuns(model)),
        ]
        var written: [String] = []
        do {
            for (panel, text) in exports {
                let path = exportPath(panel.csvName + "-" + stamp + ".csv")
                try AtomicFile.write(Data(text.utf8), to: path)
                written.append(path)
            }
            report("wrote \(written.count) CSV files: \(written.first ?? "") …")
        } catch {
            report("CSV export failed: \(error.localizedDescription)", isError: true)
        }
        return written
    }

    /// Where the next PNG export goes.
    public func nextPNGPath() -> String { exportPath("dashboard-" + Dashboard.timestamp() + ".png") }

    /// The host finished (or failed) a PNG export.
    public func finishPNGExport(path: String, error: String?) {
        pngExportRequested = false
        if let error { report("PNG export failed: \(error)", isError: true) } else { report("wrote \(path)") }
    }

    func exportPath(_ name: String) -> String {
        let base = (directory as NSString).lastPathComponent.isEmpty ? "hafs-viz" : (directory as NSString).lastPathComponent
        let folder = exportDirectory ?? (((directory as NSString).standardizingPath as NSString).deletingLastPathComponent)
        return (folder as NSString).appendingPathComponent(base + "-" + name)
    }

    func report(_ text: String, isError: Bool = false) {
        notice = (text, isError, now)
    }

    static func timestamp() -> String {
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        formatter.locale = Locale(identifier: "en_US_POSIX")
        return formatter.string(from: Date())
    }

    func saveSettings() {
        guard let settingsPath else { return }
        do {
            try settings.save(to: settingsPath)
        } catch {
            report("could not save settings: \(error.localizedDescription)", isError: true)
        }
    }

    /// Maximizes a panel (keys 1–4), or nil for the grid.
    public func maximize(_ panel: Panel?) { maximized = panel }

    // MARK: - Frame

    /// Builds one frame of the whole window.
    public func frame(_ ui: UIContext) {
        handleKeys(ui)
        let style = ui.style
        let screen = Rect(min: .zero, max: ui.input.displaySize)
        let (bar, rest) = screen.splitTop(style.rowHeight + 2)
        let (body, statusRect) = rest.splitBottom(style.rowHeight + 2)
        let content = body.insetBy(style.spacing, style.spacing)
        showingMissingDirectory = !model.snapshot.directoryExists && (model.snapshot.generation > 0 || !reloads.isLoading)
        if showingMissingDirectory {
            drawMissingDirectory(ui, content)
        } else if let maximized {
            drawPanel(maximized, ui, content)
        } else {
            let visible = Panel.allCases.filter { settings.panelsVisible[$0.rawValue] }
            if visible.isEmpty {
                ui.label("All panels are hidden: View ▸ show a panel.", in: content, color: style.textDim, centered: true)
            } else {
                let rows = (visible.count + 1) / 2
                let cells = ui.panelGrid("grid-\(visible.count)", content, columns: visible.count == 1 ? 1 : 2, rows: rows)
                for (index, panel) in visible.enumerated() {
                    var cell = cells[index]
                    // An odd panel out spans its whole row.
                    if visible.count % 2 == 1, index == visible.count - 1, visible.count > 1 {
                        cell = Rect(min: cell.min, max: Vec2(cells[index + 1].max.x, cell.max.y))
                    }
                    drawPanel(panel, ui, cell)
                }
            }
        }
        drawStatusBar(ui, statusRect)
        drawMenuBar(ui, bar)
        if let overlay { drawOverlay(overlay, ui, content) }
    }

    private func handleKeys(_ ui: UIContext) {
        let input = ui.input
        if input.pressed(KeyPress(.f(5))) { reload() }
        if input.pressed(KeyPress(.character("s"), .control)) { pngExportRequested = true }
        if input.pressed(KeyPress(.character("e"), .control)) { exportCSV() }
        if input.pressed(KeyPress(.character("q"), .control)) { quitRequested = true }
        if input.pressed(KeyPress(.f(1))) { overlay = overlay == .shortcuts ? nil : .shortcuts }
        for panel in Panel.allCases where input.pressed(KeyPress(.character(Character("\(panel.rawValue + 1)")))) {
            maximized = maximized == panel ? nil : panel
        }
        if input.pressed(KeyPress(.escape)), ui.openPopup == nil {
            if overlay != nil { overlay = nil } else { maximized = nil }
        }
    }

    private func drawMenuBar(_ ui: UIContext, _ bar: Rect) {
        ui.menuBar(bar) { menus in
            menus.menu("File") { menu in
                if menu.item("Open Demo Data", enabled: demoDirectory != nil), let demoDirectory { open(directory: demoDirectory) }
                if menu.item("Reload", shortcut: "F5") { reload() }
                menu.separator()
                if menu.item("Export PNG", shortcut: "Ctrl+S") { pngExportRequested = true }
                if menu.item("Export CSV", shortcut: "Ctrl+E") { exportCSV() }
                menu.separator()
                if menu.item("Quit", shortcut: "Ctrl+Q") { quitRequested = true }
            }
            menus.menu("View") { menu in
                for panel in Panel.allCases {
                    if menu.item(panel.title, shortcut: "\(panel.rawValue + 1): maximize", checked: settings.panelsVisible[panel.rawValue]) {
                        settings.panelsVisible[panel.rawValue].toggle()
                        if maximized == panel { maximized = nil }
                        saveSettings()
                    }
                }
                menu.separator()
                if menu.item("Reset All Zoom", shortcut: "Home") { ui.resetAllPlots() }
                if menu.item("Auto-reload on File Change", checked: settings.autoReload) {
                    settings.autoReload.toggle()
                    saveSettings()
                }
                if menu.item("X Axis by Time", checked: settings.xAxisByTime) {
                    settings.xAxisByTime.toggle()
                    ui.resetAllPlots()
                    saveSettings()
                }
                if menu.item("X Axis by Sample Index", checked: !settings.xAxisByTime) {
                    settings.xAxisByTime = false
                    ui.resetAllPlots()
                    saveSettings()
                }
            }
            menus.menu("Help") { menu in
                if menu.item("Keyboard Shortcuts", shortcut: "F1") { overlay = .shortcuts }
                if menu.item("Data Format") { overlay = .dataFormat }
                if menu.item("About") { overlay = .about }
            }
        }
    }

    // MARK: - Status bar

    /// The status bar's segments: `Sources ok/found · Generators N · Regions N · Runs N ·
    /// [errors: N (click for details)] · last refresh Ns ago · <dir>`.
    func statusSegments() -> [StatusSegment] {
        let snapshot = model.snapshot
        let style = Style()
        var segments = [StatusSegment("Sources \(snapshot.okCount)/\(snapshot.foundCount)")]
        segments.append(StatusSegment("Generators \(snapshot.quality.data?.generators.count ?? 0)"))
        segments.append(StatusSegment("Regions \(snapshot.activeLearning.data?.regions.count ?? 0)"))
        segments.append(StatusSegment("Runs \(snapshot.training.data?.runs.count ?? 0)"))
        if !snapshot.errors.isEmpty {
            segments.append(StatusSegment("errors: \(snapshot.errors.count) (click for details)", color: style.error, clickable: true))
        }
        if let progress = reloads.progress {
            segments.append(StatusSegment(String(format: "reloading %@ %.0f%%", progress.file.fileName, progress.fraction * 100), color: style.accent))
        } else if reloads.isLoading {
            segments.append(StatusSegment("loading…", color: style.accent))
        } else if snapshot.generation > 0 {
            segments.append(StatusSegment("last refresh \(Dashboard.age(now - refreshedAt))"))
        }
        segments.append(StatusSegment(snapshot.directory))
        if let notice, now - notice.time < 30 {
            segments.append(StatusSegment(notice.text, color: notice.isError ? style.error : style.accent))
        }
        return segments
    }

    /// "just now", "10s ago" … "50s ago", "3 min ago", "2 h ago": the resolution the status
    /// bar redraws at.
    static func age(_ seconds: Double) -> String {
        let s = max(0, Int(seconds))
        if s < 10 { return "just now" }
        return s < 60 ? "\(s / 10 * 10)s ago" : s < 3600 ? "\(s / 60) min ago" : "\(s / 3600) h ago"
    }

    private func drawStatusBar(_ ui: UIContext, _ rect: Rect) {
        let segments = statusSegments()
        if let clicked = ui.statusBar(rect, segments), segments[clicked].text.hasPrefix("errors:") {
            overlay = .errors
        }
    }

    // MARK: - Overlays

    private func drawOverlay(_ overlay: Overlay, _ ui: UIContext, _ content: Rect) {
        let lines: [(String, String?)]
        let title: String
        switch overlay {
        case .shortcuts:
            title = "Keyboard Shortcuts"
            lines = HelpText.shortcuts.map { ($0.0, $0.1) }
        case .dataFormat:
            title = "Data Format"
            lines = HelpText.dataFormat.split(separator: "\n", omittingEmptySubsequences: false).map { (String($0), nil) }
        case .about:
            title = "About hafs-viz"
            lines = HelpText.about.split(separator: "\n", omittingEmptySubsequences: false).map { (String($0), nil) }
        case .errors:
            title = "Errors in \(model.snapshot.directory)"
            lines = model.snapshot.errors.map { ($0.description, nil) } + [("", nil), ("Fix the file and press F5 (or wait for auto-reload).", nil)]
        }
        let style = ui.style
        let row = ui.font.lineHeight + 2
        let keyWidth = lines.contains { $0.1 != nil } ? (lines.map { ui.font.measure($0.0) }.max() ?? 0) + style.padding * 3 : 0
        let textWidth = lines.map { ui.font.measure($0.1 ?? $0.0) }.max() ?? 0
        let width = min(content.width - 40, max(360 * style.scale, keyWidth + textWidth + style.padding * 4))
        let height = min(content.height - 40, Float(lines.count + 3) * row + style.padding * 2)
        let box = Rect(min: content.center - Vec2(width, height) / 2, max: content.center + Vec2(width, height) / 2)
        ui.draw(layer: 1) { list in
            list.addRectFilled(Rect(min: box.min + Vec2(4, 4), max: box.max + Vec2(4, 4)), Color(r: 0, g: 0, b: 0, a: 100))
            list.addRectFilled(box, style.popup)
            list.addRect(box, style.panelBorder)
            list.addText(title, at: box.min + Vec2(style.padding * 2, style.padding), font: ui.font, style.text)
            list.addText("Esc to close", at: Vec2(box.max.x - ui.font.measure("Esc to close") - style.padding * 2, box.min.y + style.padding), font: ui.font, style.textDim)
            list.pushClip(box.insetBy(style.padding, style.padding))
            for (index, line) in lines.enumerated() {
                let y = box.min.y + style.padding + row * Float(index + 2)
                list.addText(line.0, at: Vec2(box.min.x + style.padding * 2, y), font: ui.font, line.1 == nil ? (overlay == .errors ? style.error : style.text) : style.accent)
                if let text = line.1 { list.addText(text, at: Vec2(box.min.x + style.padding * 2 + keyWidth, y), font: ui.font, style.text) }
            }
            list.popClip()
        }
        ui.blockMouse(in: box)
        if ui.input.wasPressed(.left), let mouse = ui.input.mouse, !box.contains(mouse), ui.openPopup == nil {
            self.overlay = nil
        }
    }

    /// Help ▸ … and the errors window.
    public func show(_ overlay: Overlay?) { self.overlay = overlay }

    // MARK: - Empty state

    private func drawMissingDirectory(_ ui: UIContext, _ rect: Rect) {
        let style = ui.style
        ui.panel(rect)
        let lines = [
            "No data directory at \(directory)",
            "",
            "hafs-viz shows what your training-data pipeline writes there:",
            "  quality_feedback.json     generator stats, rejection history with quality scores",
            "  active_learning.json      embedding regions (centroids, sample counts)",
            "  training_feedback.json    training runs (model, final loss, eval metrics)",
            "",
            "Point hafs-viz at the folder (hafs-viz <dir>), or create it: the window picks the",
            "files up as soon as they appear. Or look at the bundled demo:",
        ]
        let row = ui.font.lineHeight + 4
        let width = lines.map { ui.font.measure($0) }.max() ?? 0
        var y = rect.center.y - Float(lines.count + 2) * row / 2
        let x = rect.center.x - width / 2
        for (index, line) in lines.enumerated() {
            ui.label(line, at: Vec2(x, y), color: index == 0 ? style.warning : style.text)
            y += row
        }
        let button = Rect(x: x, y: y + 4, width: 180 * style.scale, height: style.rowHeight + 4)
        if let demoDirectory, ui.button("Open Demo Data", button) { open(directory: demoDirectory) }
        if demoDirectory == nil { ui.label("(the bundled demo was not found next to this binary)", at: button.min, color: style.textDim) }
    }
}
