/// One planned operator of a graph runtime (TFLite, ONNX): reads activations from an
/// ``ActivationWorkspace`` and writes its one output there. Kernels are built once at load
/// (weights packed) and shared by every forward pass.
package protocol GraphKernel: Sendable {
    /// The activations it reads.
    var inputs: [Int] { get }
    /// The activation it writes.
    var output: Int { get }
    /// Floats of scratch a run with `threads` workers needs (0 by default).
    func scratchCount(threads: Int) -> Int
    /// Runs the operator on `threads` workers.
    func run(_ workspace: ActivationWorkspace, threads: Int)
}

extension GraphKernel {
    package func scratchCount(threads: Int) -> Int { 0 }
}

/// A graph planned for one input size: its kernels in order, where their activations live, and
/// the forward pass over images, each pass on pooled buffers.
package struct PlannedGraph: Sendable {
    /// The kernels, in order.
    package let kernels: [any GraphKernel]
    /// The activation the image is written to, and those read after the last kernel.
    package let input: Int, outputs: [Int]
    /// Values of one input image.
    package let inputCount: Int
    /// Where the activations live.
    package let plan: ActivationPlan
    /// Buffers for the passes.
    private let workspaces = ActivationWorkspacePool()

    /// Plans buffers for `kernels` (activation sizes in `sizes`, numbered below `activationCount`).
    package init(kernels: [any GraphKernel], input: Int, outputs: [Int], inputCount: Int, sizes: [Int: Int], activationCount: Int) {
        self.kernels = kernels
        self.input = input
        self.outputs = outputs
        self.inputCount = inputCount
        self.plan = ActivationPlan(steps: kernels.map { ($0.inputs, $0.output) }, input: input, outputs: outputs, sizes: sizes,
                                   tensorCount: activationCount)
    }

    /// Runs the graph on `count` consecutive images at `images` and calls `body(image, outputs)`
    /// for each, with the outputs valid during the call only. With several images the workers
    /// take whole images each (fewer hand-overs than splitting every operator), so `body` may run
    /// on several threads at once; a single image splits every operator between `threads`.
    package func forEachImage(_ images: UnsafePointer<Float>, count: Int, threads: Int, _ body: (Int, [UnsafePointer<Float>]) -> Void) {
        let width = min(threads, count)
        let perPass = width > 1 ? 1 : threads
        Parallel.forEach(count, width: width) { _, image in
            workspaces.withWorkspace(threads: perPass, make: { makeWorkspace(threads: perPass) }) { workspace in
                workspace[input].update(from: images + image * inputCount, count: inputCount)
                // A cancelled request stops between operators; the engine sees the flag and throws.
                for kernel in kernels where !Cancellation.isRequested { kernel.run(workspace, threads: perPass) }
                body(image, outputs.map { UnsafePointer(workspace[$0]) })
            }
        }
    }

    /// A workspace for passes on `threads` workers.
    private func makeWorkspace(threads: Int) -> ActivationWorkspace {
        ActivationWorkspace(plan: plan, scratchCount: kernels.map { $0.scratchCount(threads: threads) }.max() ?? 0, threads: threads)
    }
}
