/// Winograd's minimal filtering F(4×4, 3×3): a 3×3, stride-1 convolution computed on 4×4 output
/// tiles from overlapping 6×6 input tiles, with 36 multiplications per tile instead of 144: 1.78×
/// fewer than ``WinogradF2x2``, for transforms that cost more per tile.
///
/// The transforms are Lavin & Gray's, on the points 0, ±1, ±2 and ∞. They scale by up to 8 (and
/// the weights' by 1/24), so the result lies further from the direct convolution than
/// F(2×2, 3×3)'s: within 7e-6 of the largest output on the kernel tests' 64-channel layer, where
/// im2col is within 1e-6. The weights are transformed in double precision, which keeps their
/// share of the error to one rounding.
///
/// Tile `(ty, tx)` covers outputs `(4ty ..< 4ty + 4, 4tx ..< 4tx + 4)` and reads inputs
/// `(4ty − 1 ..< 4ty + 5, 4tx − 1 ..< 4tx + 5)`, zero outside the image (padding 1).
package enum WinogradF4x4: WinogradTiling {
    package static let outputSide = 4
    package static let algorithm = ConvolutionAlgorithm.winograd4x4

    /// The fewest tiles per image for which ``ComputeBackend`` chooses it over F(2×2, 3×3): each
    /// of its 36 products has one column per tile, and with too few sgemm runs far below its
    /// speed. Measured on YOLOv4-tiny (two threads, batch 1, fastest of four runs each): on
    /// 104×104, 52×52 and 26×26 planes (676, 169 and 49 tiles) it took 2.9 ms less over the ten
    /// such layers; on 13×13 planes (16 tiles) 1.5 ms more over the two.
    package static let minimumTiles = 49

    /// G, 6 × 3, row by row: how a transformed kernel's rows (and then columns) combine the kernel's.
    private static let g: [Double] = [
        1.0 / 4, 0, 0,
        -1.0 / 6, -1.0 / 6, -1.0 / 6,
        -1.0 / 6, 1.0 / 6, -1.0 / 6,
        1.0 / 24, 1.0 / 12, 1.0 / 6,
        1.0 / 24, -1.0 / 12, 1.0 / 6,
        0, 0, 1,
    ]

    package static func transformKernels(_ weights: UnsafePointer<Float>, count: Int, into block: UnsafeMutablePointer<Float>) {
        g.withUnsafeBufferPointer { g in
            var left = [Double](repeating: 0, count: 18)
            for kernel in 0..<count {
                let kernelWeights = weights + 9 * kernel
                // G g: 6 rows of 3.
                for i in 0..<6 {
                    for j in 0..<3 {
                        left[3 * i + j] = g[3 * i] * Double(kernelWeights[j]) + g[3 * i + 1] * Double(kernelWeights[3 + j])
                            + g[3 * i + 2] * Double(kernelWeights[6 + j])
                    }
                }
                // (G g) Gᵀ: 6 × 6.
                for i in 0..<6 {
                    for j in 0..<6 {
                        let value = left[3 * i] * g[3 * j] + left[3 * i + 1] * g[3 * j + 1] + left[3 * i + 2] * g[3 * j + 2]
                        block[(6 * i + j) * count + kernel] = Float(value)
                    }
                }
            }
        }
    }

    package static func transformInputRow(
        _ sourceRow: (Int) -> UnsafePointer<Float>, width: Int, rows: UnsafeMutablePointer<Float>, rowLength: Int,
        into first: UnsafeMutablePointer<Float>, matrixStride: Int, columns: Int, unit: VectorUnit
    ) {
        let (r0, r1, r2, r3, r4, r5) = (sourceRow(0), sourceRow(1), sourceRow(2), sourceRow(3), sourceRow(4), sourceRow(5))
        if let kernel = unit.winograd4x4InputRow {
            kernel(r0, r1, r2, r3, r4, r5, width, rows, rowLength, first, matrixStride, columns)
        } else {
            inputRow(r0, r1, r2, r3, r4, r5, width: width, rows: rows, rowLength: rowLength, into: first,
                     matrixStride: matrixStride, columns: columns)
        }
    }

    /// One tile row's input transform in Swift, as `grounding_winograd4x4_input_row_avx512` does it
    /// sixteen tiles at a time with the same operations (`vector_kernels.h` says where what goes).
    private static func inputRow(
        _ r0: UnsafePointer<Float>, _ r1: UnsafePointer<Float>, _ r2: UnsafePointer<Float>, _ r3: UnsafePointer<Float>,
        _ r4: UnsafePointer<Float>, _ r5: UnsafePointer<Float>, width: Int, rows: UnsafeMutablePointer<Float>,
        rowLength padded: Int, into first: UnsafeMutablePointer<Float>, matrixStride: Int, columns: Int
    ) {
        let (p0, p1, p2) = (rows, rows + padded, rows + 2 &* padded)
        let (p3, p4, p5) = (rows + 3 &* padded, rows + 4 &* padded, rows + 5 &* padded)
        // Bᵀ d: the vertical combinations of the six input rows, whole rows at a time, eight
        // columns at a time in SIMD registers (not left to the compiler: the loop reads and
        // writes twelve rows it cannot tell apart), the last few broadcast one by one.
        var x = 0
        while x &+ 8 <= width {
            @inline(__always) func load(_ row: UnsafePointer<Float>) -> SIMD8<Float> {
                UnsafeRawPointer(row + x).loadUnaligned(as: SIMD8<Float>.self)
            }
            let q = inputCombinations(load(r0), load(r1), load(r2), load(r3), load(r4), load(r5))
            @inline(__always) func store(_ row: UnsafeMutablePointer<Float>, _ value: SIMD8<Float>) {
                UnsafeMutableRawPointer(row + (x &+ 1)).storeBytes(of: value, as: SIMD8<Float>.self)
            }
            store(p0, q.0)
            store(p1, q.1)
            store(p2, q.2)
            store(p3, q.3)
            store(p4, q.4)
            store(p5, q.5)
            x &+= 8
        }
        while x < width {
            let q = inputCombinations(SIMD8(repeating: r0[x]), SIMD8(repeating: r1[x]), SIMD8(repeating: r2[x]),
                                      SIMD8(repeating: r3[x]), SIMD8(repeating: r4[x]), SIMD8(repeating: r5[x]))
            (p0[x &+ 1], p1[x &+ 1], p2[x &+ 1], p3[x &+ 1], p4[x &+ 1], p5[x &+ 1]) = (q.0[0], q.1[0], q.2[0], q.3[0], q.4[0], q.5[0])
            x &+= 1
        }
        // (Bᵀ d) B: the same combinations horizontally. A tile reads six of a padded row's
        // entries from 4·tx: for eight tiles whose entries all lie in the row, two loads of
        // 32 entries (from 4·tx and 4·tx + 4) split into every fourth one give the six as
        // vectors; the last tiles go one by one.
        for i in 0..<6 {
            let p = rows + i &* padded
            let out = first + 6 &* i &* matrixStride
            @inline(__always) func put(_ element: Int, _ tx: Int, _ value: SIMD8<Float>) {
                UnsafeMutableRawPointer(out + (element &* matrixStride &+ tx)).storeBytes(of: value, as: SIMD8<Float>.self)
            }
            var tx = 0
            // The second load reads up to entry 4·tx + 35 (so these tiles all lie in the row).
            while 4 &* tx &+ 36 <= padded {
                let here = UnsafeRawPointer(p + 4 &* tx).loadUnaligned(as: SIMD32<Float>.self)
                let next = UnsafeRawPointer(p + (4 &* tx &+ 4)).loadUnaligned(as: SIMD32<Float>.self)
                let (even, odd, nextEven, nextOdd) = (here.evenHalf, here.oddHalf, next.evenHalf, next.oddHalf)
                let q = inputCombinations(even.evenHalf, odd.evenHalf, even.oddHalf, odd.oddHalf, nextEven.evenHalf, nextOdd.evenHalf)
                put(0, tx, q.0)
                put(1, tx, q.1)
                put(2, tx, q.2)
                put(3, tx, q.3)
                put(4, tx, q.4)
                put(5, tx, q.5)
                tx &+= 8
            }
            while tx < columns {
                let e = p + 4 &* tx
                let q = inputCombinations(SIMD8(repeating: e[0]), SIMD8(repeating: e[1]), SIMD8(repeating: e[2]),
                                          SIMD8(repeating: e[3]), SIMD8(repeating: e[4]), SIMD8(repeating: e[5]))
                (out[tx], out[matrixStride &+ tx], out[2 &* matrixStride &+ tx]) = (q.0[0], q.1[0], q.2[0])
                (out[3 &* matrixStride &+ tx], out[4 &* matrixStride &+ tx], out[5 &* matrixStride &+ tx]) = (q.3[0], q.4[0], q.5[0])
                tx &+= 1
            }
        }
    }

    /// Bᵀ's six combinations of six values (a column or a row of an input tile), eight at a time.
    @inline(__always)
    private static func inputCombinations(_ d0: SIMD8<Float>, _ d1: SIMD8<Float>, _ d2: SIMD8<Float>, _ d3: SIMD8<Float>,
                                          _ d4: SIMD8<Float>, _ d5: SIMD8<Float>)
        -> (SIMD8<Float>, SIMD8<Float>, SIMD8<Float>, SIMD8<Float>, SIMD8<Float>, SIMD8<Float>) {
        let (a, b) = (d4 - 4 * d2, d3 - 4 * d1)
        let (c2, e) = (d4 - d2, 2 * (d3 - d1))
        return (4 * d0 - 5 * d2 + d4, a + b, a - b, c2 + e, c2 - e, 4 * d1 - 5 * d3 + d5)
    }

    package static func outputRowKernel(_ unit: VectorUnit) -> VectorUnit.WinogradOutputRow? { unit.winograd4x4OutputRow }

    /// One tile row's output transform in Swift, tile by tile, into four rows of 4 · `columns`
    /// floats: what `grounding_winograd4x4_output_row_avx512` does sixteen tiles at a time with the
    /// same operations. (Four versions vectorised across tiles in Swift were slower than this.)
    package static func outputRow(_ first: UnsafePointer<Float>, matrixStride: Int, columns: Int,
                                  into rows: UnsafeMutablePointer<Float>) {
        let span = 4 &* columns
        for tx in 0..<columns {
            // Aᵀ m: four rows from the six, a column of the tile per lane; then the same along each row.
            let tile = first + tx
            @inline(__always) func row(_ i: Int) -> SIMD8<Float> {
                let e = tile + 6 &* i &* matrixStride
                return SIMD8(e[0], e[matrixStride], e[2 &* matrixStride], e[3 &* matrixStride],
                             e[4 &* matrixStride], e[5 &* matrixStride], 0, 0)
            }
            let (e0, e1, e2, e3, e4, e5) = (row(0), row(1), row(2), row(3), row(4), row(5))
            let (a, b, c, d) = (e1 + e2, e3 + e4, e1 - e2, e3 - e4)
            let s = (e0 + a + b, c + 2 * d, a + 4 * b, c + 8 * d + e5)
            @inline(__always) func store(_ r: Int, _ t: SIMD8<Float>) {
                let (a, b, c, d) = (t[1] + t[2], t[3] + t[4], t[1] - t[2], t[3] - t[4])
                let out = rows + (r &* span &+ 4 &* tx)
                out[0] = t[0] + a + b
                out[1] = c + 2 * d
                out[2] = a + 4 * b
                out[3] = c + 8 * d + t[5]
            }
            store(0, s.0)
            store(1, s.1)
            store(2, s.2)
            store(3, s.3)
        }
    }
}
