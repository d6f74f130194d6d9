import GroundingCompute

/// `MEAN` over the rows and columns of an image (global average pooling): `[1, H, W, C]` to
/// `[1, C]` (or `[1, 1, 1, C]` with keep_dims), one mean per channel plane. Other axes are refused
/// at load.
struct TFLiteMean: TFLiteKernel {
    let inputs: [Int]
    let output: Int
    /// The image averaged.
    let input: TFLitePlanarShape

    /// Plans `op` (inputs: an image and the constant axes `[1, 2]`; options `ReducerOptions`:
    /// 0 keep_dims).
    init(_ op: TFLiteOperator, _ graph: inout TFLiteGraphBuilder) throws(TFLiteError) {
        let (source, input) = try graph.image(op, 0)
        let axes = Set(try graph.integers(op, 1))
        guard axes == [1, 2] else { throw graph.unsupported(op, "a mean over axes \(axes.sorted()) (only over rows and columns, [1, 2])") }
        let keepsDimensions = try graph.options(op, type: 27)?.bool(0) ?? false
        self.output = try graph.define(op, shape: keepsDimensions ? [1, 1, 1, input.channels] : [1, input.channels])
        self.inputs = [source]
        self.input = input
    }

    func run(_ workspace: ActivationWorkspace, threads: Int) {
        let (source, target) = (UnsafePointer(workspace[inputs[0]]), workspace[output])
        let (plane, scale) = (input.planeSize, 1 / Float(input.planeSize))
        // Planar input: a channel's plane is contiguous; [1, C] and [1, 1, 1, C] are both C values.
        Parallel.forEachChunk(of: input.channels, width: threads, minimum: 64) { channels in
            for c in channels {
                let values = source + c * plane
                var sum: Float = 0
                for i in 0..<plane { sum += values[i] }
                target[c] = sum * scale
            }
        }
    }
}
