import GroundingCompute

/// `Add`, `Sub`, `Mul` and `Div` with numpy broadcasting, each operand an activation or a
/// constant. Operands of the output's shape run as one flat loop, a single value as a scalar;
/// anything else walks the output in runs along its last axis.
struct ONNXBinary: ONNXKernel {
    /// The arithmetic.
    enum Operation: String, Sendable, CaseIterable {
        case add = "Add", sub = "Sub", mul = "Mul", div = "Div"

        /// `a ∘ b`.
        @inline(__always)
        func apply<Value: FloatingPoint>(_ a: Value, _ b: Value) -> Value {
            switch self {
            case .add: return a + b
            case .sub: return a - b
            case .mul: return a * b
            case .div: return a / b
            }
        }
    }

    /// Where an operand's values come from.
    enum Operand: Sendable {
        case activation(Int)
        case constant([Float])
    }

    let inputs: [Int]
    let output: Int
    let operation: Operation
    /// The two operands.
    let a: Operand, b: Operand
    /// How the operands are walked, worked out once at load.
    let walk: Walk

    /// `output = a ∘ b` for operands of `aShape` and `bShape` broadcast to `shape`.
    init(_ operation: Operation, a: Operand, aShape: [Int], b: Operand, bShape: [Int], shape: [Int], output: Int) {
        self.operation = operation
        self.a = a
        self.b = b
        self.walk = Walk(StridedView(broadcasting: aShape, to: shape), StridedView(broadcasting: bShape, to: shape))
        self.output = output
        self.inputs = [a, b].compactMap { if case .activation(let index) = $0 { index } else { nil } }
    }

    /// How two operands broadcast to the output's shape are read: as flat arrays or single
    /// values (one loop over the output), or, in general, `a` through its view with `b` read
    /// alongside from where each of the output's last-axis runs starts in `b`.
    enum Walk: Sendable {
        case flat(aScalar: Bool, bScalar: Bool, count: Int)
        case general(aView: StridedView, bStarts: [Int], bStep: Int, length: Int)

        /// The walk for operands read through `aView` and `bView` (views of the output's shape).
        init(_ aView: StridedView, _ bView: StridedView) {
            let aScalar = aView.strides.allSatisfy { $0 == 0 }, bScalar = bView.strides.allSatisfy { $0 == 0 }
            if (aScalar || aView == StridedView(contiguous: aView.shape)) && (bScalar || bView == StridedView(contiguous: bView.shape)) {
                self = .flat(aScalar: aScalar, bScalar: bScalar, count: aView.count)
                return
            }
            let length = max(aView.shape.last ?? 1, 1)
            var bStarts = [Int](repeating: 0, count: max(1, aView.count / length))
            StridedView(shape: Array(aView.shape.dropLast()), strides: Array(bView.strides.dropLast()), offset: 0).forEachRun { row, start, run, step in
                for i in 0..<run { bStarts[row + i] = start + i * step }
            }
            self = .general(aView: aView, bStarts: bStarts, bStep: bView.strides.last ?? 0, length: length)
        }

        /// `destination = a ∘ b` on up to `threads` workers (the flat walk; the general one,
        /// for small tensors such as a detection head's anchors, runs on one).
        func apply<Value: FloatingPoint>(_ operation: Operation, _ a: UnsafePointer<Value>, _ b: UnsafePointer<Value>,
                                         into destination: UnsafeMutablePointer<Value>, threads: Int = 1) {
            switch self {
            case .flat(let aScalar, let bScalar, let count):
                Parallel.forEachChunk(of: count, width: threads) { range in
                    switch (aScalar, bScalar) {
                    case (false, false): for i in range { destination[i] = operation.apply(a[i], b[i]) }
                    case (false, true): for i in range { destination[i] = operation.apply(a[i], b[0]) }
                    case (true, false): for i in range { destination[i] = operation.apply(a[0], b[i]) }
                    case (true, true): for i in range { destination[i] = operation.apply(a[0], b[0]) }
                    }
                }
            case .general(let aView, let bStarts, let bStep, let length):
                aView.forEachRun { target, start, run, step in
                    let bStart = bStarts[target / length]
                    for i in 0..<run { destination[target + i] = operation.apply(a[start + i * step], b[bStart + i * bStep]) }
                }
            }
        }
    }

    func run(_ workspace: ActivationWorkspace, threads: Int) {
        func values(_ operand: Operand, _ body: (UnsafePointer<Float>) -> Void) {
            switch operand {
            case .activation(let index): body(UnsafePointer(workspace[index]))
            case .constant(let values): values.withUnsafeBufferPointer { body($0.baseAddress!) }
            }
        }
        values(a) { a in
            values(b) { b in
                walk.apply(operation, a, b, into: workspace[output], threads: threads)
            }
        }
    }
}
