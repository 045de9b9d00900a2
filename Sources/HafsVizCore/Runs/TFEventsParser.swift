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
    /// Tags seen lately, so a value's tag costs a comparison, not a new string.
    private var recentTags: [(bytes: [UInt8], name: String)] = []
    private var lastTag = 0
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

    /// One Event, read off the wire (`ProtoWire`): `wall_time` (1), `step` (2) and `summary` (5)
    /// with its values: `tag` (1), `simple_value` (2), `tensor` (8), `metadata` (9). Nothing
    /// else of the record is built (a 100k-step run is a million of these).
    private mutating func readEvent(_ data: UnsafeRawBufferPointer, recordAt: Int, into table: inout ScalarTable) {
        var wallTime = 0.0
        var step: Int64 = 0
        var summary: UnsafeRawBufferPointer?
        let framed = ProtoWire.fields(data) { field in
            switch field.number {
            case 1: if field.bytes.count == 8 { wallTime = Double(bitPattern: field.bytes.loadUnaligned(as: UInt64.self).littleEndian) }
            case 2: step = Int64(bitPattern: field.varint)
            case 5: summary = field.bytes
            default: break
            }
        }
        let notEvent = RunLogError(file: path, message: "record is not an Event message and was skipped", location: "byte \(recordAt)")
        guard framed else { return skipped.note(notEvent) }
        guard let summary else { return }
        var values: [UnsafeRawBufferPointer] = []
        guard ProtoWire.fields(summary, { if $0.number == 1 { values.append($0.bytes) } }) else { return skipped.note(notEvent) }
        for value in values {
            var tagBytes: UnsafeRawBufferPointer?
            var simple: Float?
            var tensor: UnsafeRawBufferPointer?
            var plugin: UnsafeRawBufferPointer?
            var content: UnsafeRawBufferPointer?
            let whole = ProtoWire.fields(value) { field in
                switch field.number {
                case 1: tagBytes = field.bytes
                case 2: if field.bytes.count == 4 { simple = Float(bitPattern: field.bytes.loadUnaligned(as: UInt32.self).littleEndian) }
                case 8: tensor = field.bytes
                case 9:
                    // metadata.plugin_data: plugin_name (1), content (2).
                    _ = ProtoWire.fields(field.bytes) { meta in
                        guard meta.number == 1 else { return }
                        _ = ProtoWire.fields(meta.bytes) { data in
                            if data.number == 1 { plugin = data.bytes }
                            if data.number == 2 { content = data.bytes }
                        }
                    }
                default: break
                }
            }
            guard whole, let tagBytes else { continue }
            let tag = tagName(tagBytes)
            if let plugin, !plugin.isEmpty {
                let name = String(decoding: plugin, as: UTF8.self)
                if name == "hparams" {
                    readHParams(content.map { Data($0) } ?? Data())
                    continue
                }
                // A tag's plugin is named with its first value only.
                if name != "scalars" { otherPluginTags.insert(tag) }
            }
            guard !otherPluginTags.contains(tag), let scalar = simple.map(Double.init) ?? tensor.flatMap(TFEventsParser.scalar) else {
                continue
            }
            table.append(tag, step: Double(step), value: scalar, wallTime: wallTime)
        }
    }

    /// The tag as a string, from the few a run writes over and over (no new string each time):
    /// tags come in the same order event after event, so the one after the last match is tried
    /// first, by length and then `memcmp`.
    private mutating func tagName(_ bytes: UnsafeRawBufferPointer) -> String {
        func matches(_ index: Int) -> Bool {
            let known = recentTags[index].bytes
            guard known.count == bytes.count else { return false }
            guard let base = bytes.baseAddress, !bytes.isEmpty else { return true }
            return known.withUnsafeBytes { $0.baseAddress.map { memcmp($0, base, bytes.count) == 0 } ?? false }
        }
        if !recentTags.isEmpty {
            for offset in 0..<recentTags.count {
                let index = (lastTag + 1 + offset) % recentTags.count
                if matches(index) {
                    lastTag = index
                    return recentTags[index].name
                }
            }
        }
        let name = String(decoding: bytes, as: UTF8.self)
        if recentTags.count >= 64 { recentTags.removeFirst() }
        recentTags.append((Array(bytes), name))
        lastTag = recentTags.count - 1
        return name
    }

    /// A rank-0 tensor's value (TF2 writes scalars so): `dtype` (1: 1 float, 2 double, 19 half,
    /// 14 bfloat16), `tensor_shape` (2, no dims), and the value in `float_val` (5),
    /// `double_val` (6), `half_val` (13), packed or not, or in raw `tensor_content` (4).
    static func scalar(_ tensor: UnsafeRawBufferPointer) -> Double? {
        var dtype: UInt64 = 0
        var rank = 0
        var content: UnsafeRawBufferPointer?
        var firstFloat: UInt32?
        var firstDouble: UInt64?
        var firstHalf: UInt64?
        let whole = ProtoWire.fields(tensor) { field in
            switch field.number {
            case 1: dtype = field.varint
            case 2: _ = ProtoWire.fields(field.bytes) { if $0.number == 2 { rank += 1 } }
            case 4: content = field.bytes
            // Repeated values come packed (length-delimited) or one by one: the first is kept.
            case 5: if firstFloat == nil, field.bytes.count >= 4 { firstFloat = field.bytes.loadUnaligned(as: UInt32.self).littleEndian }
            case 6: if firstDouble == nil, field.bytes.count >= 8 { firstDouble = field.bytes.loadUnaligned(as: UInt64.self).littleEndian }
            case 13:
                guard firstHalf == nil else { return }
                var at = 0
                firstHalf = field.bytes.isEmpty ? field.varint : ProtoWire.varint(field.bytes, &at)
            default: break
            }
        }
        guard whole, rank == 0 else { return nil }  // rank 0 only
        func half(_ bits: UInt16) -> Double { halfToDouble(bits) }
        func bfloat(_ bits: UInt16) -> Double { Double(Float(bitPattern: UInt32(bits) << 16)) }
        func raw<T: FixedWidthInteger>(_ type: T.Type) -> T? {
            guard let content, content.count >= MemoryLayout<T>.size else { return nil }
            return content.loadUnaligned(as: T.self).littleEndian
        }
        switch dtype {
        case 1: return (firstFloat ?? raw(UInt32.self)).map { Double(Float(bitPattern: $0)) }
        case 2: return (firstDouble ?? raw(UInt64.self)).map { Double(bitPattern: $0) }
        case 19: return firstHalf.map { half(UInt16(truncatingIfNeeded: $0)) } ?? raw(UInt16.self).map(half)
        case 14: return firstHalf.map { bfloat(UInt16(truncatingIfNeeded: $0)) } ?? raw(UInt16.self).map(bfloat)
        default: return nil
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
