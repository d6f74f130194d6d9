import GroundingCompute

/// `MAX_POOL_2D` with its fused activation: the largest value of each window, padding ignored
/// (TFLite's rule), one channel per work item.
struct TFLiteMaxPool: TFLiteKernel {
    let inputs: [Int]
    let output: Int
    /// Input and output image shapes.
    let input: TFLitePlanarShape, result: TFLitePlanarShape
    /// Window size.
    let filterHeight: Int, filterWidth: Int
    /// Strides.
    let strideY: Int, strideX: Int
    /// Padding above and to the left.
    let padTop: Int, padLeft: Int
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
        self.input = input
        self.result = result
        self.filterHeight = filterHeight
        self.filterWidth = filterWidth
        self.strideY = strideY
        self.strideX = strideX
        self.padTop = rows.before
        self.padLeft = columns.before
        self.activation = activation
    }

    func run(_ workspace: TFLiteWorkspace, threads: Int) {
        let source = UnsafePointer(workspace[inputs[0]])
        let destination = workspace[output]
        Parallel.forEach(result.channels, width: threads) { _, c in
            let plane = source + c * input.planeSize
            let target = destination + c * result.planeSize
            for oy in 0..<result.height {
                let rows = max(0, oy * strideY - padTop)..<min(input.height, oy * strideY - padTop + filterHeight)
                for ox in 0..<result.width {
                    let columns = max(0, ox * strideX - padLeft)..<min(input.width, ox * strideX - padLeft + filterWidth)
                    var largest = -Float.infinity
                    for y in rows {
                        for x in columns { largest = max(largest, plane[y &* input.width &+ x]) }
                    }
                    target[oy * result.width + ox] = largest
                }
            }
            activation.apply(to: target, count: result.planeSize)
        }
    }
}
