/// A depthwise convolution (each channel convolved with its own kernel into one output plane)
/// by direct loops over raw pointers: there is no product for sgemm to speed up.
///
/// For each output row and kernel tap the loop runs along the row over the output columns
/// whose input column is inside the image (computed once, so the inner loop has no branch);
/// at stride 1 both rows are contiguous and the loop vectorises. Channels are split between
/// the workers.
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
    /// `ox · stride + kx − padding` is inside the image.
    private let columnSpans: [Range<Int>]

    /// A kernel for the depthwise `shape` with `weights` laid out `[channels][size][size]`.
    package init(_ shape: ConvolutionShape, weights: [Float], biases: [Float], activation: Activation) {
        precondition(shape.isDepthwise && weights.count == shape.weightCount && biases.count == shape.filters,
                     "not a depthwise shape or weights do not fit: \(shape)")
        self.shape = shape
        self.weights = weights
        self.biases = biases
        self.activation = activation
        self.columnSpans = (0..<shape.size).map { kx in
            let shift = kx - shape.padding
            let first = shift >= 0 ? 0 : (-shift + shape.stride - 1) / shape.stride
            let last = shape.width - 1 - shift < 0 ? 0 : min(shape.outputWidth, (shape.width - 1 - shift) / shape.stride + 1)
            return first..<max(first, last)
        }
    }

    package func run(_ source: UnsafePointer<Float>, into destination: UnsafeMutablePointer<Float>, batch: Int,
                     threads: Int, scratch: UnsafeMutablePointer<Float>) {
        let shape = shape
        let area = shape.size * shape.size
        weights.withUnsafeBufferPointer { weights in
            let weights = weights.baseAddress!
            Parallel.forEach(batch * shape.channels, width: threads) { _, item in
                let (n, c) = item.quotientAndRemainder(dividingBy: shape.channels)
                channel(source + n * shape.inputCount + c * shape.inputPlane,
                        into: destination + n * shape.outputCount + c * shape.outputPlane,
                        weights: weights + c * area, bias: biases[c])
            }
        }
    }

    /// Convolves one input plane into one output plane.
    private func channel(_ plane: UnsafePointer<Float>, into target: UnsafeMutablePointer<Float>,
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
