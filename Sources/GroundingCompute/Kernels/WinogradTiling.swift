/// A Winograd minimal filtering algorithm F(m×m, 3×3): how a 3×3, stride-1, padding-1
/// convolution is computed on m×m output tiles read from overlapping (m+2)×(m+2) input tiles,
/// with (m+2)² multiplications per tile instead of 9m².
///
/// An output tile is `Aᵀ [(G g Gᵀ) ⊙ (Bᵀ d B)] A`, where `g` is a 3×3 kernel and `d` the input
/// tile (Lavin & Gray, "Fast Algorithms for Convolutional Neural Networks", 2016). Summed over
/// input channels, the element-wise product becomes (m+2)² independent matrix products, one per
/// element `ξ` of a transformed tile: `M_ξ = U_ξ · V_ξ`, with `U_ξ` filters × channels (the
/// transformed weights) and `V_ξ` channels × tiles (the transformed input). Those products are
/// where sgemm runs (``WinogradConvolution``); a tiling supplies the three transforms.
///
/// Tile `(ty, tx)` covers outputs `(m·ty ..< m·ty + m, m·tx ..< m·tx + m)` and reads inputs
/// `(m·ty − 1 ..< m·ty + m + 1, …)`, zero outside the image. A tile row is ``tiles(_:)`` tiles
/// wide; transformed matrices hold a tile row's tiles contiguously.
package protocol WinogradTiling: Sendable {
    /// Outputs along each side of a tile, m.
    static var outputSide: Int { get }
    /// The algorithm a convolution with this tiling runs as.
    static var algorithm: ConvolutionAlgorithm { get }

    /// `(G g Gᵀ)[ξ]` for each of `count` consecutive 3×3 kernels `g` at `weights`: kernel k's
    /// element ξ goes to `block[ξ · count + k]`. ``transformWeights(_:filters:channels:threads:)``
    /// calls it on blocks of ``kernelsPerBlock`` kernels.
    static func transformKernels(_ weights: UnsafePointer<Float>, count: Int, into block: UnsafeMutablePointer<Float>)

    /// `Bᵀ d B` for the `columns` tiles of one tile row of one channel. `sourceRow(i)` is input
    /// row i of the tile row (i < ``inputSide``; a row of zeros above or below the image), `width`
    /// floats. Their vertical combinations go to the m + 2 rows of `rows`, `rowLength` floats apart,
    /// from index 1 (``preparePaddedRows(_:width:)`` has zeroed the rest); tile t's element ξ goes
    /// to `first[ξ · matrixStride + t]`. A tiling with a C kernel for `unit` runs it; every unit
    /// gives the same floats.
    static func transformInputRow(
        _ sourceRow: (Int) -> UnsafePointer<Float>, width: Int, rows: UnsafeMutablePointer<Float>, rowLength: Int,
        into first: UnsafeMutablePointer<Float>, matrixStride: Int, columns: Int, unit: VectorUnit)

    /// `Aᵀ m A` for the `columns` tiles of one tile row of one filter, before the bias and the
    /// activation, in Swift: tile t's element ξ is `first[ξ · matrixStride + t]`, and its m×m
    /// outputs go to `rows[r · m · columns + m · t + c]`, m rows of m · `columns` floats.
    static func outputRow(_ first: UnsafePointer<Float>, matrixStride: Int, columns: Int, into rows: UnsafeMutablePointer<Float>)

    /// The C kernel that does what ``outputRow(_:matrixStride:columns:into:)`` does, giving the
    /// same floats, on `unit`; nil where the tiling has none for it.
    static func outputRowKernel(_ unit: VectorUnit) -> VectorUnit.WinogradOutputRow?
}

extension WinogradTiling {
    /// Kernels transformed together: the block's ``elements`` rows stay in the cache, and each is
    /// copied to its matrix whole.
    static var kernelsPerBlock: Int { 64 }

    /// `U[ξ][k][c] = (G g Gᵀ)[ξ]` for every kernel `g` of weights laid out
    /// `[filters][channels][3][3]`: ``elements`` matrices of `filters × channels`, on `threads`
    /// workers. Kernels are transformed a block at a time and each of the block's rows copied to
    /// its matrix: written kernel by kernel, every kernel touched ``elements`` matrices, and
    /// transforming YOLOv4-tiny's weights (14 million floats) took longer than a forward pass.
    /// Every kernel is transformed alone, so the floats are the same whatever the threads.
    package static func transformWeights(_ weights: [Float], filters: Int, channels: Int, threads: Int) -> [Float] {
        let matrix = filters * channels, perBlock = kernelsPerBlock
        precondition(weights.count == 9 * matrix, "\(weights.count) weights are not \(filters) × \(channels) 3×3 kernels")
        return [Float](unsafeUninitializedCapacity: elements * matrix) { transformed, count in
            HugePages.advise(transformed.baseAddress!, count: transformed.count)
            weights.withUnsafeBufferPointer { weights in
                let scratch = UnsafeMutablePointer<Float>.allocate(capacity: max(1, threads) * elements * perBlock)
                defer { scratch.deallocate() }
                // Each block writes only its own columns of the matrices, so the workers do not race.
                nonisolated(unsafe) let (source, destination) = (weights.baseAddress!, transformed.baseAddress!)
                Parallel.forEach((matrix + perBlock - 1) / perBlock, width: max(1, threads)) { worker, block in
                    let first = block * perBlock, kernels = min(perBlock, matrix - first)
                    let rows = scratch + worker * elements * perBlock
                    transformKernels(source + 9 * first, count: kernels, into: rows)
                    for element in 0..<elements {
                        (destination + element * matrix + first).update(from: rows + element * kernels, count: kernels)
                    }
                }
            }
            count = elements * matrix
        }
    }

    /// Inputs along each side of a tile: m + 2.
    package static var inputSide: Int { outputSide + 2 }
    /// Elements of a transformed tile, and so matrix products per convolution: (m + 2)².
    package static var elements: Int { inputSide * inputSide }
    /// Tiles covering `extent` outputs along one axis: ⌈extent / m⌉.
    package static func tiles(_ extent: Int) -> Int { (extent + outputSide - 1) / outputSide }
    /// Floats of row scratch the transforms need for an image `width` wide: m + 2 zero-padded
    /// rows of tile inputs plus a zero row (the output transform's m rows fit in them).
    package static func rowScratchCount(width: Int) -> Int { inputSide * (outputSide * tiles(width) + 2) + width }

    /// Clears the borders of the input transform's rows in `rows` (``rowScratchCount(width:)``
    /// floats) and returns their length and the zero row that stands for rows above and below the
    /// image: padded row i holds input column x at index x + 1, and its first and last entries
    /// stay 0.
    static func preparePaddedRows(_ rows: UnsafeMutablePointer<Float>, width: Int) -> (padded: Int, zero: UnsafePointer<Float>) {
        let padded = outputSide &* tiles(width) &+ 2
        let zero = rows + inputSide &* padded
        zero.update(repeating: 0, count: width)
        for i in 0..<inputSide {
            let row = rows + i &* padded
            row[0] = 0
            row.advanced(by: 1 &+ width).update(repeating: 0, count: padded &- 1 &- width)
        }
        return (padded, UnsafePointer(zero))
    }

    /// Writes `V[ξ][c][t] = (Bᵀ d B)[ξ]` for the input tiles `d` of `channels` of one
    /// `height × width` image at tile rows `tileRows`, one tile row at a time
    /// (``transformInputRow(_:width:rows:rowLength:into:matrixStride:columns:unit:)``).
    ///
    /// Channel `c`'s tiles start at `v + ξ·matrixStride + c·rowStride`, tile row `tileRows.lowerBound`
    /// first. `rows` is ``rowScratchCount(width:)`` floats of the caller's own scratch.
    package static func transformInput(
        _ image: UnsafePointer<Float>, height: Int, width: Int, channels: Range<Int>, tileRows: Range<Int>,
        into v: UnsafeMutablePointer<Float>, rowStride: Int, matrixStride: Int, rows: UnsafeMutablePointer<Float>,
        unit: VectorUnit
    ) {
        let columns = tiles(width)
        let (padded, zero) = preparePaddedRows(rows, width: width)
        for c in channels {
            let plane = image + c &* height &* width
            for ty in tileRows {
                transformInputRow({ i in
                    let y = outputSide &* ty &- 1 &+ i
                    return y >= 0 && y < height ? plane + y &* width : zero
                }, width: width, rows: rows, rowLength: padded,
                into: v + (c &* rowStride &+ (ty &- tileRows.lowerBound) &* columns), matrixStride: matrixStride,
                columns: columns, unit: unit)
            }
        }
    }

    /// ``outputRow(_:matrixStride:columns:into:)`` by the tiling's C kernel for `unit`, where it
    /// has one.
    @inline(__always)
    static func transformOutputRow(_ first: UnsafePointer<Float>, matrixStride: Int, columns: Int,
                                   into rows: UnsafeMutablePointer<Float>, unit: VectorUnit) {
        if let kernel = outputRowKernel(unit) {
            kernel(first, matrixStride, columns, rows)
        } else {
            outputRow(first, matrixStride: matrixStride, columns: columns, into: rows)
        }
    }

    /// Writes `activation(Aᵀ m A + bias)` into the output planes of `filters` of one
    /// `height × width` image at tile rows `tileRows`, where `m` are the product tiles laid out as
    /// ``transformInput(_:height:width:channels:tileRows:into:rowStride:matrixStride:rows:unit:)``
    /// lays out its tiles (filter `k` in place of channel `c`): one tile row at a time
    /// (``transformOutputRow(_:matrixStride:columns:into:unit:)``), each of its output rows
    /// activated while it is in cache. `rows` is ``rowScratchCount(width:)`` floats of the
    /// caller's own scratch; `unit` also runs the activation.
    package static func transformOutput(
        _ m: UnsafePointer<Float>, rowStride: Int, matrixStride: Int, filters: Range<Int>, tileRows: Range<Int>,
        height: Int, width: Int, biases: UnsafePointer<Float>, activation: Activation,
        into output: UnsafeMutablePointer<Float>, rows: UnsafeMutablePointer<Float>, unit: VectorUnit
    ) {
        let columns = tiles(width)
        let span = outputSide &* columns
        for k in filters {
            let plane = output + k &* height &* width
            for ty in tileRows {
                transformOutputRow(m + (k &* rowStride &+ (ty &- tileRows.lowerBound) &* columns), matrixStride: matrixStride,
                                   columns: columns, into: rows, unit: unit)
                for r in 0..<outputSide where outputSide &* ty &+ r < height {
                    activation.apply(bias: biases[k], from: rows + r &* span, to: plane + (outputSide &* ty &+ r) &* width,
                                     count: width, unit: unit)
                }
            }
        }
    }
}
