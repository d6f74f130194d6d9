import GroundingCompute

/// Runs a TFLite model natively: the file is parsed with bounds-checked reads, its operators
/// are planned into kernels once (float16 weights dequantised, sparse ones densified, weights
/// re-packed for OpenBLAS), and every forward pass reuses pooled buffers.
///
/// Implements the float operators of MediaPipe's face and palm detectors: `CONV_2D`,
/// `DEPTHWISE_CONV_2D`, `ADD`, `RELU`, `RELU6`, `RELU_N1_TO_1`, `PRELU`, `MAX_POOL_2D`, `PAD`,
/// `RESHAPE`, `CONCATENATION`, `RESIZE_BILINEAR`, `DEPTH_TO_SPACE`, and `DEQUANTIZE` /
/// `DENSIFY` of constants. Any other operator is refused at load with an error naming it.
///
/// The input is one image in planar order (one `height × width` plane per channel), the layout
/// ``Preprocessor`` produces; outputs are in the model's row-major order.
///
/// ```swift
/// let interpreter = try TFLiteInterpreter(contentsOf: "face_detection_short_range.tflite", threads: 2)
/// print(interpreter.inputShape)                      // [1, 128, 128, 3]
/// let outputs = try interpreter.run(image)           // image: 3 × 128 × 128 floats
/// print(outputs.map(\.count))                        // [14336, 896]
/// ```
public struct TFLiteInterpreter: Sendable {
    /// The model file.
    public let path: String
    /// The input's shape as the model declares it, `[1, height, width, channels]`.
    public let inputShape: [Int]
    /// Each output's shape as the model declares it.
    public let outputShapes: [[Int]]
    /// Each output's tensor name.
    public let outputNames: [String]
    /// Where its operators run: threads per forward pass and the convolution algorithms allowed.
    public let compute: ComputeBackend
    /// How many threads one forward pass runs on.
    public var threads: Int { compute.threads }
    /// The planned kernels and where their activations live.
    let graph: PlannedGraph

    /// Loads the model at `path`; a forward pass runs on `threads` threads (default: one per
    /// processor).
    public init(contentsOf path: String, threads: Int? = nil) throws {
        try self.init(contentsOf: path, compute: ComputeBackend(threads: threads))
    }

    /// Loads the model at `path`, its operators computed by `compute`.
    public init(contentsOf path: String, compute: ComputeBackend) throws {
        try self.init(model: try TFLiteModel(contentsOf: path), compute: compute)
    }

    /// Plans a parsed model, its convolutions computed by `compute`.
    package init(model: TFLiteModel, compute: ComputeBackend = ComputeBackend()) throws {
        try compute.prepare()
        self.graph = try Self.plan(model, compute: compute)
        self.path = model.path
        self.compute = compute
        self.inputShape = model.tensors[model.inputs[0]].shape
        self.outputShapes = model.outputs.map { model.tensors[$0].shape }
        self.outputNames = model.outputs.map { model.tensors[$0].name }
    }

    /// Turns the operators into kernels, folding constant `DEQUANTIZE` and `DENSIFY`, the
    /// `PAD`s a convolution can add itself and the rectifiers an `ADD` can apply itself, and plans
    /// the buffers.
    private static func plan(_ model: TFLiteModel, compute: ComputeBackend) throws(TFLiteError) -> PlannedGraph {
        guard model.inputs.count == 1, !model.outputs.isEmpty else {
            throw .invalidGraph(path: model.path, detail: "the model has \(model.inputs.count) inputs and \(model.outputs.count) outputs (one image in, at least one tensor out)")
        }
        var graph = try TFLiteGraphBuilder(model: model)
        // Constants first, so that an operator folded into an earlier kernel (a PRELU into the ADD
        // before it) finds its own constants, which the file may dequantise between the two.
        for op in model.operators {
            switch op.code.supported {
            case .dequantize:
                guard let value = try graph.constant(op, 0).dequantized else {
                    throw graph.unsupported(op, "an input that is not a float16 constant")
                }
                try graph.fold(op, value)
            case .densify:
                try graph.fold(op, try densify(op, graph))
            default:
                continue
            }
        }
        var kernels: [any TFLiteKernel] = []
        // Operators folded into an earlier kernel (a rectifier into the ADD before it).
        var foldedOperators: Set<Int> = []
        for op in model.operators where !foldedOperators.contains(op.index) {
            guard let builtin = op.code.supported else {
                throw .unsupportedOperator(path: model.path, name: op.code.description, index: op.index)
            }
            switch builtin {
            case .dequantize, .densify:
                continue  // folded above
            case .conv2D: kernels.append(try TFLiteConvolution(op, &graph, depthwise: false, compute: compute))
            case .depthwiseConv2D: kernels.append(try TFLiteConvolution(op, &graph, depthwise: true, compute: compute))
            case .add:
                let next = try TFLiteAdd.foldableActivation(op, graph)
                kernels.append(try TFLiteAdd(op, &graph, folding: next))
                if let next { foldedOperators.insert(next.index) }
            case .relu: kernels.append(try TFLiteElementwiseActivation(op, &graph, activation: .relu))
            case .relu6: kernels.append(try TFLiteElementwiseActivation(op, &graph, activation: .relu6))
            case .reluN1To1: kernels.append(try TFLiteElementwiseActivation(op, &graph, activation: .reluN1To1))
            case .logistic: kernels.append(try TFLiteElementwiseActivation(op, &graph, activation: .logistic))
            case .mean: kernels.append(try TFLiteMean(op, &graph))
            case .fullyConnected: kernels.append(try TFLiteConvolution(fullyConnected: op, &graph, compute: compute))
            case .prelu: kernels.append(try TFLitePReLU(op, &graph))
            case .maxPool2D: kernels.append(try TFLiteMaxPool(op, &graph))
            case .pad:
                if let (source, border) = try TFLitePad.foldableBorder(op, graph) {
                    try graph.defineZeroBorder(op, source: source, border: border)
                } else {
                    kernels.append(try TFLitePad(op, &graph))
                }
            case .reshape: kernels.append(try TFLiteReshape(op, &graph))
            case .concatenation: kernels.append(try TFLiteConcatenation(op, &graph))
            case .resizeBilinear: kernels.append(try TFLiteResizeBilinear(op, &graph))
            case .depthToSpace: kernels.append(try TFLiteDepthToSpace(op, &graph))
            }
        }
        var sizes: [Int: Int] = [:]
        for (tensor, shape) in graph.activations { sizes[tensor] = TFLiteLimits.elementCount(shape) ?? 0 }
        for output in model.outputs where graph.activations[output] == nil {
            throw .invalidGraph(path: model.path, detail: "output tensor \(output) \"\(model.tensors[output].name)\" is not computed by any operator")
        }
        let planned = PlannedGraph(kernels: kernels, input: model.inputs[0], outputs: model.outputs,
                                 inputCount: TFLiteLimits.elementCount(model.tensors[model.inputs[0]].shape) ?? 0,
                                 sizes: sizes, activationCount: model.tensors.count)
        guard planned.plan.totalSize <= TFLiteLimits.maxWorkspaceElements else {
            throw .sizeLimitExceeded(path: model.path, detail: "a forward pass holding \(planned.plan.totalSize) values at once")
        }
        return planned
    }

    /// The dense form of a sparse constant (what `DENSIFY` computes).
    private static func densify(_ op: TFLiteOperator, _ graph: TFLiteGraphBuilder) throws(TFLiteError) -> TFLiteConstant {
        let index = try graph.tensor(op, 0)
        let tensor = graph.model.tensors[index]
        guard let sparsity = tensor.sparsity, graph.model.isConstant(index) else {
            throw graph.unsupported(op, "an input that is not a sparse constant")
        }
        let path = graph.model.path
        // The buffer holds only the stored values: read as many as it has.
        switch tensor.type {
        case .float16:
            let stored = try graph.model.constant(index, as: UInt16.self, count: graph.model.byteCount(of: index) / 2)
            return TFLiteConstant(shape: tensor.shape, values: .float16(try sparsity.densify(stored, shape: tensor.shape, zero: 0, tensor: tensor.name, path: path)))
        case .float32:
            let stored = try graph.model.constant(index, as: UInt32.self, count: graph.model.byteCount(of: index) / 4)
            return TFLiteConstant(shape: tensor.shape, values: .float32(try sparsity.densify(stored, shape: tensor.shape, zero: 0, tensor: tensor.name, path: path).map(Float.init(bitPattern:))))
        default:
            throw TFLiteError.unsupportedTensor(path: path, tensor: tensor.name, detail: "a sparse \(tensor.type) tensor")
        }
    }

    /// The planned kernels' type names, in order (which operators run, and which were folded).
    package var kernelNames: [String] { graph.kernels.map { String(describing: type(of: $0)) } }

    /// Values per input image: channels × height × width.
    public var inputCount: Int { inputShape.reduce(1, *) }

    /// Runs the model on one image (``inputCount`` floats, planar) and returns every output in
    /// the model's row-major order.
    public func run(_ image: [Float]) throws(TFLiteError) -> [[Float]] {
        guard image.count == inputCount else {
            throw .inputMismatch(detail: "got \(image.count) values, the model takes \(inputCount) (\(inputShape))")
        }
        var results: [[Float]] = []
        image.withUnsafeBufferPointer { image in
            forEachImage(image.baseAddress!, count: 1) { _, outputs in
                results = zip(outputs, outputShapes).map { values, shape in
                    let stored = Array(UnsafeBufferPointer(start: values, count: shape.reduce(1, *)))
                    guard let planar = TFLitePlanarShape(shape) else { return stored }
                    // Images are stored planar: back to NHWC, (y·W + x)·C + c.
                    var rowMajor = stored
                    for c in 0..<planar.channels {
                        for p in 0..<planar.planeSize { rowMajor[p * planar.channels + c] = stored[c * planar.planeSize + p] }
                    }
                    return rowMajor
                }
            }
        }
        return results
    }

    /// Runs the model on `count` consecutive images at `images` and calls `body(image, outputs)`
    /// for each, with the outputs valid during the call only (outputs of rank 4 are planar, see
    /// ``TFLiteKernel``; others row-major), as ``PlannedGraph/forEachImage(_:count:threads:_:)`` runs them.
    func forEachImage(_ images: UnsafePointer<Float>, count: Int, _ body: (Int, [UnsafePointer<Float>]) -> Void) {
        graph.forEachImage(images, count: count, threads: threads, body)
    }
}
