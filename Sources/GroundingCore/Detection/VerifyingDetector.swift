import GroundingImageIO

/// A detector that takes a second, closer look at what it found before the engine answers:
/// given its detections on the whole image (after suppression), it says which are real and may
/// refine them (a hand's box drawn around its landmarks instead of its palm).
///
/// The engine calls it once per image with every kept detection, so a verifier can batch its
/// looks. MediaPipe's palm detector is one: each palm is confirmed by the hand landmark model's
/// hand-presence score on a crop around it, as MediaPipe's own hand tracking does.
///
/// ```swift
/// if let verifier = detector as? any VerifyingDetector {
///     let confirmed = try verifier.confirm(detections, in: image).compactMap { $0 }
/// }
/// ```
public protocol VerifyingDetector: Detector {
    /// For each of `detections` (boxes, points and keypoints in pixels of `image`), the
    /// detection as confirmed (possibly refined, in the same pixels), or nil when it is not.
    func confirm(_ detections: [Detection], in image: RGBImage) throws -> [Detection?]

    /// Like ``confirm(_:in:)``, knowing the `wholes` (pixels of `image`) the engine looked inside
    /// for these parts (``Vocabulary/Entry/whole``): a verifier may accept a part that lies in
    /// one on weaker evidence than a part seen alone. The default ignores them.
    func confirm(_ detections: [Detection], in image: RGBImage, wholes: [BoundingBox]) throws -> [Detection?]

    /// Whether ``confirm(_:in:)`` may hand back a detection changed (true by default). A
    /// verifier that only keeps or drops says false; the engine then skips the look at parts
    /// whose being real cannot change its answer.
    var refinesDetections: Bool { get }
}

extension VerifyingDetector {
    /// True: a verifier may refine what it confirms unless it says otherwise.
    public var refinesDetections: Bool { true }

    /// Ignores `wholes`: the same as ``confirm(_:in:)``.
    public func confirm(_ detections: [Detection], in image: RGBImage, wholes: [BoundingBox]) throws -> [Detection?] {
        try confirm(detections, in: image)
    }
}
