/// A detection backend: turns a batch of preprocessed images into boxes.
///
/// The engine knows backends only through this protocol, so a new model plugs in without
/// touching preprocessing, merging or output. Implementations must be safe to call from many
/// threads at once. A detector whose input is too large to hold whole can also conform to
/// ``PiecewiseDetector`` and read it in pieces.
///
/// ```swift
/// let detector: any Detector = try DarknetDetector(modelDirectory: dir)
/// let perImage = try detector.detect(tensor, scoreThreshold: 0.25)
/// ```
public protocol Detector: Sendable {
    /// A short name for logs and `ground info`, e.g. `"darknet:yolov4-tiny"`.
    var name: String { get }
    /// The classes it finds; ``Detection/classIndex`` indexes ``Vocabulary/entries``.
    var vocabulary: Vocabulary { get }
    /// Input width in pixels that ``detect(_:scoreThreshold:)`` expects.
    var inputWidth: Int { get }
    /// Input height in pixels that ``detect(_:scoreThreshold:)`` expects.
    var inputHeight: Int { get }
    /// How the engine prepares each region for ``detect(_:scoreThreshold:)``. Defaults to
    /// ``inputWidth`` × ``inputHeight``, stretched, RGB in 0...1.
    var inputSpec: InputSpec { get }
    /// The score threshold used when the caller does not set one: the level at which this
    /// model's scores mean "found" (scores of different models are not on one scale). Defaults
    /// to 0.25, Darknet's.
    var defaultScoreThreshold: Float { get }
    /// The largest batch one call should be given (tiles are batched up to this size).
    var maxBatchSize: Int { get }
    /// Whether the engine may cover the image with slices, each resized to the input. False for
    /// a detector that needs the whole image at one fixed scale (e.g. an exemplar matcher's,
    /// whose input size is the image's at its working scale): it always gets the whole image.
    /// Defaults to true.
    var allowsTiling: Bool { get }
    /// Whether the engine finds the rest of this detector's finds (``FindingTheRest``): it
    /// matches their appearance and asks this detector, at a fifth of its threshold, to confirm
    /// each match on an enlarged view. Defaults to ``allowsTiling`` (the views are regions of a
    /// mosaic); a detector whose low scores mean nothing says false.
    var findsTheRest: Bool { get }
    /// Whether the engine looks again at twice the zoom where this detector found a class small
    /// (``ZoomIn``). Defaults to false: a detector says true when what it finds enlarged is as
    /// sure as what it finds at its own scale.
    var zoomsIn: Bool { get }

    /// Runs the model on every image of `batch` (prepared as ``inputSpec`` says) and returns,
    /// per image, the detections scoring at least `scoreThreshold`, with boxes, points and
    /// keypoints in input pixels, before any non-maximum suppression.
    func detect(_ batch: PlanarTensor, scoreThreshold: Float) throws -> [[Detection]]
}

extension Detector {
    /// The class names in index order (``vocabulary``'s names).
    public var classNames: [String] { vocabulary.names }

    /// True: any detector can run on slices unless it says otherwise.
    public var allowsTiling: Bool { true }

    /// ``allowsTiling``: the enlarged views of finding the rest are regions of a mosaic.
    public var findsTheRest: Bool { allowsTiling }

    /// False: shown a photo's small things enlarged, YOLOv4-tiny named trees and statues people
    /// (``ZoomIn``); a detector says true where it was measured to name what is there.
    public var zoomsIn: Bool { false }

    /// 0.25, Darknet's threshold for YOLO's objectness × class score.
    public var defaultScoreThreshold: Float { 0.25 }

    /// Darknet's convention: ``inputWidth`` × ``inputHeight``, stretched, RGB in 0...1.
    public var inputSpec: InputSpec { InputSpec(width: inputWidth, height: inputHeight) }
}
