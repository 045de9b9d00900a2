import Dispatch

#if canImport(Glibc)
    import Glibc
#endif

/// Hands memory the process has freed back to the system.
///
/// A reload builds the new model on its own thread while the old one is still on screen, then
/// the old one is dropped. glibc keeps what a thread freed in that thread's arena for reuse, so
/// without this every reload of a large file left the resident size higher (251 → 334 → 338 MiB
/// after two F5s of a 103 MB file); `malloc_trim` returns the free pages of every arena.
public enum FreedMemory {
    /// Trims every malloc arena on a utility thread, `after` seconds from now: late enough that
    /// the loading thread has ended and released what it held. Costs milliseconds off the UI thread.
    public static func giveBack(after delay: Double = 0.5) {
        DispatchQueue.global(qos: .utility).asyncAfter(deadline: .now() + delay) { giveBackNow() }
    }

    /// Trims every malloc arena now, on the calling thread; false where the C library has no
    /// `malloc_trim` (then nothing is given back).
    @discardableResult
    public static func giveBackNow() -> Bool {
        #if canImport(Glibc)
            guard let trim = mallocTrim else { return false }
            _ = trim(0)
            return true
        #else
            return false
        #endif
    }

    /// For a batch command that builds large columns once and exits (`runs --json`): every block
    /// from 128 KiB up is mapped on its own and unmapped when freed, for the rest of the process.
    /// By default glibc raises that threshold each time such a block is freed, and later ones,
    /// grown and freed as columns double, stay in the heap: the 20 × 10 × 100k logdir's load
    /// peaked at ~235 MB, ~205 MB with this, in the same time. Not for the window, whose frames
    /// would pay fresh pages for every large block. False where the C library has no `mallopt`.
    @discardableResult
    public static func keepLargeBlocksMapped() -> Bool {
        #if canImport(Glibc)
            guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return false }
            let mallopt = unsafeBitCast(symbol, to: (@convention(c) (Int32, Int32) -> Int32).self)
            // M_MMAP_THRESHOLD (malloc.h), set to glibc's default: setting it stops the raising.
            return mallopt(-3, 128 * 1024) == 1
        #else
            return false
        #endif
    }

    #if canImport(Glibc)
        /// glibc's `malloc_trim`, looked up at run time: Swift's Glibc module leaves out malloc.h.
        private static let mallocTrim: (@convention(c) (Int) -> Int32)? = {
            guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") else { return nil }
            return unsafeBitCast(symbol, to: (@convention(c) (Int) -> Int32).self)
        }()
    #endif
}
