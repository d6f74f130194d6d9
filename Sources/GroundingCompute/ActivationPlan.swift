/// Where each activation of a planned graph lives during a forward pass: activations whose
/// lifetimes do not overlap share a buffer (MediaPipe's palm detector at 192×192: 5.3 MB in 4
/// buffers instead of 52 MB if every activation were kept). Graph outputs live to the end.
///
/// Model runtimes (TFLite, ONNX) plan their operators as steps that each read some activations
/// and write one, numbered as the runtime likes.
package struct ActivationPlan: Sendable {
    /// The size of each buffer, in floats.
    package let bufferSizes: [Int]
    /// Per tensor index, its buffer (-1 for tensors that are not activations).
    package let bufferOfTensor: [Int]

    /// Plans buffers for `steps` run in order, the graph `input` written before the first
    /// and `outputs` read after the last; `sizes` gives each activation's element count, and
    /// activations are numbered below `tensorCount`.
    package init(steps: [(inputs: [Int], output: Int)], input: Int, outputs: [Int], sizes: [Int: Int], tensorCount: Int) {
        var lastReader = [Int: Int]()
        for (position, step) in steps.enumerated() {
            for tensor in step.inputs { lastReader[tensor] = position }
        }
        for tensor in outputs { lastReader[tensor] = .max }
        var bufferSizes: [Int] = []
        var free: [Int] = []
        var bufferOfTensor = [Int](repeating: -1, count: tensorCount)
        var releasedAfter = [Int: [Int]]()
        func place(_ tensor: Int, writtenAt position: Int) {
            let count = sizes[tensor] ?? 0
            // The smallest free buffer that fits, else a new one.
            let buffer: Int
            if let fit = free.filter({ bufferSizes[$0] >= count }).min(by: { bufferSizes[$0] < bufferSizes[$1] }) {
                buffer = fit
                free.removeAll { $0 == fit }
            } else {
                bufferSizes.append(count)
                buffer = bufferSizes.count - 1
            }
            bufferOfTensor[tensor] = buffer
            // A tensor nothing reads is free once written.
            releasedAfter[lastReader[tensor] ?? position, default: []].append(buffer)
        }
        place(input, writtenAt: -1)
        free += releasedAfter[-1] ?? []
        for (position, step) in steps.enumerated() {
            place(step.output, writtenAt: position)
            free += releasedAfter[position] ?? []
        }
        self.bufferSizes = bufferSizes
        self.bufferOfTensor = bufferOfTensor
    }

    /// Floats in all buffers.
    package var totalSize: Int { bufferSizes.reduce(0, +) }
}
