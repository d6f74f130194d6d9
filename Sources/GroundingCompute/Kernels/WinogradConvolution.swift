/// A 3×3, stride-1, padding-1 convolution as a Winograd minimal filtering algorithm
/// (``WinogradTiling``: ``WinogradF2x2`` needs 2.25× fewer multiplications than im2col + sgemm,
/// ``WinogradF4x4`` 4×): one sgemm product per transformed tile element, per tile row band on
/// single-threaded OpenBLAS, between the input and output transforms. Measured on YOLOv4-tiny,
/// F(2×2, 3×3) wins on every such layer, the 13×13 ones included (a forward pass takes about two
/// thirds of the CPU time it took with im2col). The weights are transformed once, when the kernel
/// is built.
///
/// ```swift
/// if shape.isWinogradShape { kernel = WinogradConvolution<WinogradF2x2>(shape, weights: w, biases: b, activation: .leaky) }
/// ```
package struct WinogradConvolution<Tiling: WinogradTiling>: ConvolutionKernel {
    package let shape: ConvolutionShape
    package var algorithm: ConvolutionAlgorithm { Tiling.algorithm }
    /// The activation applied after the bias.
    package let activation: Activation
    /// The weights transformed: `[elements][filters][channels]` (``WinogradTiling/transformWeights(_:filters:channels:threads:)``).
    package let transformedWeights: [Float]
    /// One per filter.
    package let biases: [Float]
    /// The vector unit whose C kernels run the transforms, where the tiling has them.
    private let unit: VectorUnit

    /// A kernel for `shape` (``ConvolutionShape/isWinogradShape`` must hold) with `weights` laid out
    /// `[filters][channels][3][3]`, transformed here once, its transforms run on `unit` (this
    /// CPU's by default; it must be one the CPU ``VectorUnit/runs(_:)``; every unit gives the same floats).
    /// The weights are transformed on `threads` workers (the same floats for any number).
    package init(_ shape: ConvolutionShape, weights: [Float], biases: [Float], activation: Activation,
                 unit: VectorUnit = .current, threads: Int = 1) {
        precondition(VectorUnit.current.runs(unit), "this CPU cannot run \(unit) kernels")
        precondition(shape.isWinogradShape && weights.count == shape.weightCount && biases.count == shape.filters,
                     "not a Winograd shape or weights do not fit: \(shape)")
        self.shape = shape
        self.transformedWeights = Tiling.transformWeights(weights, filters: shape.filters, channels: shape.channels, threads: threads)
        self.biases = biases
        self.activation = activation
        self.unit = unit
    }

    /// The tiles a band aims at: enough columns for the products to run sgemm efficiently,
    /// few enough that a band's transformed input and products stay near the cache (on
    /// YOLOv4-tiny, bands sized to a cache budget instead measured no faster). 256 for
    /// F(2×2, 3×3), 113 for F(4×4, 3×3): a band holds about as many floats with either.
    static var bandTiles: Int { 4096 / Tiling.elements }

    /// Tile rows per band when each worker runs whole bands (transform, products, inverse
    /// transform), in a multiple of ``convolutionParts`` bands; `nil` when the image has fewer
    /// than half ``bandTiles`` tiles per part (the 13×13 and 26×26 layers of YOLOv4-tiny), so
    /// that the workers share each phase of the whole batch instead. The bands depend on the
    /// shape only, never on the threads (see ``convolutionParts``).
    package static func bandRows(_ shape: ConvolutionShape) -> Int? {
        let (rows, columns) = (Tiling.tiles(shape.outputHeight), Tiling.tiles(shape.outputWidth))
        let tiles = rows * columns
        guard tiles / convolutionParts >= Self.bandTiles / 2 else { return nil }
        let perRound = convolutionParts * Self.bandTiles
        let bands = (tiles + perRound - 1) / perRound * convolutionParts
        return (rows + bands - 1) / bands
    }

    /// Floats of scratch a Winograd pass over `batch` images with `threads` workers needs: the
    /// transformed input (`elements × channels × tiles`) and products (`elements × filters × tiles`)
    /// of every worker's band, or of the whole batch when the workers share phases, plus each
    /// worker's row scratch.
    static func scratchCount(_ shape: ConvolutionShape, batch: Int, threads: Int) -> Int {
        let rowScratch = Tiling.rowScratchCount(width: shape.outputWidth)
        let matrices = Tiling.elements * (shape.channels + shape.filters) * Tiling.tiles(shape.outputWidth)
        if let bandRows = bandRows(shape) {
            return threads * (matrices * bandRows + rowScratch)
        }
        return batch * matrices * Tiling.tiles(shape.outputHeight) + threads * rowScratch
    }

    package func run(_ source: UnsafePointer<Float>, into destination: UnsafeMutablePointer<Float>, batch: Int,
                     threads: Int, scratch: UnsafeMutablePointer<Float>) {
        transformedWeights.withUnsafeBufferPointer { weights in
            biases.withUnsafeBufferPointer { biases in
                let parameters = (weights: weights.baseAddress!, biases: biases.baseAddress!)
                if let bandRows = Self.bandRows(shape) {
                    runBands(source, into: destination, batch: batch, threads: threads, bandRows: bandRows,
                                         scratch: scratch, parameters)
                } else {
                    runPhases(source, into: destination, batch: batch, threads: threads, scratch: scratch, parameters)
                }
            }
        }
    }

    /// Each worker takes bands of tile rows of one image, in its own scratch slot: transforms
    /// the band's input, multiplies, and writes the band's output rows.
    private func runBands(
        _ source: UnsafePointer<Float>, into destination: UnsafeMutablePointer<Float>, batch: Int, threads: Int,
        bandRows: Int, scratch: UnsafeMutablePointer<Float>,
        _ parameters: (weights: UnsafePointer<Float>, biases: UnsafePointer<Float>)
    ) {
        let (channels, filters) = (shape.channels, shape.filters)
        let (tileRows, tileColumns) = (Tiling.tiles(shape.outputHeight), Tiling.tiles(shape.outputWidth))
        let bands = (tileRows + bandRows - 1) / bandRows
        let slot = Self.scratchCount(shape, batch: batch, threads: threads) / threads
        Parallel.forEach(batch * bands, width: threads) { worker, item in
            let (n, band) = item.quotientAndRemainder(dividingBy: bands)
            let rows = band * bandRows..<min(tileRows, (band + 1) * bandRows)
            let tiles = rows.count * tileColumns
            let v = scratch + worker * slot
            let m = v + Tiling.elements * channels * tiles
            let rowScratch = m + Tiling.elements * filters * tiles
            Tiling.transformInput(source + n * shape.inputCount, height: shape.height, width: shape.width,
                                    channels: 0..<channels, tileRows: rows, into: v,
                                    rowStride: tiles, matrixStride: channels * tiles, rows: rowScratch, unit: unit)
            for element in 0..<Tiling.elements {
                multiply(element, parameters.weights, v, tiles: tiles, into: m)
            }
            Tiling.transformOutput(m, rowStride: tiles, matrixStride: filters * tiles, filters: 0..<filters, tileRows: rows,
                                     height: shape.outputHeight, width: shape.outputWidth, biases: parameters.biases,
                                     activation: activation, into: destination + n * shape.outputCount, rows: rowScratch, unit: unit)
        }
    }

    /// For small grids, the whole batch at once in three phases the workers share: transform
    /// the input (split by channel), the products (one at a time per worker, every image's
    /// tiles side by side as the columns), the inverse transform (split by filter).
    private func runPhases(
        _ source: UnsafePointer<Float>, into destination: UnsafeMutablePointer<Float>, batch: Int, threads: Int,
        scratch: UnsafeMutablePointer<Float>, _ parameters: (weights: UnsafePointer<Float>, biases: UnsafePointer<Float>)
    ) {
        let (channels, filters) = (shape.channels, shape.filters)
        let imageTiles = Tiling.tiles(shape.outputHeight) * Tiling.tiles(shape.outputWidth)
        let tiles = batch * imageTiles
        let v = scratch
        let m = v + Tiling.elements * channels * tiles
        let rowScratch = m + Tiling.elements * filters * tiles
        let rowScratchCount = Tiling.rowScratchCount(width: shape.outputWidth)
        let allRows = 0..<Tiling.tiles(shape.outputHeight)
        Parallel.run(width: threads) { worker in
            for n in 0..<batch {
                Tiling.transformInput(source + n * shape.inputCount, height: shape.height, width: shape.width,
                                        channels: worker * channels / threads..<(worker + 1) * channels / threads,
                                        tileRows: allRows, into: v + n * imageTiles,
                                        rowStride: tiles, matrixStride: channels * tiles,
                                        rows: rowScratch + worker * rowScratchCount, unit: unit)
            }
        }
        Parallel.forEach(Tiling.elements, width: threads) { _, element in
            multiply(element, parameters.weights, v, tiles: tiles, into: m)
        }
        Parallel.run(width: threads) { worker in
            for n in 0..<batch {
                Tiling.transformOutput(m + n * imageTiles, rowStride: tiles, matrixStride: filters * tiles,
                                         filters: worker * filters / threads..<(worker + 1) * filters / threads,
                                         tileRows: allRows, height: shape.outputHeight, width: shape.outputWidth,
                                         biases: parameters.biases, activation: activation,
                                         into: destination + n * shape.outputCount, rows: rowScratch + worker * rowScratchCount,
                                         unit: unit)
            }
        }
    }

    /// `M_ξ = U_ξ · V_ξ` for element `element`: filters × channels times channels × `tiles`.
    private func multiply(_ element: Int, _ weights: UnsafePointer<Float>, _ v: UnsafePointer<Float>, tiles: Int,
                          into m: UnsafeMutablePointer<Float>) {
        let (channels, filters) = (shape.channels, shape.filters)
        BLAS.sgemm(m: filters, n: tiles, k: channels,
                   a: weights + element * filters * channels, lda: channels,
                   b: v + element * channels * tiles, ldb: tiles,
                   c: m + element * filters * tiles, ldc: tiles)
    }
}
