/// Winograd's minimal filtering F(2×2, 3×3): a 3×3, stride-1 convolution computed on 2×2 output
/// tiles from overlapping 4×4 input tiles, with 16 multiplications per tile instead of 36.
///
/// With the transforms of Lavin & Gray, "Fast Algorithms for Convolutional Neural Networks"
/// (2016), an output tile is `Aᵀ [(G g Gᵀ) ⊙ (Bᵀ d B)] A`, where `g` is a 3×3 kernel and `d` the
/// input tile. The transforms only add, subtract and halve, so the result stays within float
/// rounding of the direct convolution (``WinogradF4x4`` trades some of that for fewer products).
///
/// Tile `(ty, tx)` covers outputs `(2ty ..< 2ty + 2, 2tx ..< 2tx + 2)` and reads inputs
/// `(2ty − 1 ..< 2ty + 3, 2tx − 1 ..< 2tx + 3)`, zero outside the image (padding 1).
package enum WinogradF2x2: WinogradTiling {
    package static let outputSide = 2
    package static let algorithm = ConvolutionAlgorithm.winograd2x2

    package static func transformKernels(_ weights: UnsafePointer<Float>, count: Int, into block: UnsafeMutablePointer<Float>) {
        for kernel in 0..<count {
            let g = weights + 9 * kernel
            let (g0, g1, g2) = (SIMD4(g[0], g[1], g[2], 0), SIMD4(g[3], g[4], g[5], 0), SIMD4(g[6], g[7], g[8], 0))
            // (G g) Gᵀ: row `row` of G g combined the way G combines the rows of g.
            func store(_ row: Int, _ l: SIMD4<Float>) {
                block[(4 * row) * count + kernel] = l[0]
                block[(4 * row + 1) * count + kernel] = (l[0] + l[1] + l[2]) / 2
                block[(4 * row + 2) * count + kernel] = (l[0] - l[1] + l[2]) / 2
                block[(4 * row + 3) * count + kernel] = l[2]
            }
            // G g: the rows g₀, (g₀ + g₁ + g₂)/2, (g₀ − g₁ + g₂)/2, g₂.
            store(0, g0)
            store(1, (g0 + g1 + g2) / 2)
            store(2, (g0 - g1 + g2) / 2)
            store(3, g2)
        }
    }

    package static func transformInputRow(
        _ sourceRow: (Int) -> UnsafePointer<Float>, width: Int, rows: UnsafeMutablePointer<Float>, rowLength: Int,
        into first: UnsafeMutablePointer<Float>, matrixStride: Int, columns: Int, unit: VectorUnit
    ) {
        let (r0, r1, r2, r3) = (sourceRow(0), sourceRow(1), sourceRow(2), sourceRow(3))
        if let kernel = unit.winograd2x2InputRow {
            kernel(r0, r1, r2, r3, width, rows, rowLength, first, matrixStride, columns)
        } else {
            inputRow(r0, r1, r2, r3, width: width, rows: rows, rowLength: rowLength, into: first, matrixStride: matrixStride,
                     columns: columns)
        }
    }

    /// One tile row's input transform in Swift, as `grounding_winograd2x2_input_row_avx512` does it
    /// sixteen tiles at a time with the same operations (`vector_kernels.h` says where what goes).
    private static func inputRow(
        _ r0: UnsafePointer<Float>, _ r1: UnsafePointer<Float>, _ r2: UnsafePointer<Float>, _ r3: UnsafePointer<Float>,
        width: Int, rows: UnsafeMutablePointer<Float>, rowLength padded: Int, into first: UnsafeMutablePointer<Float>,
        matrixStride: Int, columns: Int
    ) {
        let (p0, p1, p2, p3) = (rows, rows + padded, rows + 2 &* padded, rows + 3 &* padded)
        // Bᵀ d: the vertical combinations of the four input rows, whole rows at a time.
        for x in 0..<width {
            let (a, b, c, d) = (r0[x], r1[x], r2[x], r3[x])
            p0[x &+ 1] = a - c
            p1[x &+ 1] = b + c
            p2[x &+ 1] = c - b
            p3[x &+ 1] = b - d
        }
        // (Bᵀ d) B: the same combinations horizontally, tile by tile.
        for i in 0..<4 {
            let p = rows + i &* padded
            let out = first + 4 &* i &* matrixStride
            for tx in 0..<columns {
                let (a, b, c, d) = (p[2 &* tx], p[2 &* tx &+ 1], p[2 &* tx &+ 2], p[2 &* tx &+ 3])
                out[tx] = a - c
                out[matrixStride &+ tx] = b + c
                out[2 &* matrixStride &+ tx] = c - b
                out[3 &* matrixStride &+ tx] = b - d
            }
        }
    }

    package static func outputRowKernel(_ unit: VectorUnit) -> VectorUnit.WinogradOutputRow? { unit.winograd2x2OutputRow }

    /// One tile row's output transform in Swift, tile by tile, into two rows of 2 · `columns`
    /// floats: what `grounding_winograd2x2_output_row_avx512` does sixteen tiles at a time with the
    /// same operations.
    package static func outputRow(_ first: UnsafePointer<Float>, matrixStride: Int, columns: Int,
                                  into rows: UnsafeMutablePointer<Float>) {
        let (top, bottom) = (rows, rows + 2 &* columns)
        for tx in 0..<columns {
            @inline(__always) func e(_ i: Int, _ j: Int) -> Float { first[(4 &* i &+ j) &* matrixStride &+ tx] }
            // Aᵀ m: rows s₀ = m₀ + m₁ + m₂ and s₁ = m₁ − m₂ − m₃; then the same along each row.
            let (s00, s01, s02, s03) = (e(0, 0) + e(1, 0) + e(2, 0), e(0, 1) + e(1, 1) + e(2, 1),
                                        e(0, 2) + e(1, 2) + e(2, 2), e(0, 3) + e(1, 3) + e(2, 3))
            let (s10, s11, s12, s13) = (e(1, 0) - e(2, 0) - e(3, 0), e(1, 1) - e(2, 1) - e(3, 1),
                                        e(1, 2) - e(2, 2) - e(3, 2), e(1, 3) - e(2, 3) - e(3, 3))
            top[2 &* tx] = s00 + s01 + s02
            top[2 &* tx &+ 1] = s01 - s02 - s03
            bottom[2 &* tx] = s10 + s11 + s12
            bottom[2 &* tx &+ 1] = s11 - s12 - s13
        }
    }
}
