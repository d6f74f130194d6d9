import GroundingCompute

/// `MatMul` of activations `[..., M, K] × [..., K, N]` (numpy's rule), one sgemm per matrix
/// pair; leading dimensions must match or one side must be a plain matrix.
struct ONNXMatMul: ONNXKernel {
    let inputs: [Int]
    let output: Int
    /// Matrix pairs, and the matrix sizes.
    let batch: Int, m: Int, k: Int, n: Int
    /// Whether each side has one matrix per pair (else one matrix for all).
    let aBatched: Bool, bBatched: Bool

    /// `output = a · b` for `a` of `aShape` and `b` of `bShape`; nil when the shapes do not
    /// multiply this way.
    init?(a: Int, aShape: [Int], b: Int, bShape: [Int], output: Int) {
        guard aShape.count >= 2, bShape.count >= 2, aShape[aShape.count - 1] == bShape[bShape.count - 2] else { return nil }
        let aLeading = Array(aShape.dropLast(2)), bLeading = Array(bShape.dropLast(2))
        let aCount = aLeading.reduce(1, *), bCount = bLeading.reduce(1, *)
        guard aLeading == bLeading || aCount == 1 || bCount == 1 else { return nil }
        self.inputs = [a, b]
        self.output = output
        self.m = aShape[aShape.count - 2]
        self.k = aShape[aShape.count - 1]
        self.n = bShape[bShape.count - 1]
        self.batch = max(aCount, bCount)
        self.aBatched = aCount > 1
        self.bBatched = bCount > 1
    }

    /// The output's shape for operands of these shapes.
    static func shape(_ aShape: [Int], _ bShape: [Int]) -> [Int] {
        let leading = aShape.count >= bShape.count ? aShape.dropLast(2) : bShape.dropLast(2)
        return Array(leading) + [aShape[aShape.count - 2], bShape[bShape.count - 1]]
    }

    func run(_ workspace: ActivationWorkspace, threads: Int) {
        let (a, b, c) = (UnsafePointer(workspace[inputs[0]]), UnsafePointer(workspace[inputs[1]]), workspace[output])
        Parallel.forEach(batch, width: threads) { _, pair in
            BLAS.sgemm(m: m, n: n, k: k, a: a + (aBatched ? pair * m * k : 0), lda: k,
                       b: b + (bBatched ? pair * k * n : 0), ldb: n, c: c + pair * m * n, ldc: n)
        }
    }
}
