import GroundingCore

/// A parsed `.tflite` file: the first subgraph's tensors, operators, inputs and outputs, and
/// the constant data, read with every offset bounds-checked (see ``FlatBuffer``).
///
/// Parsing reads the schema's `Model` table (fields: 0 version, 1 operator_codes, 2 subgraphs,
/// 4 buffers), `OperatorCode` (0 deprecated_builtin_code, 1 custom_code, 3 builtin_code),
/// `SubGraph` (0 tensors, 1 inputs, 2 outputs, 3 operators) and `Buffer` (0 data, 1 offset,
/// 2 size). Nothing is interpreted yet: ``TFLiteInterpreter`` plans and runs the graph.
///
/// ```swift
/// let model = try TFLiteModel(contentsOf: "face_detection_short_range.tflite")
/// print(model.operators.count, model.tensors[model.inputs[0]].shape)   // 164 [1, 128, 128, 3]
/// ```
package struct TFLiteModel: Sendable {
    /// The file's path, for errors.
    package let path: String
    /// The schema version the file was written with (3 for current files).
    package let version: UInt32
    /// The tensors of the first subgraph.
    package let tensors: [TFLiteTensor]
    /// The operators of the first subgraph, in execution order.
    package let operators: [TFLiteOperator]
    /// The subgraph's input tensor indices.
    package let inputs: [Int]
    /// The subgraph's output tensor indices.
    package let outputs: [Int]
    /// The file, which the constant data lives in.
    private let file: FlatBuffer
    /// Per buffer, the bytes of the file it spans (empty for buffers without data).
    private let buffers: [Range<Int>]

    /// Reads and parses the model at `path`.
    package init(contentsOf path: String) throws(TFLiteError) {
        let bytes: [UInt8]
        do {
            bytes = try ModelFile.read(path, limit: TFLiteLimits.maxFileBytes)
        } catch {
            throw .unreadableFile(path: path, reason: error.reason)
        }
        try self.init(bytes: bytes, path: path)
    }

    /// Parses a model held in memory; `path` names it in errors.
    package init(bytes: [UInt8], path: String) throws(TFLiteError) {
        let file = FlatBuffer(bytes: bytes, path: path)
        let model = try file.root(identifier: "TFL3", name: "Model")
        let codes = try model.tables(1, name: "OperatorCode").map { code throws(TFLiteError) in
            let deprecated = Int32(try code.scalar(0, default: Int8(0)))
            let builtin = try code.scalar(3, default: Int32(0))
            // Files written before code 127 existed only fill the deprecated byte field.
            let value = max(deprecated, builtin)
            return TFLiteOperatorCode(builtin: value, custom: value == 32 ? try code.string(1) ?? "" : nil)
        }
        guard let subgraph = try model.vector(2, elementSize: 4, name: "SubGraph")?.table(0) else {
            throw .invalidGraph(path: path, detail: "the model has no subgraph")
        }
        let tensors = try subgraph.tables(0, name: "Tensor").map { table throws(TFLiteError) in try TFLiteTensor(table: table) }
        var operators: [TFLiteOperator] = []
        for (index, table) in try subgraph.tables(3, name: "Operator").enumerated() {
            operators.append(try TFLiteOperator(table: table, index: index, codes: codes, tensorCount: tensors.count))
        }
        let inputs = try subgraph.integers(1, as: Int32.self, name: "SubGraph inputs").map(Int.init)
        let outputs = try subgraph.integers(2, as: Int32.self, name: "SubGraph outputs").map(Int.init)
        for tensor in inputs + outputs where tensor < 0 || tensor >= tensors.count {
            throw .invalidGraph(path: path, detail: "the subgraph's input or output tensor \(tensor) does not exist (it has \(tensors.count))")
        }
        var buffers: [Range<Int>] = []
        for buffer in try model.tables(4, name: "Buffer") {
            let offset = try buffer.scalar(1, default: UInt64(0))
            if offset > 1 {
                // Data stored after the flatbuffer (models over 2 GB): offset from the file's start.
                let size = try buffer.scalar(2, default: UInt64(0))
                guard offset <= UInt64(bytes.count), size <= UInt64(bytes.count) - offset else {
                    throw file.malformed(buffer.name, buffer.position, "its data (\(size) bytes at \(offset)) lies outside the file")
                }
                buffers.append(Int(offset)..<Int(offset + size))
            } else {
                buffers.append(try buffer.vector(0, elementSize: 1, name: buffer.name + " data")?.byteRange ?? 0..<0)
            }
        }
        for (index, tensor) in tensors.enumerated() where tensor.buffer >= buffers.count {
            throw .invalidGraph(path: path, detail: "tensor \(index) \"\(tensor.name)\" refers to buffer \(tensor.buffer), but there are \(buffers.count)")
        }
        self.path = path
        self.version = try model.scalar(0, default: UInt32(0))
        self.tensors = tensors
        self.operators = operators
        self.inputs = inputs
        self.outputs = outputs
        self.file = file
        self.buffers = buffers
    }

    /// Whether tensor `index` holds constant data in the file.
    package func isConstant(_ index: Int) -> Bool {
        !buffers[tensors[index].buffer].isEmpty
    }

    /// The bytes of constant data tensor `index` has in the file.
    package func byteCount(of index: Int) -> Int {
        buffers[tensors[index].buffer].count
    }

    /// The constant data of tensor `index` as `count` little-endian values of `T`; throws when the
    /// buffer holds a different number of bytes.
    package func constant<T: FixedWidthInteger>(_ index: Int, as _: T.Type, count: Int) throws(TFLiteError) -> [T] {
        let tensor = tensors[index]
        let range = buffers[tensor.buffer]
        guard range.count == count * MemoryLayout<T>.size else {
            throw .invalidGraph(path: path, detail: "tensor \(index) \"\(tensor.name)\" needs \(count * MemoryLayout<T>.size) bytes of data, its buffer holds \(range.count)")
        }
        return file.bytes.withUnsafeBytes { raw in
            (0..<count).map { T(littleEndian: raw.loadUnaligned(fromByteOffset: range.lowerBound + $0 * MemoryLayout<T>.size, as: T.self)) }
        }
    }
}
