import GroundingCompute
import GroundingCore
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif

/// The default detection backend: a YOLO network in Darknet format (cfg + weights + names) run
/// by Grounding's own runtime on OpenBLAS.
///
/// ```swift
/// let detector = try DarknetDetector(modelDirectory: "~/.cache/grounding/models/yolov4-tiny")
/// let tensor = PlanarTensor(batch: 1, channels: 3, height: detector.inputHeight, width: detector.inputWidth)
/// let detections = try detector.detect(tensor, scoreThreshold: 0.25)[0]
/// ```
public struct DarknetDetector: Detector {
    /// `"darknet:"` and the cfg's file name without extension, e.g. `"darknet:yolov4-tiny"`.
    public let name: String
    /// The classes, one per line of the names file; COCO's 80 are recognised (and get COCO's
    /// category ids).
    public let vocabulary: Vocabulary
    /// From the cfg's `[net] width`.
    public var inputWidth: Int { network.input.width }
    /// From the cfg's `[net] height`.
    public var inputHeight: Int { network.input.height }
    /// 4: per image, a batch runs no faster than single images (each convolution already splits
    /// its output into cache-sized bands that keep both cores busy), so larger batches would only
    /// grow the workspace (YOLOv4-tiny at 416: 84 MB for 4 images).
    public let maxBatchSize = 4

    /// Where its layers run: threads per forward pass and the convolution algorithms allowed.
    public let compute: ComputeBackend
    /// How many threads one forward pass runs on.
    public var threads: Int { compute.threads }
    /// The loaded network.
    package let network: DarknetNetwork
    /// Buffers for the forward passes, one workspace per concurrent call (shared by copies).
    let workspaces = DarknetWorkspacePool()

    /// The largest names file accepted.
    static let maxNamesBytes = 1 << 20

    /// Loads the single `*.cfg`, `*.weights` and `*.names` in `modelDirectory`. A forward pass
    /// runs on `threads` threads (default: one per processor).
    public init(modelDirectory: String, threads: Int? = nil) throws {
        try self.init(modelDirectory: modelDirectory, compute: ComputeBackend(threads: threads))
    }

    /// Loads the single `*.cfg`, `*.weights` and `*.names` in `modelDirectory`, its layers
    /// computed by `compute`.
    public init(modelDirectory: String, compute: ComputeBackend) throws {
        let directory = Self.expandingHome(modelDirectory)
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        func file(_ suffix: String, default name: String) throws(DarknetError) -> String {
            let matches = entries.filter { $0.hasSuffix(suffix) }.sorted()
            guard matches.count <= 1 else { throw .ambiguousModelFiles(directory: directory, kind: suffix, candidates: matches) }
            return directory + "/" + (matches.first ?? name)
        }
        try self.init(cfg: try file(".cfg", default: "yolov4-tiny.cfg"),
                      weights: try file(".weights", default: "yolov4-tiny.weights"),
                      names: try file(".names", default: "coco.names"),
                      compute: compute)
    }

    /// Loads a model from explicit paths; a forward pass runs on `threads` threads (default: one
    /// per processor).
    public init(cfg: String, weights: String, names: String, threads: Int? = nil) throws {
        try self.init(cfg: cfg, weights: weights, names: names, compute: ComputeBackend(threads: threads))
    }

    /// Loads a model from explicit paths, its layers computed by `compute`.
    public init(cfg: String, weights: String, names: String, compute: ComputeBackend) throws {
        for path in [cfg, weights, names] where !ModelFile.exists(path) {
            let directory = path.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
            throw DarknetError.missingModelFile(path: path, fetchCommand: "scripts/fetch-model.sh \(directory.isEmpty ? "." : directory)")
        }
        try compute.prepare()
        self.compute = compute
        network = try DarknetNetwork(cfgPath: cfg, weightsPath: weights, compute: compute)
        let classNames = try DarknetError.reading { () throws(ModelFileError) in try ModelFile.text(names, limit: Self.maxNamesBytes) }
            .split(separator: "\n").map(Self.trimmed).filter { !$0.isEmpty }
        for (layer, _) in network.yoloLayers where layer.classes != classNames.count {
            throw DarknetError.classCountMismatch(file: names, names: classNames.count, classes: layer.classes)
        }
        vocabulary = Vocabulary(names: classNames)
        let base = cfg.split(separator: "/").last.map(String.init) ?? cfg
        name = "darknet:" + (base.hasSuffix(".cfg") ? String(base.dropLast(4)) : base)
    }

    /// `path` with a leading `~/` standing for `$HOME`, as a shell would read it.
    static func expandingHome(_ path: String) -> String {
        path.hasPrefix("~/") ? (getenv("HOME").map { String(cString: $0) } ?? "") + path.dropFirst() : path
    }

    /// A names-file line without surrounding whitespace (names may contain spaces: "traffic light").
    private static func trimmed(_ line: Substring) -> String {
        String(line.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }

    /// Runs the network on every image of `batch` (in chunks of ``maxBatchSize``) and decodes
    /// every `[yolo]` layer; boxes are in input pixels, before non-maximum suppression.
    public func detect(_ batch: PlanarTensor, scoreThreshold: Float) throws -> [[Detection]] {
        let input = network.input
        guard batch.channels == input.channels, batch.height == input.height, batch.width == input.width else {
            throw DarknetError.inputMismatch(detail: "got \(batch.channels)×\(batch.height)×\(batch.width), the network takes \(input)")
        }
        var results: [[Detection]] = []
        results.reserveCapacity(batch.batch)
        batch.values.withUnsafeBufferPointer { values in
            for start in stride(from: 0, to: batch.batch, by: maxBatchSize) {
                let count = min(maxBatchSize, batch.batch - start)
                workspaces.withWorkspace(network: network, batch: count, threads: threads) { workspace in
                    network.forward(values.baseAddress! + start * batch.imageSize, batch: count, workspace: workspace)
                    for image in 0..<count {
                        var detections: [Detection] = []
                        for (layer, source) in network.yoloLayers {
                            layer.decode(workspace.output(of: source, image: image, network: network),
                                         inputWidth: input.width, inputHeight: input.height,
                                         threshold: scoreThreshold, into: &detections)
                        }
                        results.append(detections)
                    }
                }
            }
        }
        return results
    }
}
