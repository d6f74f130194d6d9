/// How a part that each whole has exactly one of (a person's face) stands for its whole: where
/// in the whole's box it sits, and what box a whole seen only by it gets.
///
/// A person hidden behind others in a crowd often shows only a face, which the person detector
/// does not name but a face model finds. The engine pairs each such part with a whole its own
/// model found (``WholesFromParts``); a part left over is a whole that model missed
/// (``FoundBy/part``).
///
/// ```swift
/// let face = Vocabulary.Entry(id: 0, name: "face", whole: "person", marks: .faceOfPerson)
/// ```
public struct WholeMark: Sendable, Hashable {
    /// The part's centre lies in its whole's box, no lower than this share of the box's height
    /// from its top (a face: three quarters, so a person the photo cuts below the shoulders,
    /// whose box is little more than a head, still holds their face).
    public let lowestCentre: Float
    /// Where the part's centre lies across its whole's box, as a share of its width from the left
    /// (a face: 0.5), and down it, as a share of its height from the top (a face: near the top).
    public let anchor: ImagePoint
    /// The box of a whole seen only by its part, in the part's own frame, where the part's box
    /// spans 0 to 1 each way (a person from a face: −0.75 to 1.75 across, −0.4 to 2.5 down): what
    /// the part shows of its whole.
    public let extent: BoundingBox

    /// A mark.
    public init(lowestCentre: Float, anchor: ImagePoint, extent: BoundingBox) {
        self.lowestCentre = lowestCentre
        self.anchor = anchor
        self.extent = extent
    }

    /// The box ``extent`` gives a whole seen only by `part`.
    public func wholeBox(around part: BoundingBox) -> BoundingBox {
        BoundingBox(x1: part.x1 + extent.x1 * part.width, y1: part.y1 + extent.y1 * part.height,
                    x2: part.x1 + extent.x2 * part.width, y2: part.y1 + extent.y2 * part.height)
    }

    /// A face, of a person: in the upper three quarters of the person's box, near the top middle. Alone, it
    /// stands for the head and shoulders, what a crowd leaves of a person: shoulders two and a half faces
    /// wide, down to one and a half face heights below the chin.
    public static let faceOfPerson = WholeMark(lowestCentre: 0.75, anchor: ImagePoint(x: 0.5, y: 0.1),
                                               extent: BoundingBox(x1: -0.75, y1: -0.4, x2: 1.75, y2: 2.5))
}
