import CGuardedMap

#if canImport(Glibc)
    import Glibc
#endif

/// The bytes of one file: either a read-only mapping of the file itself, or memory we own and
/// read the file into.
///
/// A mapping costs no copy and no fresh pages (on the 103 MB file, 30 ms of reading and 60 ms of
/// CPU in page zeroing and copying). It is guarded (`CGuardedMap`): a producer truncating the
/// file while we decode makes the missing pages read as zeros and sets `wasTruncated`, instead
/// of killing the process with SIGBUS. Owned buffers of a mebibyte or more are anonymous
/// mappings, so they go back to the system whole when released.
final class FileBytes: @unchecked Sendable {
    // @unchecked: owned memory is written only by the reader before the object is shared, then
    // only read; a mapping is never written.
    let base: UnsafeRawPointer
    let capacity: Int
    var count = 0
    private let storage: Storage

    private enum Storage {
        case heap(UnsafeMutableRawPointer)
        case anonymous(UnsafeMutableRawPointer)
        case file(slot: Int32)
    }

    private static let anonymousThreshold = 1 << 20

    /// Memory of `capacity` bytes to read a file into (`writable`).
    init(capacity: Int) {
        self.capacity = max(capacity, 1)
        if self.capacity >= FileBytes.anonymousThreshold,
            let mapped = mmap(nil, self.capacity, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
            mapped != MAP_FAILED
        {
            storage = .anonymous(mapped)
            base = UnsafeRawPointer(mapped)
        } else {
            guard let pointer = malloc(self.capacity) else {
                fatalError("out of memory allocating \(self.capacity) bytes for a file")
            }
            storage = .heap(pointer)
            base = UnsafeRawPointer(pointer)
        }
    }

    /// The first `size` (> 0) bytes of the open file `descriptor`, mapped; nil when the file
    /// cannot be mapped (read it instead).
    init?(mapping descriptor: Int32, size: Int) {
        guard size > 0 else { return nil }
        var slot: Int32 = -1
        guard let mapped = hafs_guarded_map(descriptor, size, &slot) else { return nil }
        storage = .file(slot: slot)
        base = UnsafeRawPointer(mapped)
        capacity = size
        count = size
    }

    deinit {
        switch storage {
        case .heap(let pointer): free(pointer)
        case .anonymous(let pointer): munmap(pointer, capacity)
        case .file(let slot): hafs_guarded_unmap(slot)
        }
    }

    /// Whether this is a mapping of the file (read-only) rather than memory we read it into.
    var isMapping: Bool {
        if case .file = storage { return true }
        return false
    }

    /// Where the reader writes; nil for a mapping.
    var writable: UnsafeMutableRawPointer? {
        switch storage {
        case .heap(let pointer), .anonymous(let pointer): pointer
        case .file: nil
        }
    }

    /// A mapping whose file turned out shorter than the mapping when it was read (it was
    /// truncated after we opened it): the missing bytes read as zeros. Always false for owned
    /// memory.
    var wasTruncated: Bool {
        if case .file(let slot) = storage { return hafs_guarded_map_truncated(slot) != 0 }
        return false
    }

    /// The bytes read so far (a mapping: all of them).
    var buffer: UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: base.assumingMemoryBound(to: UInt8.self), count: count)
    }
}
