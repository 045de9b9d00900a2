import Foundation

/// Writes a v1 `.npy` of doubles (or of another type's raw bytes) for tests; the reader itself is
/// checked against files numpy wrote (NPYTests).
public func writeNPY(_ path: String, descr: String = "<f8", shape: [Int], doubles: [Double] = [], bytes: [UInt8]? = nil) throws {
    let shapeText = shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
    var header = "{'descr': '\(descr)', 'fortran_order': False, 'shape': \(shapeText), }"
    while (10 + header.utf8.count + 1) % 64 != 0 { header += " " }
    header += "\n"
    var data = Data([0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59, 1, 0, UInt8(header.utf8.count & 0xFF), UInt8(header.utf8.count >> 8)])
    data.append(Data(header.utf8))
    if let bytes {
        data.append(Data(bytes))
    } else {
        for value in doubles { withUnsafeBytes(of: value.bitPattern.littleEndian) { data.append(contentsOf: $0) } }
    }
    try data.write(to: URL(fileURLWithPath: path))
}
