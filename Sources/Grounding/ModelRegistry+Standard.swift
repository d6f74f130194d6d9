import Dispatch
import Foundation
import Synchronization

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

    /// The models at `paths` by ``standard``, in their order, as ``load(_:threads:)`` loads each.
    /// They load side by side: reading one model's file and packing its weights is mostly
    /// work for one core. When several fail, the error is the first one's in `paths` order, as
    /// if they had loaded one after another.
    public static func load(_ paths: [String], threads: Int? = nil) throws -> [any Detector] {
        try loadSideBySide(paths.map { path in { try load(path, threads: threads) } })
    }

    /// The default models: YOLOv4-tiny for the 80 COCO classes, then, when `make model` has
    /// fetched them, MediaPipe's full-range face detector and its palm detector. YOLO11n
    /// (`--model` its `.onnx` file) is not among them: see the README's "Choosing the COCO model".
    /// They load side by side, as a list of paths does.
    public static func defaultModels(threads: Int? = nil) throws -> [any Detector] {
        var loads: [@Sendable () throws -> any Detector] = [
            { try DarknetDetector(modelDirectory: GroundingEngine.defaultModelDirectory, threads: threads) },
        ]
        let mediapipe = MediaPipeModelDirectory.default
        for file in [MediaPipeFaceDetector.Model.fullRange.fileName, MediaPipePalmDetector.Model.full.fileName] {
            let path = (mediapipe as NSString).appendingPathComponent(file)
            if FileKind(atPath: path) == .regularFile { loads.append { try load(path, threads: threads) } }
        }
        return try loadSideBySide(loads)
    }

    /// The results of `loads`, run on as many threads as there are loads, in their order; the
    /// first failure in that order is thrown. OpenBLAS is opened first, alone: opening it sets
    /// and restores environment variables, which another thread must not read meanwhile.
    package static func loadSideBySide(_ loads: [@Sendable () throws -> any Detector]) throws -> [any Detector] {
        guard loads.count > 1 else { return try loads.map { try $0() } }
        // Should it fail, each load throws the same error again, in order, as it did alone.
        try? ComputeBackend(threads: 1).prepare()
        let results = Mutex<[Result<any Detector, any Error>?]>(Array(repeating: nil, count: loads.count))
        DispatchQueue.concurrentPerform(iterations: loads.count) { index in
            let result = Result { try loads[index]() }
            results.withLock { $0[index] = result }
        }
        return try results.withLock { $0 }.map { try $0!.get() }
    }
}
