/// A detection backend: turns a batch of preprocessed images into boxes.
///
/// The engine knows backends only through this protocol, so a new model plugs in without
/// touching preprocessing, merging or output. Implementations must be safe to call from many
/// threads at once.
///
/// ```swift
/// let detector: any Detector = try DarknetDetector(modelDirectory: dir)
/// let perImage = try detector.detect(tensor, scoreThreshold: 0.25)
/// ```
public protocol Detector: Sendable {
    /// A short name for logs and `ground info`, e.g. `"darknet:yolov4-tiny"`.
    var name: String { get }
    /// The class vocabulary; ``Detection/classIndex`` indexes into it.
    var classNames: [String] { get }
    /// Input width in pixels that ``detect(_:scoreThreshold:)`` expects.
    var inputWidth: Int { get }
    /// Input height in pixels that ``detect(_:scoreThreshold:)`` expects.
    var inputHeight: Int { get }
    /// The largest batch one call should be given (tiles are batched up to this size).
    var maxBatchSize: Int { get }

    /// Runs the model on every image of `batch` (planar RGB in 0...1, `inputHeight × inputWidth`)
    /// and returns, per image, the detections scoring at least `scoreThreshold`, with boxes in
    /// input pixels, before any non-maximum suppression.
    func detect(_ batch: PlanarTensor, scoreThreshold: Float) throws -> [[Detection]]
}
