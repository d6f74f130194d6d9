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
    /// How each operand is read for the output's shape.
    let aView: StridedView, bView: StridedView

    /// `output = a ∘ b` for operands of `aShape` and `bShape` broadcast to `shape`.
    init(_ operation: Operation, a: Operand, aShape: [Int], b: Operand, bShape: [Int], shape: [Int], output: Int) {
        self.operation = operation
        self.a = a
        self.b = b
        self.aView = StridedView(broadcasting: aShape, to: shape)
        self.bView = StridedView(broadcasting: bShape, to: shape)
        self.output = output
        self.inputs = [a, b].compactMap { if case .activation(let index) = $0 { index } else { nil } }
    }

    /// `destination = a ∘ b`, the operands read through their views of the output's shape.
    static func apply<Value: FloatingPoint>(_ operation: Operation, _ a: UnsafePointer<Value>, _ aView: StridedView,
                                            _ b: UnsafePointer<Value>, _ bView: StridedView,
                                            into destination: UnsafeMutablePointer<Value>, threads: Int = 1) {
        let count = aView.count
        let aFlat = aView == StridedView(contiguous: aView.shape)
        let bFlat = bView == StridedView(contiguous: bView.shape)
        let aScalar = aView.strides.allSatisfy { $0 == 0 }
        let bScalar = bView.strides.allSatisfy { $0 == 0 }
        if (aFlat || aScalar) && (bFlat || bScalar) {
            Parallel.forEachChunk(of: count, width: threads) { range in
                switch (aScalar, bScalar) {
                case (false, false): for i in range { destination[i] = operation.apply(a[i], b[i]) }
                case (false, true): for i in range { destination[i] = operation.apply(a[i], b[0]) }
                case (true, false): for i in range { destination[i] = operation.apply(a[0], b[i]) }
                case (true, true): for i in range { destination[i] = operation.apply(a[0], b[0]) }
                }
            }
            return
        }
        // General broadcasting: walk a's runs and read b alongside at the same output index.
        let shape = aView.shape
        let length = shape.last ?? 1
        let bStep = bView.strides.last ?? 0
        var bStarts = [Int](repeating: 0, count: max(1, count / max(length, 1)))
        StridedView(shape: Array(shape.dropLast()), strides: Array(bView.strides.dropLast()), offset: 0).forEachRun { row, start, runLength, step in
            for i in 0..<runLength { bStarts[row + i] = start + i * step }
        }
        aView.forEachRun { target, start, run, step in
            let bStart = bStarts[target / max(length, 1)]
            for i in 0..<run { destination[target + i] = operation.apply(a[start + i * step], b[bStart + i * bStep]) }
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
                Self.apply(operation, a, aView, b, bView, into: workspace[output], threads: threads)
            }
        }
    }
}
