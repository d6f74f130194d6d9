import GroundingCore
import GroundingImageIO

/// Answers exemplar queries by normalised cross-correlation: for each image it builds an
/// ``ExemplarDetector`` from the example boxes. `import Grounding` installs it in every engine.
///
/// ```swift
/// let engine = GroundingEngine(detectors: [yolo], exemplarMatcher: TemplateMatcher())
/// ```
public struct TemplateMatcher: ExemplarMatcher {
    /// The matcher.
    public init() {}

    /// Checks the boxes as ``ExemplarDetector/validate(_:imageWidth:imageHeight:)`` does.
    public func validate(_ exemplars: [PixelRect], imageWidth: Int, imageHeight: Int) throws(ExemplarError) {
        try ExemplarDetector.validate(exemplars, imageWidth: imageWidth, imageHeight: imageHeight)
    }

    /// An ``ExemplarDetector`` for `exemplars` on `image`.
    public func detector(for image: RGBImage, exemplars: [PixelRect], options: ExemplarOptions) throws(ExemplarError) -> any Detector {
        try ExemplarDetector(image: image, exemplars: exemplars, options: options)
    }
}
