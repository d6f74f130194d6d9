/// How much two boxes overlap, as a number in 0...1 compared against a threshold.
///
/// ```swift
/// var options = SuppressionOptions()
/// options.metric = .intersectionOverSmaller  // merges a box with a fragment of it
/// ```
public enum OverlapMetric: Sendable, Hashable {
    /// Intersection area over union area (IoU, the Jaccard index).
    case intersectionOverUnion
    /// Intersection area over the smaller box's area (IoS): 1 when one box lies inside the other.
    /// Good for joining the halves of an object cut by a tile border.
    case intersectionOverSmaller
}

extension OverlapMetric {
    /// The overlap of boxes `a` and `b` (`x1, y1, x2, y2` as `Double`) given their areas; zero
    /// unless they share a positive area.
    ///
    /// Computed the way OpenCV's `NMSBoxes` does for `Rect2d`: widths, heights and areas in
    /// `Double`, and IoU as `1 - Float(1 - inter / union)` (OpenCV rounds its Jaccard *distance*
    /// to `Float`), so that a threshold lying exactly on an overlap decides the same way.
    @inline(__always)
    package func value(_ a: SIMD4<Double>, area areaA: Double, _ b: SIMD4<Double>, area areaB: Double) -> Float {
        let width = min(a.z, b.z) - max(a.x, b.x)
        let height = min(a.w, b.w) - max(a.y, b.y)
        // A positive intersection implies both areas are positive, so neither division is by zero.
        guard width > 0, height > 0 else { return 0 }
        let intersection = width * height
        switch self {
        case .intersectionOverUnion:
            return 1 - Float(1 - intersection / (areaA + areaB - intersection))
        case .intersectionOverSmaller:
            return Float(intersection / min(areaA, areaB))
        }
    }

    /// The areas a box may have and still overlap a box of `area` by more than `threshold`:
    /// boxes with an area outside `lower...upper` cannot, so the spatial index may skip them.
    ///
    /// IoU is at most the ratio of the smaller area to the larger; IoS has no such bound. The
    /// 1e-6 slack covers the `Float` rounding of ``value(_:area:_:area:)``.
    package func areaWindow(around area: Double, threshold: Float) -> (lower: Double, upper: Double) {
        guard self == .intersectionOverUnion else { return (0, .infinity) }
        let ratio = Double(threshold) - 1e-6
        guard ratio > 0 else { return (0, .infinity) }
        return (ratio * area, area / ratio)
    }
}
