import GroundingCompute

/// The value of a constant tensor at load time: read from the file, or computed by folding a
/// `DEQUANTIZE` or `DENSIFY` of constants (MediaPipe stores its weights as float16, some of them
/// sparse, and expands them in the graph; the runtime does that once, at load).
///
/// ```swift
/// let weights = TFLiteConstant(shape: [2], values: .float16([0x3C00, 0xC000]))
/// print(weights.dequantized?.values)   // float32([1.0, -2.0])
/// ```
struct TFLiteConstant: Sendable {
    /// The stored values, by element type.
    enum Values: Sendable {
        case float32([Float])
        case float16([UInt16])
        case int32([Int32])
    }

    /// The logical shape.
    let shape: [Int]
    /// The values in row-major order.
    let values: Values

    /// The float32 form of a float16 constant (what `DEQUANTIZE` computes); nil for other types.
    var dequantized: TFLiteConstant? {
        guard case .float16(let halves) = values else { return nil }
        return TFLiteConstant(shape: shape, values: .float32([Float](halfBits: halves)))
    }
}
