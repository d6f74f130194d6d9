/// A detector that reads its input a piece at a time instead of as one whole tensor, for inputs
/// too large to hold whole (a 100 MP input is 1.2 GB as Float32 RGB).
///
/// The engine hands such a detector each region as a ``LazyInput`` instead of preprocessing it
/// into a tensor, and the detector reads the rectangles of input pixels it needs as it needs
/// them; its reading (preprocessing) time counts as detection time. It is still a ``Detector``:
/// ``Detector/detect(_:scoreThreshold:)`` on a whole tensor must give the same detections.
///
/// ```swift
/// let detector = try ExemplarDetector(image: image, exemplars: [coin])
/// let preprocessor = Preprocessor(inputWidth: detector.inputWidth, inputHeight: detector.inputHeight)
/// let input = preprocessor.lazyInput(from: image, region: PixelRect(width: image.width, height: image.height))
/// let matches = try detector.detect(input, scoreThreshold: 0.5).map { input.transform.mapToSource($0.box) }
/// ```
public protocol PiecewiseDetector: Detector {
    /// The detections in one input read through `input` scoring at least `scoreThreshold`, with
    /// boxes in input pixels, before any non-maximum suppression: what
    /// ``Detector/detect(_:scoreThreshold:)`` returns for that input as one image of a batch.
    func detect(_ input: LazyInput, scoreThreshold: Float) throws -> [Detection]
}
