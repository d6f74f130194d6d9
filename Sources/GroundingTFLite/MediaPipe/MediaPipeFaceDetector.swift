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
public struct MediaPipeFaceDetector: MediaPipeSSDDetector, VerifyingDetector, CloseLookingDetector {
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
    /// One class: `face` (also called `human face`), part of a person, one to a person.
    public static let vocabulary = Vocabulary([.init(id: 0, name: "face", aliases: ["human face"], whole: "person",
                                                     marks: .faceOfPerson)])
    /// The six keypoints of each face (eyes, nose tip, mouth, ear tragions).
    static let keypointCount = 6
    /// ``vocabulary``.
    public var vocabulary: Vocabulary { Self.vocabulary }
    /// The network, anchors and decoding.
    public let network: MediaPipeSSDModel
    /// The second look at each face.
    public let landmarks: MediaPipeLandmarks
    /// The full-range model's look at faces it found small, with the short-range model
    /// (``closeLook(compute:modelDirectory:)``); nil for the short-range model itself.
    public let closeLook: CloseLook?

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
                                        keypointCount: Self.keypointCount, mean: 0.5, std: 0.5, compute: compute)
        landmarks = try MediaPipeLandmarks(.face, directory: modelDirectory, compute: compute)
        closeLook = model == .fullRange ? try Self.closeLook(compute: compute, modelDirectory: modelDirectory) : nil
    }

    /// Faces narrower than this (pixels) are too small for the landmark model to judge: its crop
    /// blows them up more than 4×, and on the hand-counted group photos it gave most true faces
    /// of 12 to 20 px a presence near 0.
    public static let smallestJudgedFace: Float = 32

    /// False: a face is confirmed unchanged or not at all.
    public var refinesDetections: Bool { false }

    /// Each face whose face-presence score is at least ``MediaPipeLandmarks/presenceThreshold``, unchanged.
    public func confirm(_ detections: [Detection], in image: RGBImage) throws -> [Detection?] {
        try confirm(detections, in: image, wholes: [])
    }

    /// The detector score a face confirmed by its person alone needs (``confirm(_:in:wholes:)``):
    /// without the landmark look only the score tells a face from a face-like patch. On the
    /// hand-counted photos (`Fixtures/faces-and-hands.json`), such faces scoring 0.5 to 0.6 were
    /// 4 false (a chest, a dark patch by a violin, and one each on bus.jpg and person.jpg) and 1
    /// true; none scoring 0.6 or more was false.
    public static let unjudgedScoreThreshold: Float = 0.6

    /// As ``confirm(_:in:)``, except that a face too small for the landmark model
    /// (``smallestJudgedFace``) whose centre lies in one of `wholes` (a person) is confirmed by
    /// that person instead, when it scores at least ``unjudgedScoreThreshold``.
    public func confirm(_ detections: [Detection], in image: RGBImage, wholes: [BoundingBox]) throws -> [Detection?] {
        try detections.map { face in
            let (x, y) = face.box.center
            if max(face.box.width, face.box.height) < Self.smallestJudgedFace, face.score >= Self.unjudgedScoreThreshold,
               wholes.contains(where: { $0.contains(x: x, y: y) }) {
                return face
            }
            return try landmarks.presence(at: face, in: image) >= MediaPipeLandmarks.presenceThreshold ? face : nil
        }
    }
}
