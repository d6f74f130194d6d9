import GroundingCompute

/// Runs an ONNX model natively at one fixed input size: the file is parsed with bounds-checked
/// reads, shape arithmetic is folded to constants, the nodes are planned into kernels once
/// (weights packed, a convolution's SiLU fused into it) and every forward pass reuses pooled
/// buffers.
///
/// Implements the float operators of YOLO detectors exported by Ultralytics and similar
/// convolutional graphs: `Conv`, `Add`, `Sub`, `Mul`, `Div`, `Sigmoid`, `Relu`, `MaxPool`,
/// `Resize`/`Upsample` (nearest, whole factors), `Concat`, `Split`, `Slice`, `Reshape`,
/// `Flatten`, `Squeeze`, `Unsqueeze`, `Transpose`, `Expand`, `Identity`, `Softmax`, `MatMul`,
/// and, on constants, `Shape`, `Gather`, `Cast`, `Range`, `ConstantOfShape`, `Constant`. Any
/// other operator is refused at load with an error naming it and its node.
///
/// The input is one image, `[1, C, H, W]` in planar order (the layout ``Preprocessor``
/// produces); outputs are in the model's row-major order.
///
/// ```swift
/// let interpreter = try ONNXInterpreter(contentsOf: "yolo11n.onnx", inputShape: [1, 3, 640, 640])
/// print(interpreter.outputShapes)                    // [[1, 84, 8400]]
/// let outputs = try interpreter.run(image)           // image: 3 × 640 × 640 floats
/// ```
public struct ONNXInterpreter: Sendable {
    /// The model file.
    public let path: String
    /// The input's shape as planned, `[1, C, H, W]`.
    public let inputShape: [Int]
    /// Each output's shape.
    public let outputShapes: [[Int]]
    /// Each output's name.
    public let outputNames: [String]
    /// `metadata_props` of the file (an exporter's notes: class names, image size, ...).
    public let metadata: [String: String]
    /// Where its operators run: threads per forward pass and the convolution algorithms allowed.
    public let compute: ComputeBackend
    /// How many threads one forward pass runs on.
    public var threads: Int { compute.threads }
    /// The planned kernels and where their activations live.
    let graph: PlannedGraph

    /// The most activation values one forward pass may hold at once (all live buffers).
    static let maxWorkspaceElements = 1 << 28

    /// Loads the model at `path` planned for inputs of `inputShape`; a forward pass runs on
    /// `threads` threads (default: one per processor).
    public init(contentsOf path: String, inputShape: [Int], threads: Int? = nil) throws {
        try self.init(contentsOf: path, inputShape: inputShape, compute: ComputeBackend(threads: threads))
    }

    /// Loads the model at `path` planned for inputs of `inputShape`, its operators computed by `compute`.
    public init(contentsOf path: String, inputShape: [Int], compute: ComputeBackend) throws {
        try self.init(model: try ONNXModel(contentsOf: path), inputShape: inputShape, compute: compute)
    }

    /// Plans a parsed model for inputs of `inputShape`.
    init(model: ONNXModel, inputShape: [Int], compute: ComputeBackend = ComputeBackend()) throws {
        try compute.prepare()
        var graph = try ONNXGraphBuilder(model: model, inputShape: inputShape)
        let kernels = try Self.plan(model, &graph, compute: compute)
        var outputs: [Int] = [], outputShapes: [[Int]] = []
        for name in model.outputs {
            guard case .activation(let index, let shape)? = graph.values[name] else {
                throw ONNXError.invalidGraph(path: model.path, detail: "output \"\(name)\" is not computed from the input")
            }
            outputs.append(index)
            outputShapes.append(shape)
        }
        var sizes: [Int: Int] = [:]
        for (index, size) in graph.sizes.enumerated() { sizes[index] = size }
        let planned = PlannedGraph(kernels: kernels, input: 0, outputs: outputs, inputCount: inputShape.reduce(1, *), sizes: sizes,
                                   activationCount: graph.sizes.count)
        guard planned.plan.totalSize <= Self.maxWorkspaceElements else {
            throw ONNXError.sizeLimitExceeded(path: model.path, detail: "a forward pass holding \(planned.plan.totalSize) values at once")
        }
        self.path = model.path
        self.inputShape = inputShape
        self.outputShapes = outputShapes
        self.outputNames = model.outputs
        self.metadata = model.metadata
        self.compute = compute
        self.graph = planned
    }

    /// Turns the nodes into kernels, folding what is constant.
    private static func plan(_ model: ONNXModel, _ graph: inout ONNXGraphBuilder, compute: ComputeBackend) throws(ONNXError) -> [any ONNXKernel] {
        var kernels: [any ONNXKernel] = []
        var fused = Set<Int>()
        for (index, node) in model.nodes.enumerated() where !fused.contains(index) {
            guard node.domain.isEmpty || node.domain == "ai.onnx" else {
                throw .unsupportedOperator(path: model.path, operator: "\(node.domain).\(node.op)", node: node.name)
            }
            if ONNXFolding.operators.contains(node.op) {
                try graph.fold(node, try ONNXFolding.fold(node, graph))
                continue
            }
            if ONNXLayout.operators.contains(node.op) {
                let input = try graph.required(node, 0)
                let views = try ONNXLayout.views(node, input: input.shape, graph)
                guard views.count == node.outputs.count else { throw graph.invalid(node, "\(node.outputs.count) outputs for \(views.count) parts") }
                for (output, view) in views.enumerated() {
                    switch input {
                    case .constant(let tensor):
                        var values = [Double](repeating: 0, count: view.count)
                        tensor.values.withUnsafeBufferPointer { source in
                            values.withUnsafeMutableBufferPointer { view.copy(from: source.baseAddress!, to: $0.baseAddress!) }
                        }
                        try graph.fold(node, ONNXTensor(shape: view.shape, values: values, kind: tensor.kind), output: output)
                    case .activation(let source, _):
                        kernels.append(ONNXCopy(source: source, output: try graph.define(node, shape: view.shape, output: output), view: view))
                    }
                }
                continue
            }
            switch node.op {
            case "Conv":
                let (source, shape) = try activation(node, 0, graph)
                let convolution = try ONNXConvolution.shape(node, input: shape, graph)
                let outputShape = [1, convolution.filters, convolution.outputHeight, convolution.outputWidth]
                let output: Int
                var activation = Activation.linear
                if let (sigmoid, multiply) = siluAfter(index, model, graph) {
                    fused.formUnion([sigmoid, multiply])
                    activation = .swish
                    output = try graph.define(model.nodes[multiply], shape: outputShape)
                } else {
                    output = try graph.define(node, shape: outputShape)
                }
                kernels.append(try ONNXConvolution(node, source: source, shape: convolution, activation: activation, output: output, graph, compute: compute))
            case "Add", "Sub", "Mul", "Div":
                let operation = ONNXBinary.Operation(rawValue: node.op)!
                let a = try graph.required(node, 0), b = try graph.required(node, 1)
                guard let shape = ONNXShape.broadcast(a.shape, b.shape), !a.shape.contains(0), !b.shape.contains(0) else {
                    throw graph.invalid(node, "shapes \(a.shape) and \(b.shape) that do not broadcast or hold no values")
                }
                if case .constant(let x) = a, case .constant(let y) = b {
                    try graph.fold(node, fold(operation, x, y, shape: shape))
                } else {
                    let output = try graph.define(node, shape: shape)
                    kernels.append(ONNXBinary(operation, a: operand(a), aShape: a.shape, b: operand(b), bShape: b.shape, shape: shape, output: output))
                }
            case "Sigmoid", "Relu":
                let (source, shape) = try activation(node, 0, graph)
                kernels.append(ONNXActivation(source: source, output: try graph.define(node, shape: shape), count: shape.reduce(1, *),
                                              activation: node.op == "Sigmoid" ? .logistic : .relu))
            case "Concat":
                let parts = try (0..<node.inputs.count).map { i throws(ONNXError) in try graph.required(node, i) }
                guard let rank = parts.first?.shape.count else { throw graph.invalid(node, "no inputs") }
                let axis = try graph.axis(node, try graph.int(node, "axis", default: 0), rank: rank)
                guard let shape = ONNXConcatenation.shape(parts.map(\.shape), axis: axis) else {
                    throw graph.invalid(node, "shapes \(parts.map(\.shape)) differ away from axis \(axis)")
                }
                let constants = parts.compactMap { if case .constant(let tensor) = $0 { tensor } else { nil } }
                if constants.count == parts.count {
                    try graph.fold(node, foldConcatenation(constants, shape: shape, axis: axis))
                } else {
                    let sources = try (0..<parts.count).map { i throws(ONNXError) in try activation(node, i, graph).index }
                    kernels.append(ONNXConcatenation(inputs: sources, shapes: parts.map(\.shape), axis: axis, output: try graph.define(node, shape: shape)))
                }
            case "MaxPool":
                kernels.append(try maxPool(node, &graph))
            case "Resize", "Upsample":
                kernels.append(try resize(node, &graph))
            case "Softmax":
                let (source, shape) = try activation(node, 0, graph)
                guard graph.model.opsetVersion >= 13 || shape.count <= 2 else {
                    throw graph.unsupported(node, "opset \(graph.model.opsetVersion) on rank \(shape.count) (Softmax before opset 13 flattens; export with opset 13 or later)")
                }
                let axis = try graph.axis(node, try graph.int(node, "axis", default: graph.model.opsetVersion >= 13 ? -1 : 1), rank: shape.count)
                kernels.append(ONNXSoftmax(source: source, output: try graph.define(node, shape: shape), shape: shape, axis: axis))
            case "MatMul":
                let (a, aShape) = try activation(node, 0, graph), (b, bShape) = try activation(node, 1, graph)
                let output = try graph.define(node, shape: aShape.count >= 2 && bShape.count >= 2 ? ONNXMatMul.shape(aShape, bShape) : [])
                guard let kernel = ONNXMatMul(a: a, aShape: aShape, b: b, bShape: bShape, output: output) else {
                    throw graph.unsupported(node, "operands of shapes \(aShape) and \(bShape)")
                }
                kernels.append(kernel)
            default:
                throw .unsupportedOperator(path: model.path, operator: node.op, node: node.name)
            }
        }
        return kernels
    }

    /// Input `index` of `node` as an activation.
    private static func activation(_ node: ONNXModel.Node, _ index: Int, _ graph: ONNXGraphBuilder) throws(ONNXError) -> (index: Int, shape: [Int]) {
        guard case .activation(let activation, let shape) = try graph.required(node, index) else {
            throw graph.unsupported(node, "a constant input \(index) (only computed values)")
        }
        return (activation, shape)
    }

    /// A binary operand: an activation's number or a constant's values.
    private static func operand(_ value: ONNXValue) -> ONNXBinary.Operand {
        switch value {
        case .activation(let index, _): return .activation(index)
        case .constant(let tensor): return .constant(tensor.floats)
        }
    }

    /// The `Sigmoid` and `Mul` nodes that make node `index`'s output `x · Sigmoid(x)`, when
    /// nothing else reads `x` or the sigmoid.
    private static func siluAfter(_ index: Int, _ model: ONNXModel, _ graph: ONNXGraphBuilder) -> (Int, Int)? {
        guard let x = model.nodes[index].outputs.first, let readers = graph.readers[x], readers.count == 2,
              let sigmoid = readers.first(where: { $0 < model.nodes.count && model.nodes[$0].op == "Sigmoid" }),
              let multiply = readers.first(where: { $0 != sigmoid && $0 < model.nodes.count && model.nodes[$0].op == "Mul" }),
              let s = model.nodes[sigmoid].outputs.first, graph.readers[s] == [multiply],
              Set(model.nodes[multiply].inputs) == [x, s], sigmoid < multiply else { return nil }
        return (sigmoid, multiply)
    }

    /// `a ∘ b` of constants; integer division truncates, as ONNX's does for integers.
    private static func fold(_ operation: ONNXBinary.Operation, _ a: ONNXTensor, _ b: ONNXTensor, shape: [Int]) -> ONNXTensor {
        var values = [Double](repeating: 0, count: shape.reduce(1, *))
        a.values.withUnsafeBufferPointer { x in
            b.values.withUnsafeBufferPointer { y in
                values.withUnsafeMutableBufferPointer {
                    ONNXBinary.Walk(StridedView(broadcasting: a.shape, to: shape), StridedView(broadcasting: b.shape, to: shape))
                        .apply(operation, x.baseAddress!, y.baseAddress!, into: $0.baseAddress!)
                }
            }
        }
        let integer = a.kind == .integer && b.kind == .integer
        if integer { values = values.map { $0.rounded(.towardZero) } }
        return ONNXTensor(shape: shape, values: values, kind: integer ? .integer : .float)
    }

    /// `Concat` of constants.
    private static func foldConcatenation(_ parts: [ONNXTensor], shape: [Int], axis: Int) -> ONNXTensor {
        var values = [Double](repeating: 0, count: shape.reduce(1, *))
        let nonEmpty = parts.filter { !$0.values.isEmpty }
        // The kernel's own join on the constants' values, each array's storage held while it runs.
        func join(_ index: Int, _ sources: [UnsafePointer<Double>]) {
            guard index < nonEmpty.count else {
                return values.withUnsafeMutableBufferPointer {
                    ONNXConcatenation.join(sources, blocks: nonEmpty.map { $0.shape[axis...].reduce(1, *) },
                                           outer: shape[..<axis].reduce(1, *), into: $0.baseAddress!)
                }
            }
            nonEmpty[index].values.withUnsafeBufferPointer { join(index + 1, sources + [$0.baseAddress!]) }
        }
        if !values.isEmpty { join(0, []) }
        return ONNXTensor(shape: shape, values: values, kind: parts.allSatisfy { $0.kind == .integer } ? .integer : .float)
    }

    /// `MaxPool` on `[1, C, H, W]` (no dilation, floor rounding).
    private static func maxPool(_ node: ONNXModel.Node, _ graph: inout ONNXGraphBuilder) throws(ONNXError) -> any ONNXKernel {
        let (source, shape) = try activation(node, 0, graph)
        guard shape.count == 4, shape[0] == 1, let window = try graph.ints(node, "kernel_shape"), window.count == 2 else {
            throw graph.unsupported(node, "an input of shape \(shape) (only 2-D pooling of one image)")
        }
        let strides = try graph.ints(node, "strides") ?? [1, 1]
        guard try graph.int(node, "ceil_mode", default: 0) == 0, (try graph.ints(node, "dilations") ?? [1, 1]).allSatisfy({ $0 == 1 }),
              try graph.int(node, "storage_order", default: 0) == 0, node.outputs.count == 1, strides.count == 2, strides.allSatisfy({ $0 >= 1 }) else {
            throw graph.unsupported(node, "ceil_mode, dilations, an indices output or strides \(strides)")
        }
        let pads = try ONNXConvolution.padding(node, input: shape, kernel: window[0], stride: strides[0], graph)
        let outputHeight = (shape[2] + pads[0] + pads[2] - window[0]) / strides[0] + 1
        let outputWidth = (shape[3] + pads[1] + pads[3] - window[1]) / strides[1] + 1
        guard outputHeight >= 1, outputWidth >= 1 else { throw graph.invalid(node, "a \(window) window does not fit \(shape)") }
        let pooling = MaxPooling(channels: shape[1], height: shape[2], width: shape[3], windowHeight: window[0], windowWidth: window[1],
                                 strideY: strides[0], strideX: strides[1], padTop: pads[0], padLeft: pads[1],
                                 outputHeight: outputHeight, outputWidth: outputWidth)
        return ONNXPooling(inputs: [source], output: try graph.define(node, shape: [1, shape[1], outputHeight, outputWidth]), pooling: pooling)
    }

    /// `Resize` / `Upsample` in nearest mode by whole factors on the last two axes.
    private static func resize(_ node: ONNXModel.Node, _ graph: inout ONNXGraphBuilder) throws(ONNXError) -> any ONNXKernel {
        let (source, shape) = try activation(node, 0, graph)
        guard shape.count == 4 else { throw graph.unsupported(node, "an input of shape \(shape) (only [N, C, H, W])") }
        let mode = try graph.string(node, "mode", default: "nearest")
        var target: [Int]
        if node.op == "Resize", graph.model.opsetVersion >= 11, try graph.value(node, 3) != nil {
            target = try graph.constant(node, 3).integers
        } else {
            let scalesInput = node.op == "Resize" && graph.model.opsetVersion >= 11 ? 2 : 1
            let scales = try graph.value(node, scalesInput) != nil ? try graph.constant(node, scalesInput).values
                                                                : (node.attributes["scales"].flatMap { if case .floats(let f) = $0 { f.map(Double.init) } else { nil } } ?? [])
            guard scales.count == 4 else { throw graph.invalid(node, "scales \(scales) for a rank-4 input") }
            // Checked before the conversion, which traps on NaN, infinity or a size past Int.
            let sizes = zip(shape, scales).map { (Double($0) * $1).rounded(.down) }
            guard sizes.allSatisfy({ $0.isFinite && $0 >= 0 && $0 <= Double(ONNXModel.maxTensorElements) }) else {
                throw graph.invalid(node, "scales \(scales) give sizes \(sizes): each must be a finite factor")
            }
            target = sizes.map { Int($0) }
        }
        guard mode == "nearest", target.count == 4, target[0] == shape[0], target[1] == shape[1],
              target[2] % shape[2] == 0, target[3] % shape[3] == 0, target[2] >= shape[2], target[3] >= shape[3] else {
            throw graph.unsupported(node, "mode \(mode) to size \(target) from \(shape) (only nearest, by whole factors)")
        }
        // Whole-factor nearest resizing repeats each value for these coordinate and rounding
        // modes only (others shift the grid by a pixel).
        let coordinates = try graph.string(node, "coordinate_transformation_mode", default: "half_pixel")
        let rounding = try graph.string(node, "nearest_mode", default: "round_prefer_floor")
        let repeats = node.op == "Upsample"
            || (coordinates == "asymmetric" && (rounding == "floor" || rounding == "round_prefer_floor"))
            || ((coordinates == "half_pixel" || coordinates == "pytorch_half_pixel") && rounding.hasPrefix("round"))
        guard repeats else {
            throw graph.unsupported(node, "coordinate mode \(coordinates) with rounding \(rounding) (only modes where nearest repeats values)")
        }
        return ONNXResize(source: source, output: try graph.define(node, shape: target), shape: shape,
                          factorY: target[2] / shape[2], factorX: target[3] / shape[3])
    }

    /// Values per input image: channels × height × width.
    public var inputCount: Int { inputShape.reduce(1, *) }

    /// Runs the model on one image (``inputCount`` floats, planar) and returns every output in
    /// the model's row-major order.
    public func run(_ image: [Float]) throws(ONNXError) -> [[Float]] {
        guard image.count == inputCount else {
            throw .inputMismatch(detail: "got \(image.count) values, the model is planned for \(inputCount) (\(inputShape))")
        }
        var results: [[Float]] = []
        image.withUnsafeBufferPointer { image in
            forEachImage(image.baseAddress!, count: 1) { _, outputs in
                results = zip(outputs, outputShapes).map { Array(UnsafeBufferPointer(start: $0, count: $1.reduce(1, *))) }
            }
        }
        return results
    }

    /// Runs the model on `count` consecutive images at `images` and calls `body(image, outputs)`
    /// for each, with the outputs valid during the call only (``PlannedGraph/forEachImage(_:count:threads:_:)``).
    func forEachImage(_ images: UnsafePointer<Float>, count: Int, _ body: (Int, [UnsafePointer<Float>]) -> Void) {
        graph.forEachImage(images, count: count, threads: threads, body)
    }
}
