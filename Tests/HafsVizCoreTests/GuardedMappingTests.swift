import CGuardedMap
import Foundation
import Testing

@testable import HafsVizCore

/// `FileBytes(mapping:size:)`: a file truncated under its mapping reads as zeros past its new end
/// and marks the mapping, instead of ending the process with SIGBUS.
@Suite("Guarded file mappings")
struct GuardedMappingTests {
    static let page = Int(sysconf(Int32(_SC_PAGESIZE)))

    /// A file of `pages` pages of the byte "a", opened read-only.
    static func file(pages: Int, in directory: TemporaryDirectory) throws -> (path: String, descriptor: Int32) {
        let path = (directory.path as NSString).appendingPathComponent("mapped.bin")
        try Data(repeating: UInt8(ascii: "a"), count: pages * page).write(to: URL(fileURLWithPath: path))
        let descriptor = open(path, O_RDONLY)
        try #require(descriptor >= 0)
        return (path, descriptor)
    }

    @Test("the whole file reads through the mapping, unmarked")
    func whole() throws {
        let directory = TemporaryDirectory()
        let (_, descriptor) = try GuardedMappingTests.file(pages: 3, in: directory)
        defer { close(descriptor) }
        let bytes = try #require(FileBytes(mapping: descriptor, size: 3 * GuardedMappingTests.page - 5))
        #expect(bytes.isMapping && bytes.writable == nil)
        #expect(bytes.count == 3 * GuardedMappingTests.page - 5)
        #expect(bytes.buffer.allSatisfy { $0 == UInt8(ascii: "a") })
        #expect(!bytes.wasTruncated)
    }

    @Test("a read past the end of a file truncated under the mapping gives zeros and marks it")
    func truncated() throws {
        let directory = TemporaryDirectory()
        let page = GuardedMappingTests.page
        let (path, descriptor) = try GuardedMappingTests.file(pages: 4, in: directory)
        defer { close(descriptor) }
        let bytes = try #require(FileBytes(mapping: descriptor, size: 4 * page))
        #expect(bytes.buffer[3 * page + 7] == UInt8(ascii: "a"), "read once before the truncation")
        let faultsBefore = hafs_guarded_map_absorbed_faults()
        try #require(truncate(path, off_t(page)) == 0)
        #expect(bytes.buffer[10] == UInt8(ascii: "a"), "the first page is still the file's")
        #expect(bytes.buffer[3 * page + 7] == 0, "past the new end: zeros, not SIGBUS")
        #expect(bytes.buffer[2 * page] == 0)
        #expect(bytes.wasTruncated)
        #expect(hafs_guarded_map_absorbed_faults() > faultsBefore)
    }

    @Test("a fault outside every guarded mapping still ends the process")
    func foreignFault() async {
        // Any failing exit: normally SIGBUS through Swift's crash reporter, but a sanitizer's own
        // handler (the one ours passes the fault to) exits with a code instead.
        await #expect(processExitsWith: .failure) {
            let path = NSTemporaryDirectory() + "hafs-viz-foreign-\(getpid()).bin"
            let page = Int(sysconf(Int32(_SC_PAGESIZE)))
            _ = FileManager.default.createFile(atPath: path, contents: Data(repeating: 1, count: 2 * page))
            let descriptor = open(path, O_RDONLY)
            // A guarded mapping first, so our handler is installed.
            _ = FileBytes(mapping: descriptor, size: 2 * page)
            guard let plain = mmap(nil, 2 * page, PROT_READ, MAP_PRIVATE, descriptor, 0), plain != MAP_FAILED else { exit(0) }
            _ = truncate(path, 0)
            _ = unlink(path)
            let byte = plain.load(fromByteOffset: page, as: UInt8.self)
            print("read \(byte) past the end without a fault")
            exit(0)
        }
    }
}
