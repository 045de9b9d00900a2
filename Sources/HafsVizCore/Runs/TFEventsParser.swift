import Foundation
import SwiftProtobuf

/// Reads scalars from a TensorBoard event file, record by record, as the file grows.
///
/// Framing (TFRecord): `u64 length · u32 masked CRC-32C of the length bytes · data · u32 masked
/// CRC-32C of the data`, little-endian. A partial last record is the normal state of a file being
/// written: it stays unconsumed until complete. A bad length checksum means nothing after it can
/// be framed: the file stops there with an error. A bad data checksum skips that record.
///
/// Scalars come from `simple_value` (PyTorch, tensorboardX, TF1) and from rank-0 float, double,
/// half or bfloat16 tensors (TF2: `float_val`, `double_val`, `half_val` or `tensor_content`). A
/// tag's plugin is named only with its first value; tags of other plugins (histograms, text,
/// images) are skipped.
struct TFEventsParser: Sendable {
    let path: String
    /// The records skipped (bad data checksum, not an Event).
    private(set) var skipped = SkippedRecords()
    /// Tags whose first value named a plugin other than scalars.
    private var otherPluginTags: Set<String> = []
    /// The hparams plugin's session start info: the run's hyperparameters.
    private(set) var params = RunParams()
    /// Records longer than this are taken as corruption (TensorBoard's own events are small).
    static let maxRecordBytes = 256 << 20

    init(path: String) {
        self.path = path
    }

    mutating func reset() {
        self = TFEventsParser(path: path)
    }

    /// Parses the whole records at the front of `bytes`, which start at file offset `offset`;
    /// returns how many bytes they span. Throws when the file cannot be framed any further.
    mutating func parse(_ bytes: UnsafeRawBufferPointer, offset: Int, into table: inout ScalarTable) throws(RunLogError) -> Int {
        var at = 0
        while bytes.count - at >= 12 {
            let length = bytes.loadUnaligned(fromByteOffset: at, as: UInt64.self).littleEndian
            let lengthCRC = bytes.loadUnaligned(fromByteOffset: at + 8, as: UInt32.self).littleEndian
            let lengthBytes = UnsafeRawBufferPointer(rebasing: bytes[at..<(at + 8)])
            guard CRC32C.masked(CRC32C.checksum(lengthBytes)) == lengthCRC else {
                throw RunLogError(
                    file: path,
                    message: "record length fails its checksum: the file is corrupt from here on and the rest of it cannot be read",
                    location: "byte \(offset + at)")
            }
            guard length <= UInt64(TFEventsParser.maxRecordBytes) else {
                throw RunLogError(
                    file: path, message: "record claims \(length) bytes, more than any event; the file is corrupt from here on",
                    location: "byte \(offset + at)")
            }
            let total = 12 + Int(length) + 4
            guard bytes.count - at >= total else { break }  // torn: wait for the rest
            let data = UnsafeRawBufferPointer(rebasing: bytes[(at + 12)..<(at + 12 + Int(length))])
            let dataCRC = bytes.loadUnaligned(fromByteOffset: at + 12 + Int(length), as: UInt32.self).littleEndian
            if CRC32C.masked(CRC32C.checksum(data)) == dataCRC {
                readEvent(data, recordAt: offset + at, into: &table)
            } else {
                skipped.note(
                    RunLogError(file: path, message: "record fails its data checksum and was skipped", location: "byte \(offset + at)"))
            }
            at += total
        }
        return at
    }

    private mutating func readEvent(_ data: UnsafeRawBufferPointer, recordAt: Int, into table: inout ScalarTable) {
        let event: Hafs_Tfevents_Event
        do {
            event = try Hafs_Tfevents_Event(serializedBytes: [UInt8](data))
        } catch {
            skipped.note(RunLogError(file: path, message: "record is not an Event message and was skipped", location: "byte \(recordAt)"))
            return
        }
        guard case .summary(let summary)? = event.what else { return }
        let step = Double(event.step)
        for value in summary.value {
            if value.metadata.pluginData.pluginName == "hparams" {
                readHParams(value.metadata.pluginData.content)
                continue
            }
            if value.hasMetadata, value.metadata.hasPluginData, !value.metadata.pluginData.pluginName.isEmpty,
                value.metadata.pluginData.pluginName != "scalars"
            {
                otherPluginTags.insert(value.tag)
            }
            guard !otherPluginTags.contains(value.tag), let scalar = TFEventsParser.scalar(value) else { continue }
            table.append(value.tag, step: step, value: scalar, wallTime: event.wallTime)
        }
    }

    /// The hparams plugin's content: a session's start info holds the run's hyperparameters
    /// (numbers, text, flags), kept in name order; the experiment and end info are left out.
    private mutating func readHParams(_ content: Data) {
        guard let data = try? Hafs_Tfevents_HParamsPluginData(serializedBytes: content),
            case .sessionStartInfo(let start)? = data.data
        else { return }
        for name in start.hparams.keys.sorted() {
            switch start.hparams[name]?.kind {
            case .numberValue(let number)?: params.set(name, .number(number))
            case .stringValue(let text)?: params.set(name, .text(text))
            case .boolValue(let flag)?: params.set(name, .bool(flag))
            case nil: continue
            }
        }
    }

    /// The value as a scalar, or nil when it is not one.
    static func scalar(_ value: Hafs_Tfevents_Summary.Value) -> Double? {
        switch value.value {
        case .simpleValue(let float): return Double(float)
        case .tensor(let tensor):
            guard tensor.tensorShape.dim.isEmpty else { return nil }  // rank 0 only
            switch tensor.dtype {
            case 1:  // float
                if let first = tensor.floatVal.first { return Double(first) }
                return fromContent(tensor.tensorContent, width: 4) { Double(Float(bitPattern: UInt32(truncatingIfNeeded: $0))) }
            case 2:  // double
                if let first = tensor.doubleVal.first { return first }
                return fromContent(tensor.tensorContent, width: 8) { Double(bitPattern: $0) }
            case 19:  // half
                if let first = tensor.halfVal.first { return halfToDouble(UInt16(truncatingIfNeeded: first)) }
                return fromContent(tensor.tensorContent, width: 2) { halfToDouble(UInt16(truncatingIfNeeded: $0)) }
            case 14:  // bfloat16
                if let first = tensor.halfVal.first { return Double(Float(bitPattern: UInt32(UInt16(truncatingIfNeeded: first)) << 16)) }
                return fromContent(tensor.tensorContent, width: 2) { Double(Float(bitPattern: UInt32(truncatingIfNeeded: $0) << 16)) }
            default: return nil
            }
        case nil: return nil
        }
    }

    /// The first little-endian value of `width` bytes in `content`, converted.
    private static func fromContent(_ content: Data, width: Int, _ convert: (UInt64) -> Double) -> Double? {
        guard content.count >= width else { return nil }
        var bits: UInt64 = 0
        for (k, byte) in content.prefix(width).enumerated() { bits |= UInt64(byte) << (8 * k) }
        return convert(bits)
    }

    /// IEEE half precision to double, subnormals, infinities and NaN included.
    static func halfToDouble(_ bits: UInt16) -> Double {
        let sign: Double = bits & 0x8000 != 0 ? -1 : 1
        let exponent = Int(bits >> 10) & 0x1F
        let fraction = Double(bits & 0x3FF)
        switch exponent {
        case 0: return sign * fraction * 0x1p-24
        case 31: return fraction == 0 ? sign * .infinity : .nan
        default: return sign * (1 + fraction / 1024) * Double(sign: .plus, exponent: exponent - 15, significand: 1)
        }
    }
}
