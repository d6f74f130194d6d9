import GroundingCompute
import GroundingCore
import GroundingImageIO

/// Loads Darknet model folders (a `.cfg`, its `.weights` and a `.names` file) as
/// ``DarknetDetector``s; it also takes a path where nothing is (that no other loader named as its
/// own), so a missing folder gets the Darknet loader's message about fetching the model. A file
/// no loader knows (a photo, `/etc/passwd`) is no model folder: the registry says so.
///
/// ```swift
/// let yolo = try DarknetModelLoader().load("~/.cache/grounding/models/yolov4-tiny", compute: ComputeBackend(threads: 2))
/// ```
public struct DarknetModelLoader: ModelLoader {
    /// The loader.
    public init() {}

    /// `"a Darknet model folder (cfg, weights, names)"`.
    public var kind: String { "a Darknet model folder (cfg, weights, names)" }

    /// A folder, or a path where nothing is that is not named `*.tflite`.
    public func recognises(_ path: String) -> Bool {
        let kind = FileKind(atPath: path)
        return kind == .directory || (kind == nil && !path.hasSuffix(".tflite"))
    }

    /// The ``DarknetDetector`` in the folder `path`.
    public func load(_ path: String, compute: ComputeBackend) throws -> any Detector {
        try DarknetDetector(modelDirectory: path, compute: compute)
    }
}
