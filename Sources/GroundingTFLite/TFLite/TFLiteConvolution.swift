import GroundingCompute

/// `CONV_2D`, `DEPTHWISE_CONV_2D` (depth multiplier 1) and `FULLY_CONNECTED` (one row: a 1×1
/// convolution of a one-pixel image) with their bias and fused activation,
/// computed by the kernel the interpreter's ``ComputeBackend`` chooses for the shape (Winograd
/// for 3×3 stride-1 SAME convolutions, im2col + sgemm for other ordinary ones, direct loops for
/// depthwise ones): the same kernels the Darknet runtime runs.
///
/// Weights are re-packed once, at load, from TFLite's `[filters][ky][kx][channels]` (depthwise:
/// `[1][ky][kx][channels]`) to the kernels' `[filters][channels / groups][ky][kx]`.
struct TFLiteConvolution: TFLiteKernel {
    let inputs: [Int]
    let output: Int
    /// The kernel that computes it, weights packed.
    let kernel: any ConvolutionKernel

    /// Plans `op`. `CONV_2D` inputs: image, filter `[O, K, K, C]`, optional bias `[O]`; options
    /// `Conv2DOptions`: 0 padding, 1 stride_w, 2 stride_h, 3 activation, 4/5 dilation.
    /// `DEPTHWISE_CONV_2D` inputs: image, filter `[1, K, K, C]`, optional bias `[C]`; options
    /// `DepthwiseConv2DOptions`: 0 padding, 1 stride_w, 2 stride_h, 3 depth_multiplier,
    /// 4 activation, 5/6 dilation.
    init(_ op: TFLiteOperator, _ graph: inout TFLiteGraphBuilder, depthwise: Bool, compute: ComputeBackend) throws(TFLiteError) {
        let (source, unpadded, border) = try graph.paddedImage(op, 0)
        // A folded PAD's border is added by the kernel; the file's shapes are of the padded image.
        let input = TFLitePlanarShape(channels: unpadded.channels, height: unpadded.height + 2 * border,
                                      width: unpadded.width + 2 * border)
        let filter = try graph.constant(op, 1)
        guard filter.shape.count == 4, !depthwise || filter.shape[0] == 1, case .float32(let values) = filter.values else {
            throw graph.unsupported(op, "a filter of shape \(filter.shape) that is not a float32 \(depthwise ? "[1, KH, KW, C]" : "[O, KH, KW, C]") tensor")
        }
        let (kernelHeight, kernelWidth, channels) = (filter.shape[1], filter.shape[2], filter.shape[3])
        let filters = depthwise ? channels : filter.shape[0]
        guard channels == input.channels else {
            throw graph.unsupported(op, depthwise ? "\(channels) output channels from \(input.channels) (depth multiplier other than 1)"
                                                  : "a filter over \(channels) channels on a \(input.channels)-channel input (grouped convolution)")
        }
        let options = try graph.options(op, type: depthwise ? 2 : 1)
        let padding = try graph.padding(op, options, field: 0)
        let strideX = try graph.positive(op, options, field: 1, name: "stride_w")
        let strideY = try graph.positive(op, options, field: 2, name: "stride_h")
        let activation = try graph.fusedActivation(op, options, field: depthwise ? 4 : 3)
        try graph.requireNoDilation(op, options, fields: depthwise ? [5, 6] : [4, 5])
        guard kernelHeight == kernelWidth, strideX == strideY else {
            throw graph.unsupported(op, "a \(kernelHeight)×\(kernelWidth) kernel with strides \(strideY)×\(strideX) (only square kernels and equal strides)")
        }
        guard let rows = padding.resolve(input: input.height, kernel: kernelHeight, stride: strideY),
              let columns = padding.resolve(input: input.width, kernel: kernelWidth, stride: strideX) else {
            throw graph.invalid(op, "a \(kernelHeight)×\(kernelWidth) kernel does not fit the \(input.logical) input")
        }
        guard rows.before == columns.before else {
            throw graph.unsupported(op, "different padding above (\(rows.before)) and to the left (\(columns.before))")
        }
        let biases = op.inputs.count > 2 && op.inputs[2] >= 0 ? try graph.floats(op, 2, count: filters) : [Float](repeating: 0, count: filters)
        guard border == 0 || padding == .valid else { throw graph.invalid(op, "a zero border of \(border) from a PAD on a padded convolution") }
        let shape = ConvolutionShape(channels: channels, height: unpadded.height, width: unpadded.width, filters: filters,
                                     size: kernelHeight, stride: strideX, padding: rows.before + border, groups: depthwise ? channels : 1,
                                     outputHeight: rows.output, outputWidth: columns.output)
        self.output = try graph.define(op, shape: TFLitePlanarShape(channels: filters, height: rows.output, width: columns.output).logical)
        self.inputs = [source]
        let area = kernelHeight * kernelWidth
        let volume = shape.kernelVolume  // weights per filter: channels · area, or area when depthwise
        // Read in the file's order, each value once, written to its place in the kernel layer's.
        let packed = [Float](unsafeUninitializedCapacity: filters * volume) { packed, count in
            values.withUnsafeBufferPointer { values in
                if depthwise {
                    for k in 0..<area { for f in 0..<filters { packed[f * area + k] = values[k * channels + f] } }
                } else {
                    for f in 0..<filters {
                        for k in 0..<area {
                            for c in 0..<channels { packed[(f * channels + c) * area + k] = values[(f * area + k) * channels + c] }
                        }
                    }
                }
            }
            count = filters * volume
        }
        self.kernel = compute.convolution(shape, weights: packed, biases: biases, activation: activation)
    }

    /// Plans a `FULLY_CONNECTED` on one row (inputs: `[1, K]`, weights `[N, K]`, optional bias
    /// `[N]`; options `FullyConnectedOptions`: 0 activation, 1 weights format (default only)) as
    /// the 1×1 convolution of a one-pixel image with K channels into N filters, which it is.
    init(fullyConnected op: TFLiteOperator, _ graph: inout TFLiteGraphBuilder, compute: ComputeBackend) throws(TFLiteError) {
        let (source, shape) = try graph.activation(op, 0)
        let weights = try graph.constant(op, 1)
        guard weights.shape.count == 2, case .float32(let values) = weights.values else {
            throw graph.unsupported(op, "weights of shape \(weights.shape) that are not a float32 [N, K] matrix")
        }
        let (filters, depth) = (weights.shape[0], weights.shape[1])
        guard shape.last == depth, TFLiteLimits.elementCount(shape) == depth else {
            throw graph.unsupported(op, "an input of shape \(shape) for \(depth)-wide weights (only one row of \(depth) values)")
        }
        let options = try graph.options(op, type: 8)
        let activation = try graph.fusedActivation(op, options, field: 0)
        guard try options?.scalar(1, default: Int8(0)) ?? 0 == 0 else { throw graph.unsupported(op, "a shuffled weights format") }
        let biases = op.inputs.count > 2 && op.inputs[2] >= 0 ? try graph.floats(op, 2, count: filters) : [Float](repeating: 0, count: filters)
        self.output = try graph.define(op, shape: [1, filters])
        self.inputs = [source]
        // [N, K] row-major is already the kernels' [filters][channels][1][1].
        self.kernel = compute.convolution(ConvolutionShape(channels: depth, height: 1, width: 1, filters: filters, size: 1),
                                          weights: values, biases: biases, activation: activation)
    }

    func scratchCount(threads: Int) -> Int {
        kernel.scratchCount(batch: 1, threads: threads)
    }

    func run(_ workspace: ActivationWorkspace, threads: Int) {
        kernel.run(UnsafePointer(workspace[inputs[0]]), into: workspace[output], batch: 1, threads: threads, scratch: workspace.scratch)
    }
}
