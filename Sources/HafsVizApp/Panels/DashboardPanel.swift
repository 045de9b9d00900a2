import Foundation
import HafsVizCore
import HafsVizModel
import Immediate

/// A panel of the Dashboard: a type that draws from the Dashboard's sources (through its
/// `DashboardModel`) and exports what it shows. The set is open: a new panel is a type
/// conforming to this, added to `Dashboard.standardPanels`; its key, View ▸ entry, settings
/// and CSV export follow from that list.
public protocol DashboardPanel: Sendable {
    /// Stable name: hidden-panel settings, tests.
    var id: String { get }
    var title: String { get }
    /// Its views' data as CSV files, every row: (the file name part, as in
    /// `<dir>-<name>-<time>.csv`; the text). File ▸ Export CSV writes every panel's.
    func csvFiles(_ model: DashboardModel) -> [(name: String, text: String)]
    /// Draws the panel, title row included (`Dashboard.chrome`), into `rect`.
    func draw(_ dashboard: Dashboard, _ ui: UIContext, _ rect: Rect)
    /// Its views (the tabs), in order; one, its title, for a panel without tabs.
    var views: [String] { get }
    /// The id of its tab strip (`ui.tabs`), nil without tabs.
    var tabsID: String? { get }
}

extension DashboardPanel {
    public var views: [String] { [title] }
    public var tabsID: String? { nil }

    /// Each view's name for `--view` and `--list-views`: "<panel id>/<view in lower case, words
    /// joined by '-'>".
    public var viewNames: [String] {
        views.map { view in
            let words = view.lowercased().split { !$0.isLetter && !$0.isNumber }
            return id + "/" + words.joined(separator: "-")
        }
    }
}
