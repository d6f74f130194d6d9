import GroundingCompute

/// `PAD` of an image with zeros, along its rows, columns and channels (MediaPipe pads before
/// its stride-2 depthwise convolutions, and pads channels to widen residual connections).
struct TFLitePad: TFLiteKernel {
    let inputs: [Int]
    let output: Int
    /// Input and output image shapes.
    let input: TFLitePlanarShape, result: TFLitePlanarShape
    /// Zeros added above, to the left and before the first channel.
    let top: Int, left: Int, front: Int

    /// Plans `op` (inputs: image, int32 paddings `[4, 2]`, before and after per NHWC dimension;
    /// the batch may not be padded).
    init(_ op: TFLiteOperator, _ graph: inout TFLiteGraphBuilder) throws(TFLiteError) {
        let (source, input) = try graph.image(op, 0)
        let paddings = try graph.integers(op, 1)
        guard paddings.count == 8, paddings.allSatisfy({ $0 >= 0 && $0 <= 1 << 16 }) else {
            throw graph.invalid(op, "paddings \(paddings) are not 4 pairs of sizes")
        }
        guard paddings[0] == 0, paddings[1] == 0 else { throw graph.unsupported(op, "padding the batch") }
        let result = TFLitePlanarShape(channels: input.channels + paddings[6] + paddings[7],
                                       height: input.height + paddings[2] + paddings[3],
                                       width: input.width + paddings[4] + paddings[5])
        self.output = try graph.define(op, shape: result.logical)
        self.inputs = [source]
        self.input = input
        self.result = result
        self.top = paddings[2]
        self.left = paddings[4]
        self.front = paddings[6]
    }

    /// The image `op` pads and the border it adds, when the padded image need not be computed:
    /// the same number of zero rows and columns on every side and no channels, read by one
    /// operator only, a `CONV_2D` or `DEPTHWISE_CONV_2D` without padding of its own, which then
    /// adds the border itself (MediaPipe's face models pad before each 3×3 depthwise
    /// convolution; a copy of every such activation was 9% of the full-range model's pass).
    /// Nil otherwise: the `PAD` runs.
    static func foldableBorder(_ op: TFLiteOperator, _ graph: TFLiteGraphBuilder) throws(TFLiteError) -> (source: Int, border: Int)? {
        let paddings = try graph.integers(op, 1)
        guard paddings.count == 8, paddings[0] == 0, paddings[1] == 0, paddings[6] == 0, paddings[7] == 0,
              let border = paddings.dropFirst(2).first, border > 0, paddings[2..<6].allSatisfy({ $0 == border }),
              let reader = graph.soleReader(of: op) else { return nil }
        let optionsType: UInt8
        switch reader.code.supported {
        case .conv2D: optionsType = 1
        case .depthwiseConv2D: optionsType = 2
        default: return nil
        }
        guard try graph.padding(reader, try graph.options(reader, type: optionsType), field: 0) == .valid else { return nil }
        return (try graph.image(op, 0).tensor, border)
    }

    func run(_ workspace: ActivationWorkspace, threads: Int) {
        let (source, destination) = (UnsafePointer(workspace[inputs[0]]), workspace[output])
        Parallel.forEach(result.channels, width: threads) { _, c in
            let target = destination + c * result.planeSize
            target.update(repeating: 0, count: result.planeSize)
            let channel = c - front
            guard channel >= 0, channel < input.channels else { return }
            let plane = source + channel * input.planeSize
            for y in 0..<input.height {
                (target + (y + top) * result.width + left).update(from: plane + y * input.width, count: input.width)
            }
        }
    }
}
