import GroundingCompute
import GroundingCore

/// Hands, from MediaPipe's palm detectors (the `.tflite` files of the PyPI wheel
/// `mediapipe==0.10.21`), run natively by the ``TFLiteInterpreter``.
///
/// Each detection is a `hand` whose box is the palm's, whose point is the palm's centre, and
/// whose seven keypoints are MediaPipe's: wrist, the bases of the index, middle, ring and little
/// fingers, and two points of the thumb. Overlapping detections are averaged by score, as
/// MediaPipe does, inside ``detect(_:scoreThreshold:)``. MediaPipe's own threshold is 0.5.
///
/// ```swift
/// let engine = GroundingEngine(detector: try MediaPipePalmDetector())
/// let result = try engine.ground(contentsOf: "players.png", objects: ["hand"], mode: .point)
/// ```
public struct MediaPipePalmDetector: MediaPipeSSDDetector {
    /// Which of MediaPipe's palm models.
    public enum Model: String, Sendable, CaseIterable {
        /// `palm_detection_full.tflite`: the more accurate one.
        case full
        /// `palm_detection_lite.tflite`: smaller and faster.
        case lite

        /// The model's file name.
        public var fileName: String {
            switch self {
            case .full: return "palm_detection_full.tflite"
            case .lite: return "palm_detection_lite.tflite"
            }
        }
    }

    /// The model in use.
    public let model: Model
    /// One class: `hand` (also called `palm`: the model finds palms).
    public let vocabulary = Vocabulary([.init(id: 0, name: "hand", aliases: ["palm"])])
    /// The network, anchors and decoding.
    public let network: MediaPipeSSDModel

    /// Loads `model` from `modelDirectory` (default ``MediaPipeModelDirectory/default``); a
    /// forward pass runs on `threads` threads (default: one per processor).
    public init(model: Model = .full, modelDirectory: String? = nil, threads: Int? = nil) throws {
        try self.init(model: model, modelDirectory: modelDirectory, compute: ComputeBackend(threads: threads))
    }

    /// Loads `model` from `modelDirectory` (default ``MediaPipeModelDirectory/default``), its
    /// layers computed by `compute`.
    public init(model: Model = .full, modelDirectory: String? = nil, compute: ComputeBackend) throws {
        self.model = model
        network = try MediaPipeSSDModel(file: model.fileName, directory: modelDirectory, anchors: .palm,
                                        keypointCount: 7, mean: 0, std: 1, compute: compute)
    }
}
