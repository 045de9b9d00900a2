import Testing

@testable import Immediate

@Suite("Cutting text to fit")
struct TruncationTests {
    let font = FontAtlas.testing

    @Test("numbers are never cut: the name beside them gives way, in the middle")
    func keepsNumbers() {
        let text = "code_generator  1806✓ 703✗"
        let cut = font.truncateKeepingNumbers(text, toFit: font.measure("code_ge…  1806✓ 703✗"))
        #expect(cut.hasSuffix("  1806✓ 703✗"), "\(cut)")
        #expect(cut.hasPrefix("co") && cut.contains("…") && font.measure(cut) <= font.measure("code_ge…  1806✓ 703✗"))
        #expect(font.truncateKeepingNumbers(text, toFit: 10_000) == text)
        // No room even for "a…b" beside the numbers: the end is cut as a last resort.
        #expect(font.truncateKeepingNumbers(text, toFit: font.measure("1806")).hasSuffix("…"))
    }

    @Test("a phrase is cut at its end, never inside a number")
    func phrase() {
        let title = "overall: rolling mean of 25 with interquartile band"
        let cut = font.truncateKeepingNumbers(title, toFit: font.measure("overall: rolling mean of 2"))
        #expect(cut == "overall: rolling mean of…", "\(cut)")
        let long = font.truncateKeepingNumbers(title, toFit: font.measure("overall: rolling mean of 25 with inter"))
        #expect(long.hasPrefix("overall: rolling mean of 25 with int") && long.hasSuffix("…"), "\(long)")
    }

    @Test("names give way from the last back: the last down to a…b, then the first")
    func lastNameFirst() {
        let text = "a_very_long_generator_name 0.5 short"
        let width = font.measure(text) - font.measure("generator_name")
        let cut = font.truncateKeepingNumbers(text, toFit: width)
        #expect(cut.hasSuffix(" 0.5 s…t") && cut.hasPrefix("a_v") && font.measure(cut) <= width, "\(cut)")
        let id = "run_20251215_52c3 · hafs-general-v6"
        let shortened = font.truncateKeepingNumbers(id, toFit: font.measure("run_20251215_52c3 · hafs-g…v6"))
        #expect(shortened.hasPrefix("run_20251215_52c3 · h"), "the id stays whole while the model name gives way: \(shortened)")
    }

    @Test("a legend line drops its · details first, then cuts its name")
    func shortenLegend() {
        let text = "code ↑ 0.69 · n 151 · ⚠ drift worse"
        #expect(font.shorten(text, toFit: font.measure("code ↑ 0.69 · n 151") + 1) == "code ↑ 0.69 · n 151")
        #expect(font.shorten(text, toFit: font.measure("code ↑ 0.69") + 1) == "code ↑ 0.69")
        let tiny = font.shorten("multilingüe_domain → 0.55 · n 64", toFit: font.measure("mul…ain → 0.55"))
        #expect(tiny.hasSuffix("→ 0.55") && tiny.contains("…"), "\(tiny)")
    }

    @Test("segments fitted together: the long path is cut, the short counts stay whole")
    func fitTogether() {
        let parts = ["Runs 7", "drift: 14 (5 worse)", "/home/someone/data/pipelines/run-archive/2025/december/final"]
        // Room for the path is a little more than the drift segment's width: only the path is cut.
        let room = font.measure(parts[0] + parts[1]) + font.measure(parts[1]) * 1.2
        let fitted = font.fit(parts, toFit: room)
        #expect(fitted[0] == parts[0] && fitted[1] == parts[1])
        #expect(fitted[2].contains("…") && fitted[2].hasSuffix("final"), "\(fitted[2])")
        #expect(fitted.reduce(Float(0)) { $0 + font.measure($1) } <= room)
    }
}
