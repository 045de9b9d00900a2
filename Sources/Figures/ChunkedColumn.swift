/// A column of doubles stored in chunks of `chunkSize` (every chunk full but the last), so a
/// growing series shares its full chunks between versions instead of copying them.
public struct ChunkedColumn: RandomAccessCollection, Sendable {
    /// 4,096 = 8⁴: a chunk's pyramid ends in one block, and the last chunk, copied with its
    /// pyramid on every append to a live line, stays small (64 KiB for both columns). With 32k
    /// points a chunk, that copy and pyramid were the top two costs of the process in a profile
    /// of 20 growing runs.
    public static let chunkShift = 12
    public static let chunkSize = 1 << chunkShift

    public let chunks: [[Double]]
    public let count: Int

    init(chunks: [[Double]], count: Int) {
        self.chunks = chunks
        self.count = count
    }

    /// `values` in chunks (a copy).
    public init(_ values: [Double]) {
        self.init(
            chunks: stride(from: 0, to: values.count, by: ChunkedColumn.chunkSize).map {
                Array(values[$0..<Swift.min(values.count, $0 + ChunkedColumn.chunkSize)])
            }, count: values.count)
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { count }

    @inline(__always)
    public subscript(index: Int) -> Double {
        chunks[index >> ChunkedColumn.chunkShift][index & (ChunkedColumn.chunkSize - 1)]
    }

    /// The element at `index`, or nil outside the column.
    public subscript(safe index: Int) -> Double? { index >= 0 && index < count ? self[index] : nil }

    /// Calls `body` with each stretch of `range` that lies in one chunk: its first index and
    /// its values. Loops over a whole column read contiguous memory this way, at array speed.
    public func withSegments(in range: Range<Int>, _ body: (Int, UnsafeBufferPointer<Double>) throws -> Void) rethrows {
        var index = Swift.max(0, range.lowerBound)
        let end = Swift.min(count, range.upperBound)
        while index < end {
            let chunk = index >> ChunkedColumn.chunkShift
            let chunkStart = chunk << ChunkedColumn.chunkShift
            let stop = Swift.min(end, chunkStart + ChunkedColumn.chunkSize)
            try chunks[chunk].withUnsafeBufferPointer { values in
                try body(index, UnsafeBufferPointer(rebasing: values[(index - chunkStart)..<(stop - chunkStart)]))
            }
            index = stop
        }
    }

    /// A plain array of every value (a copy: for callers that need contiguous memory).
    public var array: [Double] { chunks.flatMap { $0 } }
}
