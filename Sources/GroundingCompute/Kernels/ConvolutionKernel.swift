/// How one convolution is computed: a kernel built once when a model loads, holding the
/// weights packed for it, and run on every forward pass.
///
/// Runtimes (Darknet, TFLite) describe a convolution as a ``ConvolutionShape`` plus weights and
/// ask a ``ComputeBackend`` for its kernel; they never compute one themselves, so a new kernel
/// (e.g. reduced precision) plugs in by adding an ``ConvolutionAlgorithm`` here, not by
/// editing the layers.
///
/// ```swift
/// let kernel = backend.convolution(shape, weights: w, biases: b, activation: .leaky)
/// kernel.run(input, into: output, batch: 1, threads: backend.threads, scratch: scratch)
/// ```
package protocol ConvolutionKernel: Sendable {
    /// The convolution it computes.
    var shape: ConvolutionShape { get }
    /// The algorithm it runs.
    var algorithm: ConvolutionAlgorithm { get }
    /// `destination = activation(convolution(source) + bias)` for `batch` planar images, the
    /// work split between `threads` workers, using `scratch` (``scratchCount(batch:threads:)`` floats).
    func run(_ source: UnsafePointer<Float>, into destination: UnsafeMutablePointer<Float>, batch: Int, threads: Int,
             scratch: UnsafeMutablePointer<Float>)
}

extension ConvolutionKernel {
    /// Floats of scratch a pass over `batch` images on `threads` workers needs: its algorithm's
    /// for its shape.
    package func scratchCount(batch: Int, threads: Int) -> Int {
        algorithm.scratchCount(shape, batch: batch, threads: threads)
    }
}

/// The ways a convolution can be computed.
package enum ConvolutionAlgorithm: String, Sendable, Hashable, CaseIterable {
    /// im2col + sgemm (``GEMMConvolution``): any shape.
    case gemm
    /// Winograd F(2×2, 3×3) (``WinogradConvolution`` with ``WinogradF2x2``): 3×3, stride 1,
    /// padding 1, one group, same size (``ConvolutionShape/isWinogradShape``).
    case winograd2x2
    /// Winograd F(4×4, 3×3) (``WinogradConvolution`` with ``WinogradF4x4``): the same shapes.
    case winograd4x4
    /// Direct loops per channel (``DepthwiseConvolution``): depthwise shapes.
    case depthwise

    /// Whether this algorithm can compute `shape`.
    package func supports(_ shape: ConvolutionShape) -> Bool {
        switch self {
        case .gemm: return true
        case .winograd2x2, .winograd4x4: return shape.isWinogradShape
        case .depthwise: return shape.isDepthwise
        }
    }

    /// Floats of scratch this algorithm needs for `shape` over `batch` images on `threads` workers.
    package func scratchCount(_ shape: ConvolutionShape, batch: Int, threads: Int) -> Int {
        switch self {
        case .gemm: return GEMMConvolution.scratchCount(shape, batch: batch, threads: threads)
        case .winograd2x2: return WinogradConvolution<WinogradF2x2>.scratchCount(shape, batch: batch, threads: threads)
        case .winograd4x4: return WinogradConvolution<WinogradF4x4>.scratchCount(shape, batch: batch, threads: threads)
        case .depthwise: return DepthwiseConvolution.scratchCount(shape, batch: batch, threads: threads)
        }
    }
}

/// How many parts a convolution cuts its matrix products into when it splits them (bands of
/// output rows, chunks of filters): a constant, not the thread count, because OpenBLAS's sums
/// depend on the shapes it is given (cut by the thread count, YOLOv4-tiny's and YOLO11n's scores
/// moved by up to 5e-5 between one and two threads), and an answer must not depend on the threads it ran on. Any
/// number of workers takes the parts; two is the core count the cuts were tuned on.
package let convolutionParts = 2
