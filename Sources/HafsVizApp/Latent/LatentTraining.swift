// The Latent workspace's training pane: latent.toml's parameters as sliders, an epochs box,
// Start / Cancel, live loss curves read from the metrics file by the Runs readers, and the
// command's output in a scrolling log.

import Figures
import Foundation
import HafsVizCore
import HafsVizModel
import Immediate

final class LatentTraining {
    private(set) var config: TrainingConfig?
    private(set) var configError: String?
    private var directory = ""
    var values: [String: Double] = [:]
    var epochsText = ""
    private(set) var process: TrainingProcess?
    /// The outcome of the last run, once it ended.
    private(set) var lastOutcome: TrainingOutcome?
    /// A run exited 0 and the map is being read again.
    var reloadAfterRun = false
    /// The metrics file's reader, made once the file has been written by this run.
    private var metricsReader: RunReader?
    private var metricsProblem: String?
    private var lastMetricsRead = 0.0
    private var startedAt: Date?
    /// The output version the log pane last showed.
    private var shownOutputVersion = 0
    /// The loss curves: tag, its line, bold (train and validation loss) or faint (components).
    private(set) var curves: [(tag: String, series: LineSeries, main: Bool)] = []
    private let wake: @Sendable () -> Void

    init(wake: @escaping @Sendable () -> Void) {
        self.wake = wake
    }

    var isRunning: Bool { process?.isRunning ?? false }

    /// Takes latent.toml as read with the map; slider values the user set are kept.
    func configure(_ config: TrainingConfig?, error: String?, directory: String) {
        self.directory = directory
        configError = error
        guard config != self.config else { return }
        self.config = config
        guard let config else { return }
        for parameter in config.parameters where values[parameter.name] == nil { values[parameter.name] = parameter.defaultValue }
        if Int(epochsText) == nil { epochsText = "\(config.epochs)" }
    }

    var epochs: Int? { Int(epochsText.trimmingCharacters(in: .whitespaces)).flatMap { $0 >= 1 && $0 <= 1_000_000 ? $0 : nil } }

    /// Starts the command (labels flushed first by `beforeStart`).
    func start(beforeStart: () -> Void) {
        guard let config, let epochs, !isRunning else { return }
        beforeStart()
        let line = config.commandLine(epochs: epochs, values: values, directory: directory)
        metricsReader = nil
        metricsProblem = nil
        curves = []
        lastOutcome = nil
        shownOutputVersion = 0
        startedAt = Date()
        process = TrainingProcess(commandLine: line, directory: directory, onChange: wake)
        if case .failedToStart = process?.outcome { lastOutcome = process?.outcome }
    }

    func cancel() { process?.cancel() }

    enum IdleResult { case nothing, changed, succeeded }

    /// Reads new metrics (every 0.25 s while running) and notices the end of a run.
    func idle(now: Double) -> IdleResult {
        guard let process else { return .nothing }
        var result = IdleResult.nothing
        if process.isRunning, now - lastMetricsRead >= 0.25 {
            lastMetricsRead = now
            if readMetrics() { result = .changed }
        }
        let version = process.outputVersion
        if version != shownOutputVersion {
            shownOutputVersion = version
            result = .changed
        }
        if process.isRunning { return result }
        if lastOutcome == nil {
            _ = readMetrics()
            lastOutcome = process.outcome
            return process.outcome.succeeded ? .succeeded : .changed
        }
        return result
    }

    /// Reads what the metrics file gained; true when the curves changed.
    private func readMetrics() -> Bool {
        guard let name = config?.metrics else { return false }
        let path = (directory as NSString).appendingPathComponent(name)
        if metricsReader == nil {
            // Only a file this run wrote: an old one would show the last run's curves.
            guard let signature = FileSignature(path: path), let startedAt, signature.modified >= startedAt.addingTimeInterval(-1) else {
                return false
            }
            guard let location = LogdirScanner.location(ofFile: path) else {
                metricsProblem = "\(name): not a metrics format the Runs workspace reads (yet)"
                return false
            }
            metricsReader = RunReader(location: location)
        }
        guard let reader = metricsReader, reader.refresh() else { return false }
        let log = reader.log()
        metricsProblem = log.errors.first.map { "\($0)" }
        curves = zip(log.tags.names, log.tags.series).map { tag, series in
            (tag, LineSeries(x: Array(series.steps), y: Array(series.values)), LatentTraining.isMainLoss(tag))
        }
        return true
    }

    /// Train and validation loss are drawn bold; anything else (loss components, accuracy) faint.
    static func isMainLoss(_ tag: String) -> Bool {
        let name = tag.lowercased()
        return ["loss", "train_loss", "train/loss", "val_loss", "val/loss", "valid_loss", "validation_loss", "eval_loss", "eval/loss"]
            .contains(name)
    }

    /// The status bar's segment: running, or how the last run ended.
    var statusText: (text: String, tone: StatusSegment.Tone)? {
        if isRunning { return ("training…", .accent) }
        guard let lastOutcome, let summary = lastOutcome.summary else { return nil }
        return ("training " + summary, lastOutcome.succeeded ? .plain : .error)
    }

    func actions(canStart: @escaping () -> Bool, beforeStart: @escaping () -> Void) -> [Action] {
        [
            Action(
                "Start Training", menu: "Data", keys: [KeyPress(.character("t"), .control)], keyText: "Ctrl+T",
                help: "Run latent.toml's command (labels saved first)",
                isEnabled: { [unowned self] in config != nil && epochs != nil && !isRunning && canStart() },
                separatorBefore: true
            ) { [unowned self] in start(beforeStart: beforeStart) },
            Action(
                "Cancel Training", menu: "Data", help: "End the training command and everything it started",
                isEnabled: { [unowned self] in isRunning }
            ) { [unowned self] in cancel() },
        ]
    }

    /// The height the pane wants: its rows, a chart of 140 px and four lines of log (at scale 1).
    func wantedHeight(_ ui: UIContext) -> Float {
        let style = ui.style
        let line = ui.font.lineHeight * 1.25
        guard let config else { return line * 2 }
        return line * (metricsProblem == nil ? 2 : 3) + Float(config.parameters.count + 1) * (style.rowHeight + style.spacing)
            + 140 * style.scale + logMinimum(ui)
    }

    /// Four lines of log and the gap above it.
    private func logMinimum(_ ui: UIContext) -> Float {
        ui.font.lineHeight * 4 + ui.style.padding * 2 + ui.style.spacing
    }

    func draw(_ ui: UIContext, _ rect: Rect, beforeStart: () -> Void) {
        let style = ui.style
        var y = rect.min.y
        let line = ui.font.lineHeight * 1.25
        _ = ui.label("Training", at: Vec2(rect.min.x, y), color: style.accent)
        y += line
        guard let config else {
            let message = configError ?? "No latent.toml here: nothing to train (Help ▸ Latent Directory)."
            _ = ui.label(
                ui.font.truncate(message, toFit: rect.width), at: Vec2(rect.min.x, y),
                color: configError != nil ? style.error : style.textDim)
            if ui.font.measure(message) > rect.width, ui.isMouseOver(Rect(x: rect.min.x, y: y, width: rect.width, height: line)) {
                ui.tooltip(message)
            }
            return
        }
        let running = isRunning
        for parameter in config.parameters {
            var value = values[parameter.name] ?? parameter.defaultValue
            let box = Rect(x: rect.min.x, y: y, width: rect.width, height: style.rowHeight)
            if running {
                _ = ui.label(
                    "\(parameter.name) \(TrainingConfig.format(value, integer: parameter.isInteger))",
                    at: Vec2(rect.min.x + style.padding, y + 2), color: style.textDim)
            } else if ui.slider(
                parameter.name, &value, in: parameter.min...parameter.max, box,
                format: { TrainingConfig.format($0, integer: parameter.isInteger) })
            {
                values[parameter.name] = parameter.isInteger ? value.rounded() : value
            }
            y += style.rowHeight + style.spacing
        }
        let labelWidth = ui.font.measure("epochs") + style.padding * 2
        _ = ui.label("epochs", at: Vec2(rect.min.x + style.padding, y + 3), color: style.text)
        let fieldWidth = 80 * style.scale
        _ = ui.textField(
            "latent-epochs", &epochsText, Rect(x: rect.min.x + labelWidth, y: y, width: fieldWidth, height: style.rowHeight),
            isValid: epochs != nil)
        let buttonWidth = (rect.max.x - (rect.min.x + labelWidth + fieldWidth + style.spacing * 3)) / 2
        var x = rect.min.x + labelWidth + fieldWidth + style.spacing * 2
        if ui.button("Start", Rect(x: x, y: y, width: buttonWidth, height: style.rowHeight), enabled: !running && epochs != nil) {
            start(beforeStart: beforeStart)
        }
        x += buttonWidth + style.spacing
        if ui.button("Cancel", Rect(x: x, y: y, width: buttonWidth, height: style.rowHeight), enabled: running) { cancel() }
        y += style.rowHeight + style.spacing
        if let process {
            let state: (String, Color)
            if running {
                state = ("running: " + process.commandLine, style.text)
            } else if let summary = (lastOutcome ?? process.outcome).summary {
                state = (summary, (lastOutcome ?? process.outcome).succeeded ? style.text : style.error)
            } else {
                state = ("", style.text)
            }
            _ = ui.label(ui.font.truncate(state.0, toFit: rect.width), at: Vec2(rect.min.x, y), color: state.1)
            if ui.isMouseOver(Rect(x: rect.min.x, y: y, width: rect.width, height: line)) { ui.tooltip(process.commandLine) }
            y += line
        } else {
            let preview =
                epochs.map { config.commandLine(epochs: $0, values: values, directory: directory) }
                ?? "epochs must be a whole number from 1"
            // Cut in the middle: the parameters at its end are what the sliders change.
            _ = ui.label(
                ui.font.truncateMiddle(preview, toFit: rect.width), at: Vec2(rect.min.x, y),
                color: epochs == nil ? style.error : style.textDim)
            if ui.font.measure(preview) > rect.width, ui.isMouseOver(Rect(x: rect.min.x, y: y, width: rect.width, height: line)) {
                ui.tooltip(preview)
            }
            y += line
        }
        if let metricsProblem {
            _ = ui.label(ui.font.truncate(metricsProblem, toFit: rect.width), at: Vec2(rect.min.x, y), color: style.warning)
            y += line
        }
        let rest = Rect(min: Vec2(rect.min.x, y), max: rect.max)
        guard rest.height > style.rowHeight * 2 else { return }
        // The log gets 45%, but four lines when that is less and there is room for them.
        let logHeight = max(rest.height * 0.45, min(logMinimum(ui), rest.height * 0.6))
        let (chartRect, logRect) = rest.splitTop(rest.height - logHeight)
        let metricsName = config.metrics ?? "no metrics file named in latent.toml"
        if curves.isEmpty {
            // No axes without a point: an empty 0–1 chart would look like data.
            let why =
                config.metrics == nil
                ? "latent.toml names no metrics file: no curves"
                : running ? "waiting for \(metricsName)…" : "Start draws this run's loss from \(metricsName) here"
            ui.draw { $0.addRect(chartRect, style.panelBorder) }
            _ = ui.label(
                ui.font.truncate(why, toFit: chartRect.width - style.padding * 2),
                at: Vec2(chartRect.min.x + style.padding, chartRect.center.y - ui.font.lineHeight / 2), color: style.textDim)
        } else {
            ui.plot("latent-loss", chartRect, title: "loss · \(metricsName)", x: AxisOptions(label: "step"), live: running) { p in
                for (offset, curve) in curves.enumerated() {
                    p.line(
                        curve.tag, curve.series, color: style.seriesColor(offset),
                        thickness: curve.main ? style.lineWidth * 1.6 : style.lineWidth * 0.7,
                        markers: curve.series.count < 40)
                }
            }
        }
        drawLog(ui, Rect(min: Vec2(logRect.min.x, logRect.min.y + style.spacing), max: logRect.max))
    }

    /// The command's output, newest at the bottom; it follows the end while the command runs.
    private func drawLog(_ ui: UIContext, _ rect: Rect) {
        let style = ui.style
        ui.draw { $0.addRectFilled(rect, style.background) }
        guard let process else {
            _ = ui.label(
                "The command's output appears here.", at: Vec2(rect.min.x + style.padding, rect.min.y + style.padding), color: style.textDim
            )
            return
        }
        let (lines, dropped) = process.output
        let all = (dropped > 0 ? ["(\(dropped) earlier lines not kept)"] : []) + lines
        let lineHeight = ui.font.lineHeight
        if process.isRunning { ui.setState(Float.greatestFiniteMagnitude, for: ui.id("latent-log")) }
        ui.scrollPanel("latent-log", rect, contentHeight: Float(all.count) * lineHeight + style.padding * 2) { origin in
            let first = max(0, Int((rect.min.y - origin.y) / lineHeight) - 1)
            let last = min(all.count, first + Int(rect.height / lineHeight) + 3)
            guard first < last else { return }
            for index in first..<last {
                let y = origin.y + style.padding + Float(index) * lineHeight
                _ = ui.label(
                    ui.font.truncate(all[index], toFit: rect.width - style.padding * 3), at: Vec2(rect.min.x + style.padding, y),
                    color: style.text)
            }
        }
    }
}
