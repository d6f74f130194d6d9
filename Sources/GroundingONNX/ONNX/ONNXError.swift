/// Why an ONNX model could not be loaded or run. Every case names the file, and the message,
/// byte offset, node or tensor involved, and says what to do.
///
/// ```swift
/// do { _ = try ONNXInterpreter(contentsOf: "/tmp/none.onnx", inputHeight: 640, inputWidth: 640) }
/// catch let error as ONNXError { print(error) }
/// ```
public enum ONNXError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A model file is missing; `fetchCommand` is the exact command that fetches it.
    case missingModelFile(path: String, fetchCommand: String)
    /// The file exists but could not be read, or is larger than any model this runtime accepts.
    case unreadableFile(path: String, reason: String)
    /// The bytes are not protobuf of ONNX's schema at `offset` (inside message `message`).
    case malformed(path: String, message: String, offset: Int, detail: String)
    /// An operator this runtime does not implement.
    case unsupportedOperator(path: String, operator: String, node: String)
    /// An attribute value or input form of a node this runtime does not implement.
    case unsupportedNode(path: String, node: String, detail: String)
    /// A tensor of a type or form this runtime does not implement.
    case unsupportedTensor(path: String, tensor: String, detail: String)
    /// Node inputs and outputs that do not fit together (shapes, names, order).
    case invalidGraph(path: String, detail: String)
    /// A size beyond what this runtime is willing to allocate for.
    case sizeLimitExceeded(path: String, detail: String)
    /// The image handed to the interpreter does not fit the planned input.
    case inputMismatch(detail: String)

    /// What went wrong and what to do.
    public var description: String {
        switch self {
        case .missingModelFile(let path, let command):
            return "\(path): model file not found; fetch it with `\(command)`"
        case .unreadableFile(let path, let reason):
            return "\(path): cannot read: \(reason)"
        case .malformed(let path, let message, let offset, let detail):
            return "\(path): not a valid ONNX model: \(message) at byte \(offset): \(detail); the file is damaged or not ONNX, fetch it again"
        case .unsupportedOperator(let path, let op, let node):
            return "\(path): node \"\(node)\" is \(op), which the ONNX runtime does not implement; export the model with the operators the README lists under \"A second COCO model\""
        case .unsupportedNode(let path, let node, let detail):
            return "\(path): node \"\(node)\": \(detail) is not supported by the ONNX runtime"
        case .unsupportedTensor(let path, let tensor, let detail):
            return "\(path): tensor \"\(tensor)\": \(detail) is not supported by the ONNX runtime"
        case .invalidGraph(let path, let detail):
            return "\(path): invalid model graph: \(detail); the file is damaged or not a detector model"
        case .sizeLimitExceeded(let path, let detail):
            return "\(path): \(detail) exceeds the ONNX runtime's size limits; is this the right model?"
        case .inputMismatch(let detail):
            return "ONNX input does not fit the planned model: \(detail)"
        }
    }
}
