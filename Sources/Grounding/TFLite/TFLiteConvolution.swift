/// `CONV_2D` with its bias and fused activation, on OpenBLAS sgemm: a 1×1 stride-1 convolution
/// is one matrix product (the planar input already is the column matrix); a k×k one unrolls its
/// receptive fields with ``Im2col`` first.
///
/// Weights are re-packed at load from TFLite's `[filters][ky][kx][channels]` to
/// `[filters][channels][ky][kx]`, the row order of the im2col matrix. Work is split like the
/// Darknet runtime's convolutions: on large grids each worker takes bands of output rows (its
/// im2col band stays in cache); on small grids, where a band would be too narrow for an
/// efficient product, the workers share the filters.
struct TFLiteConvolution: TFLiteKernel {
    let inputs: [Int]
    let output: Int
    /// Input and output image shapes.
    let input: TFLitePlanarShape, result: TFLitePlanarShape
    /// Kernel side, stride and padding before the first row and column (square and equal on
    /// both axes: what ``Im2col`` implements; extra padding after is implied by the output size).
    let size: Int, stride: Int, padding: Int
    /// The activation fused after the bias.
    let activation: TFLiteActivation
    /// `[filters][channels][size][size]`.
    let weights: [Float]
    /// One per filter.
    let biases: [Float]

    /// Plans `op` (inputs: image, filter `[O, K, K, C]`, optional bias `[O]`; options
    /// `Conv2DOptions`: 0 padding, 1 stride_w, 2 stride_h, 3 activation, 4/5 dilation).
    init(_ op: TFLiteOperator, _ graph: inout TFLiteGraphBuilder) throws(TFLiteError) {
        let (source, input) = try graph.image(op, 0)
        let filter = try graph.constant(op, 1)
        guard filter.shape.count == 4, case .float32(let values) = filter.values else {
            throw graph.unsupported(op, "a filter of shape \(filter.shape) that is not a float32 [O, KH, KW, C] tensor")
        }
        let (filters, kernelHeight, kernelWidth, channels) = (filter.shape[0], filter.shape[1], filter.shape[2], filter.shape[3])
        guard channels == input.channels else {
            throw graph.unsupported(op, "a filter over \(channels) channels on a \(input.channels)-channel input (grouped convolution)")
        }
        let options = try graph.options(op, type: 1)
        let padding = try graph.padding(op, options, field: 0)
        let strideX = try graph.positive(op, options, field: 1, name: "stride_w")
        let strideY = try graph.positive(op, options, field: 2, name: "stride_h")
        let activation = try graph.fusedActivation(op, options, field: 3)
        try graph.requireNoDilation(op, options, fields: [4, 5])
        guard kernelHeight == kernelWidth, strideX == strideY else {
            throw graph.unsupported(op, "a \(kernelHeight)×\(kernelWidth) kernel with strides \(strideY)×\(strideX) (only square kernels and equal strides)")
        }
        guard let rows = padding.resolve(input: input.height, kernel: kernelHeight, stride: strideY),
              let columns = padding.resolve(input: input.width, kernel: kernelWidth, stride: strideX) else {
            throw graph.invalid(op, "a \(kernelHeight)×\(kernelWidth) kernel does not fit the \(input.logical) input")
        }
        guard rows.before == columns.before else {
            throw graph.unsupported(op, "different padding above (\(rows.before)) and to the left (\(columns.before))")
        }
        let biases = op.inputs.count > 2 && op.inputs[2] >= 0 ? try graph.floats(op, 2, count: filters) : [Float](repeating: 0, count: filters)
        let result = TFLitePlanarShape(channels: filters, height: rows.output, width: columns.output)
        self.output = try graph.define(op, shape: result.logical)
        self.inputs = [source]
        self.input = input
        self.result = result
        self.size = kernelHeight
        self.stride = strideX
        self.padding = rows.before
        self.activation = activation
        self.biases = biases
        let area = kernelHeight * kernelWidth
        var packed = [Float](repeating: 0, count: values.count)
        for f in 0..<filters {
            for c in 0..<channels {
                for k in 0..<area { packed[(f * channels + c) * area + k] = values[(f * area + k) * channels + c] }
            }
        }
        self.weights = packed
    }

    /// Rows of the column matrix: `channels · size²`.
    var volume: Int { input.channels * size * size }
    /// Whether the input already is the column matrix.
    var isPointwise: Bool { size == 1 && stride == 1 && padding == 0 && input.height == result.height && input.width == result.width }

    /// Whether workers split the filters rather than the output positions: when each would get
    /// fewer than 256 positions, too few for sgemm to repay packing the weights per call.
    func splitsFilters(threads: Int) -> Bool {
        result.planeSize / threads < 256
    }

    /// Output rows per band: enough columns (≥ 512) for an efficient product, else as few as
    /// keep the band's im2col matrix within about 1 MB, and at most an equal share per worker.
    func bandRows(threads: Int) -> Int {
        let cacheRows = (1 << 18) / max(1, volume * result.width)
        let minimumRows = (512 + result.width - 1) / result.width
        return max(1, min(max(cacheRows, minimumRows), (result.height + threads - 1) / threads))
    }

    func scratchCount(threads: Int) -> Int {
        if isPointwise { return 0 }
        if splitsFilters(threads: threads) { return volume * result.planeSize }
        return threads * volume * bandRows(threads: threads) * result.width
    }

    func run(_ workspace: TFLiteWorkspace, threads: Int) {
        let source = UnsafePointer(workspace[inputs[0]])
        let destination = workspace[output]
        weights.withUnsafeBufferPointer { weights in
            biases.withUnsafeBufferPointer { biases in
                if splitsFilters(threads: threads) {
                    runSplittingFilters(source, destination, workspace.scratch, threads, weights.baseAddress!, biases.baseAddress!)
                } else {
                    runSplittingPositions(source, destination, workspace.scratch, threads, weights.baseAddress!, biases.baseAddress!)
                }
            }
        }
    }

    /// Each worker takes bands of output rows: unrolls the band into its own scratch slot,
    /// multiplies, and adds the bias and activation.
    private func runSplittingPositions(_ source: UnsafePointer<Float>, _ destination: UnsafeMutablePointer<Float>,
                                       _ scratch: UnsafeMutablePointer<Float>, _ threads: Int,
                                       _ weights: UnsafePointer<Float>, _ biases: UnsafePointer<Float>) {
        let rowsPerBand = bandRows(threads: threads)
        let bands = (result.height + rowsPerBand - 1) / rowsPerBand
        let (volume, plane, width) = (volume, result.planeSize, result.width)
        Parallel.forEach(bands, width: threads) { worker, band in
            let rows = band * rowsPerBand..<min(result.height, (band + 1) * rowsPerBand)
            let offset = rows.lowerBound * width
            let count = rows.count * width
            let (matrix, rowStride): (UnsafePointer<Float>, Int)
            if isPointwise {
                (matrix, rowStride) = (source + offset, plane)
            } else {
                let columns = scratch + worker * volume * rowsPerBand * width
                Im2col.unroll(source, channels: input.channels, height: input.height, width: input.width,
                              size: size, stride: stride, padding: padding, outputRows: rows, outputWidth: width, into: columns)
                (matrix, rowStride) = (UnsafePointer(columns), count)
            }
            BLAS.sgemm(m: result.channels, n: count, k: volume, a: weights, lda: volume, b: matrix, ldb: rowStride,
                       c: destination + offset, ldc: plane)
            for f in 0..<result.channels {
                activation.apply(bias: biases[f], to: destination + f * plane + offset, count: count)
            }
        }
    }

    /// For small grids: the workers unroll the whole image together (split by channel), then
    /// each multiplies a share of the filters against it.
    private func runSplittingFilters(_ source: UnsafePointer<Float>, _ destination: UnsafeMutablePointer<Float>,
                                     _ scratch: UnsafeMutablePointer<Float>, _ threads: Int,
                                     _ weights: UnsafePointer<Float>, _ biases: UnsafePointer<Float>) {
        let (volume, plane) = (volume, result.planeSize)
        if !isPointwise {
            Parallel.forEach(input.channels, width: threads) { _, c in
                Im2col.unroll(source + c * input.planeSize, channels: 1, height: input.height, width: input.width,
                              size: size, stride: stride, padding: padding, outputRows: 0..<result.height,
                              outputWidth: result.width, into: scratch + c * size * size * plane)
            }
        }
        let matrix = isPointwise ? source : UnsafePointer(scratch)
        // Chunks of whole multiples of 16 filters, the width of OpenBLAS's AVX-512 kernel.
        let chunk = max(16, (result.channels + threads - 1) / threads + 15) / 16 * 16
        let chunks = (result.channels + chunk - 1) / chunk
        Parallel.forEach(chunks, width: threads) { _, index in
            let filters = index * chunk..<min(result.channels, (index + 1) * chunk)
            let target = destination + filters.lowerBound * plane
            BLAS.sgemm(m: filters.count, n: plane, k: volume, a: weights + filters.lowerBound * volume, lda: volume,
                       b: matrix, ldb: plane, c: target, ldc: plane)
            for f in filters {
                activation.apply(bias: biases[f], to: destination + f * plane, count: plane)
            }
        }
    }
}
