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
