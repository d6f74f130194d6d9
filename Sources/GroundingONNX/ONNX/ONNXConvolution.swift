import GroundingCompute

/// `Conv` on `[1, C, H, W]` with its bias and, when the graph applies one right after and
/// nothing else reads the convolution, its activation (SiLU as `x · Sigmoid(x)`), computed by
/// the kernel the interpreter's ``ComputeBackend`` chooses for the shape: the same kernels the
/// Darknet and TFLite runtimes run. ONNX's weights `[O, C / groups, KH, KW]` already are the
/// kernels' layout.
struct ONNXConvolution: ONNXKernel {
    let inputs: [Int]
    let output: Int
    /// The kernel that computes it, weights packed.
    let kernel: any ConvolutionKernel

    /// The shape of `node`'s convolution of an input of `input` shape (`[1, C, H, W]`).
    static func shape(_ node: ONNXModel.Node, input: [Int], _ graph: ONNXGraphBuilder) throws(ONNXError) -> ConvolutionShape {
        let weights = try graph.constant(node, 1)
        guard input.count == 4, input[0] == 1, weights.shape.count == 4 else {
            throw graph.unsupported(node, "an input of shape \(input) and weights of shape \(weights.shape) (only 2-D convolutions of one image)")
        }
        let (filters, perGroup, kernelHeight, kernelWidth) = (weights.shape[0], weights.shape[1], weights.shape[2], weights.shape[3])
        let groups = try graph.int(node, "group", default: 1)
        guard groups >= 1, input[1] == perGroup * groups, filters % groups == 0 else {
            throw graph.invalid(node, "weights \(weights.shape) in \(groups) groups on \(input[1]) channels")
        }
        let strides = try graph.ints(node, "strides") ?? [1, 1]
        let dilations = try graph.ints(node, "dilations") ?? [1, 1]
        guard kernelHeight == kernelWidth, strides.count == 2, strides[0] == strides[1], strides[0] >= 1, dilations.allSatisfy({ $0 == 1 }) else {
            throw graph.unsupported(node, "a \(kernelHeight)×\(kernelWidth) kernel, strides \(strides), dilations \(dilations) (square kernels, equal strides, no dilation)")
        }
        guard groups == 1 || (groups == input[1] && filters == groups) else {
            throw graph.unsupported(node, "\(groups) groups of \(perGroup) channels (only ordinary and depthwise convolutions)")
        }
        let stride = strides[0]
        let pads = try Self.padding(node, input: input, kernel: kernelHeight, stride: stride, graph)
        guard pads[0] == pads[1] else { throw graph.unsupported(node, "different padding above (\(pads[0])) and to the left (\(pads[1]))") }
        let outputHeight = (input[2] + pads[0] + pads[2] - kernelHeight) / stride + 1
        let outputWidth = (input[3] + pads[1] + pads[3] - kernelWidth) / stride + 1
        guard outputHeight >= 1, outputWidth >= 1 else { throw graph.invalid(node, "a \(kernelHeight)×\(kernelWidth) kernel does not fit the \(input) input") }
        return ConvolutionShape(channels: input[1], height: input[2], width: input[3], filters: filters, size: kernelHeight, stride: stride,
                                padding: pads[0], groups: groups, outputHeight: outputHeight, outputWidth: outputWidth)
    }

    /// Padding `[top, left, bottom, right]` from `pads` or `auto_pad`.
    static func padding(_ node: ONNXModel.Node, input: [Int], kernel: Int, stride: Int, _ graph: ONNXGraphBuilder) throws(ONNXError) -> [Int] {
        switch try graph.string(node, "auto_pad", default: "NOTSET") {
        case "NOTSET":
            let pads = try graph.ints(node, "pads") ?? [0, 0, 0, 0]
            guard pads.count == 4, pads.allSatisfy({ $0 >= 0 }) else { throw graph.invalid(node, "pads \(pads)") }
            return pads
        case "VALID":
            return [0, 0, 0, 0]
        case let mode where mode == "SAME_UPPER" || mode == "SAME_LOWER":
            var pads = [0, 0, 0, 0]
            for (axis, size) in [input[2], input[3]].enumerated() {
                let total = max(0, ((size + stride - 1) / stride - 1) * stride + kernel - size)
                let before = mode == "SAME_UPPER" ? total / 2 : total - total / 2
                pads[axis] = before
                pads[axis + 2] = total - before
            }
            return pads
        case let mode:
            throw graph.unsupported(node, "auto_pad \(mode)")
        }
    }

    /// Plans `node` with `activation` fused, writing `output`.
    init(_ node: ONNXModel.Node, source: Int, shape: ConvolutionShape, activation: Activation, output: Int,
         _ graph: ONNXGraphBuilder, compute: ComputeBackend) throws(ONNXError) {
        let weights = try graph.constant(node, 1)
        let biases = try graph.value(node, 2) == nil ? [Float](repeating: 0, count: shape.filters) : try graph.constant(node, 2).floats
        guard biases.count == shape.filters else { throw graph.invalid(node, "\(biases.count) biases for \(shape.filters) filters") }
        self.inputs = [source]
        self.output = output
        self.kernel = compute.convolution(shape, weights: weights.floats, biases: biases, activation: activation)
    }

    func scratchCount(threads: Int) -> Int {
        kernel.scratchCount(batch: 1, threads: threads)
    }

    func run(_ workspace: ActivationWorkspace, threads: Int) {
        kernel.run(UnsafePointer(workspace[inputs[0]]), into: workspace[output], batch: 1, threads: threads, scratch: workspace.scratch)
    }
}
