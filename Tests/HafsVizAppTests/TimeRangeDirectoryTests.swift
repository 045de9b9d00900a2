import Foundation
import HafsVizCore
import HafsVizModel
import Immediate
import Testing

@testable import HafsVizApp

@Suite("A dragged time range belongs to its directory")
struct TimeRangeDirectoryTests {
    let demo = AppHarness.fixtures + "/demo"

    @Test("opening another directory resets a dragged range to all and clears the selection; a preset stays")
    func openResets() {
        let app = AppHarness(directory: demo)
        // Dec 16–19 of the demo's history (seconds since 1970, as the file's zone-less times are kept).
        let dragged = TimeRange.between(start: 1_765_843_200, end: 1_766_102_400)
        app.dashboard.setTimeRange(dragged)
        app.dashboard.select(.run, "run_20251213_80e1")
        #expect(app.dashboard.options.state["timeRangeDirectory"] == (demo as NSString).standardizingPath)
        app.dashboard.open(directory: AppHarness.fixtures + "/empty")
        app.waitForLoad()
        #expect(app.dashboard.options.timeRange == .all)
        #expect(app.dashboard.selection.isEmpty, "the old data's run is not selected in the new directory")
        #expect(app.window.notice?.text.contains("the dragged time range was for the other directory") == true)
        app.dashboard.setTimeRange(.lastDay)
        app.dashboard.open(directory: demo)
        #expect(app.dashboard.options.timeRange == .lastDay, "a preset counts back from the newest entry: it means the same anywhere")
    }

    @Test("a saved dragged range is restored only on its own directory")
    func restore() {
        let app = AppHarness(directory: demo)
        app.dashboard.setTimeRange(.between(start: 1_765_843_200, end: 1_766_102_400))
        let saved = app.dashboard.savedState()
        let same = AppHarness(directory: demo)
        same.dashboard.restore(saved)
        #expect(same.dashboard.options.timeRange == .between(start: 1_765_843_200, end: 1_766_102_400))
        let other = AppHarness(directory: AppHarness.fixtures + "/empty")
        other.dashboard.restore(saved)
        #expect(other.dashboard.options.timeRange == .all)
        var old = saved
        old["timeRangeDirectory"] = nil  // written before ranges knew their directory
        let legacy = AppHarness(directory: demo)
        legacy.dashboard.restore(old)
        #expect(legacy.dashboard.options.timeRange == .all)
    }

    @Test("a range holding no entry says so, with the history's span and a Show all button")
    func emptyRange() {
        let app = AppHarness(directory: demo)
        app.ui.recordsText = true
        app.dashboard.setTimeRange(.between(start: 0, end: 10))
        app.dashboard.reloads.waitUntilIdle()
        _ = app.dashboard.idle(now: 100)
        let shown = app.frame().lists[0].recordedTexts ?? []
        #expect(
            shown.contains { $0.hasPrefix("No rejection_history entries in Jan 1 00:00–Jan 1 00:00") },
            "\(shown.filter { $0.contains("entries") })")
        #expect(shown.contains { $0.hasPrefix("The history spans Dec ") && $0.hasSuffix("(620 entries).") })
        #expect(shown.contains("Show all"))
        app.dashboard.setTimeRange(.all)
        app.dashboard.reloads.waitUntilIdle()
        _ = app.dashboard.idle(now: 101)
        #expect(!(app.frame().lists[0].recordedTexts ?? []).contains { $0.hasPrefix("No rejection_history entries") })
    }
}
