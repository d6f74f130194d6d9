import GroundingImageIO

/// The sides of a detection's box that end where the slice it was found in ends, inside the
/// photo: there the slice may have cut the object, and the box may hold only the part the slice
/// showed (the middle of a long rowing boat whose bow and stern lay in other slices).
///
/// A box that ends at the photo's own border is not cut by the slice: nothing lies beyond it.
/// Merging slices drops such a box when a larger box of its class holds it and reaches past the
/// cut (``suppressFragments(_:options:)``).
///
/// ```swift
/// let slice = PixelRect(x: 0, y: 0, width: 640, height: 640)
/// let cut = SliceCut(BoundingBox(x1: 400, y1: 100, x2: 639, y2: 300), in: slice, imageWidth: 1280, imageHeight: 640)
/// cut == .right  // true
/// ```
public struct SliceCut: OptionSet, Sendable, Hashable {
    /// The raw bits: left 1, top 2, right 4, bottom 8.
    public let rawValue: UInt8

    /// Creates a set of cut sides from its bits.
    public init(rawValue: UInt8) {
        self.rawValue = rawValue
    }

    /// The box ends at the slice's left edge.
    public static let left = SliceCut(rawValue: 1)
    /// The box ends at the slice's top edge.
    public static let top = SliceCut(rawValue: 2)
    /// The box ends at the slice's right edge.
    public static let right = SliceCut(rawValue: 4)
    /// The box ends at the slice's bottom edge.
    public static let bottom = SliceCut(rawValue: 8)

    /// How near a slice's edge a box must end to count as cut there, as a share of the slice's
    /// side: detectors draw a box cut by the input's edge a few pixels short of it.
    public static let edgeShare: Float = 0.02

    /// The sides of `box` (pixels of the photo) cut by `slice`, a region of a
    /// `imageWidth × imageHeight` photo; empty when the slice is the whole photo.
    public init(_ box: BoundingBox, in slice: PixelRect, imageWidth: Int, imageHeight: Int) {
        let nearX = Self.edgeShare * Float(slice.width), nearY = Self.edgeShare * Float(slice.height)
        var cut: SliceCut = []
        if slice.x > 0, box.x1 <= Float(slice.x) + nearX { cut.insert(.left) }
        if slice.y > 0, box.y1 <= Float(slice.y) + nearY { cut.insert(.top) }
        if slice.x + slice.width < imageWidth, box.x2 >= Float(slice.x + slice.width) - nearX { cut.insert(.right) }
        if slice.y + slice.height < imageHeight, box.y2 >= Float(slice.y + slice.height) - nearY { cut.insert(.bottom) }
        self = cut
    }

    /// Whether `whole` reaches past `part`'s cut sides (by at least a tenth of `part`'s side
    /// there) on at least one of them: it saw more of the object than the slice showed.
    public func isReached(past part: BoundingBox, by whole: BoundingBox) -> Bool {
        let marginX = Self.reachShare * part.width, marginY = Self.reachShare * part.height
        return (contains(.left) && whole.x1 < part.x1 - marginX)
            || (contains(.top) && whole.y1 < part.y1 - marginY)
            || (contains(.right) && whole.x2 > part.x2 + marginX)
            || (contains(.bottom) && whole.y2 > part.y2 + marginY)
    }

    /// The share of a box cut by its slice that must lie inside a larger box of its class for it
    /// to be taken for a part of that object. On boats.jpg, swans.png and solvay-1927.jpg the cut
    /// boxes lying 0.8–1.0 inside a larger one were parts of it (the middle of a rowing boat, a
    /// swan's neck, a person's head and shoulders); those lying 0.3–0.75 inside included heads
    /// in the next person's box. On horses.png a slice's box over a standing foal lay 0.75 inside
    /// the foal's own box, which the mare's box beside it suppresses: at 0.5 the foal was lost.
    public static let partShare: Float = 0.8

    /// How far past a cut side, as a share of the part's side, a larger box must reach.
    static let reachShare: Float = 0.1
}
