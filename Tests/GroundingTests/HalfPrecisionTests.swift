import Testing
import Grounding

/// float16 values, as MediaPipe's TFLite files store their weights, read exactly: every one of the
/// 65,536 bit patterns, one at a time and as a whole array.
@Suite struct HalfPrecisionTests {
    @Test func everyHalfIsReadExactlyAloneAndInAnArray() {
        let patterns = Array(0...UInt16.max)
        let floats = [Float](halfBits: patterns)
        #expect(floats.count == patterns.count)
        #expect(patterns.allSatisfy { floats[Int($0)].bitPattern == Float(halfBits: $0).bitPattern })
        // Swift's own Float16, where the platform has it, is the reference (NaNs compared as NaNs).
        #if !(os(macOS) && arch(x86_64))
        let differing = patterns.filter { bits in
            let expected = Float(Float16(bitPattern: bits))
            return expected.isNaN ? !floats[Int(bits)].isNaN : floats[Int(bits)].bitPattern != expected.bitPattern
        }
        #expect(differing.isEmpty, "bit patterns \(differing.prefix(5)) differ")
        #endif
    }
}
