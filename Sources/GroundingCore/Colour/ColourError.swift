/// Why a box's colour cannot be measured.
///
/// ```swift
/// let outside = BoundingBox(x1: 900, y1: 0, x2: 950, y2: 40)
/// _ = try? BasicColour.classify(in: image, box: outside)  // .outsideImage for a 773×512 image
/// ```
public enum ColourError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The box has no area (x2 ≤ x1 or y2 ≤ y1) or a coordinate that is not a finite number.
    case emptyBox(BoundingBox)
    /// The box does not overlap the `width × height` image.
    case outsideImage(BoundingBox, width: Int, height: Int)

    /// What is wrong, with the box and the image size, and what to do.
    public var description: String {
        switch self {
        case .emptyBox(let box):
            return "box \(box.corners) has no area; give [x1, y1, x2, y2] with x1 < x2 and y1 < y2 in pixels of the image"
        case .outsideImage(let box, let width, let height):
            return "box \(box.corners) lies outside the \(width)×\(height) image; give it in pixels of this image (scale a detection's box when the image was decoded smaller)"
        }
    }
}

extension BoundingBox {
    /// `[x1, y1, x2, y2]` as text, for messages.
    var corners: String { "[\(x1), \(y1), \(x2), \(y2)]" }
}
