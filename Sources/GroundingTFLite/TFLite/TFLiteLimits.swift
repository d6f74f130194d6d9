import GroundingCompute

/// Sizes beyond which a model is refused before anything is allocated, so that a damaged or
/// hostile file cannot exhaust memory. Far above what detector models need (MediaPipe's largest
/// tensor holds 295,000 values, its largest file is 2.3 MB).
enum TFLiteLimits {
    /// The largest model file read.
    static let maxFileBytes = 1 << 28
    /// The most values one tensor may hold.
    static let maxTensorElements = 1 << 26
    /// The most dimensions a tensor may have.
    static let maxRank = 8
    /// The most activation values one forward pass may hold at once (all live buffers).
    static let maxWorkspaceElements = 1 << 27

    /// The number of elements of `shape`, or nil when a dimension is negative or the product
    /// exceeds ``maxTensorElements``.
    static func elementCount(_ shape: [Int]) -> Int? {
        GroundingCompute.elementCount(shape, maxRank: maxRank, limit: maxTensorElements)
    }
}
