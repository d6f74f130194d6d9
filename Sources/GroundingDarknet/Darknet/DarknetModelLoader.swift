import GroundingCompute
import GroundingCore
import GroundingImageIO

/// Loads Darknet model folders (a `.cfg`, its `.weights` and a `.names` file) as
/// ``DarknetDetector``s; a folder without them gets the message about fetching the model. A path
/// where nothing is (`face`, a typo) is no model folder waiting for a download, and a file no
/// loader knows (a photo, `/etc/passwd`) is no model folder either: the registry says which
/// (``ModelRegistry/MissingModel``, ``ModelRegistry/UnsupportedModel``).
///
/// ```swift
/// let yolo = try DarknetModelLoader().load("~/.cache/grounding/models/yolov4-tiny", compute: ComputeBackend(threads: 2))
/// ```
public struct DarknetModelLoader: ModelLoader {
    /// The loader.
    public init() {}

    /// `"a Darknet model folder (cfg, weights, names)"`.
    public var kind: String { "a Darknet model folder (cfg, weights, names)" }

    /// A folder (`~/` standing for the home folder, as ``DarknetDetector`` reads it).
    public func recognises(_ path: String) -> Bool {
        FileKind(atPath: DarknetDetector.expandingHome(path)) == .directory
    }

    /// The ``DarknetDetector`` in the folder `path`.
    public func load(_ path: String, compute: ComputeBackend) throws -> any Detector {
        try DarknetDetector(modelDirectory: path, compute: compute)
    }
}
