import Figures
import Foundation
import HafsVizCore
import HafsVizModel
import Testing

@testable import HafsVizApp
@testable import Immediate

@Suite("Action keys")
struct ActionKeyTests {
    /// Every workspace of the window as the app builds it, each shown in turn.
    func window() throws -> AppWindow {
        let demo = AppHarness.fixtures + "/demo"
        let logdir = AppHarness.fixtures + "/runs"
        let dashboard = Dashboard(directory: demo, initial: DashboardModel(snapshot: try SnapshotLoader(directory: demo).loadNow()))
        let runs = RunsWorkspace(logdir: logdir, initial: RunsModel.readOnce(logdir: logdir))
        let latent = try latentDirectory()
        defer { try? FileManager.default.removeItem(atPath: latent) }
        let latentSpace = LatentWorkspace(directory: latent, initial: try LatentScene(source: FolderSource(local: latent)))
        return AppWindow(workspaces: [dashboard, runs, latentSpace])
    }

    @Test("no two actions of one workspace's table (its own and the window's) claim the same key")
    func noSharedKeys() throws {
        let window = try window()
        let ui = UIContext(font: .testing)
        for index in window.workspaces.indices {
            window.select(index)
            var owner: [KeyPress: String] = [:]
            for action in window.actions(ui) {
                for key in action.keys {
                    if let other = owner[key], other != action.id {
                        Issue.record("\(window.workspace.title): \(key) is claimed by both \(other) and \(action.id)")
                    }
                    owner[key] = action.id
                }
            }
        }
    }
}
