/// A small FlatBuffers writer for tests: builds TFLite models by hand (one operator, a few
/// tensors), so that the loader's errors can be tested on exactly the defect wanted.
///
/// Objects are written front to back; a table's offset fields are patched once its children
/// (written after it, as offsets must point forward) have a position.
struct FlatBufferWriter {
    /// A field value, or an object a field points to.
    indirect enum Value {
        case int8(Int8), uint8(UInt8), int32(Int32), uint32(UInt32)
        case table([Int: Value])
        case int32s([Int32])
        case tables([[Int: Value]])
        case string(String)
    }

    private(set) var bytes: [UInt8] = []

    /// A whole file: the root offset, the 4-byte identifier, then `root`.
    static func file(identifier: String = "TFL3", root: [Int: Value]) -> [UInt8] {
        var writer = FlatBufferWriter()
        writer.bytes = [0, 0, 0, 0] + Array(identifier.utf8)
        let position = writer.write(table: root)
        writer.patch(at: 0, to: position)
        return writer.bytes
    }

    private mutating func pad(to alignment: Int) {
        while bytes.count % alignment != 0 { bytes.append(0) }
    }

    private mutating func append<T: FixedWidthInteger>(_ value: T) {
        withUnsafeBytes(of: value.littleEndian) { bytes += $0 }
    }

    /// Sets the uoffset at `position` to point at `target`.
    private mutating func patch(at position: Int, to target: Int) {
        withUnsafeBytes(of: UInt32(target - position).littleEndian) { raw in
            for (i, byte) in raw.enumerated() { bytes[position + i] = byte }
        }
    }

    /// Writes a table (vtable first, then the table) and its children; returns its position.
    private mutating func write(table fields: [Int: Value]) -> Int {
        let fieldCount = (fields.keys.max() ?? -1) + 1
        // Inline layout: the soffset, then every field in a 4-byte slot.
        pad(to: 4)
        let vtable = bytes.count
        append(UInt16(4 + 2 * fieldCount))
        append(UInt16(4 + 4 * fieldCount))
        for field in 0..<fieldCount { append(UInt16(fields[field] == nil ? 0 : 4 + 4 * field)) }
        pad(to: 4)
        let table = bytes.count
        append(Int32(table - vtable))
        var pending: [(Int, Value)] = []
        for field in 0..<fieldCount {
            let slot = bytes.count
            switch fields[field] {
            case .int8(let v)?: append(v); append(UInt8(0)); append(UInt16(0))
            case .uint8(let v)?: append(v); append(UInt8(0)); append(UInt16(0))
            case .int32(let v)?: append(v)
            case .uint32(let v)?: append(v)
            case let child?: append(UInt32(0)); pending.append((slot, child))
            case nil: append(UInt32(0))
            }
        }
        for (slot, child) in pending { patch(at: slot, to: write(object: child)) }
        return table
    }

    /// Writes a table, vector or string a field points to; returns where its offset must point.
    private mutating func write(object: Value) -> Int {
        switch object {
        case .table(let fields):
            return write(table: fields)
        case .int32s(let values):
            pad(to: 4)
            let position = bytes.count
            append(UInt32(values.count))
            for value in values { append(value) }
            return position
        case .string(let text):
            pad(to: 4)
            let position = bytes.count
            append(UInt32(text.utf8.count))
            bytes += Array(text.utf8) + [0]
            return position
        case .tables(let tables):
            pad(to: 4)
            let position = bytes.count
            append(UInt32(tables.count))
            let slots = bytes.count
            for _ in tables { append(UInt32(0)) }
            for (index, table) in tables.enumerated() { patch(at: slots + 4 * index, to: write(table: table)) }
            return position
        default:
            preconditionFailure("scalars are written inline")
        }
    }

    /// A one-operator TFLite model: float32 tensors of `inputShape` (tensor 0, the input) and
    /// `outputShape` (tensor 1, the output), operator code `builtin` (custom name when 32).
    static func singleOperatorModel(builtin: Int32, custom: String? = nil, inputShape: [Int32] = [1, 4, 4, 2],
                                    outputShape: [Int32] = [1, 4, 4, 2]) -> [UInt8] {
        var code: [Int: Value] = [0: .int8(Int8(clamping: builtin)), 3: .int32(builtin)]
        if let custom { code[1] = .string(custom) }
        let tensors: [[Int: Value]] = [
            [0: .int32s(inputShape), 1: .int8(0), 2: .uint32(0), 3: .string("input")],
            [0: .int32s(outputShape), 1: .int8(0), 2: .uint32(0), 3: .string("output")],
        ]
        let subgraph: [Int: Value] = [0: .tables(tensors), 1: .int32s([0]), 2: .int32s([1]),
                                      3: .tables([[0: .uint32(0), 1: .int32s([0]), 2: .int32s([1])]])]
        return file(root: [0: .uint32(3), 1: .tables([code]), 2: .tables([subgraph]), 4: .tables([[:]])])
    }
}
