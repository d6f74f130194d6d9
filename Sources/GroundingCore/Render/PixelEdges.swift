/// A box snapped to whole pixels: columns `left..<right`, rows `top..<bottom`.
/// Edges rather than a ``PixelRect``'s origin and size, because outlines are drawn from edges.
struct PixelEdges: Equatable {
    var left: Int
    var top: Int
    var right: Int
    var bottom: Int

    /// The pixels both rectangles hold (empty, with zero ``area``, when they do not overlap).
    func intersection(_ other: PixelEdges) -> PixelEdges {
        let left = max(self.left, other.left), top = max(self.top, other.top)
        return PixelEdges(left: left, top: top, right: max(left, min(right, other.right)),
                          bottom: max(top, min(bottom, other.bottom)))
    }

    /// Number of pixels (0 for an empty rectangle).
    var area: Int {
        max(0, right - left) * max(0, bottom - top)
    }
}
