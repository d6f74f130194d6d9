import CVectorKernels
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
    /// `source` may equal `destination`. The switch sits outside the loops. The piecewise-linear
    /// activations and SiLU run in a C kernel where `unit` has one (AVX-512, sixteen values at a
    /// time), otherwise in Swift's SIMD registers (eight at a time, SiLU four).
    /// Every path does the same operations on each value, so all give the same floats; for the
    /// piecewise-linear ones, those of ``apply(_:)`` on one value. (Left to the compiler,
    /// `perf annotate` showed them running mostly one value at a time: `source` may be
    /// `destination`, as after every im2col convolution.)
    package func apply(bias: Float, from source: UnsafePointer<Float>, to destination: UnsafeMutablePointer<Float>, count: Int,
                       unit: VectorUnit = .current) {
        if let kernel = unit.piecewiseActivation {
            switch self {
            case .linear: return kernel(source, destination, count, bias, GROUNDING_LINEAR, 0, 0)
            case .leaky: return kernel(source, destination, count, bias, GROUNDING_LEAKY, 0, 0)
            case .relu: return kernel(source, destination, count, bias, GROUNDING_RELU, 0, 0)
            case .clamp(let lower, let upper): return kernel(source, destination, count, bias, GROUNDING_CLAMP, lower, upper)
            case .logistic, .mish, .swish: break
            }
        }
        if case .swish = self, let kernel = unit.silu {
            return kernel(source, destination, count, bias)
        }
        switch self {
        case .linear:
            Self.map(source, destination, count: count, bias: bias, { $0 }, { $0 })
        case .leaky:
            Self.map(source, destination, count: count, bias: bias,
                     { $0.replacing(with: 0.1 * $0, where: .!($0 .> 0)) }, { $0 > 0 ? $0 : 0.1 * $0 })
        case .relu:
            Self.map(source, destination, count: count, bias: bias,
                     { $0.replacing(with: 0, where: .!($0 .> 0)) }, { $0 > 0 ? $0 : 0 })
        case .clamp(let lower, let upper):
            // Swift.max(x, lower) is `lower >= x ? lower : x`, Swift.min(x, upper) `upper < x ? upper : x`.
            Self.map(source, destination, count: count, bias: bias, { x in
                let raised = x.replacing(with: lower, where: x .<= lower)
                return raised.replacing(with: upper, where: raised .> upper)
            }, { Swift.min(Swift.max($0, lower), upper) })
        case .swish:
            // Four at a time in SIMD registers (the compiler does not vectorise this loop itself);
            // `grounding_silu_avx512` does the same operations sixteen at a time.
            var i = 0
            while i + 4 <= count {
                let x = UnsafeRawPointer(source + i).loadUnaligned(as: SIMD4<Float>.self) + bias
                let y = x / (1 + Self.exponential(-x))
                UnsafeMutableRawPointer(destination + i).storeBytes(of: y, as: SIMD4<Float>.self)
                i += 4
            }
            while i < count {
                let x = source[i] + bias
                destination[i] = x / (1 + Self.exponential(SIMD4(repeating: -x))[0])
                i += 1
            }
        case .logistic, .mish:
            for i in 0..<count { destination[i] = apply(source[i] + bias) }
        }
    }

    /// `destination[i] = f(source[i] + bias)`: `vector` on eight values at a time, `scalar` on the
    /// rest; both must compute the same function.
    @inline(__always)
    private static func map(_ source: UnsafePointer<Float>, _ destination: UnsafeMutablePointer<Float>, count: Int, bias: Float,
                            _ vector: (SIMD8<Float>) -> SIMD8<Float>, _ scalar: (Float) -> Float) {
        var i = 0
        while i + 8 <= count {
            let x = UnsafeRawPointer(source + i).loadUnaligned(as: SIMD8<Float>.self) + bias
            UnsafeMutableRawPointer(destination + i).storeBytes(of: vector(x), as: SIMD8<Float>.self)
            i += 8
        }
        while i < count {
            destination[i] = scalar(source[i] + bias)
            i += 1
        }
    }

    /// `e^x` of four values to within 2 ulp (Cephes' single-precision polynomial) in SIMD
    /// arithmetic and bit operations, which run vectorised on baseline x86-64 where `expf` is a
    /// call per value: with `expf`, the SiLU after every convolution of YOLO11n took about a
    /// third of its forward pass (171 ms at 640 px; 109 ms with this). Inputs are clamped to [−87.33, 88], where 2^n is a normal float.
    @inline(__always)
    package static func exponential(_ x: SIMD4<Float>) -> SIMD4<Float> {
        let x = x.replacing(with: -87.33, where: x .< -87.33).replacing(with: 88, where: x .> 88)
        // n = round(x / ln 2) by adding and removing 1.5 · 2^23, which leaves n in the low bits.
        let shifted = x * 1.442_695_04 + 12_582_912
        let n = shifted - 12_582_912
        let r = x - n * 0.693_359_375 + n * 2.121_944_4e-4
        var p = SIMD4<Float>(repeating: 1.987_569_15e-4)
        p = p * r + 1.398_199_95e-3
        p = p * r + 8.333_451_9e-3
        p = p * r + 4.166_579_59e-2
        p = p * r + 1.666_666_55e-1
        p = p * r + 5.000_000_12e-1
        let value = p * r * r + r + 1
        // 2^n from n's bits in `shifted`: the exponent field is n + 127.
        let bits = (unsafeBitCast(shifted, to: SIMD4<UInt32>.self) &- 0x4B40_0000 &+ 127) &<< 23
        return value * unsafeBitCast(bits, to: SIMD4<Float>.self)
    }

    /// `values[i] = activation(values[i] + bias)` for `count` values, in place.
    package func apply(bias: Float = 0, to values: UnsafeMutablePointer<Float>, count: Int, unit: VectorUnit = .current) {
        if case .linear = self, bias == 0 { return }
        apply(bias: bias, from: values, to: values, count: count, unit: unit)
    }
}
