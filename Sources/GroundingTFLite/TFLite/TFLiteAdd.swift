import GroundingCompute

/// `ADD` of two activations of the same shape, with its fused activation (MediaPipe's residual
/// connections). Broadcasting is not implemented: shapes that differ are refused at load.
///
/// MediaPipe's models follow most of their additions with a standalone `RELU` or `PRELU` (16 of
/// the short-range face model's 17 `RELU`s, 28 of the palm model's 31 `PRELU`s). Where that
/// operator is the sum's only reader, it is folded in (``foldableActivation(_:_:)``): the sum
/// is rectified in the same pass, while it is in cache, and the operator writes nothing of its
/// own. The values are the same: the same operations on the same floats.
struct TFLiteAdd: TFLiteKernel {
    /// What is applied to each sum before it is stored.
    enum Rectifier: Sendable {
        /// An element-wise activation (the `ADD`'s own, or a folded `RELU`, `RELU6`, `RELU_N1_TO_1`).
        case activation(Activation)
        /// A folded `PRELU`: one slope per channel of a planar image.
        case slopes([Float])
    }

    let inputs: [Int]
    let output: Int
    /// Values per tensor.
    let count: Int
    /// What follows the sum.
    let rectifier: Rectifier

    /// Plans `op` (inputs: two activations; options `AddOptions`: 0 activation), folding in
    /// `next` when it is the operator ``foldableActivation(_:_:)`` found.
    init(_ op: TFLiteOperator, _ graph: inout TFLiteGraphBuilder, folding next: TFLiteOperator? = nil) throws(TFLiteError) {
        let (first, shape) = try graph.activation(op, 0)
        let (second, other) = try graph.activation(op, 1)
        guard shape == other else { throw graph.unsupported(op, "adding shapes \(shape) and \(other) (broadcasting)") }
        let activation = try graph.fusedActivation(op, try graph.options(op, type: 11), field: 0)
        self.inputs = [first, second]
        self.count = TFLiteLimits.elementCount(shape) ?? 0
        guard let next else {
            self.rectifier = .activation(activation)
            self.output = try graph.define(op, shape: shape)
            return
        }
        switch next.code.supported {
        case .prelu:
            guard let planar = TFLitePlanarShape(shape) else { throw graph.invalid(next, "a PRELU folded into an ADD of shape \(shape)") }
            rectifier = .slopes(try TFLitePReLU.slopes(next, graph, channels: planar.channels))
        case .relu: rectifier = .activation(.relu)
        case .relu6: rectifier = .activation(.relu6)
        case .reluN1To1: rectifier = .activation(.reluN1To1)
        default: throw graph.invalid(next, "an operator that cannot be folded into an ADD")
        }
        // The folded operator's output is this kernel's; the sum itself is never stored.
        self.output = try graph.define(next, shape: shape)
    }

    /// The standalone rectifier that reads the sum of `op` and nothing else does, when it can
    /// be applied in the same pass: a `RELU`, `RELU6`, `RELU_N1_TO_1` or `PRELU` on the sum of an
    /// `ADD` without an activation of its own, the sum not a model output. Nil otherwise.
    static func foldableActivation(_ op: TFLiteOperator, _ graph: TFLiteGraphBuilder) throws(TFLiteError) -> TFLiteOperator? {
        guard let reader = graph.soleReader(of: op),
              try graph.fusedActivation(op, try graph.options(op, type: 11), field: 0) == .linear else { return nil }
        switch reader.code.supported {
        case .relu, .relu6, .reluN1To1: return reader
        case .prelu: return try graph.activation(op, 0).shape.count == 4 ? reader : nil
        default: return nil
        }
    }

    func run(_ workspace: ActivationWorkspace, threads: Int) {
        let (a, b, sum) = (UnsafePointer(workspace[inputs[0]]), UnsafePointer(workspace[inputs[1]]), workspace[output])
        switch rectifier {
        case .activation(let activation):
            Parallel.forEachChunk(of: count, width: threads) { range in
                for i in range { sum[i] = a[i] + b[i] }
                activation.apply(to: sum + range.lowerBound, count: range.count)
            }
        case .slopes(let slopes):
            let plane = count / slopes.count
            Parallel.forEach(slopes.count, width: threads) { _, c in
                let slope = slopes[c]
                for i in c * plane..<(c + 1) * plane {
                    let x = a[i] + b[i]
                    sum[i] = TFLitePReLU.rectify(x, slope: slope)
                }
            }
        }
    }
}
