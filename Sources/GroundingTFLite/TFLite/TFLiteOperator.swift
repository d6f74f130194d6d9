/// One operator of a TFLite model as the file declares it (the schema's `Operator` table):
/// which operator, its input and output tensors, and its options table.
///
/// ```swift
/// let model = try TFLiteModel(contentsOf: path)
/// for op in model.operators { print(op.index, op.code, op.inputs, "→", op.outputs) }
/// ```
package struct TFLiteOperator: Sendable {
    /// Position in the subgraph's execution order.
    package let index: Int
    /// Which operator runs.
    package let code: TFLiteOperatorCode
    /// Input tensor indices; -1 marks an omitted optional input (e.g. a convolution's bias).
    package let inputs: [Int]
    /// Output tensor indices.
    package let outputs: [Int]
    /// The schema's `BuiltinOptions` union type (1 `Conv2DOptions`, 2 `DepthwiseConv2DOptions`, …).
    package let optionsType: UInt8
    /// The options table, when the operator has one.
    let options: FlatTable?

    /// Reads an `Operator` table (fields: 0 opcode_index, 1 inputs, 2 outputs,
    /// 3 builtin_options_type, 4 builtin_options).
    init(table: FlatTable, index: Int, codes: [TFLiteOperatorCode], tensorCount: Int) throws(TFLiteError) {
        let codeIndex = Int(try table.scalar(0, default: UInt32(0)))
        guard codeIndex < codes.count else {
            throw table.file.malformed(table.name, table.position, "operator code \(codeIndex) does not exist (the model lists \(codes.count))")
        }
        let inputs = try table.integers(1, as: Int32.self, name: table.name + " inputs").map(Int.init)
        let outputs = try table.integers(2, as: Int32.self, name: table.name + " outputs").map(Int.init)
        for tensor in inputs + outputs where tensor < -1 || tensor >= tensorCount {
            throw table.file.malformed(table.name, table.position, "tensor index \(tensor) is out of range (the subgraph has \(tensorCount))")
        }
        self.index = index
        self.code = codes[codeIndex]
        self.inputs = inputs
        self.outputs = outputs
        self.optionsType = try table.scalar(3, default: UInt8(0))
        self.options = try table.table(4, name: table.name + " options")
    }
}
