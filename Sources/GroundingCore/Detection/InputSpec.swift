/// What a detector's input looks like, so the engine can prepare any region of any image for it:
/// size, how the region is fitted (stretched or letterboxed), channel order and the mapping of
/// byte values to the numbers the model was trained on.
///
/// Every input is planar Float32 (one plane per channel, batch-major). A pixel byte `b` of
/// channel `c` becomes `(b / 255 − mean[c]) / std[c]`; letterbox padding is the byte value
/// `padding × 255` mapped the same way.
///
/// ```swift
/// // YOLO (Darknet): stretched, RGB in 0...1.
/// let yolo = InputSpec(width: 416, height: 416)
/// // MediaPipe's face detector: letterboxed, RGB in −1...1, black padding.
/// let face = InputSpec(width: 128, height: 128, resize: .letterbox, mean: 0.5, std: 0.5, padding: 0)
/// ```
public struct InputSpec: Sendable, Hashable {
    /// The order of the three planes.
    public enum ChannelOrder: Sendable, Hashable {
        /// Red, green, blue.
        case rgb
        /// Blue, green, red (OpenCV-trained models).
        case bgr
    }

    /// Input width in pixels.
    public var width: Int
    /// Input height in pixels.
    public var height: Int
    /// Stretch the region to fill the input, or keep its aspect ratio and pad.
    public var resize: ResizeMode
    /// The order of the channel planes.
    public var channelOrder: ChannelOrder
    /// Subtracted from `byte / 255`, per channel in ``channelOrder``.
    public var mean: SIMD3<Float>
    /// Divides `byte / 255 − mean`, per channel.
    public var std: SIMD3<Float>
    /// Letterbox padding as a fraction of full scale, before ``mean`` and ``std`` (0.5: mid-grey).
    public var padding: Float

    /// A spec; the defaults are Darknet's: stretched RGB in 0...1, mid-grey padding.
    public init(width: Int, height: Int, resize: ResizeMode = .stretch, channelOrder: ChannelOrder = .rgb,
                mean: SIMD3<Float> = .zero, std: SIMD3<Float> = .one, padding: Float = Preprocessor.letterboxPadding) {
        self.width = width
        self.height = height
        self.resize = resize
        self.channelOrder = channelOrder
        self.mean = mean
        self.std = std
        self.padding = padding
    }

    /// True when the values are plain `byte / 255` in RGB order, which needs no second pass.
    var isPlainUnitRange: Bool {
        channelOrder == .rgb && mean == .zero && std == .one
    }
}
