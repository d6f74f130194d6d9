/// One detected object: a box, the detector class it belongs to, and a confidence score.
///
/// ```swift
/// let dog = Detection(box: BoundingBox(x1: 130, y1: 220, x2: 310, y2: 540), classIndex: 16, score: 0.93)
/// ```
public struct Detection: Sendable, Hashable {
    /// Where the object is, in the pixels of whatever image the detection refers to.
    public var box: BoundingBox
    /// Index into the detector's class vocabulary (``Detector/classNames``).
    public var classIndex: Int
    /// Confidence in 0...1 (objectness × class probability for YOLO).
    public var score: Float
    /// The point that stands for the object when it is not the box's centre (a palm's centre),
    /// in the same pixels as ``box``.
    public var point: ImagePoint?
    /// Landmarks the model gives with the box (a face's eyes, nose, mouth, ears), in order.
    public var keypoints: [ImagePoint]
    /// True when a pass over the whole image found it inside a larger box of its class and kept
    /// both: the detector saw two objects, so merging slices must not drop it as a part of the
    /// larger one (see ``suppressFragments(_:options:)``).
    public var isBesideLarger: Bool
    /// The sides where a slice of the photo cut its box, when a slice found it: it may be only
    /// the part of the object that slice showed (see ``suppressFragments(_:options:)``).
    public var sliceCut: SliceCut
    /// How it was found: by the detector's pass, or matched to its confident finds (``FindingTheRest``).
    public var foundBy: FoundBy
    /// Another class the detector gave the same object in the same view about as surely or more
    /// (``BetterReading/alternatives(to:among:kinds:limit:)``): a cat it also boxes as a dog. Nil when none.
    public var alsoReadAs: OtherClass?

    /// A class and the score the detector gave it (made by ``BetterReading``).
    public struct OtherClass: Sendable, Hashable {
        /// Index into the detector's class vocabulary.
        public var classIndex: Int
        /// Its score, 0...1.
        public var score: Float
    }

    /// Creates a detection.
    public init(box: BoundingBox, classIndex: Int, score: Float, point: ImagePoint? = nil, keypoints: [ImagePoint] = [],
                isBesideLarger: Bool = false, sliceCut: SliceCut = [], foundBy: FoundBy = .detector, alsoReadAs: OtherClass? = nil) {
        self.box = box
        self.classIndex = classIndex
        self.score = score
        self.point = point
        self.keypoints = keypoints
        self.isBesideLarger = isBesideLarger
        self.sliceCut = sliceCut
        self.foundBy = foundBy
        self.alsoReadAs = alsoReadAs
    }
}
