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

    /// What a box must look like to overlap box `box` (of area `area`) by more than `threshold`,
    /// so the spatial index can skip the boxes that cannot.
    ///
    /// Any overlap above zero needs a positive intersection. IoU above `t` needs more: the
    /// intersection is wider than `t ×` either box's width (IoU ≤ intersection width / width,
    /// since the union covers each box), so the other box's width lies in `t·w ..< w/t`, and the
    /// same for heights and areas. IoS has no such bound. A 1e-6 slack on `t` covers the `Float`
    /// rounding of ``value(_:area:_:area:)``.
    package func reach(of box: SIMD4<Double>, area: Double, threshold: Float) -> OverlapReach {
        let ratio = Double(threshold) - 1e-6
        guard self == .intersectionOverUnion, ratio > 0 else { return OverlapReach() }
        let width = max(0, box.z - box.x), height = max(0, box.w - box.y)
        return OverlapReach(widths: (ratio * width, width / ratio), heights: (ratio * height, height / ratio),
                            areas: (ratio * area, area / ratio), margins: (ratio * width, ratio * height))
    }
}
