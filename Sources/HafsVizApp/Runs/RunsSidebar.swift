// The Runs workspace's sidebar: the run list (colours, ticks, filter, hover), the status box of
// the picked run, the replay row, smoothing, x axis, log y and pause; the handle that widens it.

import Figures
import Foundation
import HafsVizCore
import HafsVizModel
import Immediate

extension RunsWorkspace {
    func drawSidebar(_ ui: UIContext, _ rect: Rect) {
        let style = ui.style
        ui.panel(rect)
        let row = style.rowHeight
        var y = rect.min.y + style.padding
        let inner = rect.insetBy(style.padding, 0)
        let listed = selection.listedRuns(model)
        ui.label("Runs (\(selection.countText(model)))", at: Vec2(inner.min.x, y), color: style.textDim)
        if !hiddenRuns.isEmpty {
            let button = Rect(x: inner.max.x - 90 * style.scale, y: y - 2, width: 90 * style.scale, height: row - 2)
            if ui.button("Show all", button) { showAllRuns() }
        }
        y += row
        var pattern = runFilter.pattern
        if ui.textField(
            "run-filter", &pattern, Rect(x: inner.min.x, y: y, width: inner.width, height: row - 2),
            placeholder: "filter runs (regex)", isValid: runFilter.problem == nil)
        {
            setRunFilter(pattern)
        }
        y += row
        if let problem = runFilter.problem {
            ui.label(ui.font.truncate(problem + " (showing all)", toFit: inner.width), at: Vec2(inner.min.x, y), color: style.error)
            y += row
        }
        if let focusedOn {
            ui.label(
                ui.font.truncate("from the Dashboard: \(focusedOn)", toFit: inner.width), at: Vec2(inner.min.x, y), color: style.accent)
            y += row
        }
        if model.runs.isEmpty {
            ui.label(feed == nil ? "no logs found under this folder" : "looking for logs…", at: Vec2(inner.min.x, y), color: style.warning)
            y += row
        }
        // The run list scrolls above the status box and the controls.
        let listBottom = rect.max.y - row * 11 - style.padding * 2
        let entryHeight = { (run: RunsModel.Run) -> Float in run.isFailed ? row * 2 - 4 : row }
        let listRect = Rect(min: Vec2(rect.min.x, y), max: Vec2(rect.max.x, max(y, listBottom)))
        let contentHeight = listed.reduce(Float(0)) { $0 + entryHeight($1) }
        _ = ui.scrollPanel("runs-list", listRect, contentHeight: contentHeight) { origin in
            var top = origin.y
            for run in listed {
                defer { top += entryHeight(run) }
                guard top + entryHeight(run) > listRect.min.y, top < listRect.max.y else { continue }
                let color = color(of: run.name, style)
                // The swatch is a short stroke of the run's line: colour and dash pattern.
                let swatchY = top + row / 2
                let swatchStart = Vec2(inner.max.x - 26 * style.scale, swatchY)
                let swatchEnd = Vec2(inner.max.x - 6 * style.scale, swatchY)
                if let dash = dash(of: run.name, style) {
                    ui.draw { $0.addDashedPolyline([swatchStart, swatchEnd], color, thickness: 4 * style.scale, dash: dash) }
                } else {
                    ui.draw { $0.addLine(swatchStart, swatchEnd, color, thickness: 4 * style.scale) }
                }
                var visible = !hiddenRuns.contains(run.name)
                // MLflow runs are folders named by id: show the run's name first. Cut in the
                // middle: runs of one sweep share a prefix and differ at the end (…/version_12).
                let label = ui.font.truncateMiddle(
                    (run.displayName.map { "\($0) · " } ?? "") + run.name, toFit: inner.width - 54 * style.scale)
                ui.pushID(run.name)  // truncated labels may repeat; the run's name keeps ids apart
                if ui.checkbox(label, &visible, Rect(x: inner.min.x, y: top, width: inner.width - 24 * style.scale, height: row)) {
                    setRunVisible(run.name, visible)
                }
                ui.popID()
                let hover = Rect(x: inner.min.x, y: top, width: inner.width - 8 * style.scale, height: entryHeight(run))
                if run.isFailed {
                    ui.label(
                        "  ! " + ui.font.truncate(run.errors[0].message, toFit: inner.width - 28), at: Vec2(inner.min.x, top + row - 4),
                        color: style.error)
                }
                if ui.isMouseOver(hover), listRect.contains(ui.input.mouse ?? .zero) {
                    hoveredRun = run.name
                    ui.tooltip(run.details)
                    if ui.input.wasReleased(.left), ui.input.mouse.map({ $0.x > inner.min.x + 20 * style.scale }) == true {
                        selectedRun = run.name
                    }
                }
                if run.name == selectedRun {
                    ui.draw { $0.addRect(hover, style.accent) }
                }
            }
        }
        y = listBottom
        if let status = statusRun() {
            y += style.spacing
            drawRunStatus(ui, status, Rect(x: inner.min.x, y: y, width: inner.width, height: row * 5.5))
        }
        y = max(y, rect.max.y - row * 5 - style.padding * 2)
        drawReplayRow(ui, Rect(x: inner.min.x, y: y, width: inner.width, height: row))
        y += row + style.spacing
        var weight = smoothing
        if ui.slider(
            "smoothing", &weight, in: 0...Smoothing.maxWeight, Rect(x: inner.min.x, y: y, width: inner.width, height: row),
            format: { Format.fixed($0, 3) })
        {
            session.setSmoothing(weight)
        }
        y += row + style.spacing
        let third = (inner.width - style.spacing * 2) / 3
        for (index, mode) in RunsXAxis.allCases.enumerated() {
            let button = Rect(x: inner.min.x + Float(index) * (third + style.spacing), y: y, width: third, height: row)
            if ui.button((mode == xAxis ? "● " : "") + mode.title, button) { setXAxis(mode) }
        }
        y += row + style.spacing
        let half = (inner.width - style.spacing) / 2
        var log = logY
        if ui.checkbox("Log y (L)", &log, Rect(x: inner.min.x, y: y, width: half, height: row)) { setLogY(log) }
        if ui.button(
            paused ? "Resume (Space)" : "Pause (Space)", Rect(x: inner.min.x + half + style.spacing, y: y, width: half, height: row),
            short: paused ? "Resume" : "Pause")
        {
            setPaused(!paused)
        }
    }

    /// A handle on the run list's right edge: drag to widen it (long run names), double-click
    /// for the default width. The width is kept in the settings.
    func drawSidebarHandle(_ ui: UIContext, _ sidebar: Rect, in rect: Rect) {
        let style = ui.style
        let handle = Rect(x: sidebar.max.x - 2, y: sidebar.min.y, width: style.spacing + 4, height: sidebar.height)
        let id = ui.id("runs-sidebar-handle")
        let interaction = ui.interact(id, handle)
        if interaction.hovered || interaction.held {
            ui.draw { $0.addRectFilled(Rect(x: sidebar.max.x, y: sidebar.min.y, width: 2, height: sidebar.height), style.accent) }
            ui.tooltip("drag to widen the run list · double-click: default width")
        }
        if interaction.held, let mouse = ui.input.mouse {
            sidebarWidth = max(160, (mouse.x - rect.min.x) / style.scale)
            draggingSidebar = true
            ui.requestRedraw()
        } else if draggingSidebar {
            draggingSidebar = false
            host?.stateChanged()
        }
        if interaction.hovered, ui.input.wasDoubleClicked(.left) {
            sidebarWidth = nil
            host?.stateChanged()
        }
    }
}
