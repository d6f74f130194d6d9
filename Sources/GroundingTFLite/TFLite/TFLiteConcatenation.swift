import GroundingCompute

/// `CONCATENATION` along one axis, with its fused activation (MediaPipe joins the box rows of
/// its two anchor grids). Works on the stored order: for an image the planar dimensions
/// (channels, rows, columns) take the place of NHWC's.
struct TFLiteConcatenation: TFLiteKernel {
    let inputs: [Int]
    let output: Int
    /// Products of the stored dimensions before the axis.
    let outer: Int
    /// Per input, the values of one outer step: its axis length × the dimensions after.
    let blocks: [Int]
    /// The activation fused after the copy.
    let activation: Activation

    /// Plans `op` (inputs: activations of one rank that agree except along the axis; options
    /// `ConcatenationOptions`: 0 axis, negative from the end, 1 activation).
    init(_ op: TFLiteOperator, _ graph: inout TFLiteGraphBuilder) throws(TFLiteError) {
        guard !op.inputs.isEmpty else { throw graph.invalid(op, "has no inputs") }
        var sources: [Int] = []
        var shapes: [[Int]] = []
        for position in op.inputs.indices {
            let (source, shape) = try graph.activation(op, position)
            sources.append(source)
            shapes.append(shape)
        }
        let options = try graph.options(op, type: 10)
        let rank = shapes[0].count
        let rawAxis = Int(try options?.scalar(0, default: Int32(0)) ?? 0)
        let axis = rawAxis < 0 ? rawAxis + rank : rawAxis
        guard axis >= 0, axis < rank else { throw graph.invalid(op, "axis \(rawAxis) is outside rank \(rank)") }
        var result = shapes[0]
        result[axis] = 0
        for shape in shapes {
            guard shape.count == rank, shape.indices.allSatisfy({ $0 == axis || shape[$0] == shapes[0][$0] }) else {
                throw graph.invalid(op, "cannot join \(shapes) along axis \(axis)")
            }
            result[axis] += shape[axis]
        }
        self.activation = try graph.fusedActivation(op, options, field: 1)
        self.output = try graph.define(op, shape: result)
        // The stored order of an image is N, C, H, W: NHWC axis 3 (channels) is stored second.
        let stored: (([Int]) -> [Int]) = { shape in rank == 4 ? [shape[0], shape[3], shape[1], shape[2]] : shape }
        let storedAxis = rank == 4 ? [0, 2, 3, 1][axis] : axis
        self.inputs = sources
        self.outer = stored(result)[..<storedAxis].reduce(1, *)
        self.blocks = shapes.map { stored($0)[storedAxis...].reduce(1, *) }
    }

    func run(_ workspace: ActivationWorkspace, threads: Int) {
        var target = workspace[output]
        let total = blocks.reduce(0, +)
        for o in 0..<outer {
            for (source, block) in zip(inputs, blocks) {
                target.update(from: workspace[source] + o * block, count: block)
                target += block
            }
        }
        activation.apply(to: target - outer * total, count: outer * total)
    }
}
