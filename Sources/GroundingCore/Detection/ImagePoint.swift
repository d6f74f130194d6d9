/// A point in image pixels: x to the right, y down, origin at the top-left corner.
///
/// ```swift
/// let p = ImagePoint(x: 86.3, y: 274.3)
/// ```
public struct ImagePoint: Sendable, Hashable, Codable {
    /// Horizontal position.
    public var x: Float
    /// Vertical position.
    public var y: Float

    /// Creates a point.
    public init(x: Float, y: Float) {
        self.x = x
        self.y = y
    }
}
