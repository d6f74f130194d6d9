/// A depthwise convolution (each channel convolved with its own kernel into one output plane)
/// by direct loops over raw pointers: there is no product for sgemm to speed up.
///
/// Three loop orders, chosen per shape when the kernel is made:
/// - **By planes** (stride 1, output as large as the input): each tap adds the whole shifted input plane to the output with one OpenBLAS
///   `saxpy`, whose vector width and fused multiply-add are chosen at run time for the CPU.
/// - **By outputs** (other stride-1 shapes with at least ``wideRow`` output columns whose taps all fall inside
///   the input row): eight neighbouring outputs are summed over all their taps in registers and
///   stored once; the few columns near the borders are summed one by one. On MediaPipe's palm
///   models this took a fifth off the forward pass.
/// - **By taps** (other shapes: strided, or rows too short for eight-wide sums): for each kernel
///   tap, its product is added along the output row over the columns whose input is inside the
///   image (computed once, so the inner loop has no branch). On rows of 4 to 16 outputs this is
///   faster: the by-outputs order there sums most columns one by one.
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
    /// The output columns whose kernel taps all fall inside the input row.
    private let interior: Range<Int>
    /// Per kernel column `kx`, the output columns whose input column
    /// `ox · stride + kx − padding` is inside the image (for the by-taps order).
    private let columnSpans: [Range<Int>]
    /// Whether outputs are summed eight at a time (else tap by tap along the rows).
    private let sumsByOutputs: Bool
    /// Whether whole planes are summed tap by tap with `saxpy` (takes precedence).
    private let sumsByPlanes: Bool

    /// The fewest interior output columns for which the by-outputs order is used.
    static let wideRow = 16
    /// Floats a band of sums and its input rows may take (24 KB, within any x86 first-level cache).
    static let cachedFloats = 6144

    /// A kernel for the depthwise `shape` with `weights` laid out `[channels][size][size]`.
    package init(_ shape: ConvolutionShape, weights: [Float], biases: [Float], activation: Activation) {
        precondition(shape.isDepthwise && weights.count == shape.weightCount && biases.count == shape.filters,
                     "not a depthwise shape or weights do not fit: \(shape)")
        self.shape = shape
        self.weights = weights
        self.biases = biases
        self.activation = activation
        // ox · stride − padding ≥ 0 and ox · stride − padding + size − 1 ≤ width − 1.
        let first = (shape.padding + shape.stride - 1) / shape.stride
        let room = shape.width - shape.size + shape.padding
        let last = room < 0 ? 0 : min(shape.outputWidth, room / shape.stride + 1)
        interior = min(first, shape.outputWidth)..<max(min(first, shape.outputWidth), last)
        columnSpans = (0..<shape.size).map { kx in
            let shift = kx - shape.padding
            let first = shift >= 0 ? 0 : (-shift + shape.stride - 1) / shape.stride
            let last = shape.width - 1 - shift < 0 ? 0 : min(shape.outputWidth, (shape.width - 1 - shift) / shape.stride + 1)
            return first..<max(first, last)
        }
        sumsByOutputs = shape.stride == 1 && interior.count >= Self.wideRow
        sumsByPlanes = Self.summedByPlanes(shape)
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
                } else if sumsByOutputs {
                    channelByOutputs(plane, into: target, weights: weights + c * area, bias: biases[c])
                } else {
                    channelByTaps(plane, into: target, weights: weights + c * area, bias: biases[c])
                }
            }
        }
    }

    /// Convolves one input plane into one output plane, eight outputs at a time (stride 1).
    private func channelByOutputs(_ plane: UnsafePointer<Float>, into target: UnsafeMutablePointer<Float>,
                                  weights: UnsafePointer<Float>, bias: Float) {
        let (inputHeight, inputWidth, width, size, stride, padding) =
            (shape.height, shape.width, shape.outputWidth, shape.size, shape.stride, shape.padding)
        let interior = interior
        for oy in 0..<shape.outputHeight {
            let row = target + oy &* width
            let top = oy &* stride &- padding
            // The kernel rows inside the image.
            let rows = max(0, -top)..<min(size, inputHeight &- top)
            var ox = 0
            while ox < interior.lowerBound { row[ox] = single(plane, weights: weights, oy, ox); ox &+= 1 }
            while ox &+ 8 <= interior.upperBound {
                var sum = SIMD8<Float>(repeating: 0)
                for ky in rows {
                    let offset = (top &+ ky) &* inputWidth &+ ox &- padding
                    let input = UnsafeRawPointer(plane + offset)
                    let weight = weights + ky &* size
                    for kx in 0..<size {
                        let values = input.loadUnaligned(fromByteOffset: kx &* 4, as: SIMD8<Float>.self)
                        sum += SIMD8<Float>(repeating: weight[kx]) * values
                    }
                }
                UnsafeMutableRawPointer(row + ox).storeBytes(of: sum, as: SIMD8<Float>.self)
                ox &+= 8
            }
            while ox < width { row[ox] = single(plane, weights: weights, oy, ox); ox &+= 1 }
            activation.apply(bias: bias, to: row, count: width)
        }
    }

    /// One output, its taps summed one by one (taps outside the image skipped).
    private func single(_ plane: UnsafePointer<Float>, weights: UnsafePointer<Float>, _ oy: Int, _ ox: Int) -> Float {
        let (size, stride, padding) = (shape.size, shape.stride, shape.padding)
        let top = oy &* stride &- padding, left = ox &* stride &- padding
        let rows = max(0, -top)..<min(size, shape.height &- top)
        let columns = max(0, -left)..<min(size, shape.width &- left)
        var sum: Float = 0
        for ky in rows {
            let input = plane + ((top &+ ky) &* shape.width &+ left)
            let weight = weights + ky &* size
            for kx in columns { sum += weight[kx] * input[kx] }
        }
        return sum
    }

    /// Convolves one input plane into an output plane of the same size (stride 1, same padding),
    /// a band of rows per tap. The input is copied into `scratch` with `padding` zeros around it,
    /// so that rows of both planes have the same stride `width + 2 · padding`; then every tap adds
    /// the input shifted by `ky` rows and `kx` columns to the output with one `saxpy` over all
    /// rows of a band at once (the columns past `width` collect what wraps around and are dropped).
    private func channelByPlanes(_ plane: UnsafePointer<Float>, into target: UnsafeMutablePointer<Float>,
                                 weights: UnsafePointer<Float>, bias: Float, scratch: UnsafeMutablePointer<Float>) {
        let (height, width, size, padding) = (shape.height, shape.width, shape.size, shape.padding)
        let stride = width &+ 2 &* padding
        let padded = scratch, sums = scratch + Self.paddedInputCount(shape)
        padded.update(repeating: 0, count: Self.paddedInputCount(shape))
        for y in 0..<height {
            let row: Int = (y &+ padding) &* stride &+ padding
            (padded + row).update(from: plane + y &* width, count: width)
        }
        // Bands of rows whose sums and input rows stay in the first-level cache across the taps.
        let band = max(1, min(height, (Self.cachedFloats / stride &- 2 &* padding) / 2))
        for first in Swift.stride(from: 0, to: height, by: band) {
            let count = min(band, height &- first) &* stride
            let out = sums + first &* stride
            out.update(repeating: 0, count: count)
            for ky in 0..<size {
                for kx in 0..<size {
                    let shift: Int = (first &+ ky) &* stride &+ kx
                    BLAS.saxpy(n: count, alpha: weights[ky &* size &+ kx], x: padded + shift, y: out)
                }
            }
        }
        for y in 0..<height { (target + y &* width).update(from: sums + y &* stride, count: width) }
        activation.apply(bias: bias, to: target, count: height &* width)
    }

    /// Whether `shape` is summed by planes: stride 1 and the output as large as the input. On
    /// MediaPipe's four detectors `perf` put the depthwise share of a pass at 27% when planes under
    /// 1024 outputs kept the by-outputs order, 17% when every such plane was summed by planes.
    static func summedByPlanes(_ shape: ConvolutionShape) -> Bool {
        shape.isDepthwise && shape.stride == 1 && shape.outputWidth == shape.width && shape.outputHeight == shape.height
    }

    /// Floats of the zero-padded input plane, with room for the last tap's reads past its end.
    static func paddedInputCount(_ shape: ConvolutionShape) -> Int {
        (shape.height + 2 * shape.padding) * (shape.width + 2 * shape.padding) + 2 * shape.padding
    }

    /// Floats of scratch a pass on `threads` workers needs: per worker, a padded input plane and
    /// its sums when summing by planes; nothing otherwise.
    static func scratchCount(_ shape: ConvolutionShape, batch: Int, threads: Int) -> Int {
        guard summedByPlanes(shape) else { return 0 }
        return threads * (paddedInputCount(shape) + shape.height * (shape.width + 2 * shape.padding))
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
            activation.apply(bias: bias, to: row, count: width)
        }
    }
}
