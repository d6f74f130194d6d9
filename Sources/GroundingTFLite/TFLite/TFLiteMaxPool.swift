import GroundingCompute

/// `MAX_POOL_2D` with its fused activation: the largest value of each window, padding ignored
/// (TFLite's rule), one channel per work item.
struct TFLiteMaxPool: TFLiteKernel {
    let inputs: [Int]
    let output: Int
    /// The pooling.
    let pooling: MaxPooling
    /// The activation fused after the maximum.
    let activation: Activation

    /// Plans `op` (input: image; options `Pool2DOptions`: 0 padding, 1 stride_w, 2 stride_h,
    /// 3 filter_width, 4 filter_height, 5 activation).
    init(_ op: TFLiteOperator, _ graph: inout TFLiteGraphBuilder) throws(TFLiteError) {
        let (source, input) = try graph.image(op, 0)
        let options = try graph.options(op, type: 5)
        let padding = try graph.padding(op, options, field: 0)
        let strideX = try graph.positive(op, options, field: 1, name: "stride_w")
        let strideY = try graph.positive(op, options, field: 2, name: "stride_h")
        let filterWidth = try graph.positive(op, options, field: 3, name: "filter_width")
        let filterHeight = try graph.positive(op, options, field: 4, name: "filter_height")
        let activation = try graph.fusedActivation(op, options, field: 5)
        guard let rows = padding.resolve(input: input.height, kernel: filterHeight, stride: strideY),
              let columns = padding.resolve(input: input.width, kernel: filterWidth, stride: strideX) else {
            throw graph.invalid(op, "a \(filterHeight)×\(filterWidth) window does not fit the \(input.logical) input")
        }
        let result = TFLitePlanarShape(channels: input.channels, height: rows.output, width: columns.output)
        self.output = try graph.define(op, shape: result.logical)
        self.inputs = [source]
        self.pooling = MaxPooling(channels: input.channels, height: input.height, width: input.width,
                                  windowHeight: filterHeight, windowWidth: filterWidth, strideY: strideY, strideX: strideX,
                                  padTop: rows.before, padLeft: columns.before, outputHeight: rows.output, outputWidth: columns.output)
        self.activation = activation
    }

    func run(_ workspace: ActivationWorkspace, threads: Int) {
        pooling.run(UnsafePointer(workspace[inputs[0]]), into: workspace[output], threads: threads, activation: activation)
    }
}
