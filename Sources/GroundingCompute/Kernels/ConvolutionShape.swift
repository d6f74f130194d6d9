/// What a 2-D convolution is, apart from how it is computed: the planes it reads, its filters
/// (square kernel, stride, padding before the first row and column, channel groups) and the
/// planes it writes. Activations are planar: one `height × width` plane per channel, image after
/// image.
///
/// The output size is given or follows from the padding on both sides; a larger output than
/// symmetric padding gives means extra padding after (TFLite's SAME padding).
///
/// ```swift
/// let shape = ConvolutionShape(channels: 3, height: 416, width: 416, filters: 32, size: 3, stride: 2, padding: 1)
/// shape.outputHeight   // 208
/// ```
package struct ConvolutionShape: Sendable, Hashable, CustomStringConvertible {
    /// Input planes (channels).
    package let channels: Int
    /// Input rows.
    package let height: Int
    /// Input columns.
    package let width: Int
    /// Output planes.
    package let filters: Int
    /// Kernel side.
    package let size: Int
    /// Step between receptive fields, on both axes.
    package let stride: Int
    /// Zero rows above and zero columns left of the input.
    package let padding: Int
    /// Channel groups: 1 for an ordinary convolution, `channels` for a depthwise one.
    package let groups: Int
    /// Output rows.
    package let outputHeight: Int
    /// Output columns.
    package let outputWidth: Int

    /// A convolution with `padding` on every side: the output is `(input + 2·padding − size) / stride + 1`.
    package init(channels: Int, height: Int, width: Int, filters: Int, size: Int, stride: Int = 1, padding: Int = 0, groups: Int = 1) {
        self.init(channels: channels, height: height, width: width, filters: filters, size: size, stride: stride,
                  padding: padding, groups: groups,
                  outputHeight: (height + 2 * padding - size) / stride + 1,
                  outputWidth: (width + 2 * padding - size) / stride + 1)
    }

    /// A convolution with the output size given (padding after is whatever it needs).
    package init(channels: Int, height: Int, width: Int, filters: Int, size: Int, stride: Int, padding: Int, groups: Int,
                 outputHeight: Int, outputWidth: Int) {
        self.channels = channels
        self.height = height
        self.width = width
        self.filters = filters
        self.size = size
        self.stride = stride
        self.padding = padding
        self.groups = groups
        self.outputHeight = outputHeight
        self.outputWidth = outputWidth
    }

    /// Whether Winograd's algorithms compute it (``WinogradTiling``): 3×3, stride 1, padding 1,
    /// one group, output the input's size.
    package var isWinogradShape: Bool {
        size == 3 && stride == 1 && padding == 1 && groups == 1 && outputHeight == height && outputWidth == width
    }

    /// Values per input plane.
    package var inputPlane: Int { height * width }
    /// Values per output plane.
    package var outputPlane: Int { outputHeight * outputWidth }
    /// Values of one input image.
    package var inputCount: Int { channels * inputPlane }
    /// Values of one output image.
    package var outputCount: Int { filters * outputPlane }
    /// Weights per filter: `channels / groups · size²` (rows of the im2col matrix per group).
    package var kernelVolume: Int { channels / groups * size * size }
    /// Weights in all: `filters · kernelVolume`.
    package var weightCount: Int { filters * kernelVolume }
    /// Floating-point operations per image, counting a multiply-add as two.
    package var flops: Int { 2 * weightCount * outputPlane }
    /// Whether the input already is the im2col matrix (1×1, stride 1, no padding, same size).
    package var isPointwise: Bool {
        size == 1 && stride == 1 && padding == 0 && outputHeight == height && outputWidth == width
    }
    /// Whether each channel is convolved on its own into one output plane.
    package var isDepthwise: Bool { groups > 1 && groups == channels && filters == channels }

    /// `3×3/1 16→32 52×52`, for profiles.
    package var description: String {
        "\(size)×\(size)/\(stride) \(channels)→\(filters)\(groups > 1 ? " g\(groups)" : "") \(outputWidth)×\(outputHeight)"
    }
}
