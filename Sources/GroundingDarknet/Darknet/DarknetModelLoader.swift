import GroundingCompute
import GroundingCore
import GroundingImageIO

/// Loads Darknet model folders (a `.cfg`, its `.weights` and a `.names` file) as
/// ``DarknetDetector``s; it takes any path that is not a `.tflite` file, so a missing folder gets
/// the Darknet loader's message about fetching the model.
///
/// ```swift
/// let yolo = try DarknetModelLoader().load("~/.cache/grounding/models/yolov4-tiny", compute: ComputeBackend(threads: 2))
/// ```
public struct DarknetModelLoader: ModelLoader {
    /// The loader.
    public init() {}

    /// `"a Darknet model folder (cfg, weights, names)"`.
    public var kind: String { "a Darknet model folder (cfg, weights, names)" }

    /// A folder, or any path not named `*.tflite`.
    public func recognises(_ path: String) -> Bool {
        FileKind(atPath: path) == .directory || !path.hasSuffix(".tflite")
    }

    /// The ``DarknetDetector`` in the folder `path`.
    public func load(_ path: String, compute: ComputeBackend) throws -> any Detector {
        try DarknetDetector(modelDirectory: path, compute: compute)
    }
}
