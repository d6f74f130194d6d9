/// One anchor of an SSD detector: a box, in input-normalised coordinates (0...1), that the
/// model's box regressions are relative to.
///
/// ```swift
/// let anchor = SSDAnchor(centerX: 0.03125, centerY: 0.03125, width: 1, height: 1)
/// ```
public struct SSDAnchor: Sendable, Hashable {
    /// Horizontal centre, 0...1 across the input.
    public var centerX: Float
    /// Vertical centre, 0...1 down the input.
    public var centerY: Float
    /// Width the regressions scale by (1 for fixed-size anchors).
    public var width: Float
    /// Height the regressions scale by (1 for fixed-size anchors).
    public var height: Float

    /// Creates an anchor.
    public init(centerX: Float, centerY: Float, width: Float, height: Float) {
        self.centerX = centerX
        self.centerY = centerY
        self.width = width
        self.height = height
    }
}
