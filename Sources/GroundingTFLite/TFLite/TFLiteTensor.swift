/// One tensor of a TFLite model as the file declares it (the schema's `Tensor` table).
///
/// ```swift
/// let model = try TFLiteModel(contentsOf: path)
/// let input = model.tensors[model.inputs[0]]
/// print(input.name, input.type, input.shape)   // input FLOAT32 [1, 128, 128, 3]
/// ```
package struct TFLiteTensor: Sendable {
    /// The tensor's name in the model.
    package let name: String
    /// The element type.
    package let type: TFLiteTensorType
    /// The dimensions, outermost first (NHWC for images).
    package let shape: [Int]
    /// The number of elements (the product of ``shape``).
    package let elementCount: Int
    /// Index into the model's buffers; buffer 0 is the empty sentinel.
    package let buffer: Int
    /// How the stored values are compressed, for sparse constant tensors.
    package let sparsity: TFLiteSparsity?

    /// Reads a `Tensor` table (fields: 0 shape, 1 type, 2 buffer, 3 name, 6 sparsity).
    init(table: FlatTable) throws(TFLiteError) {
        let name = try table.string(3) ?? table.name
        let rawType = try table.scalar(1, default: Int8(0))
        guard let type = TFLiteTensorType(rawValue: rawType) else {
            throw table.file.malformed(table.name, table.position, "tensor \"\(name)\" has unknown type code \(rawType)")
        }
        let shape = try table.integers(0, as: Int32.self, name: table.name + " shape").map(Int.init)
        guard let count = TFLiteLimits.elementCount(shape) else {
            throw TFLiteError.sizeLimitExceeded(path: table.file.path,
                                                detail: "tensor \"\(name)\" of shape \(shape) (negative, or more than \(TFLiteLimits.maxTensorElements) values or \(TFLiteLimits.maxRank) dimensions)")
        }
        self.name = name
        self.type = type
        self.shape = shape
        self.elementCount = count
        self.buffer = Int(try table.scalar(2, default: UInt32(0)))
        self.sparsity = try table.table(6, name: table.name + " sparsity").map { table throws(TFLiteError) in try TFLiteSparsity(table: table) }
    }
}
