/// A convolution as im2col + sgemm: the receptive fields are unrolled into a matrix
/// (``Im2col``) and multiplied by the weights on single-threaded OpenBLAS; 1×1 stride-1
/// convolutions skip the unrolling (the planar input already is the matrix). The products are
/// added to the biases already in the output; a non-linear activation follows in one pass.
///
/// The work is split between the workers: on large grids by bands of output rows (each band's
/// im2col matrix stays in cache), on small grids by chunks of filters. Measured on YOLOv4-tiny
/// this beats OpenBLAS's own threading on whole-image products, and a batch runs image by image
/// at the same speed per image as a single image, so there is no separate batched product.
///
/// ```swift
/// let kernel = GEMMConvolution(shape, weights: weights, biases: biases, activation: .leaky)
/// ```
package struct GEMMConvolution: ConvolutionKernel {
    package let shape: ConvolutionShape
    package var algorithm: ConvolutionAlgorithm { .gemm }
    /// The activation applied after the bias.
    package let activation: Activation
    /// `[filters][channels / groups][size][size]`.
    package let weights: [Float]
    /// One per filter.
    package let biases: [Float]

    /// A kernel for `shape` with `weights` laid out `[filters][channels / groups][size][size]`.
    package init(_ shape: ConvolutionShape, weights: [Float], biases: [Float], activation: Activation) {
        precondition(weights.count == shape.weightCount && biases.count == shape.filters, "weights do not fit \(shape)")
        self.shape = shape
        self.weights = weights
        self.biases = biases
        self.activation = activation
    }

    /// Whether the work is split by filters (rows of the product) rather than by output
    /// positions (columns): when each of the ``convolutionParts`` would get fewer than 256
    /// columns, too few for sgemm to repay packing the weights once per call (the 13×13 layers
    /// of YOLOv4-tiny).
    static func splitsFilters(_ shape: ConvolutionShape) -> Bool {
        shape.outputPlane / convolutionParts < 256
    }

    /// Output rows per band when splitting positions: enough columns (≥ 512) for an efficient
    /// sgemm, otherwise as few as keep a band's im2col matrix within about 1 MB of cache, and at
    /// most an equal share of the rows per part (``convolutionParts``, whatever the threads).
    static func bandRows(_ shape: ConvolutionShape) -> Int {
        let width = shape.outputWidth
        let cacheRows = (1 << 18) / max(1, shape.kernelVolume * width)
        let minimumRows = (512 + width - 1) / width
        return max(1, min(max(cacheRows, minimumRows), (shape.outputHeight + convolutionParts - 1) / convolutionParts))
    }

    /// Floats of scratch a pass over `batch` images with `threads` workers needs.
    static func scratchCount(_ shape: ConvolutionShape, batch: Int, threads: Int) -> Int {
        if shape.isPointwise { return 0 }
        if splitsFilters(shape) { return batch * shape.groups * shape.kernelVolume * shape.outputPlane }
        return threads * shape.kernelVolume * bandRows(shape) * shape.outputWidth
    }

    package func run(_ source: UnsafePointer<Float>, into destination: UnsafeMutablePointer<Float>, batch: Int,
                     threads: Int, scratch: UnsafeMutablePointer<Float>) {
        weights.withUnsafeBufferPointer { weights in
            biases.withUnsafeBufferPointer { biases in
                if Self.splitsFilters(shape) {
                    runSplittingFilters(source, into: destination, batch: batch, threads: threads, scratch: scratch,
                                        weights.baseAddress!, biases.baseAddress!)
                } else {
                    runSplittingPositions(source, into: destination, batch: batch, threads: threads, scratch: scratch,
                                          weights.baseAddress!, biases.baseAddress!)
                }
            }
        }
    }

    /// Each worker takes bands of output rows of one image: builds the band's im2col matrix in
    /// its own scratch slot (it stays in cache), multiplies it, and activates the band.
    private func runSplittingPositions(
        _ source: UnsafePointer<Float>, into destination: UnsafeMutablePointer<Float>, batch: Int, threads: Int,
        scratch: UnsafeMutablePointer<Float>, _ weights: UnsafePointer<Float>, _ biases: UnsafePointer<Float>
    ) {
        let shape = shape
        let rowsPerBand = Self.bandRows(shape)
        let bands = (shape.outputHeight + rowsPerBand - 1) / rowsPerBand
        let (volume, plane, width) = (shape.kernelVolume, shape.outputPlane, shape.outputWidth)
        let filtersPerGroup = shape.filters / shape.groups
        let channelsPerGroup = shape.channels / shape.groups
        Parallel.forEach(batch * bands, width: threads) { worker, item in
            let columns = scratch + worker * volume * rowsPerBand * width
            let (n, band) = item.quotientAndRemainder(dividingBy: bands)
            let rows = band * rowsPerBand..<min(shape.outputHeight, (band + 1) * rowsPerBand)
            let offset = rows.lowerBound * width
            let count = rows.count * width
            let result = destination + n * shape.outputCount + offset
            // The products are added to the biases (beta 1): no pass of their own for either.
            for f in 0..<shape.filters { (result + f * plane).update(repeating: biases[f], count: count) }
            for g in 0..<shape.groups {
                let groupInput = source + n * shape.inputCount + g * channelsPerGroup * shape.inputPlane
                let (matrix, rowStride): (UnsafePointer<Float>, Int)
                if shape.isPointwise {
                    (matrix, rowStride) = (groupInput + offset, plane)
                } else {
                    Im2col.unroll(groupInput, channels: channelsPerGroup, height: shape.height, width: shape.width,
                                  size: shape.size, stride: shape.stride, padding: shape.padding, outputRows: rows,
                                  outputWidth: width, into: columns)
                    (matrix, rowStride) = (UnsafePointer(columns), count)
                }
                BLAS.sgemm(m: filtersPerGroup, n: count, k: volume,
                           a: weights + g * filtersPerGroup * volume, lda: volume,
                           b: matrix, ldb: rowStride,
                           beta: 1, c: result + g * filtersPerGroup * plane, ldc: plane)
            }
            for f in 0..<shape.filters {
                activation.apply(to: result + f * plane, count: count)
            }
        }
    }

    /// For small grids: the workers first build every image's im2col matrix together (split by
    /// input channel), then each multiplies a share of the filters against the whole matrix.
    private func runSplittingFilters(
        _ source: UnsafePointer<Float>, into destination: UnsafeMutablePointer<Float>, batch: Int, threads: Int,
        scratch: UnsafeMutablePointer<Float>, _ weights: UnsafePointer<Float>, _ biases: UnsafePointer<Float>
    ) {
        let shape = shape
        let (volume, plane, groups) = (shape.kernelVolume, shape.outputPlane, shape.groups)
        let filtersPerGroup = shape.filters / groups
        let channelsPerGroup = shape.channels / groups
        if !shape.isPointwise {
            Parallel.forEach(batch * shape.channels, width: threads) { _, item in
                let (n, c) = item.quotientAndRemainder(dividingBy: shape.channels)
                let (g, local) = c.quotientAndRemainder(dividingBy: channelsPerGroup)
                Im2col.unroll(source + n * shape.inputCount + c * shape.inputPlane, channels: 1,
                              height: shape.height, width: shape.width, size: shape.size, stride: shape.stride,
                              padding: shape.padding, outputRows: 0..<shape.outputHeight, outputWidth: shape.outputWidth,
                              into: scratch + ((n * groups + g) * volume + local * shape.size * shape.size) * plane)
            }
        }
        // Chunks of whole multiples of 16 filters, the width of OpenBLAS's AVX-512 kernel.
        let chunk = max(16, (filtersPerGroup + convolutionParts - 1) / convolutionParts + 15) / 16 * 16
        let chunks = (filtersPerGroup + chunk - 1) / chunk
        Parallel.forEach(batch * groups * chunks, width: threads) { _, item in
            let (image, rest) = item.quotientAndRemainder(dividingBy: groups * chunks)
            let (g, c) = rest.quotientAndRemainder(dividingBy: chunks)
            let filters = c * chunk..<min(filtersPerGroup, (c + 1) * chunk)
            let matrix = shape.isPointwise
                ? source + image * shape.inputCount + g * channelsPerGroup * plane
                : UnsafePointer(scratch + (image * groups + g) * volume * plane)
            let first = g * filtersPerGroup + filters.lowerBound
            let result = destination + image * shape.outputCount + first * plane
            for f in 0..<filters.count { (result + f * plane).update(repeating: biases[first + f], count: plane) }
            BLAS.sgemm(m: filters.count, n: plane, k: volume,
                       a: weights + first * volume, lda: volume,
                       b: matrix, ldb: plane, beta: 1, c: result, ldc: plane)
            for f in 0..<filters.count {
                activation.apply(to: result + f * plane, count: plane)
            }
        }
    }
}
