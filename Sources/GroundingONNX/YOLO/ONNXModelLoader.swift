import GroundingCompute
import GroundingCore

/// Loads `.onnx` files as ``UltralyticsDetector``s (YOLO detectors exported by Ultralytics).
///
/// ```swift
/// let yolo = try ONNXModelLoader().load("~/.cache/grounding/models/yolo11n/yolo11n.onnx", compute: ComputeBackend())
/// ```
public struct ONNXModelLoader: ModelLoader {
    /// The loader.
    public init() {}

    /// What it takes.
    public var kind: String { "an ONNX YOLO detector exported by Ultralytics (a .onnx file; scripts/fetch-yolo11.sh fetches YOLO11n)" }

    /// A path ending in `.onnx`.
    public func recognises(_ path: String) -> Bool {
        path.lowercased().hasSuffix(".onnx")
    }

    /// The detector in the file `path`.
    public func load(_ path: String, compute: ComputeBackend) throws -> any Detector {
        try UltralyticsDetector(path: path, compute: compute)
    }
}
