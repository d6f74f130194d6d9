import GroundingCompute

/// The state of loading a model's operators into kernels: which tensors are activations (and
/// their shapes) so far, and the constants, read from the file or folded.
///
/// Each kernel's initialiser reads its operator through a builder: it asks for its inputs (an
/// activation already written by an earlier operator, or a constant), checks them, and defines
/// its output with the shape it computes, which must equal the shape the file declares. So a
/// damaged or unexpected graph fails here, with an error naming the operator, and never at run
/// time.
struct TFLiteGraphBuilder {
    /// The parsed file.
    let model: TFLiteModel
    /// The logical shape of every activation defined so far (graph inputs and kernel outputs).
    private(set) var activations: [Int: [Int]] = [:]
    /// Constants computed at load (folded `DEQUANTIZE` and `DENSIFY` outputs).
    private var folded: [Int: TFLiteConstant] = [:]
    /// `PAD` outputs that are never computed: each is an activation with a zero border of the
    /// same width on every side, which its one reader, a convolution, adds itself
    /// (``paddedImage(_:_:)``).
    private var zeroBorders: [Int: (source: Int, border: Int)] = [:]
    /// The operators that read each tensor, in execution order.
    private let readers: [Int: [TFLiteOperator]]

    /// Starts with the graph's inputs, which must be float32 images `[1, H, W, C]`.
    init(model: TFLiteModel) throws(TFLiteError) {
        self.model = model
        readers = model.operators.reduce(into: [:]) { readers, op in
            for tensor in Set(op.inputs) where tensor >= 0 { readers[tensor, default: []].append(op) }
        }
        for index in model.inputs {
            let tensor = model.tensors[index]
            guard tensor.type == .float32, TFLitePlanarShape(tensor.shape) != nil else {
                throw .unsupportedTensor(path: model.path, tensor: tensor.name,
                                         detail: "a \(tensor.type) model input of shape \(tensor.shape) (not a float32 [1, H, W, C] image)")
            }
            activations[index] = tensor.shape
        }
    }

    /// `NAME (operator N)`, for errors.
    private func label(_ op: TFLiteOperator) -> String { "\(op.code) (operator \(op.index))" }

    /// An error for an option or input kind of `op` this runtime does not implement.
    func unsupported(_ op: TFLiteOperator, _ detail: String) -> TFLiteError {
        .unsupportedOption(path: model.path, name: op.code.description, index: op.index, detail: detail)
    }

    /// An error for inputs of `op` that do not fit together.
    func invalid(_ op: TFLiteOperator, _ detail: String) -> TFLiteError {
        .invalidGraph(path: model.path, detail: "\(label(op)): \(detail)")
    }

    /// The tensor at input `position` of `op`.
    func tensor(_ op: TFLiteOperator, _ position: Int) throws(TFLiteError) -> Int {
        guard position < op.inputs.count, op.inputs[position] >= 0 else {
            throw invalid(op, "has no input \(position) (it lists \(op.inputs.count))")
        }
        return op.inputs[position]
    }

    /// Input `position` of `op`, which must be an activation an earlier operator wrote.
    func activation(_ op: TFLiteOperator, _ position: Int) throws(TFLiteError) -> (tensor: Int, shape: [Int]) {
        let index = try tensor(op, position)
        guard let shape = activations[index] else {
            let name = model.tensors[index].name
            if folded[index] != nil || model.isConstant(index) {
                throw unsupported(op, "a constant input \(position) (\"\(name)\") where the runtime expects an activation")
            }
            throw invalid(op, "reads tensor \(index) \"\(name)\" before any operator writes it")
        }
        return (index, shape)
    }

    /// Input `position` of `op` as a planar image activation `[1, H, W, C]`.
    func image(_ op: TFLiteOperator, _ position: Int) throws(TFLiteError) -> (tensor: Int, shape: TFLitePlanarShape) {
        let (index, shape) = try activation(op, position)
        guard let planar = TFLitePlanarShape(shape) else {
            throw unsupported(op, "input \(position) of shape \(shape) (only [1, H, W, C] images)")
        }
        return (index, planar)
    }

    /// The one operator that reads the output of `op`, when nothing else does, it reads it only as
    /// its first input, and it is not a model output: an operator that may compute what `op`
    /// leaves to it (a folded `PAD`'s border, a folded rectifier). Nil otherwise.
    func soleReader(of op: TFLiteOperator) -> TFLiteOperator? {
        guard op.outputs.count == 1, !model.outputs.contains(op.outputs[0]),
              let readers = readers[op.outputs[0]], readers.count == 1, let reader = readers.first,
              reader.inputs.firstIndex(of: op.outputs[0]) == 0, reader.inputs.lastIndex(of: op.outputs[0]) == 0 else { return nil }
        return reader
    }

    /// Input `position` of `op` as a planar image, and the zero border to add around it: the
    /// border of a `PAD` left to `op` (``defineZeroBorder(_:source:border:)``), or 0.
    func paddedImage(_ op: TFLiteOperator, _ position: Int) throws(TFLiteError) -> (tensor: Int, shape: TFLitePlanarShape, border: Int) {
        if let view = zeroBorders[try tensor(op, position)], let shape = activations[view.source].flatMap(TFLitePlanarShape.init) {
            return (view.source, shape, view.border)
        }
        let (index, shape) = try image(op, position)
        return (index, shape, 0)
    }

    /// Defines the output of the `PAD` `op` as `source` with a zero border `border` wide, which
    /// the operator that reads it adds itself (it must read it with ``paddedImage(_:_:)``).
    mutating func defineZeroBorder(_ op: TFLiteOperator, source: Int, border: Int) throws(TFLiteError) {
        zeroBorders[try output(op)] = (source, border)
    }

    /// Input `position` of `op` as a constant (dense; float16 and sparse tensors only through
    /// a folded `DEQUANTIZE` / `DENSIFY`).
    func constant(_ op: TFLiteOperator, _ position: Int) throws(TFLiteError) -> TFLiteConstant {
        let index = try tensor(op, position)
        if let value = folded[index] { return value }
        let tensor = model.tensors[index]
        guard model.isConstant(index) else {
            throw unsupported(op, "a computed input \(position) (\"\(tensor.name)\") where the runtime expects a constant")
        }
        if tensor.sparsity != nil && op.code.supported != .densify {
            throw unsupported(op, "the sparse tensor \"\(tensor.name)\" without a DENSIFY")
        }
        let count = tensor.elementCount
        switch tensor.type {
        case .float32: return TFLiteConstant(shape: tensor.shape, values: .float32(try model.constant(index, as: UInt32.self, count: count).map(Float.init(bitPattern:))))
        case .float16: return TFLiteConstant(shape: tensor.shape, values: .float16(try model.constant(index, as: UInt16.self, count: count)))
        case .int32: return TFLiteConstant(shape: tensor.shape, values: .int32(try model.constant(index, as: Int32.self, count: count)))
        default: throw TFLiteError.unsupportedTensor(path: model.path, tensor: tensor.name, detail: "a \(tensor.type) constant")
        }
    }

    /// Input `position` of `op` as float32 constant values, checked to hold `count` of them.
    func floats(_ op: TFLiteOperator, _ position: Int, count: Int) throws(TFLiteError) -> [Float] {
        let value = try constant(op, position)
        guard case .float32(let floats) = value.values else {
            throw unsupported(op, "input \(position) (\"\(model.tensors[try tensor(op, position)].name)\") that is not float32")
        }
        guard floats.count == count else {
            throw invalid(op, "input \(position) of shape \(value.shape) has \(floats.count) values, \(count) are needed")
        }
        return floats
    }

    /// Input `position` of `op` as int32 constant values.
    func integers(_ op: TFLiteOperator, _ position: Int) throws(TFLiteError) -> [Int] {
        let value = try constant(op, position)
        guard case .int32(let integers) = value.values else {
            throw unsupported(op, "input \(position) that is not an int32 constant")
        }
        return integers.map(Int.init)
    }

    /// The options table of `op`, checked to be of union type `type`; nil when absent (every
    /// field then takes its default).
    func options(_ op: TFLiteOperator, type: UInt8) throws(TFLiteError) -> FlatTable? {
        guard let table = op.options else { return nil }
        guard op.optionsType == type else {
            throw invalid(op, "has options of type \(op.optionsType), expected \(type)")
        }
        return table
    }

    /// The fused activation at `field` of `options`.
    func fusedActivation(_ op: TFLiteOperator, _ options: FlatTable?, field: Int) throws(TFLiteError) -> Activation {
        let code = try options?.scalar(field, default: Int8(0)) ?? 0
        guard let activation = Activation(tfliteFused: code) else { throw unsupported(op, "fused activation \(code)") }
        return activation
    }

    /// The padding at `field` of `options`.
    func padding(_ op: TFLiteOperator, _ options: FlatTable?, field: Int) throws(TFLiteError) -> TFLitePadding {
        let code = try options?.scalar(field, default: Int8(0)) ?? 0
        guard let padding = TFLitePadding(code: code) else { throw invalid(op, "unknown padding \(code)") }
        return padding
    }

    /// A positive integer option (a stride, a kernel size) at `field` of `options`.
    func positive(_ op: TFLiteOperator, _ options: FlatTable?, field: Int, name: String, default value: Int32 = 0) throws(TFLiteError) -> Int {
        let number = try options?.scalar(field, default: value) ?? value
        guard number > 0, number <= 1 << 16 else { throw invalid(op, "\(name) is \(number)") }
        return Int(number)
    }

    /// Throws unless the dilation factors at `fields` of `options` are 1 (the default).
    func requireNoDilation(_ op: TFLiteOperator, _ options: FlatTable?, fields: [Int]) throws(TFLiteError) {
        for field in fields {
            let factor = try options?.scalar(field, default: Int32(1)) ?? 1
            guard factor == 1 else { throw unsupported(op, "dilation \(factor)") }
        }
    }

    /// Defines the single output of `op` as a float32 activation of logical `shape`, which must
    /// be what the file declares; returns its tensor index.
    mutating func define(_ op: TFLiteOperator, shape: [Int]) throws(TFLiteError) -> Int {
        let index = try output(op)
        let tensor = model.tensors[index]
        guard tensor.type == .float32 else {
            throw TFLiteError.unsupportedTensor(path: model.path, tensor: tensor.name, detail: "a \(tensor.type) activation")
        }
        guard tensor.shape == shape else {
            throw invalid(op, "computes an output of shape \(shape), the file declares \(tensor.shape) for \"\(tensor.name)\"")
        }
        guard TFLiteLimits.elementCount(shape) != nil else {
            throw TFLiteError.sizeLimitExceeded(path: model.path, detail: "\(label(op))'s output of shape \(shape)")
        }
        activations[index] = shape
        return index
    }

    /// Defines the single output of `op` as a constant computed at load.
    mutating func fold(_ op: TFLiteOperator, _ value: TFLiteConstant) throws(TFLiteError) {
        let index = try output(op)
        guard model.tensors[index].shape == value.shape else {
            throw invalid(op, "computes a constant of shape \(value.shape), the file declares \(model.tensors[index].shape)")
        }
        folded[index] = value
    }

    /// The single output tensor of `op`, not yet written by anything.
    private func output(_ op: TFLiteOperator) throws(TFLiteError) -> Int {
        guard op.outputs.count == 1, op.outputs[0] >= 0 else { throw unsupported(op, "\(op.outputs.count) outputs (only one)") }
        let index = op.outputs[0]
        guard activations[index] == nil, folded[index] == nil, zeroBorders[index] == nil, !model.isConstant(index) else {
            throw invalid(op, "writes tensor \(index) \"\(model.tensors[index].name)\", which already has a value")
        }
        return index
    }
}
