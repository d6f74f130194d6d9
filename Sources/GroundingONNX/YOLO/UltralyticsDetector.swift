import GroundingCompute
import GroundingCore
#if canImport(Glibc)
import Glibc
#endif

/// A YOLO detector exported to ONNX by Ultralytics (YOLOv8, YOLO11 and their kin, `task:
/// detect`), run by Grounding's own ONNX runtime: one output `[1, 4 + classes, anchors]` of box
/// centre, size and per-class scores in input pixels, already decoded by the graph.
///
/// The class names come from the file's metadata (`names`), or from a `.names` file beside it
/// (one name per line) for a model exported without them. The input is planned at
/// ``inputScale`` times the size it was trained at (`imgsz`, else 640) and letterboxed on
/// Ultralytics' grey (114).
///
/// ```swift
/// let detector = try UltralyticsDetector(path: "~/.cache/grounding/models/yolo11n/yolo11n.onnx")
/// detector.inputWidth                                  // 640
/// ```
public struct UltralyticsDetector: Detector {
    /// `"onnx:"` and the file name without extension, e.g. `"onnx:yolo11n"`.
    public let name: String
    /// The classes; COCO's 80 are recognised (and get COCO's category ids).
    public let vocabulary: Vocabulary
    /// The planned input width.
    public var inputWidth: Int { interpreter.inputShape[3] }
    /// The planned input height.
    public var inputHeight: Int { interpreter.inputShape[2] }
    /// Letterboxed on grey 114, RGB in 0...1, as Ultralytics trains and predicts.
    public var inputSpec: InputSpec {
        InputSpec(width: inputWidth, height: inputHeight, resize: .letterbox, padding: 114 / 255)
    }
    /// 2: the images of a batch run side by side, one per core.
    public let maxBatchSize = 2
    /// True: shown the photo twice as close around the small things it found, YOLO11n found more
    /// of them and hardly anything else (``ZoomIn``; sheep.jpg 13 → 28 sheep, none false).
    public var zoomsIn: Bool { true }
    /// The runtime holding the planned graph.
    public let interpreter: ONNXInterpreter
    /// Anchors (candidate boxes) per image.
    let anchors: Int

    /// `$GROUNDING_YOLO11_MODEL` when set, else `~/.cache/grounding/models/yolo11n/yolo11n.onnx`,
    /// where `scripts/fetch-yolo11.sh` puts it.
    public static var defaultModelPath: String {
        if let path = getenv("GROUNDING_YOLO11_MODEL").map({ String(cString: $0) }), !path.isEmpty { return path }
        return (getenv("HOME").map { String(cString: $0) } ?? "") + "/.cache/grounding/models/yolo11n/" + defaultModelFile
    }

    /// The file name `scripts/fetch-yolo11.sh` writes.
    static let defaultModelFile = "yolo11n.onnx"

    /// The largest `.names` file accepted.
    static let maxNamesBytes = 1 << 20

    /// How much larger than its training size a model looks at each region: 1.5 (960 for a
    /// 640-trained model). Counting needs the small objects a photo holds; on the hand-counted
    /// accuracy set YOLO11n found 26% of the objects at 640 and 34% at 960, with fewer false
    /// marks (precision 0.85 → 0.89); whole photos at 1280 gave 37% but precision fell to
    /// 0.83, for passes of 1.8× the pixels.
    public static let inputScale = 1.5

    /// Loads the model at `path`, planned for `inputSize` (default: ``inputScale`` times its
    /// training size), its forward passes on `threads` threads (nil: one per processor).
    public init(path: String, inputSize: Int? = nil, threads: Int? = nil) throws {
        try self.init(path: path, inputSize: inputSize, compute: ComputeBackend(threads: threads))
    }

    /// Loads the model at `path`, planned for `inputSize` (default: ``inputScale`` times its
    /// training size), its layers computed by `compute`.
    public init(path: String, inputSize: Int? = nil, compute: ComputeBackend) throws {
        // The default model has a script that fetches it; any other file is the user's to find.
        let (directory, file) = path.lastIndex(of: "/").map { (String(path[..<$0]), String(path[path.index(after: $0)...])) } ?? (".", path)
        if file == Self.defaultModelFile, !ModelFile.exists(path) {
            throw ONNXError.missingModelFile(path: path, fetchCommand: "scripts/fetch-yolo11.sh \(directory)")
        }
        let model = try ONNXModel(contentsOf: path)
        let trained = Self.metadataSize(model.metadata["imgsz"]) ?? 640
        let size = inputSize ?? Int((Double(trained) * Self.inputScale / 32).rounded()) * 32
        guard size >= 32, size <= 4096, size % 32 == 0 else {
            throw ONNXError.invalidGraph(path: path, detail: "input size \(size) (a multiple of 32 from 32 to 4096)")
        }
        interpreter = try ONNXInterpreter(model: model, inputShape: [1, 3, size, size], compute: compute)
        let names = try Self.classNames(model)
        guard interpreter.outputShapes.count == 1, let shape = interpreter.outputShapes.first, shape.count == 3,
              shape[0] == 1, shape[1] == 4 + names.count else {
            throw ONNXError.invalidGraph(path: path, detail: "outputs \(interpreter.outputShapes), not one [1, \(4 + names.count), anchors] (an Ultralytics detect export with \(names.count) classes, exported without NMS)")
        }
        anchors = shape[2]
        vocabulary = Vocabulary(names: names)
        name = "onnx:" + (file.hasSuffix(".onnx") ? String(file.dropLast(5)) : file)
    }

    /// The class names from the metadata's `names` (a Python dict literal, `{0: 'person', ...}`)
    /// or from the `.names` file beside the model.
    static func classNames(_ model: ONNXModel) throws -> [String] {
        if let literal = model.metadata["names"] {
            var names: [Int: String] = [:]
            // Entries `N: 'name'` or `N: "name"`.
            var rest = Substring(literal)
            while let colon = rest.firstIndex(of: ":") {
                let key = Int(rest[..<colon].drop { !$0.isNumber }.prefix { $0.isNumber })
                let afterColon = rest[rest.index(after: colon)...].drop { $0 == " " }
                guard let quote = afterColon.first, quote == "'" || quote == "\"",
                      let close = afterColon.dropFirst().firstIndex(of: quote), let key else { break }
                names[key] = String(afterColon[afterColon.index(after: afterColon.startIndex)..<close])
                rest = afterColon[afterColon.index(after: close)...]
            }
            if !names.isEmpty, names.keys.sorted() == Array(0..<names.count) {
                return (0..<names.count).map { names[$0]! }
            }
        }
        let sidecar = (model.path.hasSuffix(".onnx") ? String(model.path.dropLast(5)) : model.path) + ".names"
        guard ModelFile.exists(sidecar) else {
            throw ONNXError.invalidGraph(path: model.path, detail: "no class names: the metadata has no `names` and there is no \(sidecar) (one class name per line)")
        }
        let text: String
        do { text = try ModelFile.text(sidecar, limit: maxNamesBytes) } catch {
            throw ONNXError.unreadableFile(path: sidecar, reason: error.reason)
        }
        return text.split(separator: "\n").map { String($0.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed()) }
            .filter { !$0.isEmpty }
    }

    /// The first number of the metadata's `imgsz` (`[640, 640]`).
    static func metadataSize(_ value: String?) -> Int? {
        value.flatMap { Int($0.drop { !$0.isNumber }.prefix { $0.isNumber }) }
    }

    /// Runs the model on every image of `batch` and returns, per image, every class scoring at
    /// least `scoreThreshold` at each anchor, boxes in input pixels, before non-maximum suppression.
    public func detect(_ batch: PlanarTensor, scoreThreshold: Float) throws -> [[Detection]] {
        guard batch.channels == 3, batch.height == inputHeight, batch.width == inputWidth else {
            throw ONNXError.inputMismatch(detail: "got \(batch.channels)×\(batch.height)×\(batch.width), the model takes 3×\(inputHeight)×\(inputWidth)")
        }
        let (anchors, classes) = (self.anchors, vocabulary.names.count)
        var results = [[Detection]](repeating: [], count: batch.batch)
        results.withUnsafeMutableBufferPointer { results in
            batch.values.withUnsafeBufferPointer { values in
                interpreter.forEachImage(values.baseAddress!, count: batch.batch) { image, outputs in
                    let output = outputs[0]
                    var found: [Detection] = []
                    for c in 0..<classes {
                        let scores = output + (4 + c) * anchors
                        for a in 0..<anchors where scores[a] >= scoreThreshold {
                            let box = BoundingBox(centerX: output[a], centerY: output[anchors + a],
                                                  width: output[2 * anchors + a], height: output[3 * anchors + a])
                            found.append(Detection(box: box, classIndex: c, score: scores[a]))
                        }
                    }
                    results[image] = found
                }
            }
        }
        return results
    }
}
