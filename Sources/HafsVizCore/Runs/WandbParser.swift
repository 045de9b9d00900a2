import Foundation
import SwiftProtobuf

/// Reads a W&B run log (`run-<id>.wandb`, written offline or beside a synced run) as it grows.
///
/// Framing (LevelDB's log format, as W&B writes it): a 7-byte file header (`:W&B`, `u16` 0xBEE1,
/// version `u8` 0), then 32 KiB blocks of records. A record is `u32 CRC-32 · u16 length · u8
/// type · data`, little-endian; the CRC (zlib's, unmasked) covers the type byte and the data.
/// Types: 1 full, 2 first, 3 middle, 4 last (a message split across blocks). A block's last
/// 1–6 bytes, too few for a header, are zero padding.
///
/// Each whole message is a W&B `Record` (`wandb.proto`): history rows become points (nested
/// keys joined with `.`; the step is the row's `step`, else `_step`; `_timestamp` is the wall
/// time; other `_` keys are W&B's own); the run record gives the name and config, config and
/// summary records update them, the exit record the outcome. Images, histograms and other media
/// (a key with a `_type` under it) are not scalars: skipped and counted, as are records of types
/// this reader does not know. A record failing its CRC makes the rest of its block unreadable:
/// skipped and said. A partial last record waits for the rest.
struct WandbParser: Sendable {
    let path: String
    private(set) var skipped = SkippedRecords()
    /// The header was read and is W&B's.
    private var headerRead = false
    /// What the log says of the run besides its points.
    private(set) var runName: String?
    private(set) var config = RunParams()
    /// The summary's newest value of each key, as JSON text (W&B rewrites it with every row:
    /// turned into params only when asked, `summary`).
    private var summaryJSON: [String: String] = [:]
    private var summaryKeys: [String] = []
    private(set) var exitCode: Int32?
    private(set) var maxStep: Double?
    /// Media values (images, histograms, tables…) skipped, and records of unknown types.
    private(set) var mediaSkipped = 0
    private(set) var unknownRecords = 0
    private var rows = 0

    static let blockBytes = 32768
    static let headerBytes = 7
    static let magic: [UInt8] = [0x3A, 0x57, 0x26, 0x42, 0xE1, 0xBE, 0x00]  // ":W&B", 0xBEE1, 0
    /// A message larger than this is taken for corruption.
    static let maxRecordBytes = 64 << 20

    init(path: String) {
        self.path = path
    }

    mutating func reset() {
        self = WandbParser(path: path)
    }

    /// Parses the whole messages at the front of `bytes` (file offset `offset`); returns how
    /// many bytes they span.
    mutating func parse(_ bytes: UnsafeRawBufferPointer, offset: Int, into table: inout ScalarTable) throws(RunLogError) -> Int {
        var at = 0
        if !headerRead {
            guard bytes.count >= WandbParser.headerBytes else { return 0 }
            guard bytes.prefix(WandbParser.headerBytes).elementsEqual(WandbParser.magic) else {
                throw RunLogError(
                    file: path, message: "not a W&B run log (its first bytes are not :W&B, 0xBEE1, version 0)", location: "byte 0")
            }
            headerRead = true
            at = WandbParser.headerBytes
        }
        // Whole messages only: a message's fragments are consumed together.
        var message: [UInt8] = []
        var messageStart = at
        while true {
            let blockLeft = WandbParser.blockBytes - (offset + at) % WandbParser.blockBytes
            if blockLeft < 7 {
                guard bytes.count - at >= blockLeft else { break }
                at += blockLeft  // the block's zero padding
                if message.isEmpty { messageStart = at }
                continue
            }
            guard bytes.count - at >= 7 else { break }
            let crc = bytes.loadUnaligned(fromByteOffset: at, as: UInt32.self).littleEndian
            let length = Int(bytes.loadUnaligned(fromByteOffset: at + 4, as: UInt16.self).littleEndian)
            let type = bytes[at + 6]
            if type == 0, length == 0, crc == 0 {
                // Zeros to the block's end: a writer that preallocated, or stopped here.
                guard bytes.count - at >= blockLeft else { break }
                at += blockLeft
                if message.isEmpty { messageStart = at }
                continue
            }
            guard 7 + length <= blockLeft else {
                skipBlock(&at, offset: offset, bytes: bytes, why: "record runs past its 32 KiB block")
                message = []
                messageStart = at
                continue
            }
            guard bytes.count - at >= 7 + length else { break }  // torn: wait for the rest
            let data = UnsafeRawBufferPointer(rebasing: bytes[(at + 7)..<(at + 7 + length)])
            let typeByte = [type]
            let expected = typeByte.withUnsafeBytes { CRC32.checksum(data, continuing: CRC32.checksum($0)) }
            guard expected == crc else {
                skipBlock(&at, offset: offset, bytes: bytes, why: "record fails its checksum")
                message = []
                messageStart = at
                continue
            }
            at += 7 + length
            switch type {
            case 1:
                read(data, at: offset + messageStart, into: &table)
                message = []
                messageStart = at
            case 2:
                message = Array(data)
            case 3:
                message += data
            case 4:
                message += data
                if message.count <= WandbParser.maxRecordBytes {
                    message.withUnsafeBytes { read($0, at: offset + messageStart, into: &table) }
                }
                message = []
                messageStart = at
            default:
                skipped.note(RunLogError(file: path, message: "record of unknown kind \(type) skipped", location: "byte \(offset + at)"))
                message = []
                messageStart = at
            }
        }
        // A message begun but not ended is read again, whole, next time.
        return message.isEmpty ? at : messageStart
    }

    /// Skips to the end of the block holding `at` (a bad record leaves nothing there to trust).
    private mutating func skipBlock(_ at: inout Int, offset: Int, bytes: UnsafeRawBufferPointer, why: String) {
        skipped.note(RunLogError(file: path, message: "\(why); the rest of its 32 KiB block was skipped", location: "byte \(offset + at)"))
        let blockLeft = WandbParser.blockBytes - (offset + at) % WandbParser.blockBytes
        at += min(blockLeft, bytes.count - at)
    }

    private mutating func read(_ data: UnsafeRawBufferPointer, at location: Int, into table: inout ScalarTable) {
        // History rows and summary updates (nearly every record) are read off the wire; the
        // rare run, config and exit records through swift-protobuf.
        var history: UnsafeRawBufferPointer?
        var summary: UnsafeRawBufferPointer?
        var rare = false
        var unknown = false
        let framed = ProtoWire.fields(data) { field in
            switch field.number {
            case 1: break
            case 2: history = field.bytes
            case 3: summary = field.bytes
            case 5, 17, 18: rare = true
            default: if !WandbParser.leftOutKinds.contains(field.number) { unknown = true }
            }
        }
        let notRecord = RunLogError(file: path, message: "record is not a W&B Record and was skipped", location: "byte \(location)")
        guard framed else { return skipped.note(notRecord) }
        if rare {
            readRare(data, notRecord: notRecord)
        } else if let history {
            guard let row = WandbWire.items(history, withStep: true) else { return skipped.note(notRecord) }
            readHistory(row.items, step: row.step, into: &table)
        } else if let summary {
            guard let update = WandbWire.items(summary, withStep: false) else { return skipped.note(notRecord) }
            for item in update.items {
                noteSummary(key: item.keyPath.joined(separator: "\u{0}"), json: item.json.map { String(decoding: $0, as: UTF8.self) } ?? "")
            }
        } else if unknown {
            // A kind this reader does not know: a newer W&B's.
            unknownRecords += 1
        }
    }

    /// The run, config and exit records.
    private mutating func readRare(_ data: UnsafeRawBufferPointer, notRecord: RunLogError) {
        guard let record = try? Hafs_Wandb_Record(serializedBytes: [UInt8](data)) else { return skipped.note(notRecord) }
        switch record.recordType {
        case .run(let run):
            if !run.displayName.isEmpty { runName = run.displayName }
            WandbParser.apply(run.config.update, to: &config, dropping: "_wandb")
            for item in run.summary.update {
                noteSummary(key: (item.nestedKey.isEmpty ? [item.key] : item.nestedKey).joined(separator: "\u{0}"), json: item.valueJson)
            }
        case .config(let update): WandbParser.apply(update.update, to: &config, dropping: "_wandb")
        case .exit(let exit): exitCode = exit.exitCode
        default: break
        }
    }

    private mutating func noteSummary(key: String, json: String) {
        if summaryJSON.updateValue(json, forKey: key) == nil { summaryKeys.append(key) }
    }

    /// The summary as params: nested keys joined with `.`, W&B's `_` keys and media left out.
    var summary: RunParams {
        var items: [Hafs_Wandb_KeyValue] = []
        for key in summaryKeys {
            guard let json = summaryJSON[key] else { continue }
            var item = Hafs_Wandb_KeyValue()
            item.nestedKey = key.split(separator: "\u{0}", omittingEmptySubsequences: false).map(String.init)
            item.valueJson = json
            items.append(item)
        }
        var params = RunParams()
        WandbParser.apply(items, to: &params, dropping: "_")
        return params
    }

    /// W&B's record kinds that are not scalars or run facts (wandb_internal.proto's numbers).
    static let leftOutKinds: Set<Int> = [4, 6, 7, 8, 9, 10, 11, 12, 13, 16, 19, 20, 21, 22, 23, 24, 25, 26, 27, 100, 200]

    private mutating func readHistory(_ items: [WandbWire.Item], step rowStep: Int64?, into table: inout ScalarTable) {
        rows += 1
        let keys = items.map(\.keyPath)
        // Media: every key under a path that has a `_type` (images, histograms, tables…).
        let media = Set(keys.filter { $0.count > 1 && $0.last == "_type" }.map { Array($0.dropLast()) })
        mediaSkipped += media.count
        var step: Double?
        var wallTime = Double.nan
        var points: [(String, Double)] = []
        for (item, key) in zip(items, keys) {
            if !media.isEmpty, media.contains(where: { key.starts(with: $0) }) { continue }
            let name = key.count == 1 ? key[0] : key.joined(separator: ".")
            guard let value = item.json.flatMap(WandbParser.number(json:)) ?? item.number else { continue }
            switch name {
            case "_step": step = value
            case "_timestamp": wallTime = value
            default: if !name.hasPrefix("_") { points.append((name, value)) }
            }
        }
        if let rowStep { step = Double(rowStep) }
        let x = step ?? Double(rows - 1)
        maxStep = max(maxStep ?? x, x)
        for (name, value) in points { table.append(name, step: x, value: value, wallTime: wallTime) }
    }

    /// A JSON value's bytes as a number: JSON numbers, W&B's bare `NaN` and `Infinity`, and
    /// flags; nil for text, lists and objects. Parsed in place (no string for each value).
    static func number(json bytes: UnsafeRawBufferPointer) -> Double? {
        guard let first = bytes.first else { return nil }
        if first == UInt8(ascii: "-") || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first), bytes.count < 64 {
            if bytes.count > 1, bytes[1] == UInt8(ascii: "I") { return -.infinity }
            return withUnsafeTemporaryAllocation(of: CChar.self, capacity: bytes.count + 1) { buffer -> Double? in
                for index in bytes.indices { buffer[index] = CChar(bitPattern: bytes[index]) }
                buffer[bytes.count] = 0
                guard let base = buffer.baseAddress else { return nil }
                var end: UnsafeMutablePointer<CChar>?
                let value = strtod(base, &end)
                return end == base + bytes.count ? value : nil
            }
        }
        return number(json: String(decoding: bytes, as: UTF8.self))
    }

    static func number(json text: String) -> Double? {
        switch text {
        case "NaN", "\"NaN\"": return .nan
        case "Infinity", "\"Infinity\"": return .infinity
        case "-Infinity", "\"-Infinity\"": return -.infinity
        case "true": return 1
        case "false": return 0
        default:
            guard let first = text.utf8.first, first == UInt8(ascii: "-") || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first) else {
                return nil
            }
            return Double(text)
        }
    }

    /// Config or summary updates into `params`: nested objects flattened with `.`; keys that
    /// begin with `dropping` (W&B's own) left out.
    static func apply(_ items: [Hafs_Wandb_KeyValue], to params: inout RunParams, dropping prefix: String) {
        let keys = items.map { $0.nestedKey.isEmpty ? [$0.key] : $0.nestedKey }
        // Media (a path with a `_type` under it) are no figures, here as in history rows.
        let media = Set(keys.filter { $0.count > 1 && $0.last == "_type" }.map { Array($0.dropLast()) })
        for (item, path) in zip(items, keys) where !media.contains(where: { path.starts(with: $0) }) {
            let key = path.joined(separator: ".")
            guard !key.hasPrefix(prefix) else { continue }
            flatten(json: item.valueJson, key, into: &params)
        }
    }

    /// One JSON value into `params`: numbers, flags and text as themselves, objects key by key
    /// (`model.layers`), lists and nulls as their JSON text.
    static func flatten(json: String, _ key: String, into params: inout RunParams) {
        let bytes = Array(json.utf8)
        bytes.withUnsafeBufferPointer { buffer in
            var scanner = JSONScanner(buffer)
            do {
                scanner.skipWhitespace()
                try flattenValue(&scanner, key, json: buffer, into: &params)
            } catch {
                params.set(key, .text(json))
            }
        }
    }

    private static func flattenValue(
        _ scanner: inout JSONScanner, _ key: String, json: UnsafeBufferPointer<UInt8>, into params: inout RunParams
    ) throws {
        switch try scanner.peekKind() {
        case .object:
            // A media value written whole ({"_type": "image-file", …}) is no figure either.
            let start = scanner.position
            var isMedia = false
            try scanner.readObject { scanner, name in
                if name.decoded() == "_type" { isMedia = true }
                try scanner.skipValue()
            }
            guard !isMedia else { return }
            scanner = scanner.repositioned(to: start)
            try scanner.readObject { scanner, name in try flattenValue(&scanner, key + "." + name.decoded(), json: json, into: &params) }
        case .number: params.set(key, .number(try scanner.readDouble()))
        case .bool: params.set(key, .bool(try scanner.readBool()))
        case .string: params.set(key, .text(try scanner.readString()))
        case .array, .null:
            let start = scanner.position
            try scanner.skipValue()
            params.set(key, .text(String(decoding: UnsafeBufferPointer(rebasing: json[start..<scanner.position]), as: UTF8.self)))
        }
    }
}
