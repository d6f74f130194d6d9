/// Settings shared by ``nonMaxSuppression(_:options:)`` and ``nonMaxMerge(_:options:)``.
///
/// ```swift
/// var options = SuppressionOptions(iouThreshold: 0.5)
/// options.classAware = false      // a box suppresses boxes of any class
/// options.maxDetections = 100
/// ```
public struct SuppressionOptions: Sendable, Hashable {
    /// Boxes overlapping a kept, higher-scoring box by *more* than this are suppressed (or merged).
    /// Must be in 0...1; 1 keeps everything.
    public var iouThreshold: Float
    /// How overlap is measured.
    public var metric: OverlapMetric
    /// When true, boxes only suppress boxes of their own class (NMS run per class).
    public var classAware: Bool
    /// Only detections scoring strictly more than this take part (as in OpenCV's `NMSBoxes`).
    public var scoreThreshold: Float
    /// At most this many detections are returned, the highest scoring; `nil` for no limit.
    public var maxDetections: Int?

    /// Creates options; the defaults are YOLO's usual IoU 0.45, per class, no score cut, no limit.
    public init(iouThreshold: Float = 0.45, metric: OverlapMetric = .intersectionOverUnion,
                classAware: Bool = true, scoreThreshold: Float = 0, maxDetections: Int? = nil) {
        self.iouThreshold = iouThreshold
        self.metric = metric
        self.classAware = classAware
        self.scoreThreshold = scoreThreshold
        self.maxDetections = maxDetections
    }

    /// Throws unless every option is in range.
    func validate() throws(PostprocessError) {
        try PostprocessError.check("iouThreshold", iouThreshold, within: 0...1)
        try PostprocessError.check("scoreThreshold", scoreThreshold)
        if let limit = maxDetections, limit < 0 {
            throw .invalidOption(name: "maxDetections", value: Double(limit), expected: "0 or more")
        }
    }
}

extension PostprocessError {
    /// Throws ``invalidOption(name:value:expected:)`` unless `value` lies in `range` (NaN never does).
    static func check(_ name: String, _ value: Float, within range: ClosedRange<Float>) throws(PostprocessError) {
        guard range.contains(value) else {
            throw .invalidOption(name: name, value: Double(value),
                                 expected: "within \(range.lowerBound)...\(range.upperBound)")
        }
    }

    /// Throws ``invalidOption(name:value:expected:)`` when `value` is NaN.
    static func check(_ name: String, _ value: Float) throws(PostprocessError) {
        if value.isNaN { throw .invalidOption(name: name, value: .nan, expected: "a number") }
    }
}
