/// Summed-area tables of a plane and of its squares, for the sum and variance of any window in
/// constant time (the image half of the NCC denominator).
///
/// Sums are kept in Double: over a megapixel of values in 0...1 a Float table would lose the
/// few low bits a window's variance is made of.
struct IntegralImage: Sendable {
    private let stride: Int
    private let sums: [Double]
    private let squares: [Double]

    /// Tables of `plane`, with a zero row and column in front.
    init(_ plane: GreyPlane) {
        let stride = plane.width + 1
        self.stride = stride
        var sums = [Double](repeating: 0, count: stride * (plane.height + 1))
        var squares = sums
        plane.values.withUnsafeBufferPointer { values in
            sums.withUnsafeMutableBufferPointer { s in
                squares.withUnsafeMutableBufferPointer { q in
                    for y in 0..<plane.height {
                        var rowSum: Double = 0, rowSquares: Double = 0
                        let above = y * stride, here = above + stride
                        for x in 0..<plane.width {
                            let v = Double(values[y * plane.width + x])
                            rowSum += v
                            rowSquares += v * v
                            s[here + x + 1] = s[above + x + 1] + rowSum
                            q[here + x + 1] = q[above + x + 1] + rowSquares
                        }
                    }
                }
            }
        }
        self.sums = sums
        self.squares = squares
    }

    /// `Σv` and `Σv²` over the `width × height` window at (`x`, `y`).
    @inline(__always)
    func sums(x: Int, y: Int, width: Int, height: Int) -> (sum: Double, squares: Double) {
        let a = y * stride + x, b = a + width, c = a + height * stride, d = c + width
        return (sums[d] - sums[b] - sums[c] + sums[a], squares[d] - squares[b] - squares[c] + squares[a])
    }

    /// `n · variance` of the `width × height` window at (`x`, `y`): `Σv² − (Σv)²/n`.
    @inline(__always)
    func scaledVariance(x: Int, y: Int, width: Int, height: Int) -> Double {
        let a = y * stride + x, b = a + width, c = a + height * stride, d = c + width
        let sum = sums[d] - sums[b] - sums[c] + sums[a]
        let square = squares[d] - squares[b] - squares[c] + squares[a]
        return square - sum * sum / Double(width * height)
    }
}
