/// A TFLite activation, fused into an operator (the schema's `ActivationFunctionType`) or run
/// alone (`RELU`, `RELU6`, `RELU_N1_TO_1`): each is a clamp.
///
/// ```swift
/// let relu6 = TFLiteActivation.relu6
/// relu6.apply(bias: 0.5, to: pointer, count: 1024)   // x = min(max(x + 0.5, 0), 6)
/// ```
enum TFLiteActivation: Sendable, Equatable {
    case none, relu, reluN1To1, relu6

    /// The fused activation with schema code `code`; nil for codes this runtime does not
    /// implement (4 TANH, 5 SIGN_BIT).
    init?(fused code: Int8) {
        switch code {
        case 0: self = .none
        case 1: self = .relu
        case 2: self = .reluN1To1
        case 3: self = .relu6
        default: return nil
        }
    }

    /// The clamp bounds.
    private var bounds: (lower: Float, upper: Float) {
        switch self {
        case .none: return (-.infinity, .infinity)
        case .relu: return (0, .infinity)
        case .reluN1To1: return (-1, 1)
        case .relu6: return (0, 6)
        }
    }

    /// `values[i] = activation(values[i] + bias)` for `i` in `0..<count`.
    func apply(bias: Float = 0, to values: UnsafeMutablePointer<Float>, count: Int) {
        if self == .none && bias == 0 { return }
        let (lower, upper) = bounds
        for i in 0..<count { values[i] = Swift.min(Swift.max(values[i] + bias, lower), upper) }
    }
}
