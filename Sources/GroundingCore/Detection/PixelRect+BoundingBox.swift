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

extension PixelRect {
    /// `box` with its corner and its size each rounded to the nearest whole pixel.
    ///
    /// ```swift
    /// PixelRect(rounding: BoundingBox(x1: 2.4, y1: 3.6, x2: 12.5, y2: 8.2))  // x 2, y 4, 10 × 5
    /// ```
    public init(rounding box: BoundingBox) {
        let x = Int(box.x1.rounded()), y = Int(box.y1.rounded())
        self.init(x: x, y: y, width: Int(box.width.rounded()), height: Int(box.height.rounded()))
    }

    /// The whole pixels `box` touches (its edges rounded outward), cut to a `width × height`
    /// image; nil when none of them is in the image.
    public init?(covering box: BoundingBox, width: Int, height: Int) {
        let x0 = max(0, Int(box.x1.rounded(.down))), y0 = max(0, Int(box.y1.rounded(.down)))
        let x1 = min(width, Int(box.x2.rounded(.up))), y1 = min(height, Int(box.y2.rounded(.up)))
        guard x1 > x0, y1 > y0 else { return nil }
        self.init(x: x0, y: y0, width: x1 - x0, height: y1 - y0)
    }
}
