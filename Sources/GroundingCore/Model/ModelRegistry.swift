import GroundingCompute

/// The kinds of model an engine can be built from, tried in order: `--model` takes any of them,
/// and the engine never names a concrete backend.
///
/// `Grounding` (the umbrella module) provides ``ModelRegistry`` `.standard`, which knows Darknet
/// model folders and MediaPipe's face and palm detectors.
///
/// ```swift
/// let registry = ModelRegistry(loaders: [MyLoader()] + ModelRegistry.standard.loaders)
/// let engine = GroundingEngine(detectors: [try registry.load("model.my")], exemplarMatcher: nil)
/// ```
public struct ModelRegistry: Sendable {
    /// Why a path is not a model this registry can load.
    public struct UnsupportedModel: Error, Sendable, CustomStringConvertible {
        /// The path given.
        public let path: String
        /// What is wrong and what to do.
        public let description: String

        /// The error for `path`, with a message that says what is wrong and what to do.
        public init(path: String, description: String) {
            self.path = path
            self.description = description
        }
    }

    /// The loaders, tried in order: the first that recognises a path loads it.
    public var loaders: [any ModelLoader]

    /// A registry of `loaders`, tried in order.
    public init(loaders: [any ModelLoader]) {
        self.loaders = loaders
    }

    /// The model at `path`, loaded by the first loader that recognises it, its layers computed
    /// by `compute` (default: every core). A path no loader recognises is ``MissingModel`` when
    /// nothing is there, else ``UnsupportedModel``.
    public func load(_ path: String, compute: ComputeBackend = ComputeBackend()) throws -> any Detector {
        guard let loader = loaders.first(where: { $0.recognises(path) }) else {
            try checkSomethingIsThere(path)
            throw UnsupportedModel(path: path, description: "\(path): not a model Grounding knows how to load; supported: \(loaders.map(\.kind).joined(separator: "; "))")
        }
        return try loader.load(path, compute: compute)
    }
}
