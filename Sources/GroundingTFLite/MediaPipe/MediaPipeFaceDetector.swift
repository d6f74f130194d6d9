import GroundingCompute
import GroundingCore

/// Faces, from MediaPipe's BlazeFace detectors (the `.tflite` files of the PyPI wheel
/// `mediapipe==0.10.21`), run natively by the ``TFLiteInterpreter``.
///
/// Each detection is a `face` with its box, the box centre as point, and six keypoints in
/// MediaPipe's order: right eye, left eye, nose tip, mouth centre, right ear tragion, left ear
/// tragion (the subject's right and left). Overlapping detections are averaged by score, as
/// MediaPipe does, inside ``detect(_:scoreThreshold:)``. MediaPipe's own threshold is 0.5.
///
/// ```swift
/// let engine = GroundingEngine(detector: try MediaPipeFaceDetector(model: .fullRange))
/// var options = GroundingOptions()
/// options.scoreThreshold = 0.5
/// let result = try engine.ground(contentsOf: "group.jpg", objects: ["face"], mode: .count, options: options)
/// ```
public struct MediaPipeFaceDetector: MediaPipeSSDDetector {
    /// Which of MediaPipe's face models.
    public enum Model: String, Sendable, CaseIterable {
        /// `face_detection_short_range.tflite`: 128×128, faces within about 2 m of the camera.
        case shortRange
        /// `face_detection_full_range_sparse.tflite`: 192×192, faces up to about 5 m away.
        case fullRange

        /// The model's file name.
        public var fileName: String {
            switch self {
            case .shortRange: return "face_detection_short_range.tflite"
            case .fullRange: return "face_detection_full_range_sparse.tflite"
            }
        }

        /// MediaPipe's anchor layout for the model.
        public var anchors: SSDAnchorOptions {
            switch self {
            case .shortRange: return .faceShortRange
            case .fullRange: return .faceFullRange
            }
        }
    }

    /// The model in use.
    public let model: Model
    /// One class: `face` (also called `human face`).
    public let vocabulary = Vocabulary([.init(id: 0, name: "face", aliases: ["human face"])])
    /// The network, anchors and decoding.
    public let network: MediaPipeSSDModel

    /// Loads `model` from `modelDirectory` (default ``MediaPipeModelDirectory/default``); a
    /// forward pass runs on `threads` threads (default: one per processor).
    public init(model: Model = .shortRange, modelDirectory: String? = nil, threads: Int? = nil) throws {
        try self.init(model: model, modelDirectory: modelDirectory, compute: ComputeBackend(threads: threads))
    }

    /// Loads `model` from `modelDirectory` (default ``MediaPipeModelDirectory/default``), its
    /// layers computed by `compute`.
    public init(model: Model = .shortRange, modelDirectory: String? = nil, compute: ComputeBackend) throws {
        self.model = model
        network = try MediaPipeSSDModel(file: model.fileName, directory: modelDirectory, anchors: model.anchors,
                                        keypointCount: 6, mean: 0.5, std: 0.5, compute: compute)
    }
}
