import Foundation
import Testing
import Grounding

/// The fused activations against their definitions: the vectorised exponential behind SiLU
/// against `exp`, the fused SiLU loop (four at a time, then the tail) against `x · σ(x)`, and the
/// piecewise-linear ones (eight at a time, then the tail) against themselves one value at a time.
@Suite struct ActivationTests {
    @Test func theVectorisedExponentialIsWithinTwoUlp() {
        var worst = 0.0
        for step in 0...35_000 {
            let x = Float(-87.0 + Double(step) * 0.005)
            let ours = Double(Activation.exponential(SIMD4(repeating: x))[0])
            let exact = exp(Double(x))
            worst = max(worst, abs(ours - exact) / exact)
        }
        #expect(worst <= 2.5e-7, "worst relative error \(worst)")
        // Clamped beyond the normal range rather than overflowing or going subnormal.
        #expect(Activation.exponential(SIMD4(repeating: 200))[0].isFinite)
        #expect(Activation.exponential(SIMD4(repeating: -200))[0] >= 0)
    }

    @Test func fusedSiLUMatchesItsDefinition() {
        var random = SeededGenerator(state: 7)
        let values = random.floats(1_003, in: -30...30)   // not a multiple of four: the tail runs too
        var output = [Float](repeating: 0, count: values.count)
        values.withUnsafeBufferPointer { source in
            output.withUnsafeMutableBufferPointer { Activation.swish.apply(bias: 0.25, from: source.baseAddress!, to: $0.baseAddress!, count: values.count) }
        }
        for (x, y) in zip(values, output) {
            let v = Double(x) + 0.25
            let exact = v / (1 + exp(-v))
            #expect(abs(Double(y) - exact) <= 1e-6 * max(1, abs(exact)), "silu(\(v)) = \(y), not \(exact)")
        }
    }

    /// SiLU in C (AVX-512, sixteen at a time) gives the floats of Swift's four-at-a-time path, bit
    /// for bit, into another buffer and in place: across the exponential's clamps (±87.33, 88),
    /// at zeros of both signs, NaN and infinities, and over a long run with a tail.
    @Test func siluGivesTheSameFloatsOnEveryVectorUnit() {
        var random = SeededGenerator(state: 13)
        let special: [Float] = [0, -0, .nan, .infinity, -.infinity, 87.33, -87.33, 88, -88, 89, -89, 100, -100,
                                1e-30, -1e-30, .leastNonzeroMagnitude, 0.5, -0.5]
        let values = special + random.floats(1_013, in: -95...95) + random.floats(37, in: -2...2)
        func silu(_ unit: VectorUnit, inPlace: Bool) -> [Float] {
            var output = inPlace ? values : [Float](repeating: 0, count: values.count)
            values.withUnsafeBufferPointer { source in
                output.withUnsafeMutableBufferPointer {
                    Activation.swish.apply(bias: 0.25, from: inPlace ? UnsafePointer($0.baseAddress!) : source.baseAddress!,
                                           to: $0.baseAddress!, count: values.count, unit: unit)
                }
            }
            return output
        }
        let portable = silu(.baseline, inPlace: false)
        for unit in VectorUnit.allCases where unit != .baseline && VectorUnit.current.runs(unit) {
            for inPlace in [false, true] {
                let output = silu(unit, inPlace: inPlace)
                let differing = zip(output, portable).filter { $0.bitPattern != $1.bitPattern }.count
                #expect(differing == 0, "\(unit), in place \(inPlace): \(differing) of \(values.count) floats differ")
            }
        }
    }

    /// Sixteen at a time in C (AVX-512) and eight at a time in Swift's SIMD registers, leaky, ReLU,
    /// ReLU6 and linear give the floats one value at a time gives, bit for bit, on every vector
    /// unit this CPU runs, into another buffer and in place, on the values where a
    /// rewrite would most likely differ: zeros of both signs, NaN, infinities, the clamp's bounds.
    @Test(arguments: [Activation.linear, .leaky, .relu, .clamp(lower: 0, upper: 6), .clamp(lower: -1, upper: 1)])
    func piecewiseLinearActivationsGiveTheFloatsOfOneValueAtATime(activation: Activation) {
        var random = SeededGenerator(state: 11)
        let special: [Float] = [0, -0, .nan, .infinity, -.infinity, 6, -1, 1, 5.75, -0.25, .leastNonzeroMagnitude, -.leastNonzeroMagnitude]
        let values = special + random.floats(67, in: -10...10)   // 79: nine vectors of eight or four of sixteen, and a tail
        let bias: Float = 0.25
        let expected = values.map { activation.apply($0 + bias) }
        for unit in VectorUnit.allCases where VectorUnit.current.runs(unit) {
            var output = [Float](repeating: 0, count: values.count)
            values.withUnsafeBufferPointer { source in
                output.withUnsafeMutableBufferPointer {
                    activation.apply(bias: bias, from: source.baseAddress!, to: $0.baseAddress!, count: values.count, unit: unit)
                }
            }
            var inPlace = values
            inPlace.withUnsafeMutableBufferPointer { activation.apply(bias: bias, to: $0.baseAddress!, count: values.count, unit: unit) }
            for (index, want) in expected.enumerated() {
                #expect(output[index].bitPattern == want.bitPattern && inPlace[index].bitPattern == want.bitPattern,
                        "\(activation) on \(unit) of \(values[index]) + \(bias): \(output[index]) and \(inPlace[index]) in place, not \(want)")
            }
        }
    }
}
