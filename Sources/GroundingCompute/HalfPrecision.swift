extension Float {
    /// The IEEE 754 binary16 value with bit pattern `bits`, exactly (every half is a float);
    /// written out rather than using `Float16`, which is not on every platform Swift runs on.
    /// Model runtimes read float16 weights with it.
    package init(halfBits bits: UInt16) {
        let sign = UInt32(bits & 0x8000) << 16
        let exponent = Int(bits >> 10) & 0x1F
        let mantissa = UInt32(bits & 0x3FF)
        switch exponent {
        case 0:
            // Zero or subnormal: mantissa · 2^-24.
            let magnitude = Float(mantissa) * Float(sign: .plus, exponent: -24, significand: 1)
            self = sign == 0 ? magnitude : -magnitude
        case 0x1F:
            self = Float(bitPattern: sign | 0x7F80_0000 | mantissa << 13)   // infinity or NaN
        default:
            self = Float(bitPattern: sign | UInt32(exponent - 15 + 127) << 23 | mantissa << 13)
        }
    }
}

extension Array where Element == Float {
    /// The floats of IEEE 754 binary16 bit patterns, each exactly (``Float/init(halfBits:)``), in
    /// one loop of this module: mapped from another module, each conversion was a call.
    package init(halfBits: [UInt16]) {
        self.init(unsafeUninitializedCapacity: halfBits.count) { floats, count in
            halfBits.withUnsafeBufferPointer { halves in
                for index in halves.indices { floats[index] = Float(halfBits: halves[index]) }
            }
            count = halfBits.count
        }
    }
}
