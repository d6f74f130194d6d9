import GroundingCore

/// A MediaPipe detector: one SSD model (``MediaPipeSSDModel``) behind the ``Detector``
/// protocol. A backend states its model and vocabulary; name, input, threshold, batching and
/// detection come from here.
///
/// ```swift
/// let faces: any MediaPipeSSDDetector = try MediaPipeFaceDetector(model: .fullRange)
/// print(faces.name, faces.inputSpec.width)   // mediapipe:face_detection_full_range_sparse 192
/// ```
public protocol MediaPipeSSDDetector: Detector {
    /// The network, its anchors and decoding.
    var network: MediaPipeSSDModel { get }
}

extension MediaPipeSSDDetector {
    /// `"mediapipe:"` and the model's file name without extension.
    public var name: String { network.name }
    /// The model's input width (128 or 192).
    public var inputWidth: Int { network.inputSpec.width }
    /// The model's input height (128 or 192).
    public var inputHeight: Int { network.inputSpec.height }
    /// Letterboxed with black padding, values as the model was trained on, as MediaPipe feeds it.
    public var inputSpec: InputSpec { network.inputSpec }
    /// 0.5, MediaPipe's own threshold for these models.
    public var defaultScoreThreshold: Float { 0.5 }
    /// 8: the images of a batch are shared between the threads, a few MB of buffers each.
    public var maxBatchSize: Int { 8 }
    /// False: faces and hands have their own closer looks (inside people, a close-range model,
    /// the landmark models' judgement). On the hand-counted faces and hands
    /// (`Fixtures/faces-and-hands.json`: 113 faces, 26 hands) finding the rest added none, and
    /// counting faces and hands took 1.3 to 2.7 times as long (solvay-1927.jpg, bus.jpg).
    public var findsTheRest: Bool { false }

    /// Runs the model on every image of `batch` and returns what it finds scoring at least
    /// `scoreThreshold`, after weighted suppression, in input pixels.
    public func detect(_ batch: PlanarTensor, scoreThreshold: Float) throws -> [[Detection]] {
        try network.detect(batch, scoreThreshold: scoreThreshold)
    }
}
