import GroundingCompute

/// `RESHAPE`: the same values in the file's row-major order under a new shape. Since images
/// are stored planar (``TFLiteKernel``), reshaping one from or to rank 4 moves values between
/// the planar and the row-major (NHWC) order; MediaPipe's heads reshape `[1, H, W, A·16]`
/// convolution outputs into `[1, H·W·A, 16]` box rows this way.
struct TFLiteReshape: TFLiteKernel {
    let inputs: [Int]
    let output: Int
    /// The logical shapes before and after.
    let from: [Int], to: [Int]
    /// Values in the tensor.
    let count: Int

    /// Plans `op` (inputs: the tensor, and the new shape as a constant or in `ReshapeOptions`;
    /// the output shape is the one the file declares, which must hold as many values).
    init(_ op: TFLiteOperator, _ graph: inout TFLiteGraphBuilder) throws(TFLiteError) {
        let (source, shape) = try graph.activation(op, 0)
        guard op.outputs.count == 1, op.outputs[0] >= 0 else { throw graph.unsupported(op, "\(op.outputs.count) outputs") }
        let declared = graph.model.tensors[op.outputs[0]].shape
        let count = TFLiteLimits.elementCount(shape) ?? 0
        guard TFLiteLimits.elementCount(declared) == count else {
            throw graph.invalid(op, "cannot reshape \(shape) into \(declared)")
        }
        self.output = try graph.define(op, shape: declared)
        self.inputs = [source]
        self.from = shape
        self.to = declared
        self.count = count
    }

    func run(_ workspace: ActivationWorkspace, threads: Int) {
        let (source, target) = (UnsafePointer(workspace[inputs[0]]), workspace[output])
        switch (TFLitePlanarShape(from), TFLitePlanarShape(to)) {
        case (nil, nil):
            target.update(from: source, count: count)
        case (let planar?, nil):
            // Row-major index (y·W + x)·C + c from planar c·H·W + y·W + x.
            let (channels, plane) = (planar.channels, planar.planeSize)
            for c in 0..<channels {
                let from = source + c * plane
                for p in 0..<plane { target[p &* channels &+ c] = from[p] }
            }
        case (nil, let planar?):
            let (channels, plane) = (planar.channels, planar.planeSize)
            for c in 0..<channels {
                let to = target + c * plane
                for p in 0..<plane { to[p] = source[p &* channels &+ c] }
            }
        case (let a?, let b?):
            // Planar to planar through the row-major index both share.
            for c in 0..<b.channels {
                for p in 0..<b.planeSize {
                    let (p2, c2) = (p * b.channels + c).quotientAndRemainder(dividingBy: a.channels)
                    target[c * b.planeSize + p] = source[c2 * a.planeSize + p2]
                }
            }
        }
    }
}
