import GroundingCompute

/// The standalone activations `RELU`, `RELU6`, `RELU_N1_TO_1` (clamps) and `LOGISTIC` (the
/// sigmoid), applied to every value.
struct TFLiteElementwiseActivation: TFLiteKernel {
    let inputs: [Int]
    let output: Int
    /// Values in the tensor.
    let count: Int
    /// Which activation.
    let activation: Activation

    /// Plans `op` (input: one activation), applying `activation`.
    init(_ op: TFLiteOperator, _ graph: inout TFLiteGraphBuilder, activation: Activation) throws(TFLiteError) {
        let (source, shape) = try graph.activation(op, 0)
        self.output = try graph.define(op, shape: shape)
        self.inputs = [source]
        self.count = TFLiteLimits.elementCount(shape) ?? 0
        self.activation = activation
    }

    func run(_ workspace: ActivationWorkspace, threads: Int) {
        let (source, target) = (UnsafePointer(workspace[inputs[0]]), workspace[output])
        Parallel.forEachChunk(of: count, width: threads) { range in
            (target + range.lowerBound).update(from: source + range.lowerBound, count: range.count)
            activation.apply(to: target + range.lowerBound, count: range.count)
        }
    }
}
