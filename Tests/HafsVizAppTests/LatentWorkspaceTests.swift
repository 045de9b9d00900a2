import Figures
import Foundation
import HafsVizCore
import HafsVizModel
import Immediate
import TestSupport
import Testing

@testable import HafsVizApp

/// A Latent workspace in a window, driven by synthetic input.
final class LatentHarness: WindowHarness {
    let latent: LatentWorkspace

    /// Reads `directory` now (no loader thread) unless `live`.
    init(directory: String, live: Bool = false, size: Vec2 = Vec2(1400, 900)) throws {
        latent =
            live
            ? LatentWorkspace(directory: directory)
            : LatentWorkspace(directory: directory, initial: try LatentScene(source: FolderSource(local: directory)))
        super.init(window: AppWindow(workspaces: [latent]), size: size)
    }

    /// Where point `index` is drawn now.
    func pixel(of index: Int) throws -> Vec2 {
        let state = try #require(ui.plotState(LatentWorkspace.mapID))
        let area = try #require(latent.lastMapArea)
        let model = try #require(latent.session.model)
        let x = model.dataset.xs[index]
        let y = model.dataset.ys[index]
        return Vec2(
            area.min.x + Float((x - state.x.min) / state.x.span) * area.width,
            area.max.y - Float((y - state.y.min) / state.y.span) * area.height)
    }

    /// A press and release at `point` (with `modifiers`), each in its own frame.
    func click(_ point: Vec2, modifiers: Modifiers = []) {
        frame { $0.mouseMoved(to: point) }
        frame { $0.mouseButton(.left, down: true, modifiers: modifiers) }
        frame { $0.mouseButton(.left, down: false, modifiers: modifiers) }
    }

    /// A drag through `points` with the left button (Shift held for a lasso).
    func drag(_ points: [Vec2], modifiers: Modifiers = []) {
        guard let first = points.first else { return }
        frame {
            $0.mouseMoved(to: first)
            $0.setModifiers(modifiers)
        }
        frame { $0.mouseButton(.left, down: true, modifiers: modifiers) }
        for point in points.dropFirst() { frame { $0.mouseMoved(to: point) } }
        frame { $0.mouseButton(.left, down: false, modifiers: modifiers) }
        frame { $0.setModifiers([]) }
    }
}

/// A directory of five points with certainties, and optionally images.
func latentDirectory(
    points: [(Double, Double)] = [(0, 0), (1, 0), (0, 1), (1, 1), (0.5, 0.5)],
    certainty: [Double] = [0.9, 0.2, 0.5, 0.1, 0.7]
) throws -> String {
    let directory = temporaryDirectory()
    try writeNPY(directory + "/latent.npy", shape: [points.count, 2], doubles: points.flatMap { [$0.0, $0.1] })
    if !certainty.isEmpty { try writeNPY(directory + "/certainty.npy", shape: [certainty.count], doubles: certainty) }
    return directory
}

func labelsText(_ directory: String) -> String? {
    FileManager.default.contents(atPath: directory + "/labels.csv").flatMap { String(data: $0, encoding: .utf8) }
}

@Suite("Latent workspace")
struct LatentWorkspaceTests {
    @Test("click, digits, N, Ctrl+Z, Delete and a lasso with its confirmation write labels.csv byte for byte")
    func labelling() throws {
        let directory = try latentDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let app = try LatentHarness(directory: directory)
        app.frame()
        app.frame()
        #expect(labelsText(directory) == nil)  // made on the first label
        #expect(app.window.statusSegments().contains { $0.text == "no labels yet (labels.csv is made on the first)" })

        app.click(try app.pixel(of: 1))
        #expect(app.latent.session.selected == 1)
        app.press(KeyPress(.character("3")))
        // N: the unlabelled point with the lowest certainty (3, at 0.1).
        app.press(KeyPress(.character("n")))
        #expect(app.latent.session.selected == 3)
        app.press(KeyPress(.character("7")))
        app.press(KeyPress(.character("n")))
        #expect(app.latent.session.selected == 2)  // 1 and 3 are labelled; 2 has 0.5
        app.press(KeyPress(.character("0")))
        app.press(KeyPress(.character("z"), .control))  // undoes 2's label
        app.press(KeyPress(.character("n")))
        #expect(app.latent.session.selected == 4)  // after 2 (unlabelled again) in the certainty order
        app.press(KeyPress(.character("9")))
        app.latent.session.book?.flush()
        #expect(labelsText(directory) == "Serial,label\n1,3\n3,7\n4,9\n")

        // Delete removes the selected point's label.
        app.press(KeyPress(.delete))
        app.latent.session.book?.flush()
        #expect(labelsText(directory) == "Serial,label\n1,3\n3,7\n")

        // Shift+drag around points 2 (0, 1) and 4 (0.5, 0.5), then 5 and the confirmation.
        let a = try app.pixel(of: 2)
        let b = try app.pixel(of: 4)
        let lasso = [Vec2(a.x - 20, a.y - 20), Vec2(b.x + 20, a.y - 20), Vec2(b.x + 20, b.y + 20), Vec2(a.x - 20, b.y + 20)]
        let selectedBefore = app.latent.session.selected
        app.drag(lasso, modifiers: .shift)
        #expect(app.latent.session.lassoPoints == [2, 4])
        #expect(app.latent.session.selected == selectedBefore)  // a lasso is not a pan or a click
        // The picked points are marked: an accent square on each of the two.
        let accent = app.ui.style.accent.packed & 0x00FF_FFFF
        let marked = app.frame().lists[0].vertices.filter { $0.color & 0x00FF_FFFF == accent }.map(\.position)
        for point in [a, b] {
            #expect(marked.contains { abs($0.x - point.x) <= 3 && abs($0.y - point.y) <= 3 }, "point at \(point) is marked")
        }
        app.press(KeyPress(.character("5")))
        #expect(app.latent.session.lassoLabelPending == 5)
        #expect(labelsText(directory) == "Serial,label\n1,3\n3,7\n")  // nothing before the confirmation
        app.press(KeyPress(.enter))
        app.latent.session.book?.flush()
        #expect(labelsText(directory) == "Serial,label\n1,3\n2,5\n3,7\n4,5\n")
        #expect(app.latent.session.lassoPoints == nil)
        // One Ctrl+Z undoes the whole lasso.
        app.press(KeyPress(.character("z"), .control))
        app.latent.session.book?.flush()
        #expect(labelsText(directory) == "Serial,label\n1,3\n3,7\n")
        app.frame()
        #expect(app.window.statusSegments().contains { $0.text == "labels.csv saved (2)" })
    }

    @Test("a press that pans the map does not select; a click on empty space keeps the selection")
    func panDoesNotSelect() throws {
        let directory = try latentDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let app = try LatentHarness(directory: directory)
        app.frame()
        app.frame()
        let start = try app.pixel(of: 0)
        app.drag([start, start + Vec2(30, 0), start + Vec2(60, 10)])
        #expect(app.latent.session.selected == nil)
        app.click(try app.pixel(of: 4))
        #expect(app.latent.session.selected == 4)
        let area = try #require(app.latent.lastMapArea)
        app.click(area.min + Vec2(3, 3))
        #expect(app.latent.session.selected == 4)
    }

    @Test("an outside edit of labels.csv is read again; bad rows are reported by line and the others kept")
    func outsideEdit() throws {
        let directory = try latentDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let app = try LatentHarness(directory: directory)
        app.frame()
        app.latent.select(0)
        app.press(KeyPress(.character("1")))
        app.latent.session.book?.flush()
        app.frame()
        try Data("Serial,label\n2,4\nseven,1\n3,8\n".utf8).write(to: URL(fileURLWithPath: directory + "/labels.csv"))
        app.time += 2
        app.frame()
        #expect(app.latent.session.book?.labels == [2: 4, 3: 8])
        #expect(app.latent.session.labelProblems == ["labels.csv:3: Serial \"seven\" is not a point index (a whole number from 0)"])
        #expect(app.window.notice?.text.contains("labels.csv changed outside hafs-viz") == true)
        // Our own saves are not taken for outside edits.
        app.latent.select(4)
        app.press(KeyPress(.character("6")))
        app.latent.session.book?.flush()
        app.time += 2
        app.frame()
        #expect(app.latent.session.book?.labels == [2: 4, 3: 8, 4: 6])
        #expect(labelsText(directory) == "Serial,label\n2,4\n3,8\n4,6\n")
    }

    @Test("labels that cannot be saved are not taken: the book refuses and says why")
    func readOnly() throws {
        let directory = try latentDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let book = LabelBook(path: directory + "/labels.csv", initial: [1: 2], signature: nil, readOnlyReason: "the directory is read-only")
        #expect(book.set([0], to: 3) == 0)
        #expect(book.labels == [1: 2])
        #expect(book.undo() == nil)
        #expect(!book.canWrite)
        #expect(!FileManager.default.fileExists(atPath: directory + "/labels.csv"))
    }

    @Test("every colour mode draws; certainty has a colour bar; a digit without a selection says what to do")
    func colourModes() throws {
        let directory = try latentDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try writeNPY(
            directory + "/predictions.npy", descr: "<i8", shape: [5],
            bytes: [0, 1, 1, 2, 9].flatMap { value -> [UInt8] in
                withUnsafeBytes(of: Int64(value).littleEndian) { Array($0) }
            })
        try Data("group,score\na,1\nb,2\na,\nc,4\na,5\n".utf8).write(to: URL(fileURLWithPath: directory + "/metadata.csv"))
        let app = try LatentHarness(directory: directory)
        app.frame()
        #expect(app.latent.session.availableColorModes == [.labels, .predictions, .certainty, .metadata("group"), .metadata("score")])
        for mode in app.latent.session.availableColorModes {
            app.latent.setColorMode(mode)
            app.frame()
            let scene = try #require(app.latent.scene)
            let series = app.latent.mapSeries(scene)
            #expect(series.items.first?.series.count == 5)
            #expect((series.items.first?.colorScale != nil) == (mode == .certainty || mode == .metadata("score")))
        }
        app.latent.setColorMode(.predictions)
        let key = try app.latent.mapSeries(#require(app.latent.scene)).key
        #expect(key.map(\.name) == ["0", "1", "2", "9"])
        #expect(key.map(\.count) == [1, 2, 1, 1])
        app.latent.setColorMode(.metadata("group"))
        let groups = try app.latent.mapSeries(#require(app.latent.scene)).key
        #expect(groups.map(\.name) == ["a", "b", "c"])
        #expect(groups.map(\.count) == [3, 1, 1])
        #expect(groups.count == 3)
        app.press(KeyPress(.character("4")))
        #expect(app.window.notice?.text.hasPrefix("select a point first") == true)
    }

    @Test("a training run that exits 0 reloads the map in place, keeping the view and the selection; its metrics become curves")
    func trainingReloads() throws {
        let directory = try latentDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        // The "trainer" writes metrics and a new latent.npy with the points moved inwards.
        let moved: [Double] = [0.2, 0.2, 0.8, 0.2, 0.2, 0.8, 0.8, 0.8, 0.5, 0.6]
        try writeNPY(directory + "/next.npy", shape: [5, 2], doubles: moved)
        try Data(
            """
            command = "printf '{\\"step\\": 1, \\"loss\\": 0.5}\\\\n{\\"step\\": 2, \\"loss\\": 0.25}\\\\n' > metrics.jsonl && test -s labels.csv && cp next.npy latent.npy"
            metrics = "metrics.jsonl"
            outputs = ["latent.npy"]
            epochs = 3
            """.utf8
        ).write(to: URL(fileURLWithPath: directory + "/latent.toml"))
        let app = try LatentHarness(directory: directory, live: true)
        try waitUntil(app) { app.latent.session.model != nil }
        app.frame()
        let fitted = try #require(app.ui.plotState(LatentWorkspace.mapID))
        app.latent.select(2)
        app.press(KeyPress(.character("8")))
        app.press(KeyPress(.character("t"), .control))
        try waitUntil(
            app,
            explain: {
                "\(app.latent.session.model?.trainingError ?? "-") \(app.latent.training.lastOutcome.debugDescription) \(app.latent.training.process?.output.lines ?? [])"
            }
        ) {
            app.latent.session.model?.dataset.xs.first == 0.2
        }
        app.frame()
        // The view the user had (the first fit) stays, so the points are seen to move in it.
        let kept = try #require(app.ui.plotState(LatentWorkspace.mapID))
        #expect(kept.x == fitted.x && kept.y == fitted.y)
        #expect(!kept.autoFit)
        #expect(app.latent.session.selected == 2)
        #expect(app.latent.training.lastOutcome == .exited(0))
        #expect(app.latent.training.curves.map(\.tag) == ["loss"])
        #expect(app.latent.training.curves.first?.series.count == 2)
        #expect(app.latent.session.book?.labels == [2: 8])
        #expect(app.window.notice?.text.hasPrefix("training finished: map reloaded") == true)

        // A map that moved out of that view entirely is fitted instead, and the status bar says so.
        try writeNPY(directory + "/latent.npy", shape: [5, 2], doubles: moved.map { $0 + 100 })
        app.press(KeyPress(.f(5)))
        try waitUntil(app) { app.latent.session.model?.dataset.xs.first == 100.2 }
        app.frame()
        let refitted = try #require(app.ui.plotState(LatentWorkspace.mapID))
        #expect(refitted.x.min > 99 && refitted.x.max < 102 && refitted.y.min > 99 && refitted.y.max < 102, "\(refitted.x) \(refitted.y)")
        #expect(app.window.notice?.text == "the new map lies outside the view you had: fitted to it")
    }

    @Test("a command that fails keeps the old map and says so in red; Cancel ends a hanging one")
    func trainingFailsAndCancels() throws {
        let directory = try latentDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try Data("command = \"no-such-trainer-xyz --epochs {epochs}\"\n".utf8).write(to: URL(fileURLWithPath: directory + "/latent.toml"))
        let app = try LatentHarness(directory: directory, live: true)
        try waitUntil(app) { app.latent.session.model != nil }
        let before = try #require(app.latent.session.model)
        app.press(KeyPress(.character("t"), .control))
        try waitUntil(app) { app.latent.training.lastOutcome != nil }
        #expect(app.latent.training.lastOutcome == .exited(127))
        #expect(app.latent.session.model === before)
        #expect(
            app.window.statusSegments().contains {
                $0.text == "training exit 127: the command was not found (see the log)" && $0.tone == .error
            })

        try Data("command = \"sleep 60\"\n".utf8).write(to: URL(fileURLWithPath: directory + "/latent.toml"))
        app.press(KeyPress(.f(5)))
        try waitUntil(app) { app.latent.training.config?.command == "sleep 60" }
        app.press(KeyPress(.character("t"), .control))
        #expect(app.latent.training.isRunning)
        let cancel = try #require(app.window.actions(app.ui).first { $0.title == "Cancel Training" })
        cancel.perform()
        try waitUntil(app) { app.latent.training.lastOutcome != nil }
        #expect(app.latent.training.lastOutcome == .signalled(15))
    }

    /// The repository's own trainer, `examples/latent/train.py`, run for real by Debian's
    /// python3 with python3-numpy (Scripts/install-deps installs both): label through keys,
    /// Start, live curves, the map reloaded with the trainer's predictions and certainty.
    @Test("the example trainer runs the whole loop: label, Start, curves, a new map with predictions")
    func exampleTrainerLoop() throws {
        let python = "/usr/bin/python3"
        let trainer = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("examples/latent/train.py").path
        let probe = try ChildProcess.run(URL(fileURLWithPath: python), ["-c", "import numpy"], timeout: 30)
        try #require(probe.status == 0, "\(python) cannot import numpy (Scripts/install-deps installs python3-numpy): \(probe.stderr)")

        // 60 8×8 images of three shapes (a row, a column, the diagonal lit), with noise; random
        // starting coordinates.
        let directory = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var random = SeededGenerator(seed: 10)
        let n = 60
        var pixels: [UInt8] = []
        for index in 0..<n {
            for row in 0..<8 {
                for column in 0..<8 {
                    let lit = [row == 3, column == 4, row == column][index % 3]
                    pixels.append(UInt8(lit ? 200 + Int(random.unit() * 55) : Int(random.unit() * 40)))
                }
            }
        }
        try writeNPY(directory + "/images.npy", descr: "|u1", shape: [n, 8, 8], bytes: pixels)
        try writeNPY(directory + "/latent.npy", shape: [n, 2], doubles: (0..<(2 * n)).map { _ in random.unit() })
        try Data(
            """
            command = "'\(python)' '\(trainer)' --dir {dir} --epochs {epochs} --label-weight {label_weight} --fresh"
            metrics = "metrics.jsonl"
            outputs = ["latent.npy", "reconstructions.npy", "predictions.npy", "certainty.npy"]
            epochs = 8

            [params.label_weight]
            min = 0.0
            max = 5.0
            default = 2.0
            """.utf8
        ).write(to: URL(fileURLWithPath: directory + "/latent.toml"))

        let app = try LatentHarness(directory: directory, live: true)
        try waitUntil(app) { app.latent.session.model != nil }
        let before = try #require(app.latent.session.model)
        #expect(before.dataset.predictions == nil)
        let given = [0: 1, 3: 1, 1: 2, 4: 2, 2: 3, 5: 3]
        for (index, label) in given.sorted(by: { $0.key < $1.key }) {
            app.latent.select(index)
            app.press(KeyPress(.character(Character("\(label)"))))
        }
        app.latent.select(7)
        app.press(KeyPress(.character("t"), .control))
        #expect(app.latent.training.isRunning)
        try waitUntil(app, seconds: 60, explain: { "\(app.latent.training.process?.output.lines ?? [])" }) {
            app.latent.training.lastOutcome != nil && app.latent.session.model !== before
        }
        #expect(app.latent.training.lastOutcome == .exited(0))
        let after = try #require(app.latent.session.model)
        let dataset = after.dataset
        #expect(dataset.points == n)
        #expect(dataset.xs != before.dataset.xs, "the trainer rewrote latent.npy")
        #expect(dataset.reconstructions?.shape == [n, 8, 8])
        // The trainer gives every labelled point its own label with certainty 1, and every other
        // point one of the labels it was given, with certainty in [0, 1].
        let predictions = try #require(dataset.predictions)
        let certainty = try #require(dataset.certainty)
        for (index, label) in given {
            #expect(predictions[index] == label)
            #expect(certainty[index] == 1)
        }
        #expect(predictions.allSatisfy { $0.map { Set(given.values).contains($0) } == true })
        #expect(certainty.allSatisfy { $0 >= 0 && $0 <= 1 })
        #expect(app.latent.session.selected == 7)
        #expect(
            app.latent.session.availableColorModes.contains(.predictions) && app.latent.session.availableColorModes.contains(.certainty))
        // One metrics line an epoch, read through the Runs readers: train and val in bold.
        let curves = app.latent.training.curves
        #expect(Set(curves.map(\.tag)) == ["loss", "val_loss", "recon_loss", "label_loss"])
        #expect(curves.allSatisfy { $0.series.count == 8 })
        #expect(curves.filter(\.main).map(\.tag).sorted() == ["loss", "val_loss"])
        #expect(app.latent.training.process?.output.lines.contains { $0.hasPrefix("epoch 8/8") } == true)
        #expect(labelsText(directory) == "Serial,label\n0,1\n1,2\n2,3\n3,1\n4,2\n5,3\n")
    }

    @Test("a short window shrinks the thumbnails (not below 96 px) so the training pane keeps its chart; a tall one keeps 150 px")
    func thumbnailsMakeRoom() throws {
        let directory = try latentDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try writeNPY(directory + "/images.npy", descr: "|u1", shape: [5, 8, 8], bytes: [UInt8](repeating: 128, count: 5 * 64))
        try Data("command = \"true\"\nmetrics = \"m.jsonl\"\n[params.a]\nmin = 0\nmax = 1\ndefault = 0.5\n".utf8)
            .write(to: URL(fileURLWithPath: directory + "/latent.toml"))
        var sides: [Float] = []
        for height: Float in [1000, 760, 600] {
            let app = try LatentHarness(directory: directory, size: Vec2(1600, height))
            app.latent.select(1)
            for _ in 0..<3 { app.frame() }
            sides.append(app.latent.thumbnailFit ?? 150)
        }
        #expect(sides[0] == 150, "room enough: \(sides)")
        #expect(sides[1] < 150 && sides[1] > 96, "\(sides)")
        #expect(sides[2] == 96, "never below 96: \(sides)")
    }

    /// Frames until `condition` holds (at most `seconds`).
    func waitUntil(_ app: LatentHarness, seconds: Double = 20, explain: () -> String = { "" }, _ condition: () -> Bool) throws {
        let deadline = Date().addingTimeInterval(seconds)
        while !condition() {
            guard Date() < deadline else { throw HarnessTimeout(state: explain()) }
            usleep(20_000)
            app.frame()
        }
    }

    struct HarnessTimeout: Error {
        var state: String
    }
}
