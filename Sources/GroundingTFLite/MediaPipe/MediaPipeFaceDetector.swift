import GroundingCompute
import GroundingCore
import GroundingImageIO

/// Faces, from MediaPipe's BlazeFace detectors (the `.tflite` files of the PyPI wheel
/// `mediapipe==0.10.21`), run natively by the ``TFLiteInterpreter``.
///
/// Each detection is a `face` with its box, the box centre as point, and six keypoints in
/// MediaPipe's order: right eye, left eye, nose tip, mouth centre, right ear tragion, left ear
/// tragion (the subject's right and left). Overlapping detections are averaged by score, as
/// MediaPipe does, inside ``detect(_:scoreThreshold:)``. MediaPipe's own threshold is 0.5.
///
/// Run over slices, the detector alone also marks hands, patterns and parts of faces (up to 2
/// false faces a photo on `Fixtures/faces-and-hands.json`), so each face is confirmed by the
/// face landmark model (``MediaPipeLandmarks/Kind/face``) as in MediaPipe's face mesh: the engine
/// keeps a face only when the face-presence score on its region is at least 0.5. The box is the
/// detector's, unchanged.
///
/// ```swift
/// let engine = GroundingEngine(detector: try MediaPipeFaceDetector(model: .fullRange))
/// var options = GroundingOptions()
/// options.scoreThreshold = 0.5
/// let result = try engine.ground(contentsOf: "group.jpg", objects: ["face"], mode: .count, options: options)
/// ```
public struct MediaPipeFaceDetector: MediaPipeSSDDetector, VerifyingDetector {
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
    /// The second look at each face.
    public let landmarks: MediaPipeLandmarks

    /// Loads `model` from `modelDirectory` (default ``MediaPipeModelDirectory/default``); a
    /// forward pass runs on `threads` threads (default: one per processor).
    public init(model: Model = .shortRange, modelDirectory: String? = nil, threads: Int? = nil) throws {
        try self.init(model: model, modelDirectory: modelDirectory, compute: ComputeBackend(threads: threads))
    }

    /// Loads `model` and the face landmark model from `modelDirectory` (default
    /// ``MediaPipeModelDirectory/default``), their layers computed by `compute`.
    public init(model: Model = .shortRange, modelDirectory: String? = nil, compute: ComputeBackend) throws {
        self.model = model
        network = try MediaPipeSSDModel(file: model.fileName, directory: modelDirectory, anchors: model.anchors,
                                        keypointCount: 6, mean: 0.5, std: 0.5, compute: compute)
        landmarks = try MediaPipeLandmarks(.face, directory: modelDirectory, compute: compute)
    }

    /// Each face whose face-presence score is at least ``MediaPipeLandmarks/presenceThreshold``, unchanged.
    public func confirm(_ detections: [Detection], in image: RGBImage) throws -> [Detection?] {
        try detections.map { face in
            try landmarks.presence(at: face, in: image) >= MediaPipeLandmarks.presenceThreshold ? face : nil
        }
    }
}
