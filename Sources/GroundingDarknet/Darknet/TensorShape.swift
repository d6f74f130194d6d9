/// The shape of one image's activations in a layer: channels × height × width (planar, NCHW).
package struct TensorShape: Sendable, Hashable, CustomStringConvertible {
    /// Channels (planes).
    package var channels: Int
    /// Rows per plane.
    package var height: Int
    /// Columns per row.
    package var width: Int

    /// Creates a shape.
    package init(channels: Int, height: Int, width: Int) {
        self.channels = channels
        self.height = height
        self.width = width
    }

    /// Values per plane, `height * width`.
    package var planeSize: Int { height * width }
    /// Values per image, `channels * height * width`.
    package var count: Int { channels * height * width }

    /// `C×H×W`, as in errors and logs.
    package var description: String { "\(channels)×\(height)×\(width)" }
}
