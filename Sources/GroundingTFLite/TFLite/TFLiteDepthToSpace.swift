import GroundingCompute

/// `DEPTH_TO_SPACE`: each pixel's channels, in groups of `C / block²`, spread over a
/// `block × block` square of output pixels (TensorFlow's order: output `(y, x, c)` takes
/// channel `((y mod b) · b + x mod b) · C_out + c` of input pixel `(y / b, x / b)`).
/// MediaPipe's full-range face detector decodes its 48×48 anchor grid this way.
struct TFLiteDepthToSpace: TFLiteKernel {
    let inputs: [Int]
    let output: Int
    /// Input and output image shapes.
    let input: TFLitePlanarShape, result: TFLitePlanarShape
    /// The square's side.
    let block: Int

    /// Plans `op` (input: image; options `DepthToSpaceOptions`: 0 block_size).
    init(_ op: TFLiteOperator, _ graph: inout TFLiteGraphBuilder) throws(TFLiteError) {
        let (source, input) = try graph.image(op, 0)
        let block = try graph.positive(op, try graph.options(op, type: 94), field: 0, name: "block_size")
        guard block <= 64, input.channels % (block * block) == 0 else {
            throw graph.invalid(op, "block \(block) does not divide \(input.channels) channels")
        }
        let result = TFLitePlanarShape(channels: input.channels / (block * block), height: input.height * block, width: input.width * block)
        self.output = try graph.define(op, shape: result.logical)
        self.inputs = [source]
        self.input = input
        self.result = result
        self.block = block
    }

    func run(_ workspace: ActivationWorkspace, threads: Int) {
        let (source, destination) = (UnsafePointer(workspace[inputs[0]]), workspace[output])
        Parallel.forEach(result.channels, width: threads) { _, c in
            let target = destination + c * result.planeSize
            for y in 0..<result.height {
                for x in 0..<result.width {
                    let channel = ((y % block) * block + x % block) * result.channels + c
                    target[y * result.width + x] = source[channel * input.planeSize + (y / block) * input.width + x / block]
                }
            }
        }
    }
}
