extension ConvolutionLayer {
    /// Whether the layer runs as ``Winograd`` F(2×2, 3×3) rather than im2col + sgemm: 3×3,
    /// stride 1, padding 1, one group (most of YOLOv4-tiny's work), where it needs 2.25× fewer
    /// multiplications. Measured on YOLOv4-tiny it wins on every such layer, the 13×13 ones
    /// included (a forward pass takes about two thirds of the CPU time it took with im2col).
    package var usesWinograd: Bool { size == 3 && stride == 1 && padding == 1 && groups == 1 }

    /// The tiles a band aims at: enough columns for the 16 products to run sgemm efficiently,
    /// few enough that a band's transformed input and products stay near the cache (on
    /// YOLOv4-tiny, bands sized to a cache budget instead measured no faster).
    static let winogradBandTiles = 256

    /// Tile rows per band when each worker runs whole bands (transform, 16 products, inverse
    /// transform), in a multiple of `threads` bands; `nil` when the image has fewer than half
    /// ``winogradBandTiles`` tiles per worker (the 13×13 and 26×26 layers of YOLOv4-tiny on two
    /// threads), so that the workers share each phase of the whole batch instead.
    package func winogradBandRows(threads: Int) -> Int? {
        let (rows, columns) = (Winograd.tiles(output.height), Winograd.tiles(output.width))
        let tiles = rows * columns
        guard tiles / threads >= Self.winogradBandTiles / 2 else { return nil }
        let perRound = threads * Self.winogradBandTiles
        let bands = (tiles + perRound - 1) / perRound * threads
        return (rows + bands - 1) / bands
    }

    /// Floats of scratch a Winograd pass over `batch` images with `threads` workers needs: the
    /// transformed input (`16 × channels × tiles`) and products (`16 × filters × tiles`) of
    /// every worker's band, or of the whole batch when the workers share phases, plus each
    /// worker's row scratch.
    func winogradScratchCount(batch: Int, threads: Int) -> Int {
        let rowScratch = Winograd.rowScratchCount(width: output.width)
        let matrices = Winograd.elements * (input.channels + output.channels) * Winograd.tiles(output.width)
        if let bandRows = winogradBandRows(threads: threads) {
            return threads * (matrices * bandRows + rowScratch)
        }
        return batch * matrices * Winograd.tiles(output.height) + threads * rowScratch
    }

    /// Runs `batch` images through the layer as Winograd F(2×2, 3×3); see ``forward(_:into:batch:threads:scratch:)``.
    func forwardWinograd(_ source: UnsafePointer<Float>, into destination: UnsafeMutablePointer<Float>, batch: Int,
                         threads: Int, scratch: UnsafeMutablePointer<Float>) {
        winogradWeights.withUnsafeBufferPointer { weights in
            biases.withUnsafeBufferPointer { biases in
                let parameters = (weights: weights.baseAddress!, biases: biases.baseAddress!)
                if let bandRows = winogradBandRows(threads: threads) {
                    forwardWinogradBands(source, into: destination, batch: batch, threads: threads, bandRows: bandRows,
                                         scratch: scratch, parameters)
                } else {
                    forwardWinogradPhases(source, into: destination, batch: batch, threads: threads, scratch: scratch, parameters)
                }
            }
        }
    }

    /// Each worker takes bands of tile rows of one image, in its own scratch slot: transforms
    /// the band's input, multiplies, and writes the band's output rows.
    private func forwardWinogradBands(
        _ source: UnsafePointer<Float>, into destination: UnsafeMutablePointer<Float>, batch: Int, threads: Int,
        bandRows: Int, scratch: UnsafeMutablePointer<Float>,
        _ parameters: (weights: UnsafePointer<Float>, biases: UnsafePointer<Float>)
    ) {
        let (channels, filters) = (input.channels, output.channels)
        let (tileRows, tileColumns) = (Winograd.tiles(output.height), Winograd.tiles(output.width))
        let bands = (tileRows + bandRows - 1) / bandRows
        let slot = winogradScratchCount(batch: batch, threads: threads) / threads
        Parallel.forEach(batch * bands, width: threads) { worker, item in
            let (n, band) = item.quotientAndRemainder(dividingBy: bands)
            let rows = band * bandRows..<min(tileRows, (band + 1) * bandRows)
            let tiles = rows.count * tileColumns
            let v = scratch + worker * slot
            let m = v + Winograd.elements * channels * tiles
            let rowScratch = m + Winograd.elements * filters * tiles
            Winograd.transformInput(source + n * input.count, height: input.height, width: input.width,
                                    channels: 0..<channels, tileRows: rows, into: v,
                                    rowStride: tiles, matrixStride: channels * tiles, rows: rowScratch)
            for element in 0..<Winograd.elements {
                multiply(element, parameters.weights, v, tiles: tiles, into: m)
            }
            Winograd.transformOutput(m, rowStride: tiles, matrixStride: filters * tiles, filters: 0..<filters, tileRows: rows,
                                     height: output.height, width: output.width, biases: parameters.biases,
                                     activation: activation, into: destination + n * output.count, rows: rowScratch)
        }
    }

    /// For small grids, the whole batch at once in three phases the workers share: transform
    /// the input (split by channel), the 16 products (one at a time per worker, every image's
    /// tiles side by side as the columns), the inverse transform (split by filter).
    private func forwardWinogradPhases(
        _ source: UnsafePointer<Float>, into destination: UnsafeMutablePointer<Float>, batch: Int, threads: Int,
        scratch: UnsafeMutablePointer<Float>, _ parameters: (weights: UnsafePointer<Float>, biases: UnsafePointer<Float>)
    ) {
        let (channels, filters) = (input.channels, output.channels)
        let imageTiles = Winograd.tiles(output.height) * Winograd.tiles(output.width)
        let tiles = batch * imageTiles
        let v = scratch
        let m = v + Winograd.elements * channels * tiles
        let rowScratch = m + Winograd.elements * filters * tiles
        let rowScratchCount = Winograd.rowScratchCount(width: output.width)
        let allRows = 0..<Winograd.tiles(output.height)
        Parallel.run(width: threads) { worker in
            for n in 0..<batch {
                Winograd.transformInput(source + n * input.count, height: input.height, width: input.width,
                                        channels: worker * channels / threads..<(worker + 1) * channels / threads,
                                        tileRows: allRows, into: v + n * imageTiles,
                                        rowStride: tiles, matrixStride: channels * tiles,
                                        rows: rowScratch + worker * rowScratchCount)
            }
        }
        Parallel.forEach(Winograd.elements, width: threads) { _, element in
            multiply(element, parameters.weights, v, tiles: tiles, into: m)
        }
        Parallel.run(width: threads) { worker in
            for n in 0..<batch {
                Winograd.transformOutput(m + n * imageTiles, rowStride: tiles, matrixStride: filters * tiles,
                                         filters: worker * filters / threads..<(worker + 1) * filters / threads,
                                         tileRows: allRows, height: output.height, width: output.width,
                                         biases: parameters.biases, activation: activation,
                                         into: destination + n * output.count, rows: rowScratch + worker * rowScratchCount)
            }
        }
    }

    /// `M_ξ = U_ξ · V_ξ` for element `element`: filters × channels times channels × `tiles`.
    private func multiply(_ element: Int, _ weights: UnsafePointer<Float>, _ v: UnsafePointer<Float>, tiles: Int,
                          into m: UnsafeMutablePointer<Float>) {
        let (channels, filters) = (input.channels, output.channels)
        BLAS.sgemm(m: filters, n: tiles, k: channels,
                   a: weights + element * filters * channels, lda: channels,
                   b: v + element * channels * tiles, ldb: tiles,
                   c: m + element * filters * tiles, ldc: tiles)
    }
}
