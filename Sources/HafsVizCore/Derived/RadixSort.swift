/// Doubles in ascending order by an LSD radix sort of their bit patterns (11 bits a pass, a pass
/// skipped when every value shares its digit): linear time, several times faster than the
/// standard library's comparison sort on the drift's baselines (tens of thousands of scores).
///
/// The bit pattern is made to order as the numbers do: a positive number's sign bit is set, a
/// negative number's bits are all flipped. For finite values (and infinities) this is the order
/// `sorted()` gives; -0 comes before +0, which compare equal anyway.
enum RadixSort {
    /// Below this many values the comparison sort is as fast.
    static let threshold = 1024

    static func sorted(_ values: ArraySlice<Double>) -> [Double] {
        guard values.count > threshold else { return values.sorted() }
        let sign: UInt64 = 1 << 63
        var keys = values.map { value -> UInt64 in
            let bits = value.bitPattern
            return bits & sign != 0 ? ~bits : bits | sign
        }
        var scratch = [UInt64](repeating: 0, count: keys.count)
        var counts = [Int](repeating: 0, count: 2048)
        for shift in stride(from: UInt64(0), to: 64, by: 11) {
            counts.withUnsafeMutableBufferPointer { counts in
                for index in counts.indices { counts[index] = 0 }
                keys.withUnsafeBufferPointer { keys in
                    for key in keys { counts[Int((key >> shift) & 2047)] += 1 }
                }
            }
            // Every key has the same digit here: the order stands.
            if counts.contains(keys.count) { continue }
            var position = 0
            for digit in 0..<2048 {
                let count = counts[digit]
                counts[digit] = position
                position += count
            }
            keys.withUnsafeBufferPointer { keys in
                scratch.withUnsafeMutableBufferPointer { scratch in
                    counts.withUnsafeMutableBufferPointer { next in
                        for key in keys {
                            let digit = Int((key >> shift) & 2047)
                            scratch[next[digit]] = key
                            next[digit] += 1
                        }
                    }
                }
            }
            swap(&keys, &scratch)
        }
        return keys.map { key in Double(bitPattern: key & sign != 0 ? key & ~sign : ~key) }
    }
}
