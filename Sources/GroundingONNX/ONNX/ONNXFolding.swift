/// The operators that only compute shapes and constants, evaluated once at load: `Shape`,
/// `Gather`, `Cast`, `Range`, `ConstantOfShape` and `Constant`. Exporters emit them to work out
/// sizes from the input (dynamic-size models); with the input's size fixed they are constants.
enum ONNXFolding {
    /// The operators this covers.
    static let operators: Set<String> = ["Shape", "Gather", "Cast", "Range", "ConstantOfShape", "Constant"]

    /// The value of `node`'s output (`Shape` reads only its input's shape, which is known even
    /// for an activation; the others need constant inputs).
    static func fold(_ node: ONNXModel.Node, _ graph: ONNXGraphBuilder) throws(ONNXError) -> ONNXTensor {
        switch node.op {
        case "Shape":
            let shape = try graph.required(node, 0).shape
            let rank = shape.count
            func clamp(_ value: Int) -> Int { min(max(value < 0 ? value + rank : value, 0), rank) }
            let start = clamp(try graph.int(node, "start", default: 0))
            let end = clamp(try graph.int(node, "end", default: rank))
            return ONNXTensor(integers: start < end ? Array(shape[start..<end]) : [])
        case "Constant":
            switch node.attributes["value"] ?? node.attributes["value_float"] ?? node.attributes["value_int"] ?? node.attributes["value_ints"] ?? node.attributes["value_floats"] {
            case .tensor(let tensor)?: return tensor
            case .float(let value)?: return ONNXTensor(shape: [], values: [Double(value)], kind: .float)
            case .int(let value)?: return ONNXTensor(shape: [], values: [Double(value)], kind: .integer)
            case .ints(let values)?: return ONNXTensor(integers: values)
            case .floats(let values)?: return ONNXTensor(shape: [values.count], values: values.map(Double.init), kind: .float)
            default: throw graph.unsupported(node, "a value that is not a tensor or numbers")
            }
        case "ConstantOfShape":
            let shape = try graph.constant(node, 0).integers
            guard let count = ONNXShape.elementCount(shape) else { throw graph.invalid(node, "shape \(shape)") }
            var fill = ONNXTensor(shape: [], values: [0], kind: .float)
            if case .tensor(let value)? = node.attributes["value"] { fill = value }
            guard fill.values.count == 1 else { throw graph.invalid(node, "a fill value of \(fill.values.count) values") }
            return ONNXTensor(shape: shape, values: [Double](repeating: fill.values[0], count: count), kind: fill.kind)
        case "Cast":
            var tensor = try graph.constant(node, 0)
            let to = try graph.int(node, "to", default: 1)
            guard let type = ONNXTensor.ElementType(rawValue: to) else { throw graph.unsupported(node, "a cast to type \(to)") }
            if type == .bool {
                tensor.values = tensor.values.map { $0 != 0 ? 1 : 0 }
                tensor.kind = .integer
            } else if !type.isFloat {
                tensor.values = tensor.values.map { $0.rounded(.towardZero) }
                tensor.kind = .integer
            } else {
                tensor.values = tensor.values.map { Double(Float($0)) }
                tensor.kind = .float
            }
            return tensor
        case "Range":
            let start = try graph.constant(node, 0), limit = try graph.constant(node, 1), delta = try graph.constant(node, 2)
            guard start.values.count == 1, limit.values.count == 1, delta.values.count == 1, delta.values[0] != 0 else {
                throw graph.invalid(node, "start, limit and delta must be single numbers, delta not 0")
            }
            // Checked before the conversion, which traps on infinity or a count past Int.
            let count = ((limit.values[0] - start.values[0]) / delta.values[0]).rounded(.up)
            guard !count.isNaN, count <= Double(ONNXModel.maxTensorElements) else {
                throw graph.invalid(node, "\(count) values from \(start.values[0]) to \(limit.values[0]) by \(delta.values[0])")
            }
            let steps = Int(max(0, count))
            return ONNXTensor(shape: [steps], values: (0..<steps).map { start.values[0] + Double($0) * delta.values[0] }, kind: start.kind)
        case "Gather":
            let data = try graph.constant(node, 0), indices = try graph.constant(node, 1)
            let axis = try graph.axis(node, try graph.int(node, "axis", default: 0), rank: data.shape.count)
            let extent = data.shape[axis]
            let outer = data.shape[..<axis].reduce(1, *), inner = data.shape[(axis + 1)...].reduce(1, *)
            let (gathered, overflow) = (outer * inner).multipliedReportingOverflow(by: indices.values.count)
            guard !overflow, gathered <= ONNXModel.maxTensorElements else {
                throw graph.invalid(node, "\(indices.values.count) indices into \(data.shape) gather more than \(ONNXModel.maxTensorElements) values")
            }
            var values: [Double] = []
            values.reserveCapacity(gathered)
            for o in 0..<outer {
                for index in indices.integers {
                    let i = index < 0 ? index + extent : index
                    guard (0..<extent).contains(i) else { throw graph.invalid(node, "index \(index) outside an axis of \(extent)") }
                    values += data.values[((o * extent + i) * inner)..<((o * extent + i + 1) * inner)]
                }
            }
            return ONNXTensor(shape: Array(data.shape[..<axis]) + indices.shape + Array(data.shape[(axis + 1)...]), values: values, kind: data.kind)
        default:
            throw .unsupportedOperator(path: graph.model.path, operator: node.op, node: node.name)
        }
    }
}
