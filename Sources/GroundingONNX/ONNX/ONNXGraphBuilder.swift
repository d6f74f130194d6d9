/// The state of planning a model's nodes into kernels: what every named value is (a constant or
/// an activation with its shape), which activations exist and how large they are, and helpers
/// that read a node's inputs and attributes with errors naming the node.
struct ONNXGraphBuilder {
    /// The model being planned.
    let model: ONNXModel
    /// Every value planned so far, by name.
    private(set) var values: [String: ONNXValue] = [:]
    /// Element count per activation number.
    private(set) var sizes: [Int] = []
    /// How many node inputs read each value (fusion needs to know a value has one reader).
    let readers: [String: [Int]]

    /// Starts planning `model` with its one image input of `inputShape` as activation 0.
    init(model: ONNXModel, inputShape: [Int]) throws(ONNXError) {
        self.model = model
        for (name, tensor) in model.initializers { values[name] = .constant(tensor) }
        var readers: [String: [Int]] = [:]
        for (index, node) in model.nodes.enumerated() {
            for input in node.inputs where !input.isEmpty { readers[input, default: []].append(index) }
        }
        for output in model.outputs { readers[output, default: []].append(model.nodes.count) }
        self.readers = readers
        guard model.inputs.count == 1, let input = model.inputs.first else {
            throw .invalidGraph(path: model.path, detail: "the graph has \(model.inputs.count) inputs besides its weights (one image in)")
        }
        guard input.shape.count == inputShape.count,
              zip(input.shape, inputShape).allSatisfy({ $0 < 0 || $0 == $1 }) else {
            throw .invalidGraph(path: model.path, detail: "input \"\(input.name)\" is declared \(input.shape) (-1: any), not \(inputShape)")
        }
        _ = try defineActivation(input.name, shape: inputShape, node: "input")
    }

    // MARK: Reading a node

    /// Input `index` of `node`, or nil when it is omitted.
    func value(_ node: ONNXModel.Node, _ index: Int) throws(ONNXError) -> ONNXValue? {
        guard index < node.inputs.count, !node.inputs[index].isEmpty else { return nil }
        guard let value = values[node.inputs[index]] else {
            throw .invalidGraph(path: model.path, detail: "node \"\(node.name)\" reads \"\(node.inputs[index])\" before any node computes it")
        }
        return value
    }

    /// Input `index` of `node`, which must be present.
    func required(_ node: ONNXModel.Node, _ index: Int) throws(ONNXError) -> ONNXValue {
        guard let value = try value(node, index) else {
            throw .invalidGraph(path: model.path, detail: "node \"\(node.name)\" (\(node.op)) lacks its input \(index)")
        }
        return value
    }

    /// Input `index` of `node` as a constant (weights, shapes, axes).
    func constant(_ node: ONNXModel.Node, _ index: Int) throws(ONNXError) -> ONNXTensor {
        guard case .constant(let tensor) = try required(node, index) else {
            throw unsupported(node, "input \(index) computed at run time (only constant \(node.op) parameters are supported)")
        }
        return tensor
    }

    /// An integer attribute, or `fallback` when absent.
    func int(_ node: ONNXModel.Node, _ name: String, default fallback: Int) throws(ONNXError) -> Int {
        switch node.attributes[name] {
        case nil: return fallback
        case .int(let value): return value
        default: throw invalid(node, "attribute \(name) is not an integer")
        }
    }

    /// An integer-list attribute, or nil when absent.
    func ints(_ node: ONNXModel.Node, _ name: String) throws(ONNXError) -> [Int]? {
        switch node.attributes[name] {
        case nil: return nil
        case .ints(let values): return values
        case .int(let value): return [value]
        default: throw invalid(node, "attribute \(name) is not a list of integers")
        }
    }

    /// A string attribute, or `fallback` when absent.
    func string(_ node: ONNXModel.Node, _ name: String, default fallback: String) throws(ONNXError) -> String {
        switch node.attributes[name] {
        case nil: return fallback
        case .string(let value): return value
        default: throw invalid(node, "attribute \(name) is not a string")
        }
    }

    /// `axis` of a tensor of `rank`, counted from the end when negative.
    func axis(_ node: ONNXModel.Node, _ axis: Int, rank: Int) throws(ONNXError) -> Int {
        guard let resolved = ONNXShape.axis(axis, rank: rank) else { throw invalid(node, "axis \(axis) for a rank-\(rank) tensor") }
        return resolved
    }

    // MARK: Defining outputs

    /// Makes output `index` of `node` a new activation of `shape`, returning its number.
    mutating func define(_ node: ONNXModel.Node, shape: [Int], output index: Int = 0) throws(ONNXError) -> Int {
        guard index < node.outputs.count else { throw invalid(node, "missing output \(index)") }
        return try defineActivation(node.outputs[index], shape: shape, node: node.name)
    }

    /// Makes output `index` of `node` the constant `tensor`.
    mutating func fold(_ node: ONNXModel.Node, _ tensor: ONNXTensor, output index: Int = 0) throws(ONNXError) {
        guard index < node.outputs.count else { throw invalid(node, "missing output \(index)") }
        values[node.outputs[index]] = .constant(tensor)
    }

    private mutating func defineActivation(_ name: String, shape: [Int], node: String) throws(ONNXError) -> Int {
        guard let count = ONNXShape.elementCount(shape) else {
            throw .sizeLimitExceeded(path: model.path, detail: "node \"\(node)\" output \"\(name)\" of shape \(shape)")
        }
        sizes.append(count)
        values[name] = .activation(sizes.count - 1, shape)
        return sizes.count - 1
    }

    // MARK: Errors

    /// An error for a form of `node` the runtime does not implement.
    func unsupported(_ node: ONNXModel.Node, _ detail: String) -> ONNXError {
        .unsupportedNode(path: model.path, node: node.name, detail: "\(node.op) with \(detail)")
    }

    /// An error for a node whose inputs or attributes do not fit together.
    func invalid(_ node: ONNXModel.Node, _ detail: String) -> ONNXError {
        .invalidGraph(path: model.path, detail: "node \"\(node.name)\" (\(node.op)): \(detail)")
    }
}
