import GroundingCompute

/// An activation applied to every value on its own: `Sigmoid` and `Relu`; a convolution's SiLU
/// is fused into the convolution instead (``ONNXInterpreter``).
struct ONNXActivation: ONNXKernel {
    let inputs: [Int]
    let output: Int
    /// Values in the tensor.
    let count: Int
    /// Which activation.
    let activation: Activation

    /// `output = activation(source)` over `count` values.
    init(source: Int, output: Int, count: Int, activation: Activation) {
        self.inputs = [source]
        self.output = output
        self.count = count
        self.activation = activation
    }

    func run(_ workspace: ActivationWorkspace, threads: Int) {
        let (source, target) = (UnsafePointer(workspace[inputs[0]]), workspace[output])
        Parallel.forEachChunk(of: count, width: threads) { range in
            activation.apply(bias: 0, from: source + range.lowerBound, to: target + range.lowerBound, count: range.count)
        }
    }
}
