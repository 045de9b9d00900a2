import Figures
import HafsVizModel
import Terminal

/// A rectangle of cells.
struct Area: Equatable {
    var x: Int
    var y: Int
    var width: Int
    var height: Int

    /// The area less `columns` on the left, and what they were.
    func splitLeft(_ columns: Int) -> (Area, Area) {
        let left = min(max(columns, 0), width)
        return (Area(x: x, y: y, width: left, height: height), Area(x: x + left, y: y, width: width - left, height: height))
    }

    /// The area less `rows` at the top, and what they were.
    func splitTop(_ rows: Int) -> (Area, Area) {
        let top = min(max(rows, 0), height)
        return (Area(x: x, y: y, width: width, height: top), Area(x: x, y: y + top, width: width, height: height - top))
    }

    func contains(_ column: Int, _ row: Int) -> Bool { column >= x && column < x + width && row >= y && row < y + height }
}

/// A workspace in the terminal: the model's state and commands, drawn in cells. The terminal's
/// list of them (`TUIApp.screens`) is its tab order, as `WorkspaceKinds.all` is the window's.
protocol TUIScreen: AnyObject {
    var key: WorkspaceKey { get }
    /// Takes finished background work (a new model, a saved label); true when it must be drawn again.
    func poll(now: Double) -> Bool
    /// Seconds until `poll` needs to run again although nothing woke the loop (a clock on screen).
    func pollInterval() -> Double
    /// Draws the workspace into `area`.
    func draw(into buffer: inout CellBuffer, _ area: Area)
    /// Its commands: the model's (the same the window binds) and the terminal's own.
    func actions() -> [Action]
    /// Its part of the status line.
    func statusSegments() -> [StatusSegment]
    /// Esc or q: closes what it has open (a maximized panel, a replay, a cursor); true when it did.
    func escape() -> Bool
    /// What q closes before it quits (a maximized panel); true when it closed something.
    func back() -> Bool
    /// A key while the screen takes text (a table's filter): true when it took it, so it is
    /// no command.
    func typing(_ press: KeyPress) -> Bool
    /// A mouse button went down at a cell; true when the screen changed.
    func click(x: Int, y: Int, button: Int) -> Bool
    /// Every chart fits its data again and follows the newest point (Home).
    func resetViews()
    /// What it keeps in the settings the window shares, under `key`.
    func savedState() -> [String: String]
    func restore(_ state: [String: String])
}

extension TUIScreen {
    func pollInterval() -> Double { 1 }
    func back() -> Bool { false }
    func typing(_ press: KeyPress) -> Bool { false }
    func click(x: Int, y: Int, button: Int) -> Bool { false }
    func resetViews() {}
}
