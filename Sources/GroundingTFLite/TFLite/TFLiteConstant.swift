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
        return TFLiteConstant(shape: shape, values: .float32(halves.map(Self.float(fromHalf:))))
    }

    /// The IEEE 754 binary16 value with bit pattern `bits` as a Float, exactly (every half is a
    /// float); written out rather than using `Float16`, which is not on every platform Swift runs on.
    static func float(fromHalf bits: UInt16) -> Float {
        let sign = UInt32(bits & 0x8000) << 16
        let exponent = Int(bits >> 10) & 0x1F
        let mantissa = UInt32(bits & 0x3FF)
        switch exponent {
        case 0:
            // Zero or subnormal: mantissa · 2^-24.
            let magnitude = Float(mantissa) * Float(sign: .plus, exponent: -24, significand: 1)
            return sign == 0 ? magnitude : -magnitude
        case 0x1F:
            return Float(bitPattern: sign | 0x7F80_0000 | mantissa << 13)   // infinity or NaN
        default:
            return Float(bitPattern: sign | UInt32(exponent - 15 + 127) << 23 | mantissa << 13)
        }
    }
}
