/// A Darknet `[convolutional]` layer with batch normalisation folded into its weights and biases.
///
/// Runs as im2col + `sgemm` (1×1, stride-1, unpadded convolutions skip im2col: the input planes
/// already are the column matrix), then adds the bias and applies the activation in one pass;
/// 3×3 stride-1 convolutions run as ``Winograd`` F(2×2, 3×3) instead (see
/// `ConvolutionLayer+Winograd.swift`).
/// The work is split between the workspace's threads, each calling single-threaded OpenBLAS:
/// on large grids by bands of output rows (each band's im2col matrix stays in cache), on small
/// grids by chunks of filters. Measured on YOLOv4-tiny this beats OpenBLAS's own threading on
/// whole-image products, and a batch runs image by image at the same speed per image as a
/// single image, so there is no separate batched product.
package struct ConvolutionLayer: Sendable {
    /// Input shape (one image).
    package let input: TensorShape
    /// Output shape (one image).
    package let output: TensorShape
    /// Kernel width and height.
    package let size: Int
    /// Step between receptive fields.
    package let stride: Int
    /// Zero padding on every side.
    package let padding: Int
    /// Channel groups (1 = an ordinary convolution).
    package let groups: Int
    /// Whether the weights file holds batch-norm parameters (folded at load).
    package let batchNormalize: Bool
    /// The activation applied after the bias.
    package let activation: Activation
    /// `[filters][channels / groups][size][size]`, batch norm folded in; empty until loaded, and
    /// for layers that run as Winograd (they keep ``winogradWeights`` only).
    package private(set) var weights: [Float] = []
    /// For layers that run as Winograd, the weights transformed at load: `[16][filters][channels]`
    /// (``Winograd/transformWeights(_:filters:channels:)``); otherwise empty.
    package private(set) var winogradWeights: [Float] = []
    /// One per filter, batch norm folded in; empty until loaded.
    package private(set) var biases: [Float] = []

    /// Parses a `[convolutional]` section applied to `input`.
    init(section: DarknetSection, input: TensorShape) throws(DarknetError) {
        for key in ["xnor", "binary", "antialiasing", "coordconv", "sway", "rotate", "stretch", "stretch_sway", "deform", "assisted_excitation"] {
            try section.require(key, isAbsentOr: "0")
        }
        try section.require("dilation", isAbsentOr: "1")
        try section.require("share_index", isAbsentOr: "")
        let filters = try section.int("filters", default: 1, in: 1...NetworkLimits.maxFilters)
        let size = try section.int("size", default: 1, in: 1...NetworkLimits.maxKernelSize)
        let stride = try section.int("stride", default: 1, in: 1...NetworkLimits.maxStride)
        for key in ["stride_x", "stride_y"] { try section.require(key, isAbsentOr: String(stride)) }
        var padding = try section.int("padding", default: 0, in: 0...NetworkLimits.maxKernelSize)
        if try section.int("pad", default: 0) != 0 { padding = size / 2 }
        let groups = try section.int("groups", default: 1, in: 1...NetworkLimits.maxFilters)
        guard input.channels % groups == 0, filters % groups == 0 else {
            throw .shapeMismatch(file: section.file, line: section.line(of: "groups"),
                                 detail: "groups=\(groups) does not divide \(input.channels) input channels and \(filters) filters")
        }
        let activationName = section.string("activation", default: "logistic")
        guard let activation = Activation(rawValue: activationName) else {
            throw .unsupportedOption(file: section.file, line: section.line(of: "activation"), key: "activation", value: activationName)
        }
        let outputHeight = (input.height + 2 * padding - size) / stride + 1
        let outputWidth = (input.width + 2 * padding - size) / stride + 1
        guard input.height + 2 * padding >= size, input.width + 2 * padding >= size else {
            throw .shapeMismatch(file: section.file, line: section.line(of: "size"),
                                 detail: "a \(size)×\(size) kernel does not fit the \(input) input")
        }
        self.input = input
        self.output = TensorShape(channels: filters, height: outputHeight, width: outputWidth)
        self.size = size
        self.stride = stride
        self.padding = padding
        self.groups = groups
        self.batchNormalize = try section.int("batch_normalize", default: 0) != 0
        self.activation = activation
        try NetworkLimits.check(self, section: section)
    }

    /// Rows of the column matrix per group: `channels / groups · size²`.
    package var kernelVolume: Int { input.channels / groups * size * size }
    /// Weights in the file: `filters · kernelVolume`.
    package var weightCount: Int { output.channels * kernelVolume }
    /// Floats this layer reads from the weights file.
    package var parameterCount: Int { output.channels * (batchNormalize ? 4 : 1) + weightCount }
    /// Whether the input already is the column matrix (1×1, stride 1, no padding).
    package var isPointwise: Bool { size == 1 && stride == 1 && padding == 0 }
    /// Floats of scratch a single-threaded pass over one image needs (0 for pointwise layers):
    /// the limit checks use it.
    package var columnCount: Int {
        if usesWinograd { return winogradScratchCount(batch: 1, threads: 1) }
        return isPointwise ? 0 : kernelVolume * output.planeSize
    }
    /// Floating-point operations per image, counting a multiply-add as two.
    package var flops: Int { 2 * weightCount * output.planeSize }

    /// Whether `threads` workers split the filters (rows of the product) rather than the output
    /// positions (columns): when each worker would get fewer than 256 columns, too few for
    /// sgemm to repay packing the weights once per call (the 13×13 layers of YOLOv4-tiny).
    func splitsFilters(threads: Int) -> Bool {
        output.planeSize / threads < 256
    }

    /// Output rows per band when splitting positions: enough columns (≥ 512) for an efficient
    /// sgemm, otherwise as few as keep a band's im2col matrix within about 1 MB of cache, and at
    /// most an equal share of the rows per worker.
    func bandRows(threads: Int) -> Int {
        let width = output.width
        let cacheRows = (1 << 18) / max(1, kernelVolume * width)
        let minimumRows = (512 + width - 1) / width
        return max(1, min(max(cacheRows, minimumRows), (output.height + threads - 1) / threads))
    }

    /// Floats of scratch a pass over `batch` images with `threads` workers needs.
    func scratchCount(batch: Int, threads: Int) -> Int {
        if usesWinograd { return winogradScratchCount(batch: batch, threads: threads) }
        if isPointwise { return 0 }
        if splitsFilters(threads: threads) { return batch * groups * kernelVolume * output.planeSize }
        return threads * kernelVolume * bandRows(threads: threads) * output.width
    }

    /// Reads biases, batch-norm parameters (if any) and weights, and folds batch norm into them
    /// the way Darknet normalises: `scale / (sqrt(variance) + 0.000001)`.
    mutating func loadParameters(from reader: inout DarknetWeightsReader) {
        let filters = output.channels
        var biases = reader.take(filters)
        var weights: [Float]
        if batchNormalize {
            let scales = reader.take(filters)
            let means = reader.take(filters)
            let variances = reader.take(filters)
            weights = reader.take(weightCount)
            let volume = kernelVolume
            for f in 0..<filters {
                let factor = scales[f] / (variances[f].squareRoot() + 0.000001)
                biases[f] -= means[f] * factor
                for i in f * volume..<(f + 1) * volume { weights[i] *= factor }
            }
        } else {
            weights = reader.take(weightCount)
        }
        if usesWinograd {
            self.winogradWeights = Winograd.transformWeights(weights, filters: filters, channels: input.channels)
        } else {
            self.weights = weights
        }
        self.biases = biases
    }

    /// Runs `batch` images from `source` into `destination` with `threads` workers, using
    /// `scratch` (``scratchCount(batch:threads:)`` floats) for im2col or the Winograd transforms.
    func forward(_ source: UnsafePointer<Float>, into destination: UnsafeMutablePointer<Float>, batch: Int,
                 threads: Int, scratch: UnsafeMutablePointer<Float>) {
        if usesWinograd {
            forwardWinograd(source, into: destination, batch: batch, threads: threads, scratch: scratch)
            return
        }
        weights.withUnsafeBufferPointer { weights in
            biases.withUnsafeBufferPointer { biases in
                let parameters = (weights: weights.baseAddress!, biases: biases.baseAddress!)
                if splitsFilters(threads: threads) {
                    forwardSplittingFilters(source, into: destination, batch: batch, threads: threads, scratch: scratch, parameters)
                } else {
                    forwardSplittingPositions(source, into: destination, batch: batch, threads: threads, scratch: scratch, parameters)
                }
            }
        }
    }

    /// Each worker takes bands of output rows of one image: builds the band's im2col matrix in
    /// its own scratch slot (it stays in cache), multiplies it, and activates the band.
    private func forwardSplittingPositions(
        _ source: UnsafePointer<Float>, into destination: UnsafeMutablePointer<Float>, batch: Int, threads: Int,
        scratch: UnsafeMutablePointer<Float>, _ parameters: (weights: UnsafePointer<Float>, biases: UnsafePointer<Float>)
    ) {
        let rowsPerBand = bandRows(threads: threads)
        let bands = (output.height + rowsPerBand - 1) / rowsPerBand
        let (volume, plane, width) = (kernelVolume, output.planeSize, output.width)
        let filtersPerGroup = output.channels / groups
        let channelsPerGroup = input.channels / groups
        Parallel.forEach(batch * bands, width: threads) { worker, item in
            let columns = scratch + worker * volume * rowsPerBand * width
            let (n, band) = item.quotientAndRemainder(dividingBy: bands)
            let rows = band * rowsPerBand..<min(output.height, (band + 1) * rowsPerBand)
            let offset = rows.lowerBound * width
            let count = rows.count * width
            let result = destination + n * output.count + offset
            for g in 0..<groups {
                let groupInput = source + n * input.count + g * channelsPerGroup * input.planeSize
                let (matrix, rowStride): (UnsafePointer<Float>, Int)
                if isPointwise {
                    (matrix, rowStride) = (groupInput + offset, plane)
                } else {
                    Im2col.unroll(groupInput, channels: channelsPerGroup, height: input.height, width: input.width,
                                  size: size, stride: stride, padding: padding, outputRows: rows, outputWidth: width,
                                  into: columns)
                    (matrix, rowStride) = (UnsafePointer(columns), count)
                }
                BLAS.sgemm(m: filtersPerGroup, n: count, k: volume,
                           a: parameters.weights + g * filtersPerGroup * volume, lda: volume,
                           b: matrix, ldb: rowStride,
                           c: result + g * filtersPerGroup * plane, ldc: plane)
            }
            for f in 0..<output.channels {
                activation.apply(bias: parameters.biases[f], from: result + f * plane, to: result + f * plane, count: count)
            }
        }
    }

    /// For small grids: the workers first build every image's im2col matrix together (split by
    /// input channel), then each multiplies a share of the filters against the whole matrix.
    private func forwardSplittingFilters(
        _ source: UnsafePointer<Float>, into destination: UnsafeMutablePointer<Float>, batch: Int, threads: Int,
        scratch: UnsafeMutablePointer<Float>, _ parameters: (weights: UnsafePointer<Float>, biases: UnsafePointer<Float>)
    ) {
        let (volume, plane) = (kernelVolume, output.planeSize)
        let filtersPerGroup = output.channels / groups
        let channelsPerGroup = input.channels / groups
        if !isPointwise {
            Parallel.run(width: threads) { worker in
                let channels = worker * input.channels / threads..<(worker + 1) * input.channels / threads
                for n in 0..<batch {
                    for c in channels {
                        let (g, local) = c.quotientAndRemainder(dividingBy: channelsPerGroup)
                        Im2col.unroll(source + n * input.count + c * input.planeSize, channels: 1,
                                      height: input.height, width: input.width, size: size, stride: stride, padding: padding,
                                      outputRows: 0..<output.height, outputWidth: output.width,
                                      into: scratch + ((n * groups + g) * volume + local * size * size) * plane)
                    }
                }
            }
        }
        // Chunks of whole multiples of 16 filters, the width of OpenBLAS's AVX-512 kernel.
        let chunk = max(16, (filtersPerGroup + threads - 1) / threads + 15) / 16 * 16
        let chunks = (filtersPerGroup + chunk - 1) / chunk
        Parallel.forEach(batch * groups * chunks, width: threads) { _, item in
            let (image, rest) = item.quotientAndRemainder(dividingBy: groups * chunks)
            let (g, c) = rest.quotientAndRemainder(dividingBy: chunks)
            let filters = c * chunk..<min(filtersPerGroup, (c + 1) * chunk)
            let matrix = isPointwise
                ? source + image * input.count + g * channelsPerGroup * plane
                : UnsafePointer(scratch + (image * groups + g) * volume * plane)
            let first = g * filtersPerGroup + filters.lowerBound
            let result = destination + image * output.count + first * plane
            BLAS.sgemm(m: filters.count, n: plane, k: volume,
                       a: parameters.weights + first * volume, lda: volume,
                       b: matrix, ldb: plane, c: result, ldc: plane)
            for f in 0..<filters.count {
                activation.apply(bias: parameters.biases[first + f], from: result + f * plane, to: result + f * plane, count: plane)
            }
        }
    }
}

