import GroundingCompute

/// `MaxPool` of one image's planes.
struct ONNXPooling: ONNXKernel {
    let inputs: [Int]
    let output: Int
    /// The pooling.
    let pooling: MaxPooling

    func run(_ workspace: ActivationWorkspace, threads: Int) {
        pooling.run(UnsafePointer(workspace[inputs[0]]), into: workspace[output], threads: threads)
    }
}
