import Foundation

extension ModelRegistry {
    /// Every kind of model this build loads: MediaPipe's face and palm detectors by file name,
    /// ONNX YOLO detectors (`.onnx`), then Darknet model folders.
    ///
    /// ```swift
    /// let face = try ModelRegistry.standard.load(MediaPipeModelDirectory.default + "/face_detection_full_range_sparse.tflite")
    /// ```
    public static let standard = ModelRegistry(loaders: [MediaPipeModelLoader(), ONNXModelLoader(), DarknetModelLoader()])

    /// The model at `path` by ``standard``: any supported model, by what the path holds, its
    /// forward passes on `threads` threads (nil: every core).
    public static func load(_ path: String, threads: Int? = nil) throws -> any Detector {
        try standard.load(path, compute: ComputeBackend(threads: threads))
    }

    /// The default models: YOLOv4-tiny for the 80 COCO classes, then, when `make model` has
    /// fetched them, MediaPipe's full-range face detector and its palm detector. YOLO11n
    /// (`--model` its `.onnx` file) is not among them: see the README's "Choosing the COCO model".
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
