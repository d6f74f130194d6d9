#if canImport(Glibc)
import Glibc
#endif

/// An activation function, applied element-wise after a convolution's bias (fused into its
/// kernel) or on its own: Darknet's (by their cfg names) and TFLite's clamps.
///
/// ```swift
/// Activation(darknetName: "leaky")!.apply(-2)             // -0.2
/// Activation.clamp(lower: 0, upper: 6).apply(7)          // 6 (TFLite's RELU6)
/// ```
package enum Activation: Sendable, Hashable {
    /// `x`.
    case linear
    /// `x > 0 ? x : 0.1·x` (Darknet's slope).
    case leaky
    /// `1 / (1 + e^-x)`.
    case logistic
    /// `x · tanh(softplus(x))`, with Darknet's softplus threshold of 20.
    case mish
    /// `max(x, 0)`.
    case relu
    /// `x · logistic(x)`.
    case swish
    /// `min(max(x, lower), upper)`: TFLite's RELU6 (0, 6) and RELU_N1_TO_1 (−1, 1).
    case clamp(lower: Float, upper: Float)

    /// The activation a Darknet cfg names (`activation=leaky`); nil for names not implemented.
    package init?(darknetName name: String) {
        switch name {
        case "linear": self = .linear
        case "leaky": self = .leaky
        case "logistic": self = .logistic
        case "mish": self = .mish
        case "relu": self = .relu
        case "swish": self = .swish
        default: return nil
        }
    }

    /// A short name for profiles and layer listings.
    package var name: String {
        switch self {
        case .linear: return "linear"
        case .leaky: return "leaky"
        case .logistic: return "logistic"
        case .mish: return "mish"
        case .relu: return "relu"
        case .swish: return "swish"
        case .clamp(let lower, let upper): return "clamp(\(lower), \(upper))"
        }
    }

    /// The activation of one value (the reference the fused loops below must agree with).
    @inline(__always)
    package func apply(_ x: Float) -> Float {
        switch self {
        case .linear: return x
        case .leaky: return x > 0 ? x : 0.1 * x
        case .logistic: return 1 / (1 + expf(-x))
        case .mish:
            // Darknet's softplus: exact beyond ±20, where log(1 + e^x) is x or e^x to float precision.
            let softplus = x > 20 ? x : (x < -20 ? expf(x) : log1pf(expf(x)))
            return x * tanhf(softplus)
        case .relu: return x > 0 ? x : 0
        case .swish: return x / (1 + expf(-x))
        case .clamp(let lower, let upper): return Swift.min(Swift.max(x, lower), upper)
        }
    }

    /// `destination[i] = activation(source[i] + bias)` for `count` values, in one pass.
    ///
    /// `source` may equal `destination`. The switch sits outside the loops so that each loop is
    /// a plain pointer loop the compiler vectorises.
    package func apply(bias: Float, from source: UnsafePointer<Float>, to destination: UnsafeMutablePointer<Float>, count: Int) {
        switch self {
        case .linear:
            for i in 0..<count { destination[i] = source[i] + bias }
        case .leaky:
            for i in 0..<count {
                let x = source[i] + bias
                destination[i] = x > 0 ? x : 0.1 * x
            }
        case .relu:
            for i in 0..<count {
                let x = source[i] + bias
                destination[i] = x > 0 ? x : 0
            }
        case .clamp(let lower, let upper):
            for i in 0..<count { destination[i] = Swift.min(Swift.max(source[i] + bias, lower), upper) }
        case .logistic, .mish, .swish:
            for i in 0..<count { destination[i] = apply(source[i] + bias) }
        }
    }

    /// `values[i] = activation(values[i] + bias)` for `count` values, in place.
    package func apply(bias: Float = 0, to values: UnsafeMutablePointer<Float>, count: Int) {
        if case .linear = self, bias == 0 { return }
        apply(bias: bias, from: values, to: values, count: count)
    }
}
