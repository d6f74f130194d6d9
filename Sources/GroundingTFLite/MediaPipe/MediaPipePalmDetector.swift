import GroundingCompute
import GroundingCore
import GroundingImageIO

/// Hands, from MediaPipe's palm detectors (the `.tflite` files of the PyPI wheel
/// `mediapipe==0.10.21`), run natively by the ``TFLiteInterpreter``.
///
/// Each detection is a `hand` whose box bounds the hand (see below), whose point is the palm's centre, and
/// whose seven keypoints are MediaPipe's: wrist, the bases of the index, middle, ring and little
/// fingers, and two points of the thumb. Overlapping detections are averaged by score, as
/// MediaPipe does, inside ``detect(_:scoreThreshold:)``. MediaPipe's own threshold is 0.5.
///
/// The palm detector alone fires on shoes, skin and posts (on the photos of
/// `Fixtures/faces-and-hands.json` up to 8 false palms a photo), so, as in MediaPipe's hand
/// tracking, each palm is confirmed by the hand landmark model (``MediaPipeLandmarks/Kind/hand``): the
/// engine keeps a palm only when the hand-presence score on the hand's region is at least 0.5.
///
/// ```swift
/// let engine = GroundingEngine(detector: try MediaPipePalmDetector())
/// let result = try engine.ground(contentsOf: "players.png", objects: ["hand"], mode: .point)
/// ```
public struct MediaPipePalmDetector: MediaPipeSSDDetector, VerifyingDetector {
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
    public let vocabulary = Vocabulary([.init(id: 0, name: "hand", aliases: ["palm"], whole: "person")])
    /// The network, anchors and decoding.
    public let network: MediaPipeSSDModel
    /// The second look at each palm.
    public let landmarks: MediaPipeLandmarks

    /// Loads `model` from `modelDirectory` (default ``MediaPipeModelDirectory/default``); a
    /// forward pass runs on `threads` threads (default: one per processor).
    public init(model: Model = .full, modelDirectory: String? = nil, threads: Int? = nil) throws {
        try self.init(model: model, modelDirectory: modelDirectory, compute: ComputeBackend(threads: threads))
    }

    /// Loads `model` and the hand landmark model from `modelDirectory` (default
    /// ``MediaPipeModelDirectory/default``), their layers computed by `compute`.
    public init(model: Model = .full, modelDirectory: String? = nil, compute: ComputeBackend) throws {
        self.model = model
        network = try MediaPipeSSDModel(file: model.fileName, directory: modelDirectory, anchors: .palm,
                                        keypointCount: 7, mean: 0, std: 1, compute: compute)
        landmarks = try MediaPipeLandmarks(.hand, directory: modelDirectory, compute: compute)
    }

    /// Each palm whose hand-presence score is at least ``MediaPipeLandmarks/presenceThreshold``,
    /// as a hand: its box now bounds the hand's 21 landmarks (the whole hand, fingers included),
    /// its point stays the palm's centre, its keypoints stay the palm's.
    public func confirm(_ detections: [Detection], in image: RGBImage) throws -> [Detection?] {
        try detections.map { palm in
            let hand = try landmarks.look(at: palm, in: image)
            guard hand.presence >= MediaPipeLandmarks.presenceThreshold, !hand.landmarks.isEmpty else { return nil }
            let xs = hand.landmarks.map(\.x), ys = hand.landmarks.map(\.y)
            var confirmed = palm
            confirmed.box = BoundingBox(x1: max(0, xs.min()!), y1: max(0, ys.min()!),
                                        x2: min(Float(image.width), xs.max()!), y2: min(Float(image.height), ys.max()!))
            confirmed.point = palm.point ?? ImagePoint(x: palm.box.center.x, y: palm.box.center.y)
            return confirmed
        }
    }
}
