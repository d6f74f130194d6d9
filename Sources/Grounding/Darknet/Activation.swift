#if canImport(Glibc)
import Glibc
#endif

/// A Darknet activation function, applied element-wise after a convolution or shortcut.
package enum Activation: String, Sendable, CaseIterable {
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
        case .logistic, .mish, .swish:
            for i in 0..<count { destination[i] = apply(source[i] + bias) }
        }
    }
}
