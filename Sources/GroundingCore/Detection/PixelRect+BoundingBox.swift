import GroundingImageIO

extension PixelRect {
    /// The same area as a ``BoundingBox`` in pixel coordinates.
    ///
    /// ```swift
    /// PixelRect(x: 2, y: 3, width: 10, height: 5).box  // BoundingBox(x1: 2, y1: 3, x2: 12, y2: 8)
    /// ```
    public var box: BoundingBox {
        BoundingBox(x1: Float(x), y1: Float(y), x2: Float(x + width), y2: Float(y + height))
    }
}
