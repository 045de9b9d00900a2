import CX11
import Foundation
import ImageIO
import TestSupport
import Testing

/// A window's frames drawn on the CPU and put on screen with Xlib (see `Shell`): every frame of a
/// window without GL, the first frame of a GL window. These read what the X server holds and
/// compare it with GL's offscreen picture of the same view. Each runs its own Xvfb, so no other
/// test's window covers the one it reads.
@Suite("CPU-drawn frames on a real X server", .serialized)
struct FirstFrameTests {
    static let gallery = CLIRun.binary.deletingLastPathComponent().appendingPathComponent("plot-gallery")

    /// An Xvfb of its own at 1600 × 1000 on a free display, stopped when released.
    final class PrivateServer {
        let process = Process()
        let name: String

        init() throws {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/Xvfb")
            // -displayfd: Xvfb picks a free display and writes its number to standard output.
            // -noreset: without it the server resets when its last client leaves (the stopped app,
            // killed), and the screenshot's connection can come while it does and be refused.
            process.arguments = ["-displayfd", "1", "-noreset", "-screen", "0", "1600x1000x24", "-nolisten", "tcp"]
            let out = Pipe()
            process.standardOutput = out
            process.standardError = FileHandle.nullDevice
            try process.run()
            var text = ""
            while !text.contains("\n") {
                let chunk = out.fileHandleForReading.availableData
                if chunk.isEmpty { break }
                text += String(decoding: chunk, as: UTF8.self)
            }
            let number = text.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !number.isEmpty, Int(number) != nil else {
                process.terminate()
                throw CLIFailure("Xvfb reported no display number (got \"\(text)\")")
            }
            name = ":" + number
        }

        deinit {
            // SIGKILL: a server started from the test runner ignores SIGTERM (the disposition is
            // inherited). Its lock file and socket are then left to remove.
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let number = name.dropFirst()
            try? FileManager.default.removeItem(atPath: "/tmp/.X\(number)-lock")
            try? FileManager.default.removeItem(atPath: "/tmp/.X11-unix/X\(number)")
        }

        /// Moves the pointer to (x, y) on the screen, as a user's mouse would.
        func movePointer(x: Int, y: Int) throws {
            guard let display = XOpenDisplay(name) else { throw CLIFailure("cannot open display \(name)") }
            defer { XCloseDisplay(display) }
            XWarpPointer(display, 0, XDefaultRootWindow(display), 0, 0, 0, 0, Int32(x), Int32(y))
            XSync(display, 0)
        }

        /// The screen's pixels as RGBA8, top row first (XGetImage of the root window).
        func pixels(width: Int, height: Int) throws -> [UInt8] {
            guard let display = XOpenDisplay(name) else { throw CLIFailure("cannot open display \(name)") }
            defer { XCloseDisplay(display) }
            guard let image = XGetImage(display, XDefaultRootWindow(display), 0, 0, UInt32(width), UInt32(height), ~0, ZPixmap)
            else { throw CLIFailure("XGetImage of \(name) failed") }
            defer { _ = image.pointee.f.destroy_image(image) }
            guard image.pointee.bits_per_pixel == 32, let data = image.pointee.data else {
                throw CLIFailure("a \(image.pointee.bits_per_pixel)-bit screen; this reads 32-bit pixels")
            }
            let stride = Int(image.pointee.bytes_per_line)
            var rgba = [UInt8](repeating: 255, count: width * height * 4)
            let bytes = UnsafeRawPointer(data)
            for y in 0..<height {
                for x in 0..<width {
                    let pixel = bytes.loadUnaligned(fromByteOffset: y * stride + x * 4, as: UInt32.self)
                    rgba[(y * width + x) * 4] = UInt8(truncatingIfNeeded: pixel >> 16)
                    rgba[(y * width + x) * 4 + 1] = UInt8(truncatingIfNeeded: pixel >> 8)
                    rgba[(y * width + x) * 4 + 2] = UInt8(truncatingIfNeeded: pixel)
                }
            }
            return rgba
        }
    }

    /// A folder of its own under the temporary directory, removed with the value.
    final class ScratchFolder {
        let path = NSTemporaryDirectory() + "hafs-first-frame-\(UUID().uuidString)"
        init() throws { try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true) }
        deinit { try? FileManager.default.removeItem(atPath: path) }
    }

    struct CLIFailure: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }

    /// The process's state letter from /proc (T: stopped).
    func state(of pid: Int32) -> String? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8), let close = stat.lastIndex(of: ")") else {
            return nil
        }
        return stat[stat.index(after: close)...].split(separator: " ").first.map(String.init)
    }

    /// GL's offscreen picture of the gallery's first page, as RGBA8 (HAFS_VIZ_RENDERER=gl).
    func glPicture(_ environment: [String: String], scratch: String) throws -> [UInt8] {
        var environment = environment
        environment["HAFS_VIZ_RENDERER"] = "gl"
        environment["XDG_CACHE_HOME"] = scratch + "/gl-cache"
        let shot = scratch + "/gl.png"
        let run = try ChildProcess.run(FirstFrameTests.gallery, ["--screenshot", shot], environment: environment, timeout: 60)
        try #require(run.status == 0, "\(run.stderr)")
        let gl = try PNGFile.read(path: shot)
        try #require(gl.width == 1600 && gl.height == 1000)
        return gl.rgba
    }

    /// Compares the screen with GL's picture above the status bar (its bottom 30 rows show how
    /// long the UI took to build, which differs): a level or two of rounding, and about one pixel
    /// in 2,000 where the two disagree on an edge's coverage.
    func expectMatch(_ onScreen: [UInt8], _ gl: [UInt8], _ label: String) {
        var offByMore = 0
        var unlike = 0
        var lit = 0
        for y in 0..<970 {
            for x in 0..<1600 {
                let i = (y * 1600 + x) * 4
                let difference = (0..<3).map { abs(Int(onScreen[i + $0]) - Int(gl[i + $0])) }.max() ?? 0
                if difference > 2 { offByMore += 1 }
                if difference > 40 { unlike += 1 }
                if onScreen[i] > 60 || onScreen[i + 1] > 60 || onScreen[i + 2] > 60 { lit += 1 }
            }
        }
        // Not a blank screen: text, bars, lines and the dense scatter light up much of it.
        #expect(lit > 1600 * 970 / 10, "\(label): only \(lit) pixels lit: nothing was put on screen")
        #expect(offByMore <= 1600 * 970 / 2000, "\(label): \(offByMore) pixels differ by more than 2 levels")
        #expect(unlike <= 200, "\(label): \(unlike) pixels differ by more than 40 levels")
    }

    @Test(
        "the first frame on screen is the picture GL draws of the same view, with or without GL in the window",
        arguments: ["gl", "cpu"])
    func firstFrameOnScreen(drawing: String) throws {
        let (server, folder) = (try PrivateServer(), try ScratchFolder())
        defer { withExtendedLifetime(folder) {} }  // removed only when the test is done with it
        let scratch = folder.path
        var environment = ProcessInfo.processInfo.environment
        environment["DISPLAY"] = server.name
        // GL's picture first, so the stopped app is the last client the server sees.
        let gl = try glPicture(environment, scratch: scratch)

        environment["HAFS_VIZ_RENDERER"] = drawing
        environment["XDG_CACHE_HOME"] = scratch + "/empty-cache"  // no program may be needed
        environment["HAFS_VIZ_STOP_AFTER_FIRST_FRAME"] = "1"
        let app = try LiveProcess(FirstFrameTests.gallery, [], environment: environment)
        defer { app.stop() }
        let deadline = Date().addingTimeInterval(60)
        while state(of: app.processIdentifier) != "T", app.isRunning, Date() < deadline { usleep(20_000) }
        try #require(state(of: app.processIdentifier) == "T", "plot-gallery did not stop after its first frame: \(app.output.suffix(10))")
        let onScreen = try server.pixels(width: 1600, height: 1000)
        app.stop()
        expectMatch(onScreen, gl, drawing)
    }

    @Test("without GL, after a click redraws one chart and another restores it, the screen is GL's picture again")
    func partialFrames() throws {
        let (server, folder) = (try PrivateServer(), try ScratchFolder())
        defer { withExtendedLifetime(folder) {} }  // removed only when the test is done with it
        let scratch = folder.path
        var environment = ProcessInfo.processInfo.environment
        environment["DISPLAY"] = server.name
        let gl = try glPicture(environment, scratch: scratch)

        // The pointer starts on the status bar, where it changes nothing above it.
        try server.movePointer(x: 800, y: 995)
        environment["HAFS_VIZ_RENDERER"] = "cpu"
        let app = try LiveProcess(FirstFrameTests.gallery, [], environment: environment)
        defer { app.stop() }
        /// Pixels above the status bar that differ from GL's picture by more than 40 levels.
        func unlikeGL(_ screen: [UInt8]) -> Int {
            var count = 0
            for i in stride(from: 0, to: 1600 * 970 * 4, by: 4)
            where (0..<3).contains(where: { abs(Int(screen[i + $0]) - Int(gl[i + $0])) > 40 }) {
                count += 1
            }
            return count
        }
        /// Reads the screen until `done` holds of it or 20 s pass; the last read.
        func screen(until done: ([UInt8]) -> Bool) throws -> [UInt8] {
            let deadline = Date().addingTimeInterval(20)
            var last = try server.pixels(width: 1600, height: 1000)
            while !done(last), Date() < deadline, app.isRunning {
                usleep(100_000)
                last = try server.pixels(width: 1600, height: 1000)
            }
            return last
        }
        // The first frame (the gallery builds 11M points first, slowly in a debug build).
        _ = try screen { unlikeGL($0) < 1600 * 970 / 10 }
        /// Runs xdotool on the server.
        func xdotool(_ arguments: [String]) throws -> String {
            let run = try ChildProcess.run(URL(fileURLWithPath: "/usr/bin/xdotool"), arguments, environment: environment, timeout: 20)
            try #require(run.status == 0, "xdotool \(arguments): \(run.stderr)")
            return run.stdout
        }
        /// Pixels above the status bar that differ between two screens.
        func differing(_ a: [UInt8], _ b: [UInt8]) -> Int {
            var count = 0
            for pixel in 0..<(1600 * 970) {
                let i = pixel * 4
                if a[i] != b[i] || a[i + 1] != b[i + 1] || a[i + 2] != b[i + 2] { count += 1 }
            }
            return count
        }
        // Unticking "shaded band" redraws one chart: a frame that sends only that part.
        _ = try xdotool(["mousemove", "17", "66", "click", "1", "mousemove", "800", "995"])
        _ = try screen { unlikeGL($0) > 1_000 }
        usleep(500_000)  // and the pointer's leaving the box drawn
        let unticked = try server.pixels(width: 1600, height: 1000)
        #expect(unlikeGL(unticked) > 1_000, "unticking the band changed only \(unlikeGL(unticked)) pixels on screen")
        // Unmapped and mapped again, the window is exposed and its whole frame is sent: the
        // screen must not change, or the partial frame left out part of what changed.
        let window = try xdotool(["search", "--pid", "\(app.processIdentifier)"]).split(separator: "\n").first.map(String.init) ?? ""
        _ = try xdotool(["windowunmap", "--sync", window])
        _ = try xdotool(["windowmap", "--sync", window])
        usleep(500_000)
        let exposed = try screen { differing($0, unticked) == 0 }
        #expect(differing(exposed, unticked) == 0, "the whole frame differs from the partial one in \(differing(exposed, unticked)) pixels")
        // Ticking it again and moving the pointer away: every pixel the band's absence changed
        // must come back, from another partial frame.
        _ = try xdotool(["mousemove", "17", "66", "click", "1", "mousemove", "800", "995"])
        let onScreen = try screen { unlikeGL($0) == 0 }
        #expect(app.isRunning, "plot-gallery ended: \(app.output.suffix(10))")
        app.stop()
        expectMatch(onScreen, gl, "after hovering")
    }
}
