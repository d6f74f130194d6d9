/// A rectangle of whole pixels inside an image: columns `x..<x+width`, rows `y..<y+height`.
///
/// Tiles, crops and exemplar regions are pixel rectangles; detections use boxes in float pixels.
///
/// ```swift
/// let tile = PixelRect(x: 0, y: 0, width: 640, height: 640)
/// tile.contains(PixelRect(x: 10, y: 10, width: 5, height: 5))  // true
/// ```
public struct PixelRect: Sendable, Hashable, Codable {
    /// Left column.
    public var x: Int
    /// Top row.
    public var y: Int
    /// Width in pixels.
    public var width: Int
    /// Height in pixels.
    public var height: Int

    /// Creates a rectangle from its top-left pixel and size.
    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }

    /// The whole of a `width × height` image.
    public init(width: Int, height: Int) {
        self.init(x: 0, y: 0, width: width, height: height)
    }

    /// True when `other` lies entirely inside this rectangle.
    public func contains(_ other: PixelRect) -> Bool {
        other.x >= x && other.y >= y && other.x + other.width <= x + width && other.y + other.height <= y + height
    }
}
