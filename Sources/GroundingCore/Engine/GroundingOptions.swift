/// How the engine covers a photo with detector inputs.
///
/// ```swift
/// var options = GroundingOptions()
/// options.tiling = .size(640)
/// ```
public enum Tiling: Sendable, Hashable {
    /// Whole image when it is not much larger than the detector input, overlapping slices
    /// plus a whole-image pass otherwise; a panorama is sliced at the scale of a photo of its
    /// height (see ``TilePlan/automatic(imageWidth:imageHeight:inputWidth:inputHeight:overlap:)``).
    case automatic
    /// One pass over the whole image, resized to the detector input.
    case off
    /// Overlapping square slices of this many pixels, plus a whole-image pass (see
    /// ``TilePlan/overviews``).
    case size(Int)
}

/// How boxes found in overlapping slices are combined into one per object.
///
/// ```swift
/// var options = GroundingOptions()
/// options.tileMerge = .merge
/// ```
public enum TileMerge: Sendable, Hashable {
    /// Keep the best box and drop the others (non-maximum suppression), except a small box the
    /// whole-image pass saw beside a larger one, which is kept (``suppressFragments(_:options:)``).
    case suppress
    /// Replace matching boxes by their union, keeping the best score (non-maximum merging).
    case merge
}

/// Knobs for one grounding request; the defaults suit YOLOv4-tiny on everyday photos.
///
/// ```swift
/// var options = GroundingOptions()
/// options.scoreThreshold = 0.4
/// options.tiling = .size(640)
/// ```
public struct GroundingOptions: Sendable, Hashable {
    /// Detections scoring below this are dropped (0...1); `nil` uses each model's own
    /// ``Detector/defaultScoreThreshold`` (YOLO 0.25, MediaPipe's detectors 0.5), because the
    /// models' scores are not on one scale.
    public var scoreThreshold: Float?
    /// Boxes of one class overlapping more than this (IoU) are duplicates (0...1).
    public var iouThreshold: Float = 0.45
    /// At most this many detections are listed per requested name, best first. Counts are not
    /// affected: ``GroundedObject/count`` is the full number and ``GroundedObject/isTruncated``
    /// says when the list was cut.
    public var maxDetections: Int = 1000
    /// How the image is covered with detector inputs.
    public var tiling: Tiling = .automatic
    /// Overlap between neighbouring slices, as a fraction of the slice size.
    public var overlap: Float = 0.2
    /// How slices' boxes are combined; used only when the image is tiled. Suppression is the
    /// default: on the tiling test's mosaic it kept 96% of the photos' objects, merging 79%,
    /// because unions of partial boxes grow past the object.
    public var tileMerge: TileMerge = .suppress
    /// Overlap (intersection over the smaller box) above which boxes from different slices are
    /// one object.
    public var tileMatchThreshold: Float = 0.5
    /// When true, boxes of different classes also suppress each other.
    public var classAgnostic: Bool = false
    /// When true (the default), a name that stands for several classes (`vehicle`, `animal`)
    /// counts each object once: of two boxes of its different classes that are one object
    /// (``BetterReading/oneEach(_:kinds:iou:limit:)``: ``iouThreshold`` for classes of one kind,
    /// 0.9 otherwise), the best-scoring class is kept; objects in front of others are not merged
    /// (people before a bus). Across names, an object that one name's class and, more surely,
    /// another name's class of the same kind both box is counted under the other name only
    /// (``BetterReading``, ``GroundedObject/countedUnderOtherNames``).
    public var mergesClassesWithinName: Bool = true
    /// When true (the default), a name whose class is part of a larger object (a face or a hand
    /// of a person: ``Vocabulary/Entry/whole``) is also looked for inside each such whole that
    /// another model finds, on a square around it at most ``maxWholeLooks`` of them, best first:
    /// a face of 15 px in a group photo fills a tenth of the region its model sees there instead
    /// of a hundredth. The wholes' pass and the extra regions count in ``GroundingResult/regionCount``.
    /// The same pass keeps out a part that no whole could hold and that is too small to fill a
    /// close-up alone (``PartOfWhole``: a headlight taken for a face).
    public var looksInsideWholes: Bool = true
    /// At most this many wholes are looked inside per image (for their parts), and at most this
    /// many around (for the wholes only a part shows: ``findsWholesByParts``; for more objects of
    /// each class: ``looksAround``), so the cost stays bounded in a crowd.
    public var maxWholeLooks: Int = 64
    /// When true (the default), a detector that has a ``CloseLook`` (MediaPipe's full-range face
    /// detector, with the short-range model) takes it where it found objects near the smallest
    /// size it sees: faces of 12 to 20 px in a group photo's back rows, seen enlarged. Its regions
    /// count in ``GroundingResult/regionCount``.
    public var looksCloser: Bool = true
    /// When true (the default), the detector also looks around each object it found in a crowd
    /// (``LookAround``: a square of four times the object's side centred on it, where it reaches
    /// another of its class; at most ``maxWholeLooks`` a class), and what it finds there that
    /// nothing found holds is one more object. Its regions count in ``GroundingResult/regionCount``.
    public var looksAround: Bool = true
    /// When true (the default), a detector that zooms in (``Detector/zoomsIn``: YOLO11n and other
    /// Ultralytics models) looks again at twice the zoom around the finds of a class it found two
    /// or more times under 32 × 32 pixels of its input (``ZoomIn``), and what it finds there of
    /// their size that nothing found holds is one more object. Its regions count in
    /// ``GroundingResult/regionCount``.
    public var zoomsIn: Bool = true
    /// When true (the default), a class the detector finds at least
    /// ``FindingTheRest/minimumExamples`` times is also looked for by the appearance of those finds,
    /// each match confirmed by the detector on an enlarged view (``FindingTheRest``); what it adds
    /// is marked ``FoundBy/exemplar`` and its regions count in ``GroundingResult/regionCount``.
    public var findsTheRest: Bool = true
    /// When true (the default), a name whose objects have a part another model finds one of on
    /// each (a person's face: ``Vocabulary/Entry/marks``) also counts the objects that show only
    /// that part: the part's model looks on a square around each object found that reaches
    /// another (where one may hide another; at most ``maxWholeLooks``), each part is paired with
    /// an object holding it, and a part left over is an object its own model missed, such as a
    /// face in a crowd (``FoundBy/part``). The regions count in ``GroundingResult/regionCount``.
    public var findsWholesByParts: Bool = true
    /// When true (the default), a class asked for that the detector's first pass found nothing
    /// of is looked for once more in the whole photo shown from further back (``StepBack``: at
    /// half the input's side), where an object filling the frame, which a detector trained on
    /// scenes misses, is seen whole; only a find spanning most of the photo counts. The view
    /// counts in ``GroundingResult/regionCount``.
    public var stepsBack: Bool = true
    /// When true (the default), a slice's find that the view of the whole photo would show at a
    /// size the detector sees well, of a class that view found nothing of, is dropped: seen out of
    /// context, it is most often part of something larger (a duck's head taken for a person;
    /// ``SliceContext``). Small finds, and finds of a class the whole view also saw, are kept.
    public var checksContext: Bool = true
    /// When true (the default), two boxes of a class that overlap as halves of one object would
    /// (lined up along one side, together longer than either) are shown to the detector again
    /// with room around them, and become one object when it sees one there, surer than of either
    /// half (``SplitFind``: a bottle boxed as its body and its neck); and a box lying inside another
    /// of its class is looked at the same way, the outer one dropped when the detector sees one
    /// object there, over the inner box only. Classes found ten or more times get no look of
    /// their own: the looks around the crowd (``LookAround``) judge their halves and parts. The
    /// looks count in ``GroundingResult/regionCount``.
    public var checksSplits: Bool = true
    /// How exemplar queries (``ObjectQuery/exemplar(_:)``) are matched; its similarity, not
    /// ``scoreThreshold``, is their score threshold.
    public var exemplar = ExemplarOptions()

    /// The default options.
    public init() {}

    /// Checks every value is in range and says which one is not.
    public func validate() throws(GroundingError) {
        func check(_ ok: Bool, _ message: String) throws(GroundingError) {
            if !ok { throw .invalidOption(message) }
        }
        if let scoreThreshold {
            try check(scoreThreshold.isFinite && (0...1).contains(scoreThreshold), "score threshold \(scoreThreshold) is not in 0...1")
        }
        try check(iouThreshold.isFinite && (0...1).contains(iouThreshold), "IoU threshold \(iouThreshold) is not in 0...1")
        try check(maxDetections > 0, "max detections must be positive, not \(maxDetections)")
        try check(maxWholeLooks >= 0, "max whole looks must not be negative, not \(maxWholeLooks)")
        let overlaps = TilePlan.overlapRange
        try check(overlap.isFinite && overlaps.contains(overlap),
                  "overlap \(overlap) is not in \(overlaps.lowerBound)...\(overlaps.upperBound) (a fraction of the slice size)")
        try check(tileMatchThreshold.isFinite && (0...1).contains(tileMatchThreshold),
                  "tile match threshold \(tileMatchThreshold) is not in 0...1")
        try exemplar.validate()
        if case .size(let size) = tiling {
            try check(size >= 32 && size <= 8192, "tile size \(size) is not in 32...8192 pixels")
        }
    }
}
