/// What to draw and how big; sizes left `nil` scale with the image.
///
/// ```swift
/// var options = RenderOptions()
/// options.drawsPoints = false
/// options.lineWidth = 4
/// ```
public struct RenderOptions: Sendable, Hashable {
    /// Outline each layer's boxes.
    public var drawsBoxes: Bool
    /// Draw the tag (e.g. `"horse 0.93"`) of each outlined box.
    public var drawsTags: Bool
    /// Mark each layer's points.
    public var drawsPoints: Bool
    /// Draw the legend of per-layer counts, in the corner where it hides least.
    public var drawsCountBadges: Bool
    /// Box outline width in pixels; `nil` scales it with the image (the shorter side / 250,
    /// rounded, and at least 2).
    public var lineWidth: Int?
    /// Integer magnification of the 8 × 13 px font; `nil` scales it with the image (the shorter
    /// side / 600, rounded, and at least 1).
    public var textScale: Int?
    /// Radius of point markers in pixels, without their ring; `nil` scales it with the image
    /// (the shorter side / 100, and at least 4).
    public var pointRadius: Int?

    /// Creates options; the defaults draw everything at sizes scaled to the image.
    public init(drawsBoxes: Bool = true, drawsTags: Bool = true, drawsPoints: Bool = true,
                drawsCountBadges: Bool = true, lineWidth: Int? = nil, textScale: Int? = nil,
                pointRadius: Int? = nil) {
        self.drawsBoxes = drawsBoxes
        self.drawsTags = drawsTags
        self.drawsPoints = drawsPoints
        self.drawsCountBadges = drawsCountBadges
        self.lineWidth = lineWidth
        self.textScale = textScale
        self.pointRadius = pointRadius
    }
}

/// The sizes, in pixels, that ``RenderOptions`` resolve to on one image.
package struct RenderMetrics: Sendable, Hashable {
    /// Box outline width.
    package let lineWidth: Int
    /// Font magnification.
    package let textScale: Int
    /// Radius of the coloured disc of a point marker.
    package let pointRadius: Int
    /// Width of the white ring around a point marker's disc.
    package let ringWidth: Int
    /// Width of the black edge outside the white ring.
    package let edgeWidth: Int
    /// Length of one dash of an exemplar outline.
    package let dashLength: Int
    /// Gap between two dashes of an exemplar outline.
    package let dashGap: Int

    /// Resolves `options` for a `width × height` image. Explicit sizes are clamped to sane
    /// bounds so that absurd values cannot overflow arithmetic.
    package init(width: Int, height: Int, options: RenderOptions) {
        let shortSide = max(min(width, height), 1)
        lineWidth = min(max(options.lineWidth ?? max(2, (shortSide + 125) / 250), 1), 1024)
        textScale = min(max(options.textScale ?? max(1, (shortSide + 300) / 600), 1), 64)
        pointRadius = min(max(options.pointRadius ?? max(4, shortSide / 100), 1), 4096)
        ringWidth = max(1, pointRadius / 5)
        edgeWidth = max(1, ringWidth / 2)
        dashLength = max(4, 3 * lineWidth)
        dashGap = max(3, 2 * lineWidth)
    }
}
