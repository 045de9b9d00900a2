/// Protocol-buffer wire reading for the messages read millions of times: TensorBoard's events
/// and W&B's history rows and summary updates. swift-protobuf builds every message and string of
/// them; this walks the bytes and keeps what the readers use. Rare messages (W&B's run, config
/// and exit records, the hparams plugin's data) still go through swift-protobuf.
enum ProtoWire {
    /// One field of a message: its number, and its varint value or its bytes.
    struct Field {
        var number: Int
        var varint: UInt64 = 0
        var bytes = UnsafeRawBufferPointer(start: nil, count: 0)
    }

    /// Calls `body` with each field of the message `message`; false when the bytes are not one.
    static func fields(_ message: UnsafeRawBufferPointer, _ body: (Field) -> Void) -> Bool {
        var at = 0
        while at < message.count {
            guard let tag = varint(message, &at) else { return false }
            var field = Field(number: Int(tag >> 3))
            switch tag & 7 {
            case 0:
                guard let value = varint(message, &at) else { return false }
                field.varint = value
            case 1, 5:
                let width = tag & 7 == 1 ? 8 : 4
                guard at + width <= message.count else { return false }
                field.bytes = UnsafeRawBufferPointer(rebasing: message[at..<(at + width)])
                at += width
            case 2:
                guard let length = varint(message, &at), length <= UInt64(message.count - at) else { return false }
                field.bytes = UnsafeRawBufferPointer(rebasing: message[at..<(at + Int(length))])
                at += Int(length)
            default: return false
            }
            body(field)
        }
        return true
    }

    static func varint(_ bytes: UnsafeRawBufferPointer, _ at: inout Int) -> UInt64? {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while at < bytes.count, shift < 64 {
            let byte = bytes[at]
            at += 1
            value |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 { return value }
            shift += 7
        }
        return nil
    }
}

/// W&B's history and summary items, read off the wire.
enum WandbWire {
    /// A history or summary item: its key path (`nested_key`, else `key`), its JSON value, and
    /// the typed number older writers used instead.
    struct Item {
        var path: [String] = []
        var key = ""
        var json: UnsafeRawBufferPointer?
        var number: Double?

        var keyPath: [String] { path.isEmpty ? [key] : path }
    }

    /// The items of a HistoryRecord (`item` = 1, `step` = 2) or a SummaryRecord (`update` = 1);
    /// nil when the bytes are not such a message.
    static func items(_ message: UnsafeRawBufferPointer, withStep: Bool) -> (items: [Item], step: Int64?)? {
        var items: [Item] = []
        var step: Int64?
        let good = ProtoWire.fields(message) { field in
            if field.number == 1 {
                var item = Item()
                let whole = ProtoWire.fields(field.bytes) { part in
                    switch part.number {
                    case 1: item.key = String(decoding: part.bytes, as: UTF8.self)
                    case 2: item.path.append(String(decoding: part.bytes, as: UTF8.self))
                    case 5: item.number = Double(Int64(bitPattern: (part.varint >> 1) ^ (0 &- (part.varint & 1))))  // zigzag
                    case 6:
                        if part.bytes.count == 8 {
                            item.number = Double(bitPattern: part.bytes.loadUnaligned(as: UInt64.self).littleEndian)
                        }
                    case 16: item.json = part.bytes
                    default: break
                    }
                }
                if whole { items.append(item) }
            } else if field.number == 2, withStep {
                _ = ProtoWire.fields(field.bytes) { part in if part.number == 1 { step = Int64(bitPattern: part.varint) } }
            }
        }
        return good ? (items, step) : nil
    }
}
