import GroundingCompute

/// `ADD` of two activations of the same shape, with its fused activation (MediaPipe's residual
/// connections). Broadcasting is not implemented: shapes that differ are refused at load.
struct TFLiteAdd: TFLiteKernel {
    let inputs: [Int]
    let output: Int
    /// Values per tensor.
    let count: Int
    /// The activation fused after the sum.
    let activation: Activation

    /// Plans `op` (inputs: two activations; options `AddOptions`: 0 activation).
    init(_ op: TFLiteOperator, _ graph: inout TFLiteGraphBuilder) throws(TFLiteError) {
        let (first, shape) = try graph.activation(op, 0)
        let (second, other) = try graph.activation(op, 1)
        guard shape == other else { throw graph.unsupported(op, "adding shapes \(shape) and \(other) (broadcasting)") }
        self.activation = try graph.fusedActivation(op, try graph.options(op, type: 11), field: 0)
        self.output = try graph.define(op, shape: shape)
        self.inputs = [first, second]
        self.count = TFLiteLimits.elementCount(shape) ?? 0
    }

    func run(_ workspace: ActivationWorkspace, threads: Int) {
        let (a, b, sum) = (UnsafePointer(workspace[inputs[0]]), UnsafePointer(workspace[inputs[1]]), workspace[output])
        Parallel.forEachChunk(of: count, width: threads) { range in
            for i in range { sum[i] = a[i] + b[i] }
            activation.apply(to: sum + range.lowerBound, count: range.count)
        }
    }
}
