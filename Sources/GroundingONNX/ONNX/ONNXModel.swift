import GroundingCore

/// An ONNX model as read from its file: the graph's nodes in order, its initializers, its
/// inputs and outputs, the operator set it was exported for and its metadata. Nothing is
/// planned or computed here; ``ONNXInterpreter`` does that.
///
/// Only what a detector graph needs is kept. Every length and size is checked against the
/// file before anything is allocated, and unknown fields are skipped as protobuf requires.
///
/// ```swift
/// let model = try ONNXModel(contentsOf: "yolo11n.onnx")
/// model.metadata["names"]       // "{0: 'person', 1: 'bicycle', ...}"
/// model.nodes.count              // 421
/// ```
struct ONNXModel: Sendable {
    /// One node of the graph.
    struct Node: Sendable {
        /// The node's name (or `op_type#index` when the file gives none), for errors.
        let name: String
        /// The operator, e.g. `Conv`.
        let op: String
        /// The operator's domain (empty: ONNX's own).
        let domain: String
        /// Input value names; an empty name is an omitted optional input.
        let inputs: [String]
        /// Output value names.
        let outputs: [String]
        /// Its attributes by name.
        let attributes: [String: Attribute]
    }

    /// An attribute's value.
    enum Attribute: Sendable, Equatable {
        case int(Int)
        case float(Float)
        case string(String)
        case ints([Int])
        case floats([Float])
        case tensor(ONNXTensor)
        /// A kind this runtime does not read (graphs, sparse tensors, type protos).
        case other
    }

    /// The file it was read from.
    let path: String
    /// The nodes, in the file's (topological) order.
    let nodes: [Node]
    /// Constant tensors by name.
    let initializers: [String: ONNXTensor]
    /// The graph inputs that are not initializers, with their declared shapes (-1: symbolic).
    let inputs: [(name: String, shape: [Int])]
    /// The graph outputs' names.
    let outputs: [String]
    /// The version of ONNX's default operator set it was exported for.
    let opsetVersion: Int
    /// `metadata_props`: key → value.
    let metadata: [String: String]

    /// The largest model file read (ONNX's protobuf encoding cannot exceed 2 GiB).
    static let maxFileBytes = 1 << 31 - 1
    /// The most values one tensor may hold.
    static let maxTensorElements = 1 << 28

    /// Reads the model at `path`.
    init(contentsOf path: String) throws(ONNXError) {
        let bytes: [UInt8]
        do {
            bytes = try ModelFile.read(path, limit: Self.maxFileBytes)
        } catch {
            throw .unreadableFile(path: path, reason: ModelFile.exists(path) ? error.reason : "no such file; check the path")
        }
        do {
            try self.init(bytes: bytes, path: path)
        } catch {
            switch error {
            case .format(let format): throw .malformed(path: path, message: format.message, offset: format.offset, detail: format.detail)
            case .tensor(let name, let detail): throw .unsupportedTensor(path: path, tensor: name, detail: detail)
            case .graph(let detail): throw .invalidGraph(path: path, detail: detail)
            }
        }
    }

    /// Reads a model from the bytes of a file (`path` names it in errors).
    init(bytes: [UInt8], path: String) throws(ONNXModelError) {
        self.path = path
        var reader = ProtobufReader(bytes, range: 0..<bytes.count, message: "ModelProto")
        var graph: ProtobufReader?
        var opset: Int?
        var metadata: [String: String] = [:]
        var sawIRVersion = false
        do {
            while let field = try reader.next() {
                switch field.number {
                case 1: sawIRVersion = true; _ = try field.int()
                case 7: graph = try field.message("GraphProto")
                case 8:
                    var entry = try field.message("OperatorSetIdProto")
                    var domain = "", version = 0
                    while let f = try entry.next() {
                        if f.number == 1 { domain = try f.string() } else if f.number == 2 { version = try f.int() }
                    }
                    if domain.isEmpty || domain == "ai.onnx" { opset = version }
                case 14:
                    var entry = try field.message("StringStringEntryProto")
                    var key = "", value = ""
                    while let f = try entry.next() {
                        if f.number == 1 { key = try f.string() } else if f.number == 2 { value = try f.string() }
                    }
                    metadata[key] = value
                default: break
                }
            }
        } catch {
            throw .format(error)
        }
        guard sawIRVersion, var graph else {
            throw .format(ONNXFormatError(message: "ModelProto", offset: 0, detail: "no ir_version or no graph: this is not an ONNX model"))
        }
        var nodes: [Node] = []
        var initializers: [String: ONNXTensor] = [:]
        var declaredInputs: [(name: String, shape: [Int])] = []
        var outputs: [String] = []
        do {
            while let field = try graph.next() {
                switch field.number {
                case 1: nodes.append(try Self.node(field.message("NodeProto"), index: nodes.count))
                case 5:
                    let (name, tensor) = try ONNXTensor.read(try field.message("TensorProto"), limit: Self.maxTensorElements)
                    initializers[name] = tensor
                case 11: declaredInputs.append(try Self.valueInfo(field.message("ValueInfoProto")))
                case 12: outputs.append(try Self.valueInfo(field.message("ValueInfoProto")).name)
                case 15: throw ONNXModelError.tensor("sparse_initializer", "sparse initializers")
                default: break
                }
            }
        } catch let error as ONNXFormatError {
            throw .format(error)
        } catch let error as ONNXModelError {
            throw error
        } catch {
            throw .graph("\(error)")
        }
        guard !outputs.isEmpty else { throw .graph("the graph declares no outputs") }
        // Every operator the runtime knows has a first output; the planner reads it by place.
        if let silent = nodes.first(where: { $0.outputs.first?.isEmpty != false }) {
            throw .graph("node \"\(silent.name)\" (\(silent.op)) has no output")
        }
        self.nodes = nodes
        self.initializers = initializers
        self.inputs = declaredInputs.filter { initializers[$0.name] == nil }
        self.outputs = outputs
        self.opsetVersion = opset ?? 1
        self.metadata = metadata
    }

    /// Reads a `NodeProto` (input 1, output 2, name 3, op_type 4, attribute 5, domain 7).
    private static func node(_ message: ProtobufReader, index: Int) throws -> Node {
        var reader = message
        var inputs: [String] = [], outputs: [String] = []
        var name = "", op = "", domain = ""
        var attributes: [String: Attribute] = [:]
        while let field = try reader.next() {
            switch field.number {
            case 1: inputs.append(try field.string())
            case 2: outputs.append(try field.string())
            case 3: name = try field.string()
            case 4: op = try field.string()
            case 5:
                let (key, value) = try attribute(field.message("AttributeProto"))
                attributes[key] = value
            case 7: domain = try field.string()
            default: break
            }
        }
        return Node(name: name.isEmpty ? "\(op)#\(index)" : name, op: op, domain: domain,
                    inputs: inputs, outputs: outputs, attributes: attributes)
    }

    /// Reads an `AttributeProto` (name 1, f 2, i 3, s 4, t 5, floats 7, ints 8, type 20).
    private static func attribute(_ message: ProtobufReader) throws -> (String, Attribute) {
        var reader = message
        var name = ""
        var type = 0
        var float: Float = 0, int = 0, string = ""
        var floats: [Float] = [], ints: [Int] = []
        var tensor: ONNXTensor?
        while let field = try reader.next() {
            switch field.number {
            case 1: name = try field.string()
            case 2: float = try field.float()
            case 3: int = try field.int()
            case 4: string = try field.string()
            case 5: tensor = try ONNXTensor.read(field.message("TensorProto"), limit: maxTensorElements).tensor
            case 7: floats += try field.floats()
            case 8: ints += try field.ints()
            case 20: type = try field.int()
            default: break
            }
        }
        switch type {
        case 1: return (name, .float(float))
        case 2: return (name, .int(int))
        case 3: return (name, .string(string))
        case 4: return (name, tensor.map(Attribute.tensor) ?? .other)
        case 6: return (name, .floats(floats))
        case 7: return (name, .ints(ints))
        default: return (name, .other)
        }
    }

    /// Reads a `ValueInfoProto`'s name and tensor shape (type 2 → tensor_type 1 → shape 2 →
    /// dim 1 → dim_value 1 | dim_param 2).
    private static func valueInfo(_ message: ProtobufReader) throws -> (name: String, shape: [Int]) {
        var reader = message
        var name = ""
        var shape: [Int] = []
        while let field = try reader.next() {
            if field.number == 1 { name = try field.string() }
            guard field.number == 2 else { continue }
            var type = try field.message("TypeProto")
            while let t = try type.next() {
                guard t.number == 1 else { continue }
                var tensorType = try t.message("TypeProto.Tensor")
                while let s = try tensorType.next() {
                    guard s.number == 2 else { continue }
                    var shapeProto = try s.message("TensorShapeProto")
                    while let d = try shapeProto.next() {
                        guard d.number == 1 else { continue }
                        var dimension = try d.message("Dimension")
                        var value = -1
                        while let v = try dimension.next() {
                            if v.number == 1 { value = try v.int() }
                        }
                        shape.append(value)
                    }
                }
            }
        }
        return (name, shape)
    }
}

/// Why bytes could not be read as an ONNX model, before the file's path is attached.
enum ONNXModelError: Error {
    /// Not valid protobuf of the schema.
    case format(ONNXFormatError)
    /// A tensor this runtime cannot hold: its name and why.
    case tensor(String, String)
    /// The graph does not hold together.
    case graph(String)
}
