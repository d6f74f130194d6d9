import GroundingImageIO

/// A second pass at a higher zoom for objects a detector finds near the smallest size it can
/// see: when some of its finds are smaller than ``smallestSide``, the engine runs ``detector``
/// (a model made for objects that fill more of its input) over square regions of
/// ``regionScale`` times their median side, around where they are, and adds what it finds there
/// of about their size (``sizeRange``) scoring at least ``scoreThreshold``.
///
/// Objects seen small are seldom alone: the faces of a group photo's back rows are as small as
/// the few the first pass found, and a model shown them enlarged finds more. What the close look
/// adds is too small for a landmark model's judgement, so it needs a stricter score and must look
/// like the small finds to the engine's ``AppearanceModel`` (``AppearanceGroup``); without one,
/// or with fewer than two small finds to compare with, the engine takes no close look.
///
/// ```swift
/// if let look = (detector as? any CloseLookingDetector)?.closeLook {
///     print(look.regionScale)   // 5: a 14 px face fills a fifth of each region
/// }
/// ```
public struct CloseLook: Sendable {
    /// The model run on the enlarged regions; its class indices are the detector's own.
    public let detector: any Detector
    /// Finds smaller than this (longer side, pixels of the image the detector saw) call for a close look.
    public let smallestSide: Float
    /// A region's side, as a multiple of the small finds' median side.
    public let regionScale: Float
    /// What the close look finds is kept from this score up.
    public let scoreThreshold: Float
    /// What the close look finds is kept when its longer side is in this range, as a multiple of
    /// the small finds' median side: anything else is a part or a cluster of them.
    public let sizeRange: ClosedRange<Float>

    /// At most this many regions per image: beyond it the regions grow (less zoom) instead, so
    /// a close look costs at most this many small-model runs.
    public static let maxRegions = 400

    /// Regions of neighbouring looks overlap by half, so each object is seen whole in one.
    public static let overlap: Float = 0.5

    /// A close look with `detector` at finds under `smallestSide`, on regions of `regionScale`
    /// times their median side, keeping finds scoring at least `scoreThreshold` of `sizeRange`
    /// times that side.
    public init(detector: any Detector, smallestSide: Float, regionScale: Float, scoreThreshold: Float,
                sizeRange: ClosedRange<Float>) {
        self.detector = detector
        self.smallestSide = smallestSide
        self.regionScale = regionScale
        self.scoreThreshold = scoreThreshold
        self.sizeRange = sizeRange
    }

    /// The `found` boxes whose longer side is under ``smallestSide``: the ones that call for a look.
    public func small(_ found: [BoundingBox]) -> [BoundingBox] {
        found.filter { max($0.width, $0.height) < smallestSide }
    }

    /// The median longer side of the `found` boxes smaller than ``smallestSide`` (nil: none is).
    public func smallSide(of found: [BoundingBox]) -> Float? {
        let sides = small(found).map { max($0.width, $0.height) }.sorted()
        guard !sides.isEmpty else { return nil }
        let middle = sides.count / 2
        return sides.count % 2 == 1 ? sides[middle] : (sides[middle - 1] + sides[middle]) / 2
    }

    /// The regions to look at in an image of `width × height` where `found` are the detector's
    /// finds (pixels of that image): squares of ``regionScale`` times their ``smallSide(of:)``,
    /// overlapping by ``overlap``, covering the box around the small finds widened by one region
    /// on every side, and grown when they would be more than ``maxRegions``. None when no find is small.
    public func regions(width: Int, height: Int, found: [BoundingBox]) -> [PixelRect] {
        guard width > 0, height > 0, let side = smallSide(of: found), side > 0 else { return [] }
        let small = small(found)
        var regionSide = max(Float(TilePlan.tileSizeRange.lowerBound), regionScale * side)
        let around = BoundingBox(x1: small.map(\.x1).min()! - regionSide, y1: small.map(\.y1).min()! - regionSide,
                                 x2: small.map(\.x2).max()! + regionSide, y2: small.map(\.y2).max()! + regionSide)
        guard let covered = PixelRect(covering: around, width: width, height: height) else { return [] }
        // Regions step by (1 − overlap) of their side: about area / step² of them.
        let step = Float(1 - Self.overlap)
        let area = Float(covered.width) * Float(covered.height)
        regionSide = max(regionSide, (area / Float(Self.maxRegions)).squareRoot() / step)
        var size = Int(regionSide.rounded())
        while true {
            guard let regions = TilePlan.slices(over: covered, tileSize: min(size, TilePlan.tileSizeRange.upperBound),
                                                overlap: Self.overlap) else { return [] }
            // Rounding can leave one row or column too many: grow until within bounds.
            if regions.count <= Self.maxRegions || size >= TilePlan.tileSizeRange.upperBound { return regions }
            size += max(1, size / 16)
        }
    }

    /// Whether `box`, found by the close look, is kept beside the detector's `found` boxes: of
    /// about the small finds' `side`, and not on an object already found (neither centre lies in
    /// the other's box).
    public func keeps(_ box: BoundingBox, side: Float, beside found: [BoundingBox]) -> Bool {
        let longer = max(box.width, box.height)
        guard sizeRange.contains(longer / side) else { return false }
        let (x, y) = box.center
        return !found.contains { other in
            let (ox, oy) = other.center
            return other.contains(x: x, y: y) || box.contains(x: ox, y: oy)
        }
    }
}

/// A detector that asks for a ``CloseLook`` at what it finds small.
///
/// ```swift
/// let faces = try MediaPipeFaceDetector(model: .fullRange)
/// print(faces.closeLook?.detector.name ?? "none")   // mediapipe:face_detection_short_range
/// ```
public protocol CloseLookingDetector: Detector {
    /// The close look, or nil when this detector has none (its close-range model is missing).
    var closeLook: CloseLook? { get }
}
