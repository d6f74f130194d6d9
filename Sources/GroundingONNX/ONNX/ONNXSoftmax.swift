#if canImport(Glibc)
import Glibc
#endif
import GroundingCompute

/// `Softmax` along one axis (opset 13's definition): `e^(x − max) / Σ e^(x − max)` over the
/// axis, for every position before and after it.
struct ONNXSoftmax: ONNXKernel {
    let inputs: [Int]
    let output: Int
    /// Positions before the axis, along it, and after it.
    let outer: Int, extent: Int, inner: Int

    /// Softmax of `source` (of `shape`) along `axis` into `output`.
    init(source: Int, output: Int, shape: [Int], axis: Int) {
        self.inputs = [source]
        self.output = output
        self.outer = shape[..<axis].reduce(1, *)
        self.extent = shape[axis]
        self.inner = shape[(axis + 1)...].reduce(1, *)
    }

    func run(_ workspace: ActivationWorkspace, threads: Int) {
        let (source, target) = (UnsafePointer(workspace[inputs[0]]), workspace[output])
        Parallel.forEachChunk(of: outer * inner, width: threads, minimum: 1024) { range in
            for line in range {
                let base = (line / inner) * extent * inner + line % inner
                var largest = -Float.infinity
                for k in 0..<extent { largest = max(largest, source[base + k * inner]) }
                var sum: Float = 0
                for k in 0..<extent {
                    let e = expf(source[base + k * inner] - largest)
                    target[base + k * inner] = e
                    sum += e
                }
                for k in 0..<extent { target[base + k * inner] /= sum }
            }
        }
    }
}
