/// CRC-32C (Castagnoli, reflected polynomial 0x82F63B78), as TFRecord framing uses it.
public enum CRC32C {
    private static let tables = SlicedCRC(polynomial: 0x82F6_3B78)

    /// The CRC-32C of `bytes`.
    public static func checksum(_ bytes: UnsafeRawBufferPointer) -> UInt32 { tables.checksum(bytes) }

    /// TFRecord's masked form: rotate right by 15, add a constant (so a CRC of data holding CRCs
    /// stays well distributed).
    public static func masked(_ crc: UInt32) -> UInt32 {
        ((crc >> 15) | (crc << 17)) &+ 0xA282_EAD8
    }
}

/// CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320: zlib's `crc32`), as W&B's run log uses it.
public enum CRC32 {
    private static let tables = SlicedCRC(polynomial: 0xEDB8_8320)

    /// The CRC-32 of `bytes`, continuing from `previous` (the CRC of the bytes before them, as
    /// zlib's `crc32(previous, bytes)`; 0 to start).
    public static func checksum(_ bytes: UnsafeRawBufferPointer, continuing previous: UInt32 = 0) -> UInt32 {
        tables.checksum(bytes, continuing: previous)
    }
}

/// A reflected 32-bit CRC computed eight bytes at a time ("slicing by 8"): about 8× a byte-wise
/// table on this machine.
struct SlicedCRC: Sendable {
    /// Eight 256-entry tables; table k gives the CRC contribution of a byte k positions back.
    private let tables: [UInt32]

    init(polynomial: UInt32) {
        var tables = [UInt32](repeating: 0, count: 8 * 256)
        for byte in 0..<256 {
            var crc = UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ polynomial : crc >> 1 }
            tables[byte] = crc
        }
        for byte in 0..<256 {
            var crc = tables[byte]
            for k in 1..<8 {
                crc = (crc >> 8) ^ tables[Int(crc & 0xFF)]
                tables[k * 256 + byte] = crc
            }
        }
        self.tables = tables
    }

    func checksum(_ bytes: UnsafeRawBufferPointer, continuing previous: UInt32 = 0) -> UInt32 {
        var crc: UInt32 = ~previous
        tables.withUnsafeBufferPointer { t in
            var index = 0
            let count = bytes.count
            while index + 8 <= count {
                let word = bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self).littleEndian ^ UInt64(crc)
                crc =
                    t[7 * 256 + Int(word & 0xFF)] ^ t[6 * 256 + Int((word >> 8) & 0xFF)]
                    ^ t[5 * 256 + Int((word >> 16) & 0xFF)] ^ t[4 * 256 + Int((word >> 24) & 0xFF)]
                    ^ t[3 * 256 + Int((word >> 32) & 0xFF)] ^ t[2 * 256 + Int((word >> 40) & 0xFF)]
                    ^ t[1 * 256 + Int((word >> 48) & 0xFF)] ^ t[Int(word >> 56)]
                index += 8
            }
            while index < count {
                crc = (crc >> 8) ^ t[Int((crc ^ UInt32(bytes[index])) & 0xFF)]
                index += 1
            }
        }
        return ~crc
    }
}
