import Figures
import Foundation
import HafsVizCore
import HafsVizModel
import Immediate
import Testing

@testable import HafsVizApp

@Suite("Open Directory")
struct OpenDirectoryTests {
    /// A folder with alpha/ (the demo's files), alps/, beta/ and .hidden/.
    func tree() throws -> String {
        let root = temporaryDirectory()
        for name in ["alpha", "alps", "beta", ".hidden"] {
            try FileManager.default.createDirectory(atPath: root + "/" + name, withIntermediateDirectories: true)
        }
        try copyDemo(to: root + "/alpha")
        #expect(FileManager.default.createFile(atPath: root + "/alfalfa.txt", contents: Data("not a folder".utf8)))
        return root
    }

    @Test("completion lists the folders the text could name, with their pipeline files; Tab goes as far as they agree")
    func completion() throws {
        let root = try tree()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let al = DirectoryCompletion(typed: root + "/al")
        #expect(al.candidates.map(\.name) == ["alpha", "alps"], "folders only, sorted")
        #expect(al.candidates.map(\.dataFiles) == [3, 0])
        #expect(al.candidates.first?.path == root + "/alpha/")
        #expect(al.completed(root + "/al") == root + "/alp")
        let alph = DirectoryCompletion(typed: root + "/alph")
        #expect(alph.completed(root + "/alph") == root + "/alpha/")
        #expect(
            DirectoryCompletion(typed: root + "/").candidates.map(\.name) == ["alpha", "alps", "beta"], "hidden folders only when asked for"
        )
        #expect(DirectoryCompletion(typed: root + "/.").candidates.map(\.name) == [".hidden"])
        #expect(DirectoryCompletion(typed: root + "/AL").candidates.map(\.name) == ["alpha", "alps"], "case folded after exact matches")
        let missing = DirectoryCompletion(typed: root + "/nowhere/x")
        #expect(missing.candidates.isEmpty && missing.problem == "no folder \(root)/nowhere/")
        #expect(DirectoryCompletion.expand("~/data", home: "/home/u") == "/home/u/data")
        #expect(DirectoryCompletion(typed: "~/al", home: root).candidates.map(\.path) == [root + "/alpha/", root + "/alps/"])
    }

    @Test("Ctrl+O, type, Tab, Enter: the dashboard reads the folder chosen, and Data ▸ Recent has both")
    func openThroughTheDialog() throws {
        let root = try tree()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let app = AppHarness(directory: AppHarness.fixtures + "/demo")
        app.frame()
        app.press(KeyPress(.character("o"), .control))
        let dialog = try #require(app.window.directoryDialog)
        #expect(dialog.text == AppHarness.fixtures + "/demo/")
        app.frame()
        app.press(KeyPress(.character("u"), .control))
        app.frame { $0.character(root + "/al") }
        app.press(KeyPress(.tab))
        #expect(dialog.text == root + "/alp")
        app.frame { $0.character("h") }
        app.press(KeyPress(.tab))
        #expect(dialog.text == root + "/alpha/")
        app.press(KeyPress(.down))
        #expect(app.dashboard.selectedRun == nil, "the dialog has the keys, not the tables")
        app.press(KeyPress(.enter))
        #expect(app.window.directoryDialog == nil)
        #expect(app.dashboard.directory == root + "/alpha")
        app.waitForLoad()
        #expect(app.segment("Sources") == "Sources 3/3")
        #expect(app.dashboard.options.recentDirectories == [root + "/alpha", AppHarness.fixtures + "/demo"])
        #expect(app.host.settingsSaves > 0, "the recent list is saved at once")

        // Data ▸ Recent: the demo again.
        let recent = try #require(
            app.window.actions(app.ui).first { $0.title == "Recent: " + Format.path(AppHarness.fixtures + "/demo") })
        #expect(recent.menu == "Data")
        recent.perform()
        #expect(app.dashboard.directory == AppHarness.fixtures + "/demo")
        #expect(app.dashboard.options.recentDirectories.first == AppHarness.fixtures + "/demo")
    }

    @Test("Esc closes the dialog without opening anything; ↑/↓ and Tab take a listed folder, Enter hands it to the caller")
    func cancel() throws {
        let root = try tree()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let app = AppHarness(directory: AppHarness.fixtures + "/demo")
        var opened: [String] = []
        app.window.askForDirectory(title: "t", initial: root) { opened.append($0) }
        app.frame()
        app.press(KeyPress(.escape))
        #expect(app.window.directoryDialog == nil && opened.isEmpty)
        app.window.askForDirectory(title: "t", initial: root) { opened.append($0) }
        let dialog = try #require(app.window.directoryDialog)
        #expect(dialog.completion.candidates.map(\.name) == ["alpha", "alps", "beta"])
        dialog.moveHighlight(1)
        dialog.moveHighlight(1)
        #expect(dialog.target == root + "/alps")
        dialog.complete()
        #expect(dialog.text == root + "/alps/")
        app.press(KeyPress(.enter))
        #expect(opened == [root + "/alps"])
        #expect(app.dashboard.directory == AppHarness.fixtures + "/demo", "the caller decides what opening means")
    }

    @Test("host:/path in the dialog is opened as typed, for every kind of folder, and the line under the field says it is read over SSH")
    func remote() throws {
        let app = AppHarness(directory: AppHarness.fixtures + "/demo")
        var opened: [String] = []
        for path in ["node7:/data/runs", "ssh://me@node8:2222/data", "node9:latent"] {
            app.window.askForDirectory(title: "folder", initial: "") { opened.append($0) }
            let dialog = try #require(app.window.directoryDialog)
            dialog.text = path
            #expect(dialog.target == path, "not expanded against the working folder")
            #expect(dialog.status.contains("on another machine, read over SSH"), "\(dialog.status)")
            app.press(KeyPress(.enter))
        }
        #expect(opened == ["node7:/data/runs", "ssh://me@node8:2222/data", "node9:latent"])
    }

    @Test("recent directories keep the latest first, without repeats, at most ten, and survive the settings")
    func recentList() {
        var options = DashboardOptions()
        for index in 0..<12 { options.noteRecent("/data/\(index)") }
        options.noteRecent("/data/5")
        #expect(options.recentDirectories.count == 10)
        #expect(options.recentDirectories.first == "/data/5")
        #expect(options.recentDirectories.filter { $0 == "/data/5" }.count == 1)
        options.noteRecent("/with,comma")
        #expect(DashboardOptions(state: options.state).recentDirectories == options.recentDirectories)
        #expect(Format.path("/home/u/data", home: "/home/u") == "~/data")
        #expect(Format.path("/home/user2/data", home: "/home/u") == "/home/user2/data")
    }
}
