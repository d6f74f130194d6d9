import GroundingCompute

/// An output that only moves the values of one activation (``ONNXLayout``): a plain copy for a
/// reshape, strided for a transpose, slice, split or expand.
struct ONNXCopy: ONNXKernel {
    let inputs: [Int]
    let output: Int
    /// How the output reads the input.
    let view: StridedView

    /// Copies `source` through `view` into `output`.
    init(source: Int, output: Int, view: StridedView) {
        self.inputs = [source]
        self.output = output
        self.view = view
    }

    func run(_ workspace: ActivationWorkspace, threads: Int) {
        view.copy(from: UnsafePointer(workspace[inputs[0]]), to: workspace[output])
    }
}
