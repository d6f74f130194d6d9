import GroundingImageIO

/// The pixels the engine runs on and the full-size upright image they stand for.
struct ImageFrame {
    let image: RGBImage
    let fullWidth: Int
    let fullHeight: Int

    /// The square `scale` times `box`'s longer side (full-size pixels) around its centre, in
    /// `image` pixels and cut to the image; nil when nothing of it is in the image.
    func square(around box: BoundingBox, scale: Float) -> PixelRect? {
        PixelRect(covering: toImage(box).square(scale: scale), width: image.width, height: image.height)
    }

    /// A detection in `image` pixels as one in full-size pixels (the same when `image` is full size).
    func toFull(_ detection: Detection) -> Detection {
        Self.scaled(detection, Float(fullWidth) / Float(image.width), Float(fullHeight) / Float(image.height))
    }

    /// A full-size detection in `image` pixels (the same when `image` is full size).
    func toImage(_ detection: Detection) -> Detection {
        Self.scaled(detection, Float(image.width) / Float(fullWidth), Float(image.height) / Float(fullHeight))
    }

    /// `detection` with its box, point and keypoints scaled by `x` and `y`; the rest as it is.
    private static func scaled(_ detection: Detection, _ x: Float, _ y: Float) -> Detection {
        func point(_ p: ImagePoint) -> ImagePoint { ImagePoint(x: p.x * x, y: p.y * y) }
        var scaled = detection
        scaled.box = BoundingBox(x1: detection.box.x1 * x, y1: detection.box.y1 * y, x2: detection.box.x2 * x, y2: detection.box.y2 * y)
        scaled.point = detection.point.map(point)
        scaled.keypoints = detection.keypoints.map(point)
        return scaled
    }

    /// A full-size box in `image` pixels (the same when `image` is full size).
    func toImage(_ box: BoundingBox) -> BoundingBox {
        let sx = Float(image.width) / Float(fullWidth), sy = Float(image.height) / Float(fullHeight)
        return BoundingBox(x1: box.x1 * sx, y1: box.y1 * sy, x2: box.x2 * sx, y2: box.y2 * sy)
    }

    /// A full-size rectangle in `image` pixels (the same when `image` is full size), kept inside it.
    func toImage(_ rect: PixelRect) -> PixelRect {
        guard image.width != fullWidth || image.height != fullHeight else { return rect }
        let sx = Double(image.width) / Double(fullWidth), sy = Double(image.height) / Double(fullHeight)
        let x1 = min(image.width - 1, Int((Double(rect.x) * sx).rounded(.down)))
        let y1 = min(image.height - 1, Int((Double(rect.y) * sy).rounded(.down)))
        let x2 = min(image.width, max(x1 + 1, Int((Double(rect.x + rect.width) * sx).rounded(.up))))
        let y2 = min(image.height, max(y1 + 1, Int((Double(rect.y + rect.height) * sy).rounded(.up))))
        return PixelRect(x: x1, y: y1, width: x2 - x1, height: y2 - y1)
    }
}
