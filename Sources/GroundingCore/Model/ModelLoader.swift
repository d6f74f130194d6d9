import GroundingCompute

/// One kind of model Grounding can load: it recognises its files by path and loads them.
///
/// Each model runtime (Darknet, TFLite, ...) provides loaders; a ``ModelRegistry`` tries them in
/// order, so a new kind of model plugs in without touching the engine.
///
/// ```swift
/// struct MyLoader: ModelLoader {
///     var kind: String { "my format (a .my file)" }
///     func recognises(_ path: String) -> Bool { path.hasSuffix(".my") }
///     func load(_ path: String, compute: ComputeBackend) throws -> any Detector { try MyDetector(path: path, compute: compute) }
/// }
/// ```
public protocol ModelLoader: Sendable {
    /// What files this loader takes, for messages: e.g. `"a Darknet model folder (cfg, weights, names)"`.
    var kind: String { get }
    /// Whether `path` looks like a model of this kind (by its name or type; it is not read).
    func recognises(_ path: String) -> Bool
    /// The model at `path`, its layers computed by `compute` (threads, kernels).
    func load(_ path: String, compute: ComputeBackend) throws -> any Detector
}
