/// Writes Protocol Buffers' wire format, to build small ONNX models in tests (the runtime only
/// reads it).
struct ProtobufWriter {
    private(set) var bytes: [UInt8] = []

    mutating func varint(_ value: UInt64) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(value & 0x7f) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    mutating func key(_ field: Int, _ wireType: UInt64) { varint(UInt64(field) << 3 | wireType) }

    mutating func int(_ field: Int, _ value: Int) {
        key(field, 0)
        varint(UInt64(bitPattern: Int64(value)))
    }

    mutating func float(_ field: Int, _ value: Float) {
        key(field, 5)
        withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes += $0 }
    }

    mutating func data(_ field: Int, _ value: [UInt8]) {
        key(field, 2)
        varint(UInt64(value.count))
        bytes += value
    }

    mutating func string(_ field: Int, _ value: String) { data(field, Array(value.utf8)) }

    mutating func message(_ field: Int, _ build: (inout ProtobufWriter) -> Void) {
        var nested = ProtobufWriter()
        build(&nested)
        data(field, nested.bytes)
    }

    mutating func packedInts(_ field: Int, _ values: [Int]) {
        var packed = ProtobufWriter()
        for value in values { packed.varint(UInt64(bitPattern: Int64(value))) }
        data(field, packed.bytes)
    }
}

/// A small ONNX model built node by node (opset 17, float tensors).
struct ONNXModelBuilder {
    private var graph = ProtobufWriter()
    var metadata: [String: String] = [:]

    /// A float initializer (TensorProto: dims 1, data_type 2, name 8, raw_data 9).
    mutating func constant(_ name: String, shape: [Int], _ values: [Float]) {
        graph.message(5) { t in
            t.packedInts(1, shape)
            t.int(2, 1)
            t.string(8, name)
            t.data(9, values.flatMap { v in withUnsafeBytes(of: v.bitPattern.littleEndian, Array.init) })
        }
    }

    /// An int64 initializer.
    mutating func integers(_ name: String, _ values: [Int]) {
        graph.message(5) { t in
            t.packedInts(1, [values.count])
            t.int(2, 7)
            t.string(8, name)
            t.packedInts(7, values)
        }
    }

    /// A node; `ints` and `strings` are its attributes.
    mutating func node(_ op: String, _ inputs: [String], _ outputs: [String], ints: [String: [Int]] = [:], int: [String: Int] = [:],
                       strings: [String: String] = [:]) {
        graph.message(1) { n in
            for input in inputs { n.string(1, input) }
            for output in outputs { n.string(2, output) }
            n.string(3, outputs[0] + "_node")
            n.string(4, op)
            for (name, values) in ints.sorted(by: { $0.key < $1.key }) {
                n.message(5) { a in a.string(1, name); a.packedInts(8, values); a.int(20, 7) }
            }
            for (name, value) in int.sorted(by: { $0.key < $1.key }) {
                n.message(5) { a in a.string(1, name); a.int(3, value); a.int(20, 2) }
            }
            for (name, value) in strings.sorted(by: { $0.key < $1.key }) {
                n.message(5) { a in a.string(1, name); a.string(4, value); a.int(20, 3) }
            }
        }
    }

    /// A graph input or output (ValueInfoProto with a float tensor type of `shape`; -1: symbolic).
    mutating func value(_ field: Int, _ name: String, shape: [Int]) {
        graph.message(field) { v in
            v.string(1, name)
            v.message(2) { type in
                type.message(1) { tensor in
                    tensor.int(1, 1)
                    tensor.message(2) { s in
                        for d in shape { s.message(1) { dim in if d >= 0 { dim.int(1, d) } else { dim.string(2, "n") } } }
                    }
                }
            }
        }
    }

    /// The model's bytes.
    func model() -> [UInt8] {
        var model = ProtobufWriter()
        model.int(1, 8)
        model.message(8) { o in o.string(1, ""); o.int(2, 17) }
        model.data(7, graph.bytes)
        for (key, value) in metadata.sorted(by: { $0.key < $1.key }) {
            model.message(14) { e in e.string(1, key); e.string(2, value) }
        }
        return model.bytes
    }
}
