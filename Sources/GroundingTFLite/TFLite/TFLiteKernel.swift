import GroundingCompute

/// One planned operator of a ``TFLiteInterpreter``: reads activation tensors from a
/// ``ActivationWorkspace`` and writes its output tensor there.
///
/// Activations of rank 4 (`[1, height, width, channels]` in the file) are stored planar, one
/// `height × width` plane per channel, the layout the engine's preprocessing produces and
/// im2col + sgemm convolutions want; activations of any other rank are stored in the file's
/// row-major order. Kernels are built once at load (weights pre-packed) and shared by every
/// forward pass.
protocol TFLiteKernel: GraphKernel {}

/// The planar form of a rank-4 activation `[1, height, width, channels]`.
struct TFLitePlanarShape: Sendable, Equatable {
    /// Planes.
    let channels: Int
    /// Rows per plane.
    let height: Int
    /// Columns per plane.
    let width: Int

    /// Creates a shape.
    init(channels: Int, height: Int, width: Int) {
        self.channels = channels
        self.height = height
        self.width = width
    }

    /// The planar form of a logical NHWC shape; nil unless it is `[1, H, W, C]`.
    init?(_ shape: [Int]) {
        guard shape.count == 4, shape[0] == 1 else { return nil }
        self.init(channels: shape[3], height: shape[1], width: shape[2])
    }

    /// Values per plane.
    var planeSize: Int { height * width }
    /// Values in all.
    var count: Int { channels * height * width }
    /// The logical NHWC shape.
    var logical: [Int] { [1, height, width, channels] }
}
