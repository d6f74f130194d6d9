import GroundingCompute

extension Activation {
    /// TFLite's `RELU6`: a clamp to 0...6.
    static let relu6 = Activation.clamp(lower: 0, upper: 6)
    /// TFLite's `RELU_N1_TO_1`: a clamp to -1...1.
    static let reluN1To1 = Activation.clamp(lower: -1, upper: 1)

    /// The activation an operator fuses, by the schema's `ActivationFunctionType` code; nil for
    /// codes this runtime does not implement (4 TANH, 5 SIGN_BIT).
    init?(tfliteFused code: Int8) {
        switch code {
        case 0: self = .linear
        case 1: self = .relu
        case 2: self = .reluN1To1
        case 3: self = .relu6
        default: return nil
        }
    }
}
