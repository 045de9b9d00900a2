#if canImport(Glibc)
    import Glibc
#endif

/// The bytes of one file, in memory we own. Big buffers are anonymous mappings, so they go back to
/// the system whole when released. Their ~25k page faults are taken by two reading threads (see
/// `SourceFileReader`). Huge pages were tried and dropped: with `defrag=madvise` they stalled reads
/// on memory compaction for up to 200 ms.
final class FileBytes: @unchecked Sendable {
    // @unchecked: written only by the reader before the object is shared, then only read.
    let base: UnsafeMutableRawPointer
    let capacity: Int
    var count = 0
    private let isMapped: Bool

    private static let mapThreshold = 1 << 20

    init(capacity: Int) {
        self.capacity = max(capacity, 1)
        if self.capacity >= FileBytes.mapThreshold,
            let mapped = mmap(nil, self.capacity, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
            mapped != MAP_FAILED
        {
            base = mapped
            isMapped = true
        } else {
            guard let pointer = malloc(self.capacity) else {
                fatalError("out of memory allocating \(self.capacity) bytes for a file")
            }
            base = pointer
            isMapped = false
        }
    }

    deinit {
        if isMapped {
            munmap(base, capacity)
        } else {
            free(base)
        }
    }

    /// The bytes read so far.
    var buffer: UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: base.assumingMemoryBound(to: UInt8.self), count: count)
    }
}
