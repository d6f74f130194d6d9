/// What a named value of the graph is while it is planned: known at load (a constant, folded
/// further) or computed on every pass (an activation with its slot and shape).
enum ONNXValue: Sendable {
    /// Known when the model loads.
    case constant(ONNXTensor)
    /// Computed by a kernel: its activation number and shape.
    case activation(Int, [Int])

    /// Its shape, known either way.
    var shape: [Int] {
        switch self {
        case .constant(let tensor): return tensor.shape
        case .activation(_, let shape): return shape
        }
    }
}
