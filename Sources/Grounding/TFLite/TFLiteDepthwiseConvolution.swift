/// `DEPTHWISE_CONV_2D` (depth multiplier 1) with its bias and fused activation: each channel
/// is convolved with its own kernel, by direct loops over raw pointers.
///
/// For each output row and kernel tap the loop runs along the row over the output columns
/// whose input column is inside the image (computed once, so the inner loop has no branch);
/// at stride 1 both rows are contiguous and the loop vectorises. Channels are split between the
/// workers.
struct TFLiteDepthwiseConvolution: TFLiteKernel {
    let inputs: [Int]
    let output: Int
    /// Input and output image shapes (same channel count).
    let input: TFLitePlanarShape, result: TFLitePlanarShape
    /// Kernel size.
    let kernelHeight: Int, kernelWidth: Int
    /// Strides.
    let strideY: Int, strideX: Int
    /// Padding above and to the left (SAME's extra row or column goes after).
    let padTop: Int, padLeft: Int
    /// The activation fused after the bias.
    let activation: TFLiteActivation
    /// `[channels][kernelHeight][kernelWidth]`.
    let weights: [Float]
    /// One per channel.
    let biases: [Float]
    /// Per kernel column `kx`, the output columns whose input column
    /// `ox · strideX + kx − padLeft` is inside the image.
    let columnSpans: [Range<Int>]

    /// Plans `op` (inputs: image, filter `[1, KH, KW, C]`, optional bias `[C]`; options
    /// `DepthwiseConv2DOptions`: 0 padding, 1 stride_w, 2 stride_h, 3 depth_multiplier,
    /// 4 activation, 5/6 dilation).
    init(_ op: TFLiteOperator, _ graph: inout TFLiteGraphBuilder) throws(TFLiteError) {
        let (source, input) = try graph.image(op, 0)
        let filter = try graph.constant(op, 1)
        guard filter.shape.count == 4, filter.shape[0] == 1, case .float32(let values) = filter.values else {
            throw graph.unsupported(op, "a filter of shape \(filter.shape) that is not a float32 [1, KH, KW, C] tensor")
        }
        let (kernelHeight, kernelWidth, channels) = (filter.shape[1], filter.shape[2], filter.shape[3])
        guard channels == input.channels else {
            throw graph.unsupported(op, "\(channels) output channels from \(input.channels) (depth multiplier other than 1)")
        }
        let options = try graph.options(op, type: 2)
        let padding = try graph.padding(op, options, field: 0)
        let strideX = try graph.positive(op, options, field: 1, name: "stride_w")
        let strideY = try graph.positive(op, options, field: 2, name: "stride_h")
        let activation = try graph.fusedActivation(op, options, field: 4)
        try graph.requireNoDilation(op, options, fields: [5, 6])
        guard let rows = padding.resolve(input: input.height, kernel: kernelHeight, stride: strideY),
              let columns = padding.resolve(input: input.width, kernel: kernelWidth, stride: strideX) else {
            throw graph.invalid(op, "a \(kernelHeight)×\(kernelWidth) kernel does not fit the \(input.logical) input")
        }
        let biases = op.inputs.count > 2 && op.inputs[2] >= 0 ? try graph.floats(op, 2, count: channels) : [Float](repeating: 0, count: channels)
        let result = TFLitePlanarShape(channels: channels, height: rows.output, width: columns.output)
        self.output = try graph.define(op, shape: result.logical)
        self.inputs = [source]
        self.input = input
        self.result = result
        self.kernelHeight = kernelHeight
        self.kernelWidth = kernelWidth
        self.strideY = strideY
        self.strideX = strideX
        self.padTop = rows.before
        self.padLeft = columns.before
        self.activation = activation
        self.biases = biases
        self.columnSpans = (0..<kernelWidth).map { kx in
            let shift = kx - columns.before
            let first = shift >= 0 ? 0 : (-shift + strideX - 1) / strideX
            let last = input.width - 1 - shift < 0 ? 0 : min(result.width, (input.width - 1 - shift) / strideX + 1)
            return first..<max(first, last)
        }
        let area = kernelHeight * kernelWidth
        var packed = [Float](repeating: 0, count: values.count)
        for c in 0..<channels {
            for k in 0..<area { packed[c * area + k] = values[k * channels + c] }
        }
        self.weights = packed
    }

    func run(_ workspace: TFLiteWorkspace, threads: Int) {
        let source = UnsafePointer(workspace[inputs[0]])
        let destination = workspace[output]
        weights.withUnsafeBufferPointer { weights in
            let weights = weights.baseAddress!
            Parallel.forEach(result.channels, width: threads) { _, c in
                channel(source + c * input.planeSize, into: destination + c * result.planeSize,
                        weights: weights + c * kernelHeight * kernelWidth, bias: biases[c])
            }
        }
    }

    /// Convolves one input plane into one output plane.
    private func channel(_ plane: UnsafePointer<Float>, into target: UnsafeMutablePointer<Float>,
                         weights: UnsafePointer<Float>, bias: Float) {
        let (inputHeight, inputWidth, width) = (input.height, input.width, result.width)
        for oy in 0..<result.height {
            let row = target + oy &* width
            row.update(repeating: 0, count: width)
            for ky in 0..<kernelHeight {
                let iy = oy &* strideY &+ ky &- padTop
                guard iy >= 0, iy < inputHeight else { continue }
                let inputRow = plane + iy &* inputWidth
                for kx in 0..<kernelWidth {
                    let weight = weights[ky &* kernelWidth &+ kx]
                    let span = columnSpans[kx]
                    let shift = kx &- padLeft
                    if strideX == 1 {
                        let from = inputRow + shift
                        for ox in span { row[ox] += weight * from[ox] }
                    } else {
                        for ox in span { row[ox] += weight * inputRow[ox &* strideX &+ shift] }
                    }
                }
            }
            activation.apply(bias: bias, to: row, count: width)
        }
    }
}
