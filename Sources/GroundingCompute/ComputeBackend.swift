/// Where and how a model's layers are computed: the number of threads one forward pass splits
/// its work between, and which convolution algorithms it may use. Each model gets one when it
/// loads (a per-engine setting, not a process-wide one) and builds its kernels through it.
///
/// OpenBLAS itself always runs single-threaded: the kernels split the work themselves, and
/// nested threads would oversubscribe the cores.
///
/// ```swift
/// let compute = ComputeBackend(threads: 2)
/// let yolo = try DarknetDetector(modelDirectory: dir, compute: compute)
/// ```
public struct ComputeBackend: Sendable, Hashable {
    /// Threads one forward pass splits each layer between (at least 1).
    public let threads: Int
    /// Whether 3×3 stride-1 convolutions may run as Winograd F(4×4, 3×3) or F(2×2, 3×3) (else im2col + sgemm).
    public var allowsWinograd: Bool

    /// A backend on `threads` threads (nil: one per processor).
    public init(threads: Int? = nil, allowsWinograd: Bool = true) {
        self.threads = max(1, threads ?? Parallel.processorCount)
        self.allowsWinograd = allowsWinograd
    }

    /// Opens OpenBLAS (choosing its kernel first) and keeps it single-threaded.
    ///
    /// - Throws: ``BLASError`` when OpenBLAS cannot be opened.
    public func prepare() throws(BLASError) {
        try BLAS.load()
        BLAS.threadCount = 1
    }

    /// The algorithm a convolution of `shape` runs as: depthwise loops for depthwise shapes,
    /// Winograd where it applies and is allowed (F(4×4, 3×3) on planes with at least
    /// ``WinogradF4x4/minimumTiles`` of its tiles, F(2×2, 3×3) on smaller ones), im2col + sgemm
    /// otherwise. The choice depends on the shape alone, never on the threads or the batch.
    package func algorithm(for shape: ConvolutionShape) -> ConvolutionAlgorithm {
        if ConvolutionAlgorithm.depthwise.supports(shape) { return .depthwise }
        if allowsWinograd && shape.isWinogradShape {
            let tiles = WinogradF4x4.tiles(shape.outputHeight) * WinogradF4x4.tiles(shape.outputWidth)
            return tiles >= WinogradF4x4.minimumTiles ? .winograd4x4 : .winograd2x2
        }
        return .gemm
    }

    /// The kernel that computes `shape` with `weights` (`[filters][channels / groups][size][size]`),
    /// `biases` (one per filter) and `activation`, its weights packed for it once, here, on ``threads``.
    package func convolution(_ shape: ConvolutionShape, weights: [Float], biases: [Float], activation: Activation) -> any ConvolutionKernel {
        switch algorithm(for: shape) {
        case .depthwise: return DepthwiseConvolution(shape, weights: weights, biases: biases, activation: activation)
        case .winograd2x2: return WinogradConvolution<WinogradF2x2>(shape, weights: weights, biases: biases, activation: activation, threads: threads)
        case .winograd4x4: return WinogradConvolution<WinogradF4x4>(shape, weights: weights, biases: biases, activation: activation, threads: threads)
        case .gemm: return GEMMConvolution(shape, weights: weights, biases: biases, activation: activation)
        }
    }
}
