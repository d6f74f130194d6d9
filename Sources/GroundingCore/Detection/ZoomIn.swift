import GroundingImageIO

/// Looks again at twice the zoom where a detector found objects of a class small: the photo
/// around those finds is cut into squares half the side of the view they were seen in, each
/// enlarged to the detector's input, and what the detector finds there of about their size, that
/// nothing found holds, is one more object.
///
/// Objects seen small are seldom alone: a flock, a herd in a field, people in a square. A
/// detector trained on COCO finds objects under 32 × 32 pixels of its input worst (COCO calls
/// them small), and the slices of a planned pass are never enlarged, so such a flock stays small
/// in every view. Twice the zoom brings the next ones within reach; far more does not: a sheep of
/// 10 px enlarged eight times is a blur in which YOLOv4-tiny names nothing (`Benchmarks/Accuracy/README.md`).
///
/// Whether a detector zooms in is its own (``Detector/zoomsIn``): it helps as far as the detector
/// tells small things apart. YOLO11n, shown sheep.jpg's field again this way, found 15 more sheep
/// and nothing else; YOLOv4-tiny found 2, and of what it added on 284 photos no one tuned on, 10
/// boxes were cypress trees, statues or bison taken for people and sheep, against 16 right.
///
/// ```swift
/// let small = ZoomIn.small(sheep.map(\.box), inputPerImagePixel: 0.84)
/// let squares = ZoomIn.squares(around: small, viewSide: 1138, width: 1138, height: 665)
/// ```
public enum ZoomIn {
    /// The side, in input pixels (the square root of the box's area), under which a find is
    /// small: COCO's bar (32 × 32).
    public static let smallSide: Float = 32
    /// How many times closer the squares show the photo than the view the small finds came from.
    public static let zoom: Float = 2
    /// The fewest small finds of a class that call for a look: one small find alone is as often
    /// a distant thing apart as one of many.
    public static let minimumSmallFinds = 2
    /// The most squares looked at for one class: past it, the small finds are spread over too
    /// much of the photo for a closer look to stay cheap, and none is taken.
    public static let maximumSquares = 32
    /// Squares overlap by this share of their side (a planned tiling's own), so an object cut by
    /// one is seen whole in the next.
    public static let overlap: Float = 0.2
    /// What the look finds is kept up to this many times the side of the largest small find:
    /// anything larger is a part of the scene a square cut, or something the pass saw already.
    public static let largestKept: Float = 2

    /// The `finds` (pixels of the image the detector saw) that are small when the view they came
    /// from shows `inputPerImagePixel` input pixels for each of the image's.
    public static func small(_ finds: [BoundingBox], inputPerImagePixel: Float) -> [BoundingBox] {
        finds.filter { $0.area.squareRoot() * inputPerImagePixel < smallSide }
    }

    /// Squares of `viewSide` / ``zoom`` (pixels of a `width × height` image; `viewSide` is the
    /// side of the views the finds came from), overlapping by ``overlap``, covering the box
    /// around the `small` finds widened by half a square on every side; none when the finds are
    /// fewer than ``minimumSmallFinds`` or the squares would be more than ``maximumSquares``.
    public static func squares(around small: [BoundingBox], viewSide: Float, width: Int, height: Int) -> [PixelRect] {
        guard small.count >= minimumSmallFinds, width > 0, height > 0 else { return [] }
        let side = Int((viewSide / zoom).rounded())
        guard side >= TilePlan.tileSizeRange.lowerBound else { return [] }
        let margin = Float(side) / 2
        let around = BoundingBox(x1: small.map(\.x1).min()! - margin, y1: small.map(\.y1).min()! - margin,
                                 x2: small.map(\.x2).max()! + margin, y2: small.map(\.y2).max()! + margin)
        guard let area = PixelRect(covering: around, width: width, height: height),
              let squares = TilePlan.slices(over: area, tileSize: side, overlap: overlap), squares.count <= maximumSquares
        else { return [] }
        return squares
    }

    /// Whether `box`, found by the look, is of the small finds' size: its side (the square root
    /// of its area) at most ``largestKept`` times `largestSmallSide`, the largest small find's.
    public static func keeps(_ box: BoundingBox, largestSmallSide: Float) -> Bool {
        box.area.squareRoot() <= largestKept * largestSmallSide
    }
}
