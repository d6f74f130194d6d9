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
        slopes = try Self.slopes(op, graph, channels: shape.channels)
        self.output = try graph.define(op, shape: shape.logical)
        self.inputs = [source]
        self.shape = shape
    }

    /// The slopes of the `PRELU` `op` for an image of `channels` channels: its alpha constant,
    /// whose only dimension above 1 is the last, of `channels` values, or a single value for all.
    static func slopes(_ op: TFLiteOperator, _ graph: TFLiteGraphBuilder, channels: Int) throws(TFLiteError) -> [Float] {
        let alpha = try graph.constant(op, 1)
        guard case .float32(let values) = alpha.values else { throw graph.unsupported(op, "a slope tensor that is not float32") }
        if values.count == 1 { return [Float](repeating: values[0], count: channels) }
        guard values.count == channels, alpha.shape.last == channels, alpha.shape.dropLast().allSatisfy({ $0 == 1 }) else {
            throw graph.unsupported(op, "slopes of shape \(alpha.shape) on an image of \(channels) channels (only one per channel or one in all)")
        }
        return values
    }

    /// `x` where `x ≥ 0`, else `slope · x`: `max(x, 0) + slope · min(x, 0)` is exactly that, and
    /// has no branch.
    @inline(__always)
    static func rectify(_ x: Float, slope: Float) -> Float {
        max(x, 0) + slope * min(x, 0)
    }

    func run(_ workspace: ActivationWorkspace, threads: Int) {
        let (source, target) = (UnsafePointer(workspace[inputs[0]]), workspace[output])
        let plane = shape.planeSize
        Parallel.forEach(shape.channels, width: threads) { _, c in
            let slope = slopes[c]
            let (from, to) = (source + c * plane, target + c * plane)
            for i in 0..<plane { to[i] = Self.rectify(from[i], slope: slope) }
        }
    }
}
