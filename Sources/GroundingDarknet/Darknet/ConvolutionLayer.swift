import GroundingCompute

/// A Darknet `[convolutional]` layer with batch normalisation folded into its weights and biases.
///
/// The layer knows what the convolution is (its ``shape``, weights and activation); how it is
/// computed is the ``ConvolutionKernel`` the model's ``ComputeBackend`` chooses when the weights
/// load: Winograd (F(4×4, 3×3) on larger planes, F(2×2, 3×3) on smaller) for 3×3 stride-1
/// layers, im2col + sgemm for the others.
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
    /// The kernel that computes the layer, weights packed for it; nil until the weights load.
    package private(set) var kernel: (any ConvolutionKernel)?

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
        guard let activation = Activation(darknetName: activationName) else {
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

    /// The convolution, apart from how it is computed.
    package var shape: ConvolutionShape {
        ConvolutionShape(channels: input.channels, height: input.height, width: input.width, filters: output.channels,
                         size: size, stride: stride, padding: padding, groups: groups)
    }
    /// Rows of the column matrix per group: `channels / groups · size²`.
    package var kernelVolume: Int { shape.kernelVolume }
    /// Weights in the file: `filters · kernelVolume`.
    package var weightCount: Int { shape.weightCount }
    /// Floats this layer reads from the weights file.
    package var parameterCount: Int { output.channels * (batchNormalize ? 4 : 1) + weightCount }
    /// Floats of scratch a single-threaded pass over one image needs with any algorithm that
    /// can compute it: the limit checks use it before a backend is chosen.
    package var columnCount: Int {
        ConvolutionAlgorithm.allCases.filter { $0.supports(shape) }.map { $0.scratchCount(shape, batch: 1, threads: 1) }.max() ?? 0
    }
    /// Floating-point operations per image, counting a multiply-add as two.
    package var flops: Int { shape.flops }

    /// Floats of scratch a pass over `batch` images with `threads` workers needs (0 before the weights load).
    func scratchCount(batch: Int, threads: Int) -> Int {
        kernel?.scratchCount(batch: batch, threads: threads) ?? 0
    }

    /// Reads biases, batch-norm parameters (if any) and weights, folds batch norm into them the
    /// way Darknet normalises (`scale / (sqrt(variance) + 0.000001)`), and builds the kernel
    /// `compute` chooses.
    mutating func loadParameters(from reader: inout DarknetWeightsReader, compute: ComputeBackend) {
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
        kernel = compute.convolution(shape, weights: weights, biases: biases, activation: activation)
    }

    /// Runs `batch` images from `source` into `destination` with `threads` workers, using
    /// `scratch` (``scratchCount(batch:threads:)`` floats).
    func forward(_ source: UnsafePointer<Float>, into destination: UnsafeMutablePointer<Float>, batch: Int,
                 threads: Int, scratch: UnsafeMutablePointer<Float>) {
        guard let kernel else { preconditionFailure("a convolution ran before its weights loaded") }
        kernel.run(source, into: destination, batch: batch, threads: threads, scratch: scratch)
    }
}
