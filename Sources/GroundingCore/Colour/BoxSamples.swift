import GroundingImageIO

/// Pixels sampled on a grid inside a box, and in a band around it: what a box's colour is
/// measured on.
///
/// At most ``side`` × ``side`` samples are taken inside and fewer in the band, so a box costs
/// the same on a 12 MP photo as on its 1/8-scale decode.
///
/// ```swift
/// let samples = BoxSamples(image: image, box: box)
/// samples.inside.count   // ≤ 1024
/// ```
struct BoxSamples: Sendable {
    /// The largest number of samples along a side inside the box: 32 × 32 measure a share of
    /// one half to about ±2% (one standard error).
    static let side = 32
    /// The largest number along a side of the grid over the box and its band, of which those
    /// in the band are kept (about 570 when the band is not clipped).
    static let bandSide = 32
    /// The band around the box, as a fraction of its width (left and right) and height (above
    /// and below): wide enough to see the background of a thin object, near enough to be the
    /// same background.
    static let band: Float = 0.25

    /// Linear RGB of each sample inside the box.
    var inside: [SIMD3<Float>] = []
    /// Where each inside sample lies in the box: (0, 0) top-left corner, (1, 1) bottom-right.
    var places: [SIMD2<Float>] = []
    /// Linear RGB of each sample in the band around the box, outside the box.
    var around: [SIMD3<Float>] = []

    /// Samples `box`, which must overlap `image` (it is clipped to it here).
    init(image: RGBImage, box: BoundingBox) {
        let width = Float(image.width), height = Float(image.height)
        let inner = box.clipped(width: width, height: height)
        Self.grid(image, over: inner, side: Self.side) { colour, place in
            inside.append(colour)
            places.append(place)
        }
        let grownX = Self.band * inner.width, grownY = Self.band * inner.height
        let outer = BoundingBox(x1: inner.x1 - grownX, y1: inner.y1 - grownY,
                                x2: inner.x2 + grownX, y2: inner.y2 + grownY).clipped(width: width, height: height)
        Self.grid(image, over: outer, side: Self.bandSide, skipping: inner) { colour, _ in around.append(colour) }
    }

    /// Calls `body` with the linear RGB of the pixel under each point of an even grid over
    /// `rect` (at most `side` points a side, at least one) that is not in `skipped`, and the
    /// point's place in `rect`.
    private static func grid(_ image: RGBImage, over rect: BoundingBox, side: Int, skipping skipped: BoundingBox? = nil,
                             _ body: (SIMD3<Float>, SIMD2<Float>) -> Void) {
        let columns = min(side, max(1, Int(rect.width.rounded(.up))))
        let rows = min(side, max(1, Int(rect.height.rounded(.up))))
        image.pixels.withUnsafeBufferPointer { pixels in
            for row in 0..<rows {
                let v = (Float(row) + 0.5) / Float(rows)
                let y = rect.y1 + v * rect.height
                let pixelRow = min(image.height - 1, max(0, Int(y)))
                let rowInSkipped = skipped.map { y >= $0.y1 && y < $0.y2 } ?? false
                for column in 0..<columns {
                    let u = (Float(column) + 0.5) / Float(columns)
                    let x = rect.x1 + u * rect.width
                    if rowInSkipped, let skipped, x >= skipped.x1 && x < skipped.x2 { continue }
                    let offset = pixelRow * image.rowStride + min(image.width - 1, max(0, Int(x))) * 3
                    let colour = SIMD3(CIELab.linear(pixels[offset]), CIELab.linear(pixels[offset + 1]),
                                       CIELab.linear(pixels[offset + 2]))
                    body(colour, SIMD2(u, v))
                }
            }
        }
    }
}
