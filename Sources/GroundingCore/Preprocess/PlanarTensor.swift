/// A batch of images as planar Float32 (NCHW): what preprocessing hands to a detector.
///
/// Element `(n, c, y, x)` lives at `((n * channels + c) * height + y) * width + x`.
///
/// ```swift
/// var tensor = PlanarTensor(batch: 2, channels: 3, height: 416, width: 416)
/// tensor.values[0] = 0.5
/// ```
public struct PlanarTensor: Sendable, Hashable {
    /// Number of images in the batch.
    public let batch: Int
    /// Channels per image (3 for RGB).
    public let channels: Int
    /// Rows per image.
    public let height: Int
    /// Columns per image.
    public let width: Int
    /// The values, `batch * channels * height * width` of them.
    public var values: [Float]

    /// Creates a zero-filled tensor.
    public init(batch: Int, channels: Int, height: Int, width: Int) {
        precondition(batch > 0 && channels > 0 && height > 0 && width > 0, "tensor dimensions must be positive")
        self.batch = batch
        self.channels = channels
        self.height = height
        self.width = width
        self.values = [Float](repeating: 0, count: batch * channels * height * width)
    }

    /// Creates a tensor around existing values.
    public init(batch: Int, channels: Int, height: Int, width: Int, values: [Float]) {
        precondition(values.count == batch * channels * height * width, "value count does not match the shape")
        self.batch = batch
        self.channels = channels
        self.height = height
        self.width = width
        self.values = values
    }

    /// Values per image, `channels * height * width`.
    public var imageSize: Int { channels * height * width }
}
