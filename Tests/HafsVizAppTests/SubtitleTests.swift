import Foundation
import HafsVizCore
import HafsVizModel
import Immediate
import Testing

@testable import HafsVizApp

@Suite("Titles agree with the panel's state")
struct SubtitleTests {
    func texts(_ directory: String) -> [String] {
        let app = AppHarness(directory: directory)
        app.ui.recordsText = true
        return app.frame().lists[0].recordedTexts ?? []
    }

    @Test("empty files: no zero score, no '0 rejections (no timestamps)', the panels say they are empty")
    func emptyFiles() {
        let shown = texts(AppHarness.fixtures + "/empty")
        #expect(!shown.contains { $0.contains("coverage score 0.000") })
        #expect(!shown.contains { $0.contains("last 0 rejections") })
        #expect(shown.contains("active_learning.json has no regions yet (regions: [])"))
        #expect(shown.contains("quality_feedback.json has no rejection_history entries yet"))
        #expect(shown.contains("scores of rejected samples"))
    }

    @Test("a failed or missing file: no counts and no placeholder in the titles, the status bar says —")
    func failedFile() {
        let app = AppHarness(directory: AppHarness.fixtures + "/malformed/truncated-mid-string")
        app.ui.recordsText = true
        let shown = app.frame().lists[0].recordedTexts ?? []
        #expect(!shown.contains { $0.hasPrefix("scores of rejected samples ·") })
        #expect(!shown.contains { $0.hasPrefix("overall acceptance") })
        #expect(!shown.contains { $0.hasPrefix("best:") || $0.contains("no run has a final loss") })
        #expect(app.segment("Generators") == "Generators —")
        #expect(app.segment("Regions") == "Regions —")
    }
}
