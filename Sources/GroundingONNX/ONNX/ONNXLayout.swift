/// The operators that only move values: `Reshape`, `Flatten`, `Squeeze`, `Unsqueeze`,
/// `Identity`, `Transpose`, `Slice`, `Split` and `Expand`. Each output is a ``StridedView`` of
/// the one input, worked out here once from the shapes and parameters, then either applied to a
/// constant at load (folding) or run on every pass by an ``ONNXCopy``.
enum ONNXLayout {
    /// The operators this covers.
    static let operators: Set<String> = ["Reshape", "Flatten", "Squeeze", "Unsqueeze", "Identity", "Transpose", "Slice", "Split", "Expand"]

    /// For each output of `node`, its shape and how it reads the input (of `shape`).
    static func views(_ node: ONNXModel.Node, input shape: [Int], _ graph: ONNXGraphBuilder) throws(ONNXError) -> [StridedView] {
        let rank = shape.count
        let opset = graph.model.opsetVersion
        switch node.op {
        case "Identity":
            return [StridedView(contiguous: shape)]
        case "Reshape":
            let requested = try graph.constant(node, 1).integers
            let allowZero = try graph.int(node, "allowzero", default: 0) != 0
            var result = requested.enumerated().map { axis, size in size == 0 && !allowZero && axis < rank ? shape[axis] : size }
            let count = shape.reduce(1, *)
            if let inferred = result.firstIndex(of: -1) {
                let known = result.enumerated().filter { $0.offset != inferred }.map(\.element).reduce(1, *)
                guard known > 0, count % known == 0 else { throw graph.invalid(node, "cannot reshape \(shape) to \(requested)") }
                result[inferred] = count / known
            }
            guard result.allSatisfy({ $0 >= 0 }), result.reduce(1, *) == count else {
                throw graph.invalid(node, "cannot reshape \(shape) to \(requested)")
            }
            return [StridedView(contiguous: result)]
        case "Flatten":
            let axis = try graph.int(node, "axis", default: 1)
            guard let split = axis == rank ? rank : ONNXShape.axis(axis, rank: rank) else { throw graph.invalid(node, "axis \(axis) for rank \(rank)") }
            return [StridedView(contiguous: [shape[..<split].reduce(1, *), shape[split...].reduce(1, *)])]
        case "Squeeze":
            var axes: [Int]?
            if opset < 13 {
                axes = try graph.ints(node, "axes")
            } else if try graph.value(node, 1) != nil {
                axes = try graph.constant(node, 1).integers
            }
            let resolved = try (axes ?? shape.indices.filter { shape[$0] == 1 }).map { a throws(ONNXError) in try graph.axis(node, a, rank: rank) }
            guard resolved.allSatisfy({ shape[$0] == 1 }) else { throw graph.invalid(node, "squeezing axes \(resolved) of \(shape), which are not 1") }
            return [StridedView(contiguous: shape.indices.filter { !resolved.contains($0) }.map { shape[$0] })]
        case "Unsqueeze":
            let axes = try (opset >= 13 ? graph.constant(node, 1).integers : graph.ints(node, "axes") ?? [])
            let resolved = try axes.map { a throws(ONNXError) in try graph.axis(node, a, rank: rank + axes.count) }
            var result = shape
            for axis in resolved.sorted() { result.insert(1, at: axis) }
            return [StridedView(contiguous: result)]
        case "Transpose":
            let permutation = try graph.ints(node, "perm") ?? Array(shape.indices.reversed())
            guard permutation.sorted() == Array(shape.indices) else { throw graph.invalid(node, "permutation \(permutation) for rank \(rank)") }
            let strides = ONNXShape.strides(shape)
            return [StridedView(shape: permutation.map { shape[$0] }, strides: permutation.map { strides[$0] }, offset: 0)]
        case "Slice":
            return [try slice(node, shape: shape, graph)]
        case "Split":
            return try split(node, shape: shape, graph)
        case "Expand":
            let requested = try graph.constant(node, 1).integers
            guard let target = ONNXShape.broadcast(shape, requested) else { throw graph.invalid(node, "cannot expand \(shape) to \(requested)") }
            return [StridedView(broadcasting: shape, to: target)]
        default:
            throw .unsupportedOperator(path: graph.model.path, operator: node.op, node: node.name)
        }
    }

    /// `Slice` (opset 10+: starts, ends, axes, steps as inputs; earlier: attributes).
    private static func slice(_ node: ONNXModel.Node, shape: [Int], _ graph: ONNXGraphBuilder) throws(ONNXError) -> StridedView {
        let starts: [Int], ends: [Int], axes: [Int]?, steps: [Int]?
        if graph.model.opsetVersion >= 10 {
            starts = try graph.constant(node, 1).integers
            ends = try graph.constant(node, 2).integers
            axes = try graph.value(node, 3) == nil ? nil : graph.constant(node, 3).integers
            steps = try graph.value(node, 4) == nil ? nil : graph.constant(node, 4).integers
        } else {
            starts = try graph.ints(node, "starts") ?? []
            ends = try graph.ints(node, "ends") ?? []
            axes = try graph.ints(node, "axes")
            steps = nil
        }
        let sliced = axes ?? Array(starts.indices)
        guard starts.count == ends.count, sliced.count == starts.count, (steps?.count ?? starts.count) == starts.count else {
            throw graph.invalid(node, "starts \(starts), ends \(ends), axes \(sliced) and steps \(steps ?? []) of different lengths")
        }
        var result = shape
        var strides = ONNXShape.strides(shape)
        var offset = 0
        let base = strides
        for (i, a) in sliced.enumerated() {
            let axis = try graph.axis(node, a, rank: shape.count)
            let dimension = shape[axis]
            let step = steps?[i] ?? 1
            guard step != 0 else { throw graph.invalid(node, "a step of 0") }
            func clamp(_ value: Int, _ low: Int, _ high: Int) -> Int { min(max(value < 0 ? value &+ dimension : value, low), high) }
            let start = step > 0 ? clamp(starts[i], 0, dimension) : clamp(starts[i], -1, dimension - 1)
            let end = step > 0 ? clamp(ends[i], 0, dimension) : clamp(ends[i], -1, dimension - 1)
            let length = step > 0 ? max(0, (end - start + step - 1) / step) : max(0, (start - end - step - 1) / -step)
            result[axis] = length
            strides[axis] = base[axis] * step
            offset += start * base[axis]
        }
        return StridedView(shape: result, strides: strides, offset: result.contains(0) ? 0 : offset)
    }

    /// `Split`: sizes from input 1 (opset 13+) or the `split` attribute, else equal parts.
    private static func split(_ node: ONNXModel.Node, shape: [Int], _ graph: ONNXGraphBuilder) throws(ONNXError) -> [StridedView] {
        let axis = try graph.axis(node, try graph.int(node, "axis", default: 0), rank: shape.count)
        let parts = node.outputs.count
        var sizes: [Int]
        if graph.model.opsetVersion >= 13, try graph.value(node, 1) != nil {
            sizes = try graph.constant(node, 1).integers
        } else if let attribute = try graph.ints(node, "split") {
            sizes = attribute
        } else {
            let part = (shape[axis] + parts - 1) / max(parts, 1)
            sizes = (0..<parts).map { min(part, max(0, shape[axis] - $0 * part)) }
        }
        guard sizes.count == parts, sizes.allSatisfy({ $0 >= 0 }), sizes.reduce(0, +) == shape[axis] else {
            throw graph.invalid(node, "split sizes \(sizes) for \(parts) outputs of an axis of \(shape[axis])")
        }
        let strides = ONNXShape.strides(shape)
        var start = 0
        return sizes.map { size in
            var part = shape
            part[axis] = size
            defer { start += size }
            return StridedView(shape: part, strides: strides, offset: start * strides[axis])
        }
    }
}
