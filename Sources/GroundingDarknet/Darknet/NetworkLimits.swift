/// The sizes a cfg may ask for, so that a hostile or corrupt cfg cannot make loading allocate
/// without bound. They are far above what any YOLO cfg needs (YOLOv4 at 1024² peaks near 2²⁵
/// values in one layer).
enum NetworkLimits {
    /// Largest `[net]` width or height.
    static let maxInputSide = 8192
    /// Largest `[net]` channel count.
    static let maxInputChannels = 64
    /// Most filters in one convolution.
    static let maxFilters = 1 << 15
    /// Largest kernel side.
    static let maxKernelSize = 31
    /// Largest stride (convolution, pooling, upsampling).
    static let maxStride = 32
    /// Most values in one layer's output, or in one convolution's im2col matrix (one image).
    static let maxLayerValues = 1 << 27
    /// Most values in all layer outputs together (one image).
    static let maxTotalValues = 1 << 29
    /// Most parameters in one layer.
    static let maxLayerParameters = 1 << 28

    /// Checks a layer's output size.
    static func check(output: TensorShape, section: DarknetSection) throws(DarknetError) {
        guard output.height > 0, output.width > 0 else {
            throw .shapeMismatch(file: section.file, line: section.line, detail: "[\(section.name)] output would be empty (\(output))")
        }
        guard output.count <= maxLayerValues else {
            throw .sizeLimitExceeded(file: section.file, line: section.line, detail: "an output of \(output) values")
        }
    }

    /// Checks a convolution's output, im2col scratch and parameter count.
    static func check(_ layer: ConvolutionLayer, section: DarknetSection) throws(DarknetError) {
        try check(output: layer.output, section: section)
        // Both factors are bounded (filters ≤ 2^15, channels·size² ≤ 2^27·2^10), so no overflow.
        guard layer.kernelVolume <= maxLayerValues, layer.columnCount <= maxLayerValues,
              layer.parameterCount <= maxLayerParameters else {
            throw .sizeLimitExceeded(file: section.file, line: section.line,
                                     detail: "a \(layer.size)×\(layer.size) convolution of \(layer.input) into \(layer.output.channels) filters")
        }
    }
}
