/// Why a TFLite model could not be loaded or run. Every case names the file, and the table,
/// byte offset, operator or tensor involved, and says what to do.
///
/// ```swift
/// do { _ = try TFLiteInterpreter(contentsOf: "/tmp/none.tflite") } catch let error as TFLiteError { print(error) }
/// ```
public enum TFLiteError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A model file is missing; `fetchCommand` is the exact command that fetches it.
    case missingModelFile(path: String, fetchCommand: String)
    /// The file exists but could not be read, or is larger than any model this runtime accepts.
    case unreadableFile(path: String, reason: String)
    /// The file is not a TFLite flatbuffer at all (no `TFL3` identifier, or too short).
    case notAModel(path: String, detail: String)
    /// A flatbuffer table, vector or field lies outside the file or holds an impossible value.
    case malformed(path: String, table: String, offset: Int, detail: String)
    /// An operator this runtime does not implement.
    case unsupportedOperator(path: String, name: String, index: Int)
    /// An operator option (or input kind) this runtime does not implement.
    case unsupportedOption(path: String, name: String, index: Int, detail: String)
    /// A tensor of a type or form this runtime does not implement.
    case unsupportedTensor(path: String, tensor: String, detail: String)
    /// Operator inputs and outputs that do not fit together (shapes, references, order).
    case invalidGraph(path: String, detail: String)
    /// A size beyond what this runtime is willing to allocate for.
    case sizeLimitExceeded(path: String, detail: String)
    /// The tensor handed to the interpreter does not fit the model's input.
    case inputMismatch(detail: String)

    /// What went wrong and what to do.
    public var description: String {
        switch self {
        case .missingModelFile(let path, let command):
            return "\(path): model file not found; fetch it with `\(command)`"
        case .unreadableFile(let path, let reason):
            return "\(path): cannot read: \(reason)"
        case .notAModel(let path, let detail):
            return "\(path): not a TFLite model (\(detail)); pass a .tflite file"
        case .malformed(let path, let table, let offset, let detail):
            return "\(path): malformed TFLite file: \(table) at byte \(offset): \(detail); the file is damaged, fetch it again"
        case .unsupportedOperator(let path, let name, let index):
            return "\(path): operator \(index) is \(name), which the TFLite runtime does not implement; use a model built from the supported operators"
        case .unsupportedOption(let path, let name, let index, let detail):
            return "\(path): operator \(index) (\(name)): \(detail) is not supported by the TFLite runtime"
        case .unsupportedTensor(let path, let tensor, let detail):
            return "\(path): tensor \"\(tensor)\": \(detail) is not supported by the TFLite runtime"
        case .invalidGraph(let path, let detail):
            return "\(path): invalid model graph: \(detail); the file is damaged or not a detector model"
        case .sizeLimitExceeded(let path, let detail):
            return "\(path): \(detail) exceeds the TFLite runtime's size limits; is this the right model?"
        case .inputMismatch(let detail):
            return "TFLite input tensor does not fit the model: \(detail)"
        }
    }
}
