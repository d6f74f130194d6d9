import Foundation
import GroundingCompute
import GroundingCore
import GroundingImageIO

/// MediaPipe's landmark models (the `.tflite` files of the PyPI wheel `mediapipe==0.10.21`),
/// used as the second look at what a detector found: the model's presence score on a crop
/// around each detection says whether a hand or a face is really there, and its landmarks where
/// the hand's fingers are. MediaPipe's own tracking pipelines use them the same way.
///
/// The crop is MediaPipe's region for the kind (``region(of:)``): the detection's box, shifted
/// and enlarged to a square, turned so that two of its keypoints line up as in the model's
/// training crops.
///
/// ```swift
/// let hands = try MediaPipeLandmarks(.hand)
/// let look = try hands.look(at: palm, in: image)   // presence 0...1 (MediaPipe keeps ≥ 0.5), 21 points
/// ```
public struct MediaPipeLandmarks: Sendable {
    /// Which landmark model, and how its crop is made from a detection.
    public struct Kind: Sendable, Hashable {
        /// The model file.
        public let fileName: String
        /// The side of the model's square input.
        public let inputSide: Int
        /// The square's side as a multiple of the box's longer side.
        public let scale: Float
        /// How far the square's centre moves toward the object's "up", in box heights.
        public let shift: Float
        /// The two keypoints whose line sets the turn.
        public let alignedKeypoints: [Int]
        /// The angle that line must have in the crop (radians, counter-clockwise from +x).
        public let alignedAngle: Float
        /// The output holding the presence.
        public let presenceOutput: Int
        /// Whether the presence output is a logit (else a probability).
        public let presenceIsLogit: Bool
        /// The output holding the landmarks, as (x, y, z) in input pixels.
        public let landmarkOutput: Int

        /// `hand_landmark_lite.tflite`: 224² input, the palm box moved half its height toward
        /// the fingers and enlarged 2.6×, wrist (0) to middle-finger base (2) pointing up; 21 landmarks.
        public static let hand = Kind(fileName: "hand_landmark_lite.tflite", inputSide: 224, scale: 2.6, shift: 0.5,
                                      alignedKeypoints: [0, 2], alignedAngle: .pi / 2,
                                      presenceOutput: 1, presenceIsLogit: false, landmarkOutput: 0)
        /// `face_landmark.tflite`: 192² input, the face box enlarged 1.5×, the eyes (0, 1)
        /// level; 468 landmarks.
        public static let face = Kind(fileName: "face_landmark.tflite", inputSide: 192, scale: 1.5, shift: 0,
                                      alignedKeypoints: [0, 1], alignedAngle: 0,
                                      presenceOutput: 1, presenceIsLogit: true, landmarkOutput: 0)
    }

    /// The presence score from which a detection is confirmed (MediaPipe's default).
    public static let presenceThreshold: Float = 0.5

    /// The model's kind.
    public let kind: Kind
    /// The network.
    let interpreter: TFLiteInterpreter

    /// Loads the model of `kind` from `directory` (default ``MediaPipeModelDirectory/default``),
    /// its layers computed by `compute`.
    public init(_ kind: Kind, directory: String? = nil, compute: ComputeBackend = ComputeBackend()) throws {
        let (interpreter, path) = try MediaPipeModelDirectory.interpreter(for: kind.fileName, in: directory, compute: compute)
        let outputs = interpreter.outputShapes
        guard interpreter.inputShape == [1, kind.inputSide, kind.inputSide, 3],
              outputs.count > max(kind.presenceOutput, kind.landmarkOutput),
              outputs[kind.presenceOutput].reduce(1, *) == 1, outputs[kind.landmarkOutput].reduce(1, *) % 3 == 0 else {
            throw TFLiteError.invalidGraph(path: path, detail: "expected a [1, \(kind.inputSide), \(kind.inputSide), 3] input, a one-value presence output \(kind.presenceOutput) and (x, y, z) landmarks in output \(kind.landmarkOutput); found \(interpreter.inputShape) → \(outputs)")
        }
        self.kind = kind
        self.interpreter = interpreter
    }

    /// The region the model looks at for `detection` (box and keypoints in pixels).
    public func region(of detection: Detection) -> RotatedCrop {
        let box = detection.box
        let (width, height) = (box.x2 - box.x1, box.y2 - box.y1)
        var angle: Float = 0
        let (a, b) = (kind.alignedKeypoints[0], kind.alignedKeypoints[1])
        if detection.keypoints.count > max(a, b) {
            let (from, to) = (detection.keypoints[a], detection.keypoints[b])
            angle = kind.alignedAngle - atan2(-(to.y - from.y), to.x - from.x)
            angle -= 2 * Float.pi * ((angle + Float.pi) / (2 * Float.pi)).rounded(.down)
        }
        // `shift` box heights toward the object's up, in the turned frame.
        let (cosine, sine) = (cos(angle), sin(angle))
        return RotatedCrop(centerX: (box.x1 + box.x2) / 2 + kind.shift * height * sine,
                           centerY: (box.y1 + box.y2) / 2 - kind.shift * height * cosine,
                           side: kind.scale * max(width, height), angle: angle)
    }

    /// The presence score (0...1) of the object `detection` found in `image`.
    public func presence(at detection: Detection, in image: RGBImage) throws -> Float {
        presence(in: try outputs(at: region(of: detection), in: image))
    }

    /// The presence score (0...1) of the object `detection` found in `image`, and its landmarks
    /// in pixels of `image`.
    public func look(at detection: Detection, in image: RGBImage) throws -> (presence: Float, landmarks: [ImagePoint]) {
        let region = region(of: detection)
        let outputs = try outputs(at: region, in: image)
        let (cosine, sine) = (cos(region.angle), sin(region.angle))
        let scale = region.side / Float(kind.inputSide)
        let values = outputs[kind.landmarkOutput]
        // (x, y, z) in input pixels, back through the region's turn and scale.
        let landmarks = stride(from: 0, to: values.count - 2, by: 3).map { i -> ImagePoint in
            let lx = values[i] * scale - region.side / 2, ly = values[i + 1] * scale - region.side / 2
            return ImagePoint(x: region.centerX + lx * cosine - ly * sine, y: region.centerY + lx * sine + ly * cosine)
        }
        return (presence(in: outputs), landmarks)
    }

    /// The model's outputs on `region` of `image`.
    private func outputs(at region: RotatedCrop, in image: RGBImage) throws -> [[Float]] {
        try interpreter.run(region.tensor(from: image, size: kind.inputSide).values)
    }

    /// The presence score in `outputs`, as a probability.
    private func presence(in outputs: [[Float]]) -> Float {
        let raw = outputs[kind.presenceOutput][0]
        return kind.presenceIsLogit ? 1 / (1 + exp(-raw)) : raw
    }
}
