import GroundingCompute

/// `Concat` of activations: each input's blocks laid side by side along the axis.
struct ONNXConcatenation: ONNXKernel {
    let inputs: [Int]
    let output: Int
    /// Values per block of each input: its extent along the axis times the values after it.
    let blocks: [Int]
    /// Blocks per input: the product of the dimensions before the axis.
    let outer: Int

    /// Concatenates `inputs` of `shapes` along `axis` into `output`.
    init(inputs: [Int], shapes: [[Int]], axis: Int, output: Int) {
        self.inputs = inputs
        self.output = output
        self.outer = shapes[0][..<axis].reduce(1, *)
        self.blocks = shapes.map { $0[axis...].reduce(1, *) }
    }

    /// The shape of `shapes` joined along `axis`, or nil when they differ elsewhere.
    static func shape(_ shapes: [[Int]], axis: Int) -> [Int]? {
        guard let first = shapes.first else { return nil }
        for shape in shapes where shape.count != first.count || shape.indices.contains(where: { $0 != axis && shape[$0] != first[$0] }) {
            return nil
        }
        var result = first
        result[axis] = shapes.map { $0[axis] }.reduce(0, +)
        return result
    }

    /// Joins `sources` (blocks of `blocks` values, `outer` of them each) into `destination`.
    static func join<Value>(_ sources: [UnsafePointer<Value>], blocks: [Int], outer: Int, into destination: UnsafeMutablePointer<Value>) {
        let total = blocks.reduce(0, +)
        var column = 0
        for (source, block) in zip(sources, blocks) {
            for row in 0..<outer { (destination + row * total + column).update(from: source + row * block, count: block) }
            column += block
        }
    }

    func run(_ workspace: ActivationWorkspace, threads: Int) {
        Self.join(inputs.map { UnsafePointer(workspace[$0]) }, blocks: blocks, outer: outer, into: workspace[output])
    }
}
