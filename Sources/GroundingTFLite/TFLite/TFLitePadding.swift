/// How a TFLite convolution or pooling window meets the borders (the schema's `Padding`):
/// `SAME` pads so that the output is `⌈input / stride⌉` long, `VALID` does not pad.
///
/// ```swift
/// let axis = TFLitePadding.same.resolve(input: 128, kernel: 5, stride: 2)   // (output: 64, before: 1)
/// ```
enum TFLitePadding: Sendable, Equatable {
    case same, valid

    /// The padding with schema code `code` (0 SAME, 1 VALID).
    init?(code: Int8) {
        switch code {
        case 0: self = .same
        case 1: self = .valid
        default: return nil
        }
    }

    /// The output length along one axis and the padding before the first input element
    /// (TensorFlow's rule: odd total padding puts the extra element after); nil when a VALID
    /// window does not fit the input.
    func resolve(input: Int, kernel: Int, stride: Int) -> (output: Int, before: Int)? {
        guard input > 0, kernel > 0, stride > 0 else { return nil }
        switch self {
        case .same:
            let output = (input + stride - 1) / stride
            return (output, max(0, (output - 1) * stride + kernel - input) / 2)
        case .valid:
            guard input >= kernel else { return nil }
            return ((input - kernel) / stride + 1, 0)
        }
    }
}
