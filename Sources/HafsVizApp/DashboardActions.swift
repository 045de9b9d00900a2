// The Dashboard's commands: F5 and auto-reload, Ctrl+E, 1–4 and the View toggles, the Data menu
// (Open Directory…, Recent, time range, validation failures, Source Details, Drift Alerts), the
// table keys (moves, Ctrl+F, Ctrl+C) and Enter on a picked run. Each calls the Dashboard's
// state; none needs a UI to run.

import Figures
import Foundation
import HafsVizCore
import HafsVizModel
import Immediate

extension Dashboard {
    /// The dashboard's commands: keys, menu items and help lines in one place.
    public func actions() -> [Action] {
        var actions = [
            Action(
                "Open Directory…", menu: "Data", keys: [KeyPress(.character("o"), .control)], keyText: "Ctrl+O",
                help: "Open another data directory (the path completes with Tab)"
            ) { [unowned self] in
                host?.askForDirectory(title: "Open Data Directory", initial: RecentPaths.absolute(directory)) {
                    [weak self] path in
                    self?.open(directory: path)
                }
            }
        ]
        // Data ▸ Recent: the directories opened before, the latest first.
        actions += RecentPaths.actions(options.recentDirectories, current: RecentPaths.absolute(directory)) { [unowned self] path in
            open(directory: path)
        }
        if options.recentDirectories.count > 1 {
            actions.append(
                Action("Clear Recent Directories", menu: "Data") { [unowned self] in
                    options.recentDirectories = [RecentPaths.absolute(directory)]
                    optionsChanged()
                })
        }
        actions += [
            Action("Open Demo Data", menu: "File", isEnabled: { [unowned self] in demoDirectory != nil }) { [unowned self] in
                if let demoDirectory { open(directory: demoDirectory) }
            },
            DashboardCommands.exportCSV { [unowned self] in _ = exportCSV() },
            DashboardCommands.reload { [unowned self] in reload() },
        ]
        // Data ▸ Time Range: every view of rejection_history counts only this span.
        actions += DashboardCommands.historyOptions(
            { [unowned self] in options },
            toggleAutoReload: { [unowned self] in
                options.autoReload.toggle()
                optionsChanged()
            }, setTimeRange: { [unowned self] in setTimeRange($0) },
            setIncludeValidationFailures: { [unowned self] in setIncludeValidationFailures($0) })
        actions += [
            DashboardCommands.sourceDetails { [unowned self] in host?.show(.page(Dashboard.sourcesPage)) },
            DashboardCommands.driftAlerts { [unowned self] in host?.show(.page(Dashboard.driftPage)) },
        ]
        for (index, panel) in panels.enumerated() where index < 9 {
            let id = panel.id
            actions.append(
                DashboardCommands.maximize(index, title: panel.title, count: panels.count) { [unowned self] in
                    maximized = maximized == id ? nil : id
                })
            actions.append(
                Action(panel.title, menu: "View", isChecked: { [unowned self] in !options.hiddenPanels.contains(id) }) { [unowned self] in
                    if options.hiddenPanels.remove(id) == nil { options.hiddenPanels.insert(id) }
                    if maximized == id { maximized = nil }
                    optionsChanged()
                })
        }
        // Tables (the Table tabs): the row keys move the selection of the one last clicked.
        actions += DashboardCommands.tableMoves(isEnabled: { [unowned self] in keyTable != nil }) { [unowned self] move in
            pendingMove = move
        }
        actions.append(
            Action(
                "Copy the Selected Row", keys: [KeyPress(.character("c"), .control)], keyText: "Ctrl+C",
                help: "Table: copy the selected row (its cells, tab-separated, with the column names above)",
                isEnabled: { [unowned self] in selectedRowText(keyTable) != nil }
            ) { [unowned self] in
                if let kind = keyTable, let text = selectedRowText(kind) {
                    host?.copyToClipboard(text)
                    report("copied \(kind.noun) \(selection[kind] ?? "") to the clipboard")
                }
            })
        actions.append(
            DashboardCommands.filter(isEnabled: { [unowned self] in keyTable != nil }) { [unowned self] in pendingFilterFocus = true })
        actions.append(
            DashboardCommands.openRunCurves(isEnabled: { [unowned self] in selectedRun.map(runHasCurves) ?? false }) { [unowned self] in
                if let selectedRun { openRunCurves(selectedRun) }
            })
        actions += DashboardCommands.xAxisChoices({ [unowned self] in options }) { [unowned self] byTime in
            options.xAxisByTime = byTime
            host?.resetViews()
            optionsChanged()
        }
        return actions
    }
}
