import GroundingImageIO

/// How a region of the source image was mapped onto a detector input, so that boxes found in
/// input pixels can be mapped back to source-image pixels.
///
/// Input pixel coordinate `u` corresponds to source coordinate `(u - padX) / scaleX + region.x`
/// (and likewise for y). Plain resizing has zero padding and different x and y scales;
/// letterboxing has one scale and centred padding.
///
/// ```swift
/// let t = InputTransform(region: PixelRect(width: 832, height: 832), scaleX: 0.5, scaleY: 0.5)
/// t.mapToSource(BoundingBox(x1: 10, y1: 10, x2: 20, y2: 20))  // [20, 20, 40, 40]
/// ```
public struct InputTransform: Sendable, Hashable {
    /// The source-image region that was resized into the input.
    public var region: PixelRect
    /// Input pixels per source pixel, horizontally.
    public var scaleX: Float
    /// Input pixels per source pixel, vertically.
    public var scaleY: Float
    /// Letterbox padding on the left, in input pixels.
    public var padX: Float
    /// Letterbox padding on the top, in input pixels.
    public var padY: Float

    /// Creates a transform.
    public init(region: PixelRect, scaleX: Float, scaleY: Float, padX: Float = 0, padY: Float = 0) {
        self.region = region
        self.scaleX = scaleX
        self.scaleY = scaleY
        self.padX = padX
        self.padY = padY
    }

    /// Maps a point in input pixels back to source-image pixels.
    public func mapToSource(_ point: ImagePoint) -> ImagePoint {
        ImagePoint(x: (point.x - padX) / scaleX + Float(region.x), y: (point.y - padY) / scaleY + Float(region.y))
    }

    /// Maps a box in input pixels back to source-image pixels.
    public func mapToSource(_ box: BoundingBox) -> BoundingBox {
        BoundingBox(x1: (box.x1 - padX) / scaleX + Float(region.x),
                    y1: (box.y1 - padY) / scaleY + Float(region.y),
                    x2: (box.x2 - padX) / scaleX + Float(region.x),
                    y2: (box.y2 - padY) / scaleY + Float(region.y))
    }
}
