import Foundation

/// Loads a model by what its path holds, so `--model` takes any supported model and the engine
/// never names a concrete backend.
///
/// - a folder with a `.cfg` (and `.weights`, `.names`): a Darknet YOLO (``DarknetDetector``);
/// - a `face_detection_*.tflite` file: MediaPipe's face detector (``MediaPipeFaceDetector``);
/// - a `palm_detection_*.tflite` file: MediaPipe's palm (hand) detector (``MediaPipePalmDetector``).
///
/// ```swift
/// let face = try ModelRegistry.load("~/.cache/grounding/models/mediapipe/face_detection_full_range_sparse.tflite")
/// let engine = GroundingEngine(detectors: [try ModelRegistry.load(GroundingEngine.defaultModelDirectory), face])
/// ```
public enum ModelRegistry {
    /// Why a path is not a model this build can load.
    public struct UnsupportedModel: Error, Sendable, CustomStringConvertible {
        /// The path given.
        public let path: String
        /// What is wrong and what to do.
        public let description: String
    }

    /// The model at `path`, running its forward passes on `threads` threads (nil: every core).
    public static func load(_ path: String, threads: Int? = nil) throws -> any Detector {
        let url = URL(fileURLWithPath: path)
        let file = url.lastPathComponent
        if FileKind(atPath: path) == .directory || !file.hasSuffix(".tflite") {
            return try DarknetDetector(modelDirectory: path, threads: threads)
        }
        let directory = url.deletingLastPathComponent().path
        if let model = MediaPipeFaceDetector.Model.allCases.first(where: { $0.fileName == file }) {
            return try MediaPipeFaceDetector(model: model, modelDirectory: directory, threads: threads)
        }
        if let model = MediaPipePalmDetector.Model.allCases.first(where: { $0.fileName == file }) {
            return try MediaPipePalmDetector(model: model, modelDirectory: directory, threads: threads)
        }
        let known = (MediaPipeFaceDetector.Model.allCases.map(\.fileName) + MediaPipePalmDetector.Model.allCases.map(\.fileName))
        throw UnsupportedModel(path: path, description: "\(path): this TFLite model is not one Grounding knows how to decode; supported: \(known.joined(separator: ", ")) (scripts/fetch-mediapipe-models.sh fetches them), or a Darknet model folder")
    }

    /// The default models: YOLOv4-tiny for the 80 COCO classes, then, when `make model` has
    /// fetched them, MediaPipe's full-range face detector and its palm detector.
    public static func defaultModels(threads: Int? = nil) throws -> [any Detector] {
        var models: [any Detector] = [try DarknetDetector(modelDirectory: GroundingEngine.defaultModelDirectory, threads: threads)]
        let mediapipe = MediaPipeModelDirectory.default
        for file in [MediaPipeFaceDetector.Model.fullRange.fileName, MediaPipePalmDetector.Model.full.fileName] {
            let path = (mediapipe as NSString).appendingPathComponent(file)
            if FileKind(atPath: path) == .regularFile { models.append(try load(path, threads: threads)) }
        }
        return models
    }
}
