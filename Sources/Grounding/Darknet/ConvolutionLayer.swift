/// A Darknet `[convolutional]` layer with batch normalisation folded into its weights and biases.
///
/// Runs as im2col + one `sgemm` per image and group (1×1, stride-1, unpadded convolutions skip
/// im2col: the input planes already are the column matrix), then adds the bias and applies the
/// activation in a single pass over the output.
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
    /// `[filters][channels / groups][size][size]`, batch norm folded in; empty until loaded.
    package private(set) var weights: [Float] = []
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
    /// Floats of im2col scratch one image needs (0 for pointwise layers).
    package var columnCount: Int { isPointwise ? 0 : kernelVolume * output.planeSize }
    /// Floating-point operations per image, counting a multiply-add as two.
    package var flops: Int { 2 * weightCount * output.planeSize }

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
        self.weights = weights
        self.biases = biases
    }

    /// Runs `batch` images from `source` into `destination`, using `columns` as im2col scratch
    /// (``columnCount`` floats).
    func forward(_ source: UnsafePointer<Float>, into destination: UnsafeMutablePointer<Float>, batch: Int,
                 columns: UnsafeMutablePointer<Float>) {
        let filtersPerGroup = output.channels / groups
        let channelsPerGroup = input.channels / groups
        let outputPlane = output.planeSize
        let volume = kernelVolume
        weights.withUnsafeBufferPointer { weights in
            for n in 0..<batch {
                let image = source + n * input.count
                let result = destination + n * output.count
                for g in 0..<groups {
                    let groupInput = image + g * channelsPerGroup * input.planeSize
                    let matrix: UnsafePointer<Float>
                    if isPointwise {
                        matrix = groupInput
                    } else {
                        Im2col.unroll(groupInput, channels: channelsPerGroup, height: input.height, width: input.width,
                                      size: size, stride: stride, padding: padding,
                                      outputHeight: output.height, outputWidth: output.width,
                                      into: columns, rowStride: outputPlane)
                        matrix = UnsafePointer(columns)
                    }
                    BLAS.sgemm(m: filtersPerGroup, n: outputPlane, k: volume,
                               a: weights.baseAddress! + g * filtersPerGroup * volume, lda: volume,
                               b: matrix, ldb: outputPlane,
                               c: result + g * filtersPerGroup * outputPlane, ldc: outputPlane)
                }
                for f in 0..<output.channels {
                    let plane = result + f * outputPlane
                    activation.apply(bias: biases[f], from: plane, to: plane, count: outputPlane)
                }
            }
        }
    }
}
