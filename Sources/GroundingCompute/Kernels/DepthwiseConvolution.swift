/// A depthwise convolution (each channel convolved with its own kernel into one output plane):
/// there is no product for sgemm to speed up.
///
/// Two orders, chosen per shape when the kernel is made:
/// - **By planes** (stride 1 or 2): the input plane is copied with zeros around it, so that its
///   rows and the rows of a stride-1 output have the same length. Where the CPU has AVX-512 or
///   AVX2 with FMA (``VectorUnit``), a C kernel then computes each needed row of sums with every
///   tap's product fused into registers. Elsewhere each tap adds the input, shifted, to the sums
///   with one OpenBLAS `saxpy` per band of rows that stays in the first-level cache (OpenBLAS
///   picks its vector code at run time, which Swift built for baseline x86-64 cannot). Both add
///   the taps in the same order with fused multiply-adds, so they give the same floats. A
///   stride-2 layer keeps every other column of the sums of every other row. On MediaPipe's four
///   detectors `perf` put the depthwise share of a pass at 40% with vectorised loops of our own,
///   17% with stride 1 by planes, 15% with stride 2 by planes too; the C kernel takes the
///   depthwise time of the full-range face model from 3.5 to 2.0 ms (one thread).
/// - **By taps** (other strides): for each kernel tap, its product is added along the output row
///   over the columns whose input is inside the image (computed once, so the inner loop has no
///   branch).
///
/// Channels are split between the workers.
///
/// ```swift
/// let kernel = DepthwiseConvolution(shape, weights: perChannelKernels, biases: biases, activation: .relu)
/// ```
package struct DepthwiseConvolution: ConvolutionKernel {
    package let shape: ConvolutionShape
    package var algorithm: ConvolutionAlgorithm { .depthwise }
    /// The activation applied after the bias.
    package let activation: Activation
    /// `[channels][size][size]`.
    package let weights: [Float]
    /// One per channel.
    package let biases: [Float]
    /// Per kernel column `kx`, the output columns whose input column
    /// `ox · stride + kx − padding` is inside the image (for the by-taps order).
    private let columnSpans: [Range<Int>]
    /// Whether whole planes are summed (rather than tap by tap along each row).
    private let sumsByPlanes: Bool
    /// The vector unit whose kernels sum the planes (``VectorUnit/baseline``: OpenBLAS `saxpy`) and apply the activation.
    private let unit: VectorUnit

    /// Floats a band of sums and its input rows may take (24 KB, within any x86 first-level cache).
    static let cachedFloats = 6144

    /// A kernel for the depthwise `shape` with `weights` laid out `[channels][size][size]`, its
    /// planes summed on `unit` (this CPU's by default; it must be one the CPU ``VectorUnit/runs(_:)``).
    package init(_ shape: ConvolutionShape, weights: [Float], biases: [Float], activation: Activation,
                 unit: VectorUnit = .current) {
        precondition(VectorUnit.current.runs(unit), "this CPU cannot run \(unit) kernels")
        precondition(shape.isDepthwise && weights.count == shape.weightCount && biases.count == shape.filters,
                     "not a depthwise shape or weights do not fit: \(shape)")
        self.shape = shape
        self.weights = weights
        self.biases = biases
        self.activation = activation
        columnSpans = (0..<shape.size).map { kx in
            let shift = kx - shape.padding
            let first = shift >= 0 ? 0 : (-shift + shape.stride - 1) / shape.stride
            let last = shape.width - 1 - shift < 0 ? 0 : min(shape.outputWidth, (shape.width - 1 - shift) / shape.stride + 1)
            return first..<max(first, last)
        }
        sumsByPlanes = Self.summedByPlanes(shape)
        self.unit = unit
    }

    package func run(_ source: UnsafePointer<Float>, into destination: UnsafeMutablePointer<Float>, batch: Int,
                     threads: Int, scratch: UnsafeMutablePointer<Float>) {
        let shape = shape
        let area = shape.size * shape.size
        weights.withUnsafeBufferPointer { weights in
            let weights = weights.baseAddress!
            let perWorker = Self.scratchCount(shape, batch: 1, threads: 1)
            Parallel.forEach(batch * shape.channels, width: threads) { worker, item in
                let (n, c) = item.quotientAndRemainder(dividingBy: shape.channels)
                let (plane, target) = (source + n * shape.inputCount + c * shape.inputPlane,
                                       destination + n * shape.outputCount + c * shape.outputPlane)
                if sumsByPlanes {
                    channelByPlanes(plane, into: target, weights: weights + c * area, bias: biases[c],
                                    scratch: scratch + worker * perWorker)
                } else {
                    channelByTaps(plane, into: target, weights: weights + c * area, bias: biases[c])
                }
            }
        }
    }

    /// Convolves one input plane into one output plane by planes (see the type's summary). The
    /// padded input has `padding` zeros before and `size − 1 − padding` after each row and
    /// column, so the stride-1 output, row stride `width + size − 1`, is as large as the input.
    private func channelByPlanes(_ plane: UnsafePointer<Float>, into target: UnsafeMutablePointer<Float>,
                                 weights: UnsafePointer<Float>, bias: Float, scratch: UnsafeMutablePointer<Float>) {
        let (height, width, size, padding, step) = (shape.height, shape.width, shape.size, shape.padding, shape.stride)
        let rowLength = width &+ size &- 1
        let padded = scratch, sums = scratch + Self.paddedInputCount(shape)
        // Only the border is zeroed: the rows above, each row's ends, and the rows below with the
        // floats past the end that the last tap reads.
        padded.update(repeating: 0, count: padding &* rowLength &+ padding)
        for y in 0..<height {
            let row = padded + ((y &+ padding) &* rowLength &+ padding)
            row.update(from: plane + y &* width, count: width)
            (row + width).update(repeating: 0, count: y &+ 1 < height ? rowLength &- width : 0)
        }
        let below = (height &+ padding) &* rowLength &- (rowLength &- padding &- width)
        (padded + below).update(repeating: 0, count: Self.paddedInputCount(shape) &- below)
        // The sums of output row `oy` start at `sums + oy · rowStride`.
        let rowStride: Int
        if let kernel = unit.depthwiseSums {
            // Only the rows the outputs need, one after another.
            kernel(padded, sums, shape.outputHeight, step, rowLength, Int32(size), weights, bias)
            rowStride = rowLength
        } else {
            // The stride-1 rows the outputs need: all of them, or every other one.
            let rows = (shape.outputHeight &- 1) &* step &+ 1
            // Bands of rows whose sums and input rows stay in the first-level cache across the taps.
            let band = max(1, min(rows, (Self.cachedFloats / rowLength &- size &+ 1) / 2))
            for first in Swift.stride(from: 0, to: rows, by: band) {
                let count = min(band, rows &- first) &* rowLength
                let out = sums + first &* rowLength
                // The sums start from the bias, which spares a pass over the output to add it.
                out.update(repeating: bias, count: count)
                for ky in 0..<size {
                    for kx in 0..<size {
                        let shift: Int = (first &+ ky) &* rowLength &+ kx
                        BLAS.saxpy(n: count, alpha: weights[ky &* size &+ kx], x: padded + shift, y: out)
                    }
                }
            }
            rowStride = step &* rowLength
        }
        // Each output row is activated as it is copied out of the sums, while it is in cache.
        let outputWidth = shape.outputWidth
        for oy in 0..<shape.outputHeight {
            let from = sums + oy &* rowStride, to = target + oy &* outputWidth
            if step == 1 {
                activation.apply(bias: 0, from: from, to: to, count: outputWidth, unit: unit)
            } else {
                for ox in 0..<outputWidth { to[ox] = from[ox &* step] }
                activation.apply(to: to, count: outputWidth, unit: unit)
            }
        }
    }

    /// Whether `shape` is summed by planes: stride 1 or 2, and every output lies on the stride-1
    /// output of the padded plane (true of SAME and VALID padding).
    static func summedByPlanes(_ shape: ConvolutionShape) -> Bool {
        shape.isDepthwise && (shape.stride == 1 || shape.stride == 2) && shape.padding < shape.size
            && (shape.outputHeight - 1) * shape.stride < shape.height && (shape.outputWidth - 1) * shape.stride < shape.width
    }

    /// Floats of the zero-padded input plane, with room for the last tap's reads past its end.
    static func paddedInputCount(_ shape: ConvolutionShape) -> Int {
        (shape.height + shape.size - 1) * (shape.width + shape.size - 1) + shape.size
    }

    /// Floats of scratch a pass on `threads` workers needs: per worker, a padded input plane and
    /// its stride-1 sums when summing by planes; nothing otherwise.
    static func scratchCount(_ shape: ConvolutionShape, batch: Int, threads: Int) -> Int {
        guard summedByPlanes(shape) else { return 0 }
        return threads * (paddedInputCount(shape) + shape.height * (shape.width + shape.size - 1))
    }

    /// Convolves one input plane into one output plane, tap by tap along each row.
    private func channelByTaps(_ plane: UnsafePointer<Float>, into target: UnsafeMutablePointer<Float>,
                               weights: UnsafePointer<Float>, bias: Float) {
        let (inputHeight, inputWidth, width, size, stride) = (shape.height, shape.width, shape.outputWidth, shape.size, shape.stride)
        for oy in 0..<shape.outputHeight {
            let row = target + oy &* width
            row.update(repeating: 0, count: width)
            for ky in 0..<size {
                let iy = oy &* stride &+ ky &- shape.padding
                guard iy >= 0, iy < inputHeight else { continue }
                let inputRow = plane + iy &* inputWidth
                for kx in 0..<size {
                    let weight = weights[ky &* size &+ kx]
                    let span = columnSpans[kx]
                    let shift = kx &- shape.padding
                    if stride == 1 {
                        let from = inputRow + shift
                        for ox in span { row[ox] += weight * from[ox] }
                    } else {
                        for ox in span { row[ox] += weight * inputRow[ox &* stride &+ shift] }
                    }
                }
            }
            activation.apply(bias: bias, to: row, count: width, unit: unit)
        }
    }
}
