import GroundingCompute

/// `PRELU`: `x` where `x ≥ 0`, else `alpha[c] · x`, with one learned slope per channel
/// (alpha `[1, 1, C]` in MediaPipe's palm detector) or one for all.
struct TFLitePReLU: TFLiteKernel {
    let inputs: [Int]
    let output: Int
    /// The image shape.
    let shape: TFLitePlanarShape
    /// One slope per channel.
    let slopes: [Float]

    /// Plans `op` (inputs: image, alpha constant whose only dimension above 1 is the last, of
    /// the image's channel count, or a single value).
    init(_ op: TFLiteOperator, _ graph: inout TFLiteGraphBuilder) throws(TFLiteError) {
        let (source, shape) = try graph.image(op, 0)
        let alpha = try graph.constant(op, 1)
        guard case .float32(let values) = alpha.values else { throw graph.unsupported(op, "a slope tensor that is not float32") }
        if values.count == 1 {
            slopes = [Float](repeating: values[0], count: shape.channels)
        } else if values.count == shape.channels, alpha.shape.last == shape.channels, alpha.shape.dropLast().allSatisfy({ $0 == 1 }) {
            slopes = values
        } else {
            throw graph.unsupported(op, "slopes of shape \(alpha.shape) on a \(shape.logical) input (only one per channel or one in all)")
        }
        self.output = try graph.define(op, shape: shape.logical)
        self.inputs = [source]
        self.shape = shape
    }

    func run(_ workspace: ActivationWorkspace, threads: Int) {
        let (source, target) = (UnsafePointer(workspace[inputs[0]]), workspace[output])
        let plane = shape.planeSize
        Parallel.forEach(shape.channels, width: threads) { _, c in
            let slope = slopes[c]
            let (from, to) = (source + c * plane, target + c * plane)
            // max(x, 0) + slope · min(x, 0) is x or slope · x exactly, and has no branch.
            for i in 0..<plane { to[i] = max(from[i], 0) + slope * min(from[i], 0) }
        }
    }
}
