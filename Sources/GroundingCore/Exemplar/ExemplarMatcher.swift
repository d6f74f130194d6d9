import GroundingImageIO

/// What answers an exemplar query ("count more like these boxes"): for one image and its
/// example boxes it builds a ``Detector`` that the engine runs like any model.
///
/// The engine knows exemplar matching only through this protocol, so the matcher lives in its
/// own target (`GroundingExemplar`'s ``TemplateMatcher`` is the one `Grounding` installs).
///
/// ```swift
/// let engine = GroundingEngine(detectors: [yolo], exemplarMatcher: TemplateMatcher())
/// let result = try engine.ground(image, queries: [.exemplar([coin])], mode: .count)
/// ```
public protocol ExemplarMatcher: Sendable {
    /// Checks the boxes before any work: inside the image, large enough, not flat.
    func validate(_ exemplars: [PixelRect], imageWidth: Int, imageHeight: Int) throws(ExemplarError)

    /// A detector that finds, in `image`, objects that look like the boxes `exemplars` (pixels
    /// of `image`); its detections' scores are similarities in 0...1.
    func detector(for image: RGBImage, exemplars: [PixelRect], options: ExemplarOptions) throws(ExemplarError) -> any Detector
}
