import GroundingCompute
import Foundation
import GroundingCore

/// Loads MediaPipe's face and palm detectors by file name
/// (`face_detection_full_range_sparse.tflite`, `palm_detection_full.tflite`, ...).
///
/// ```swift
/// let face = try MediaPipeModelLoader().load(MediaPipeModelDirectory.default + "/face_detection_short_range.tflite", compute: ComputeBackend())
/// ```
public struct MediaPipeModelLoader: ModelLoader {
    /// The loader.
    public init() {}

    /// The model files it knows.
    public static var fileNames: [String] {
        MediaPipeFaceDetector.Model.allCases.map(\.fileName) + MediaPipePalmDetector.Model.allCases.map(\.fileName)
    }

    /// Which files, and how to fetch them.
    public var kind: String {
        "MediaPipe's face and palm detectors (\(Self.fileNames.joined(separator: ", ")); scripts/fetch-mediapipe-models.sh fetches them)"
    }

    /// A path whose file name is one of ``fileNames``.
    public func recognises(_ path: String) -> Bool {
        Self.fileNames.contains(URL(fileURLWithPath: path).lastPathComponent)
    }

    /// The face or palm detector in the file `path`.
    public func load(_ path: String, compute: ComputeBackend) throws -> any Detector {
        let url = URL(fileURLWithPath: path)
        let file = url.lastPathComponent
        let directory = url.deletingLastPathComponent().path
        if let model = MediaPipeFaceDetector.Model.allCases.first(where: { $0.fileName == file }) {
            return try MediaPipeFaceDetector(model: model, modelDirectory: directory, compute: compute)
        }
        guard let model = MediaPipePalmDetector.Model.allCases.first(where: { $0.fileName == file }) else {
            throw ModelRegistry.UnsupportedModel(path: path, description: "\(path): not one of \(kind)")
        }
        return try MediaPipePalmDetector(model: model, modelDirectory: directory, compute: compute)
    }
}
