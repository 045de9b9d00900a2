/// The checksum POSIX `cksum` prints (a CRC-32 over the bytes and then their length, MSB first,
/// polynomial 0x04C11DB7, complemented), so a window of a file can be compared with the same
/// window on another machine without sending it.
public enum POSIXChecksum {
    private static let table: [UInt32] = (0..<256).map { index in
        var crc = UInt32(index) << 24
        for _ in 0..<8 { crc = crc & 0x8000_0000 != 0 ? (crc << 1) ^ 0x04C1_1DB7 : crc << 1 }
        return crc
    }

    /// `cksum`'s output for `bytes` read from stdin: "CRC LENGTH".
    public static func line<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> String {
        var crc: UInt32 = 0
        for byte in bytes { crc = (crc << 8) ^ table[Int((crc >> 24) ^ UInt32(byte))] }
        var length = bytes.count
        while length > 0 {
            crc = (crc << 8) ^ table[Int((crc >> 24) ^ UInt32(length & 0xFF))]
            length >>= 8
        }
        return "\(~crc) \(bytes.count)"
    }
}
