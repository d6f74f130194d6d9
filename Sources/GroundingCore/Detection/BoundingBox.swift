/// An axis-aligned box `[x1, y1, x2, y2]` in pixels: x to the right, y down, origin at the
/// top-left corner of the top-left pixel.
///
/// ```swift
/// let box = BoundingBox(x1: 10, y1: 20, x2: 110, y2: 70)
/// box.width   // 100
/// box.center  // (60, 45)
/// ```
public struct BoundingBox: Sendable, Hashable, Codable {
    /// Left edge.
    public var x1: Float
    /// Top edge.
    public var y1: Float
    /// Right edge.
    public var x2: Float
    /// Bottom edge.
    public var y2: Float

    /// Creates a box from its corners.
    public init(x1: Float, y1: Float, x2: Float, y2: Float) {
        self.x1 = x1
        self.y1 = y1
        self.x2 = x2
        self.y2 = y2
    }

    /// Creates a box from its centre and size.
    public init(centerX: Float, centerY: Float, width: Float, height: Float) {
        self.init(x1: centerX - width / 2, y1: centerY - height / 2,
                  x2: centerX + width / 2, y2: centerY + height / 2)
    }

    /// `x2 - x1`, never negative.
    public var width: Float { max(0, x2 - x1) }
    /// `y2 - y1`, never negative.
    public var height: Float { max(0, y2 - y1) }
    /// `width * height`; zero for empty or inverted boxes.
    public var area: Float { width * height }
    /// The centre point.
    public var center: (x: Float, y: Float) { ((x1 + x2) / 2, (y1 + y2) / 2) }

    /// Whether the point (`x`, `y`) lies inside the box or on its edge.
    public func contains(x: Float, y: Float) -> Bool {
        x1 <= x && x <= x2 && y1 <= y && y <= y2
    }

    /// The area shared with `other` (zero when they do not overlap).
    public func intersectionArea(with other: BoundingBox) -> Float {
        let w = min(x2, other.x2) - max(x1, other.x1)
        let h = min(y2, other.y2) - max(y1, other.y1)
        return w > 0 && h > 0 ? w * h : 0
    }

    /// Intersection over union; zero when both boxes are empty.
    public func intersectionOverUnion(with other: BoundingBox) -> Float {
        let inter = intersectionArea(with: other)
        let union = area + other.area - inter
        return union > 0 ? inter / union : 0
    }

    /// Intersection over the smaller box's area (IoS); zero when either box is empty.
    public func intersectionOverSmaller(with other: BoundingBox) -> Float {
        let smaller = min(area, other.area)
        return smaller > 0 ? intersectionArea(with: other) / smaller : 0
    }

    /// The smallest box that holds both.
    public func union(_ other: BoundingBox) -> BoundingBox {
        BoundingBox(x1: min(x1, other.x1), y1: min(y1, other.y1),
                    x2: max(x2, other.x2), y2: max(y2, other.y2))
    }

    /// The square `scale` times this box's longer side, around its centre.
    public func square(scale: Float) -> BoundingBox {
        let half = scale * max(width, height) / 2
        let (cx, cy) = center
        return BoundingBox(x1: cx - half, y1: cy - half, x2: cx + half, y2: cy + half)
    }

    /// This box clipped to `[0, width] × [0, height]`.
    public func clipped(width: Float, height: Float) -> BoundingBox {
        BoundingBox(x1: min(max(x1, 0), width), y1: min(max(y1, 0), height),
                    x2: min(max(x2, 0), width), y2: min(max(y2, 0), height))
    }
}
