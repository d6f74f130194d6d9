/// The Cholesky factor `L` of a symmetric positive definite matrix (`A = L·Lᵀ`), which solves
/// `A x = b` for any number of right-hand sides: the small systems of ``LearnedLikeness`` (a
/// few hundred unknowns), where calling LAPACK would cost more than it saves.
package struct CholeskyFactor: Sendable {
    /// The order of the matrix.
    package let order: Int
    /// `L`, row-major; above the diagonal zero.
    private var lower: [Double]

    /// The factor of `matrix` (row-major, `order × order`, symmetric; only its lower triangle
    /// is read); nil when it is not positive definite.
    package init?(_ matrix: [Double], order n: Int) {
        precondition(matrix.count == n * n, "a \(n) × \(n) matrix has \(n * n) entries")
        var lower = [Double](repeating: 0, count: n * n)
        for i in 0..<n {
            for j in 0...i {
                var sum = matrix[i * n + j]
                for k in 0..<j { sum -= lower[i * n + k] * lower[j * n + k] }
                if i == j {
                    guard sum > 0 else { return nil }
                    lower[i * n + i] = sum.squareRoot()
                } else {
                    lower[i * n + j] = sum / lower[j * n + j]
                }
            }
        }
        self.order = n
        self.lower = lower
    }

    /// `x` with `A x = rhs`.
    package func solve(_ rhs: [Double]) -> [Double] {
        let n = order
        precondition(rhs.count == n, "the right-hand side needs \(n) entries")
        // L·y = rhs, then Lᵀ·x = y.
        var x = rhs
        for i in 0..<n {
            var sum = x[i]
            for k in 0..<i { sum -= lower[i * n + k] * x[k] }
            x[i] = sum / lower[i * n + i]
        }
        for i in stride(from: n - 1, through: 0, by: -1) {
            var sum = x[i]
            for k in (i + 1)..<n { sum -= lower[k * n + i] * x[k] }
            x[i] = sum / lower[i * n + i]
        }
        return x
    }
}
