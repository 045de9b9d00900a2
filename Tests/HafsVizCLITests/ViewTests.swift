import Foundation
import Immediate
import Testing

/// `--list-views` and `--view`: every view has a name, and a named view renders its own data.
@Suite("Views by name")
struct ViewTests {
    func render(_ view: String) throws -> (CLIRun, Picture?) {
        let path = NSTemporaryDirectory() + "hafs-viz-view-\(UUID().uuidString).png"
        defer { try? FileManager.default.removeItem(atPath: path) }
        let run = try CLIRun(["--screenshot", path, "--size", "1000x700", "--view", view, CLIRun.fixtures + "/demo"])
        return (run, run.status == 0 ? try Picture(path: path) : nil)
    }

    func pixels(_ picture: Picture, _ color: Color) -> Int {
        var count = 0
        for y in 0..<picture.height { for x in 0..<picture.width where picture.shows(x, y, color, minimumShare: 0.95) { count += 1 } }
        return count
    }

    @Test("--list-views prints one name per view, panel id first")
    func list() throws {
        let run = try CLIRun(["--list-views"])
        #expect(run.status == 0)
        let names = run.stdout.split(separator: "\n").map(String.init)
        #expect(names.count >= 15)
        #expect(Set(names).count == names.count, "names are unique")
        #expect(names.allSatisfy { name in ["quality/", "generators/", "coverage/", "runs/"].contains { name.hasPrefix($0) } })
        #expect(
            names.contains("generators/generator-reason") && names.contains("coverage/coverage-score")
                && names.contains("runs/domain-effectiveness"))
    }

    @Test("the generator × reason view is a heatmap: its largest count in viridis' last colour")
    func heatmap() throws {
        let (run, picture) = try render("generators/generator-reason")
        #expect(run.status == 0, "\(run.stderr)")
        let yellow = try #require(picture.map { pixels($0, Colormap.viridis.color(at: 1)) })
        #expect(yellow > 1000, "one cell (385, the largest) plus the top of the colour bar: \(yellow) pixels")
    }

    @Test("the coverage score gauge fills its share of the ring in the accent colour")
    func gauge() throws {
        let (run, picture) = try render("coverage/coverage-score")
        #expect(run.status == 0, "\(run.stderr)")
        let accent = try #require(picture.map { pixels($0, Style().accent) })
        #expect(accent > 2000, "the filled part of the ring: \(accent) pixels")
    }

    @Test("an unknown view name is a usage error that points to --list-views")
    func unknown() throws {
        let (run, _) = try render("generators/nope")
        #expect(run.status == 2)
        #expect(run.stderr.contains("--list-views"))
    }
}
