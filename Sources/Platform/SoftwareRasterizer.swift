import Foundation

/// Tuning for Mesa's llvmpipe, the software OpenGL of virtual machines, containers and X over
/// SSH. GPU drivers never read these variables.
///
/// llvmpipe bins a frame into 64-pixel tiles and rasterizes them on one thread per core. With
/// two cores the two threads were often run one after the other: the Runs grid's 20 growing runs
/// took 5.1 ms to rasterize with two threads, 6.7 ms with one and 2.9 ms with three to eight (one
/// frame while the pointer hovers a chart; docs/performance.md). Twice the cores hides that on
/// small machines; from four cores on llvmpipe's own choice stands.
public enum SoftwareRasterizer {
    /// The `LP_NUM_THREADS` to set before the first GL context, or nil to leave it: the user's
    /// value always stands, and machines with four or more cores keep llvmpipe's default.
    public static func threadCount(cores: Int, current: String?) -> String? {
        guard current == nil, cores >= 1, cores < 4 else { return nil }
        return String(cores * 2)
    }

    /// Sets `LP_NUM_THREADS` (see `threadCount`). Call before GLFW makes a context.
    static func configure() {
        let current = ProcessInfo.processInfo.environment["LP_NUM_THREADS"]
        if let count = threadCount(cores: ProcessInfo.processInfo.activeProcessorCount, current: current) {
            setenv("LP_NUM_THREADS", count, 0)
        }
    }
}
