import Foundation

/// How a window's frames reach the screen.
///
/// Where OpenGL would be Mesa's software rasterizer anyway (no GPU, X over SSH, a container),
/// the window makes no GL context at all: frames are drawn on the CPU and put into the window
/// through Xlib. That skips loading llvmpipe (its compiler alone is tens of MiB resident) and
/// compiling shaders, and draws the app's own shapes faster than llvmpipe does
/// (docs/performance.md). With a GPU, GL draws.
public enum Drawing: String, Sendable {
    /// An OpenGL 3.3 core context, current on the main thread, shown by `swapBuffers`.
    case openGL = "gl"
    /// No GL context: frames drawn by `CPURenderer` and put into the window by `present`.
    case cpu

    /// The environment variable that overrides the choice: `gl` or `cpu`.
    public static let variable = "HAFS_VIZ_RENDERER"

    /// The drawing for this process: `HAFS_VIZ_RENDERER` when it names one, else `cpu` where
    /// GL could only be software (`softwareGLOnly`), else `gl`.
    public static func preferred(environment: [String: String], gpuDevices: [String]) -> Drawing {
        if let named = environment[variable].flatMap({ Drawing(rawValue: $0.lowercased()) }) { return named }
        return softwareGLOnly(environment: environment, gpuDevices: gpuDevices) ? .cpu : .openGL
    }

    /// True when Mesa could give this process only its software rasterizer:
    /// - `LIBGL_ALWAYS_SOFTWARE` is set (to anything but 0 or false), or `GALLIUM_DRIVER` names a
    ///   software driver;
    /// - `DISPLAY` names another host (X forwarded over SSH: direct rendering needs the server's
    ///   own GPU, so the frames are drawn here in software and sent as images anyway);
    /// - no GPU device is present: no `/dev/dri` card or render node, no NVIDIA device.
    public static func softwareGLOnly(environment: [String: String], gpuDevices: [String]) -> Bool {
        if let forced = environment["LIBGL_ALWAYS_SOFTWARE"], !["", "0", "false"].contains(forced.lowercased()) { return true }
        if let driver = environment["GALLIUM_DRIVER"], ["llvmpipe", "softpipe", "swr"].contains(driver.lowercased()) { return true }
        if isRemote(display: environment["DISPLAY"]) { return true }
        return gpuDevices.isEmpty
    }

    /// True when an X `DISPLAY` names a server on another host ("gpu-box:0", "localhost:10.0" as
    /// `ssh -X` sets it): a host before the colon other than "unix".
    public static func isRemote(display: String?) -> Bool {
        guard let display, let colon = display.lastIndex(of: ":") else { return false }
        let host = display[..<colon]
        return !host.isEmpty && host != "unix"
    }

    /// The GPU device nodes on this machine: `/dev/dri`'s cards and render nodes, and NVIDIA's.
    public static func gpuDevices() -> [String] {
        let manager = FileManager.default
        let dri = ((try? manager.contentsOfDirectory(atPath: "/dev/dri")) ?? [])
            .filter { $0.hasPrefix("card") || $0.hasPrefix("renderD") }
            .map { "/dev/dri/" + $0 }
        let nvidia = ((try? manager.contentsOfDirectory(atPath: "/dev")) ?? [])
            .filter { $0.hasPrefix("nvidia") && $0.dropFirst("nvidia".count).allSatisfy(\.isNumber) && $0 != "nvidia" }
            .map { "/dev/" + $0 }
        return (dri + nvidia).sorted()
    }

    /// `preferred` for this process's environment and devices.
    public static var current: Drawing {
        preferred(environment: ProcessInfo.processInfo.environment, gpuDevices: gpuDevices())
    }
}
