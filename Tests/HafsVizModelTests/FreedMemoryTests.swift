import Foundation
import HafsVizModel
import Testing

/// `FreedMemory` finds glibc's `malloc_trim` at run time and gives freed pages back. Measured on
/// this process's resident size: every other 32 KB block of 128 MB is freed, so the free memory
/// sits between blocks still in use, where `free` alone cannot return it.
@Suite("Freed memory goes back to the system")
struct FreedMemoryTests {
    static func residentBytes() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
            let kilobytes = line.split(separator: " ").dropFirst().first.flatMap({ Int($0) })
        else { return 0 }
        return kilobytes * 1024
    }

    @Test("freed blocks between live ones: the resident size falls by most of them after giveBackNow")
    func trims() throws {
        let block = 32 * 1024
        var blocks: [UnsafeMutableRawPointer] = []
        for _ in 0..<4096 {
            guard let pointer = malloc(block) else { throw CocoaError(.fileWriteOutOfSpace) }
            memset(pointer, 1, block)  // resident, not just reserved
            blocks.append(pointer)
        }
        for (index, pointer) in blocks.enumerated() where index.isMultiple(of: 2) { free(pointer) }
        let beforeTrim = FreedMemoryTests.residentBytes()
        #expect(FreedMemory.giveBackNow(), "malloc_trim was not found")
        let afterTrim = FreedMemoryTests.residentBytes()
        for (index, pointer) in blocks.enumerated() where !index.isMultiple(of: 2) { free(pointer) }
        // 64 MB was freed; nearly all of it is whole pages inside free chunks.
        #expect(beforeTrim - afterTrim > 48 << 20, "resident \(beforeTrim >> 20) MiB before the trim, \(afterTrim >> 20) MiB after")
    }

    @Test("a batch command can keep large blocks mapped: glibc's mallopt is found and takes the threshold")
    func largeBlocksMapped() {
        #expect(FreedMemory.keepLargeBlocksMapped())
    }
}
