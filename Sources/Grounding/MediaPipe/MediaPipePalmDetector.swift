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
public struct MediaPipePalmDetector: Detector {
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
    /// `"mediapipe:"` and the file name without extension.
    public var name: String { "mediapipe:" + model.fileName.dropLast(".tflite".count) }
    /// One class: `hand`.
    public let classNames = ["hand"]
    /// 192.
    public var inputWidth: Int { network.inputSpec.width }
    /// 192.
    public var inputHeight: Int { network.inputSpec.height }
    /// Letterboxed (black padding), RGB in 0...1, as MediaPipe feeds the model.
    public var inputSpec: InputSpec { network.inputSpec }
    /// 0.5, MediaPipe's own threshold for this model.
    public let defaultScoreThreshold: Float = 0.5
    /// 8: the images of a batch are shared between the threads, a few MB of buffers each.
    public let maxBatchSize = 8
    /// The network, anchors and decoding.
    let network: MediaPipeSSDModel

    /// Loads `model` from `modelDirectory` (default ``MediaPipeModelDirectory/default``); a
    /// forward pass runs on `threads` threads (default: one per processor).
    public init(model: Model = .full, modelDirectory: String? = nil, threads: Int? = nil) throws {
        self.model = model
        network = try MediaPipeSSDModel(file: model.fileName, directory: modelDirectory, anchors: .palm,
                                        keypointCount: 7, mean: 0, std: 1, threads: threads)
    }

    /// Runs the model on every image of `batch` and returns its palms scoring at least
    /// `scoreThreshold`, after weighted suppression, in input pixels.
    public func detect(_ batch: PlanarTensor, scoreThreshold: Float) throws -> [[Detection]] {
        try network.detect(batch, scoreThreshold: scoreThreshold)
    }
}
