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

    /// Creates a detection.
    public init(box: BoundingBox, classIndex: Int, score: Float) {
        self.box = box
        self.classIndex = classIndex
        self.score = score
    }
}
