import Foundation
import Testing
import Grounding

/// Tensor parity with the reference interpreter: on real photos, every output tensor of
/// MediaPipe's four models, run by our TFLite runtime, equals LiteRT's on the same input within
/// 1e-4 of the output's range. The reference comes from `scripts/tflite_reference.py`.
@Suite struct TFLiteParityTests {
    struct Reference: Decodable {
        struct Output: Decodable {
            var name: String
            var shape: [Int]
            var min: Double
            var max: Double
            var file: String
        }
        struct Entry: Decodable {
            var model: String
            var photo: String
            var input_sum: Double
            var input_sum_of_squares: Double
            var outputs: [Output]
        }
        var entries: [Entry]
    }

    static func reference() throws -> Reference {
        try JSONDecoder().decode(Reference.self, from: Data(contentsOf: TestSupport.fixture("tflite/reference.json")))
    }

    /// The stored output: uint16 codes over [min, max], and the largest rounding error they carry.
    static func values(of output: Reference.Output) throws -> (values: [Float], rounding: Double) {
        let data = try Data(contentsOf: TestSupport.fixture("tflite/" + output.file))
        let step = (output.max - output.min) / 65535
        let values = stride(from: 0, to: data.count, by: 2).map { offset in
            Float(output.min + Double(UInt16(data[offset]) | UInt16(data[offset + 1]) << 8) * step)
        }
        return (values, step / 2)
    }

    @Test func everyOutputMatchesLiteRT() throws {
        let reference = try Self.reference()
        #expect(Set(reference.entries.map(\.model)).count == 6, "every model is covered")
        var interpreters: [String: TFLiteInterpreter] = [:]
        for entry in reference.entries {
            let spec = try MediaPipeTestSupport.inputSpec(for: entry.model)
            if interpreters[entry.model] == nil {
                interpreters[entry.model] = try TFLiteInterpreter(contentsOf: MediaPipeTestSupport.modelPath(entry.model), threads: 2)
            }
            let interpreter = try #require(interpreters[entry.model])
            let image = try ImageDecoder.decode(contentsOf: TestSupport.testImage(entry.photo)).image
            let (tensor, _) = Preprocessor(spec: spec).tensor(from: image)
            // Both sides fed the same input (sums agree to float rounding).
            let sum = tensor.values.reduce(0.0) { $0 + Double($1) }
            let squares = tensor.values.reduce(0.0) { $0 + Double($1) * Double($1) }
            #expect(abs(sum - entry.input_sum) <= 1e-4 * Double(tensor.values.count), "\(entry.model) \(entry.photo): input sum \(sum) vs \(entry.input_sum)")
            #expect(abs(squares - entry.input_sum_of_squares) <= 1e-4 * Double(tensor.values.count), "\(entry.model) \(entry.photo): input squares")

            let outputs = try interpreter.run(tensor.values)
            #expect(interpreter.outputShapes == entry.outputs.map(\.shape))
            for (ours, theirs) in zip(outputs, entry.outputs) {
                let (expected, rounding) = try Self.values(of: theirs)
                try #require(ours.count == expected.count, "\(entry.model) \(entry.photo) \(theirs.name): \(ours.count) values, LiteRT \(expected.count)")
                // One-value outputs (a hand's presence) have no range: their own magnitude stands in.
                let range = theirs.max > theirs.min ? theirs.max - theirs.min : max(abs(theirs.max), 1e-3)
                let worst = zip(ours, expected).map { abs(Double($0) - Double($1)) }.max() ?? 0
                // LiteRT's value is within `rounding` of the stored one, so ours is within 1e-4 of the range of it.
                #expect(worst <= 1e-4 * range - rounding, "\(entry.model) \(entry.photo) \(theirs.name): worst difference \(worst), range \(range)")
            }
        }
    }
}
