import Figures
import HafsVizCore

/// The Dashboard's commands that every front end has: their titles, keys, key texts and help
/// lines, made here once. What each does is the front end's (the window moves its table
/// widget's selection on the next frame, the terminal moves its own at once), so each passes
/// the effect in.
public enum DashboardCommands {
    /// Every panel's data as CSV files in a new export folder (`DashboardExport`).
    public static func exportCSV(_ perform: @escaping () -> Void) -> Action {
        Action(
            "Export CSV", menu: "File", keys: [KeyPress(.character("e"), .control)], keyText: "Ctrl+E",
            help: "Export CSV of every view's data",
            separatorBefore: true, perform: perform)
    }

    /// Reload the data directory: F5, and `r` as the hafs pipeline's own terminal dashboard has it.
    public static func reload(_ perform: @escaping () -> Void) -> Action {
        Action(
            "Reload", menu: "Data", keys: [KeyPress(.f(5)), KeyPress(.character("r"))], keyText: "F5, r",
            help: "Reload the data directory", separatorBefore: true, perform: perform)
    }

    /// Panel `index` (0-based, of `count`) maximized or back: its digit.
    public static func maximize(_ index: Int, title: String, count: Int, perform: @escaping () -> Void) -> Action {
        Action(
            "Maximize \(title)", keys: [KeyPress(.character(Character("\(index + 1)")))],
            keyText: index == 0 ? "1 – \(min(9, count))" : nil,
            help: "Maximize a panel (again, or Esc: back to all); the table keys act on its table", perform: perform)
    }

    /// The row keys of a table: ↓ ↑, Page Down/Up, Ctrl+Home/End.
    public static func tableMoves(isEnabled: @escaping () -> Bool, move: @escaping (TableMove) -> Void) -> [Action] {
        let moves: [(String, KeyPress, String, TableMove)] = [
            ("Next Row", KeyPress(.down), "↓", .next), ("Previous Row", KeyPress(.up), "↑", .previous),
            ("Page Down in the Table", KeyPress(.pageDown), "Page Down", .pageDown),
            ("Page Up in the Table", KeyPress(.pageUp), "Page Up", .pageUp),
            ("First Row", KeyPress(.home, .control), "Ctrl+Home", .first), ("Last Row", KeyPress(.end, .control), "Ctrl+End", .last),
        ]
        return moves.map { title, key, keyText, target in
            Action(title, keys: [key], keyText: keyText, help: "Table: \(title.lowercased())", isEnabled: isEnabled) { move(target) }
        }
    }

    /// Type a filter for the table's rows: Ctrl+F, and `/` as terminal tools have it.
    public static func filter(isEnabled: @escaping () -> Bool, perform: @escaping () -> Void) -> Action {
        Action(
            "Filter the Table", keys: [KeyPress(.character("f"), .control), KeyPress(.character("/"))], keyText: "Ctrl+F, /",
            help: "Table: type to filter its rows, any cell (Esc or Enter: done)", isEnabled: isEnabled, perform: perform)
    }

    /// Enter on a run picked in Training Runs or its table: its curves in Runs.
    public static func openRunCurves(isEnabled: @escaping () -> Bool, perform: @escaping () -> Void) -> Action {
        Action(
            "Open the Selected Run's Curves", keys: [KeyPress(.enter)], keyText: "Enter",
            help: "Open the curves of the run picked in Training Runs or its table, in Runs", isEnabled: isEnabled, perform: perform)
    }

    /// Data ▸ Source Details: each file's status, size, read time and contents (`i`).
    public static func sourceDetails(_ perform: @escaping () -> Void) -> Action {
        Action(
            DashboardPages.sourcesTitle, menu: "Data", keys: [KeyPress(.character("i"))], keyText: "I",
            help: "Source Details: each file's status, size, when it was read, what it holds", separatorBefore: true, perform: perform)
    }

    /// Data ▸ Drift Alerts: every test of drift, as a table (`d`).
    public static func driftAlerts(_ perform: @escaping () -> Void) -> Action {
        Action(
            DashboardPages.driftTitle, menu: "Data", keys: [KeyPress(.character("d"))], keyText: "D",
            help: "Drift Alerts: each domain and metric's test, recent against baseline", perform: perform)
    }

    /// Data ▸ Auto-reload, the Time Range presets and Count Validation Failures: what the
    /// history views count, each checked as `options` says. The effects are the front end's
    /// (each rebuilds its model with the new filter and saves the settings).
    public static func historyOptions(
        _ options: @escaping () -> DashboardOptions, toggleAutoReload: @escaping () -> Void,
        setTimeRange: @escaping (TimeRange) -> Void, setIncludeValidationFailures: @escaping (Bool) -> Void
    ) -> [Action] {
        var actions = [
            Action("Auto-reload on File Change", menu: "Data", isChecked: { options().autoReload }, perform: toggleAutoReload)
        ]
        for (index, range) in TimeRange.presets.enumerated() {
            let title = range == .all ? "Time Range: All" : "Time Range: \(range.name.prefix(1).uppercased() + range.name.dropFirst())"
            actions.append(
                Action(title, menu: "Data", isChecked: { options().timeRange == range }, separatorBefore: index == 0) {
                    setTimeRange(range)
                })
        }
        actions.append(
            Action("Count Validation Failures in Trends", menu: "Data", isChecked: { options().includeValidationFailures }) {
                setIncludeValidationFailures(!options().includeValidationFailures)
            })
        return actions
    }

    /// View ▸ X Axis by Time / by Sample Index, for the trend charts.
    public static func xAxisChoices(_ options: @escaping () -> DashboardOptions, set: @escaping (Bool) -> Void) -> [Action] {
        [
            Action("X Axis by Time", menu: "View", isChecked: { options().xAxisByTime }, separatorBefore: true) { set(true) },
            Action("X Axis by Sample Index", menu: "View", isChecked: { !options().xAxisByTime }) { set(false) },
        ]
    }
}
