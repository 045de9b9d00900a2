import Foundation
import HafsVizModel
import Testing

@testable import HafsVizApp

@Suite("Export place")
struct ExportPlaceTests {
    @Test("--export-dir wins (made absolute); else the working directory from a terminal; else ~/hafs-viz-exports")
    func resolve() {
        #expect(
            ExportPlace.resolve(explicit: "out/../shots", startedFromTerminal: false, workingDirectory: "/work", home: "/home/u").base
                == "/work/shots")
        #expect(ExportPlace.resolve(explicit: nil, startedFromTerminal: true, workingDirectory: "/work", home: "/home/u").base == "/work")
        #expect(
            ExportPlace.resolve(explicit: nil, startedFromTerminal: false, workingDirectory: "/", home: "/home/u").base
                == "/home/u/hafs-viz-exports")
    }

    @Test("each export gets a new folder <name>-export-<time>, never one already there")
    func folders() throws {
        let base = NSTemporaryDirectory() + "hafs-export-place-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: base) }
        let place = ExportPlace(base: base)
        let date = Date(timeIntervalSince1970: 1_765_000_000)
        let first = try place.makeFolder(for: "demo", at: date)
        let second = try place.makeFolder(for: "demo", at: date)
        #expect((first as NSString).lastPathComponent.hasPrefix("demo-export-"))
        #expect(second == first + "-2")
        var isDirectory: ObjCBool = false
        #expect(FileManager.default.fileExists(atPath: second, isDirectory: &isDirectory) && isDirectory.boolValue)
        #expect(throws: (any Error).self) { try ExportPlace(base: first + "/x\u{0}").makeFolder(for: "demo") }
    }
}
