import GroundingCore

/// Why a Darknet model could not be loaded or run. Every case names the file (and the cfg line
/// where there is one) and says what to do.
///
/// ```swift
/// do { _ = try DarknetDetector(modelDirectory: "/tmp/none") } catch let error as DarknetError { print(error) }
/// ```
public enum DarknetError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A model file is missing; `fetchCommand` is the exact command that fetches the default model.
    case missingModelFile(path: String, fetchCommand: String)
    /// A folder holds several files of one kind, so which to use is ambiguous.
    case ambiguousModelFiles(directory: String, kind: String, candidates: [String])
    /// A file exists but could not be read, or is larger than any sane model file.
    case unreadableFile(path: String, reason: String)
    /// A cfg line is neither a `[section]`, a `key = value` option, a comment nor blank.
    case malformedLine(file: String, line: Int, text: String)
    /// A section this runtime does not implement.
    case unknownSection(file: String, line: Int, name: String)
    /// An option whose value this runtime does not implement and which would change the maths.
    case unsupportedOption(file: String, line: Int, key: String, value: String)
    /// An option that is missing, not a number, or out of its valid range.
    case invalidOption(file: String, line: Int, key: String, value: String, reason: String)
    /// A `[route]` or `[shortcut]` that refers to a layer that does not exist (or cannot be used).
    case badLayerReference(file: String, line: Int, reference: Int, layerCount: Int)
    /// Layer inputs whose shapes do not fit together.
    case shapeMismatch(file: String, line: Int, detail: String)
    /// A size beyond what this runtime is willing to allocate for.
    case sizeLimitExceeded(file: String, line: Int, detail: String)
    /// The cfg has no `[net]` section first, or no `[yolo]` layer.
    case incompleteNetwork(file: String, detail: String)
    /// The weights file header is not a Darknet header.
    case badWeightsHeader(file: String, detail: String)
    /// The weights file holds a different number of values than the cfg needs.
    case weightsSizeMismatch(file: String, expectedBytes: Int, actualBytes: Int)
    /// The names file lists a different number of classes than the `[yolo]` layers predict.
    case classCountMismatch(file: String, names: Int, classes: Int)
    /// The tensor handed to `detect` does not fit the network.
    case inputMismatch(detail: String)

    /// What went wrong and what to do.
    public var description: String {
        switch self {
        case .missingModelFile(let path, let command):
            return "\(path): model file not found; fetch the default model with `\(command)`"
        case .ambiguousModelFiles(let directory, let kind, let candidates):
            return "\(directory): several \(kind) files (\(candidates.joined(separator: ", "))); pass explicit cfg, weights and names paths"
        case .unreadableFile(let path, let reason):
            return "\(path): cannot read: \(reason)"
        case .malformedLine(let file, let line, let text):
            return "\(file):\(line): expected `[section]` or `key = value`, found `\(text)`"
        case .unknownSection(let file, let line, let name):
            return "\(file):\(line): section [\(name)] is not supported by the Darknet runtime; use a YOLOv3/v4(-tiny) cfg"
        case .unsupportedOption(let file, let line, let key, let value):
            return "\(file):\(line): \(key)=\(value) is not supported by the Darknet runtime; the model needs a runtime that implements it"
        case .invalidOption(let file, let line, let key, let value, let reason):
            return "\(file):\(line): \(key)=\(value) is invalid: \(reason)"
        case .badLayerReference(let file, let line, let reference, let count):
            return "\(file):\(line): layer reference \(reference) is out of range (only \(count) earlier layers can be used); fix the cfg"
        case .shapeMismatch(let file, let line, let detail):
            return "\(file):\(line): \(detail); fix the cfg"
        case .sizeLimitExceeded(let file, let line, let detail):
            return "\(file):\(line): \(detail) exceeds the runtime's size limits; is this the right cfg?"
        case .incompleteNetwork(let file, let detail):
            return "\(file): \(detail)"
        case .badWeightsHeader(let file, let detail):
            return "\(file): not a Darknet weights file (\(detail)); re-fetch it with `scripts/fetch-model.sh`"
        case .weightsSizeMismatch(let file, let expected, let actual):
            let which = actual < expected ? "too short" : "too long"
            return "\(file): weights file is \(which) for its cfg (\(actual) bytes, the cfg needs \(expected)); use the weights trained for this cfg"
        case .classCountMismatch(let file, let names, let classes):
            return "\(file): lists \(names) class names but the cfg's [yolo] layers predict \(classes); use the names file that belongs to the model"
        case .inputMismatch(let detail):
            return "Darknet input tensor does not fit the network: \(detail)"
        }
    }
}

extension DarknetError {
    /// Runs a model-file read, reporting its failure as ``unreadableFile(path:reason:)``.
    static func reading<T>(_ body: () throws(ModelFileError) -> T) throws(DarknetError) -> T {
        do { return try body() } catch { throw .unreadableFile(path: error.path, reason: error.reason) }
    }
}
