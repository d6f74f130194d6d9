import Foundation
import Testing
import Grounding

/// Tensor parity with the reference interpreter: on real photos, YOLO11n run by our ONNX runtime
/// gives ONNX Runtime's boxes, best class and best score at every one of its 8,400 anchors. The
/// reference comes from `scripts/onnx_reference.py`.
@Suite struct ONNXParityTests {
    struct Reference: Decodable {
        struct Stored: Decodable {
            var file: String
            var min: Double
            var max: Double
            var count: Int
        }
        struct Entry: Decodable {
            var photo: String
            var shape: [Int]
            var input_sum: Double
            var input_sum_of_squares: Double
            var boxes: Stored
            var best_scores: Stored
            var classes: String
        }
        var model_sha256: String
        var entries: [Entry]
    }

    /// Little-endian uint16 codes of a fixture file.
    static func codes(_ file: String) throws -> [UInt16] {
        let data = try Data(contentsOf: TestSupport.fixture("onnx/" + file))
        return stride(from: 0, to: data.count, by: 2).map { UInt16(data[$0]) | UInt16(data[$0 + 1]) << 8 }
    }

    /// The stored values, and the largest rounding error they carry.
    static func values(_ stored: Reference.Stored) throws -> (values: [Double], rounding: Double) {
        let step = (stored.max - stored.min) / 65535
        return (try codes(stored.file).map { stored.min + Double($0) * step }, step / 2)
    }

    @Test func everyAnchorMatchesONNXRuntime() throws {
        let reference = try JSONDecoder().decode(Reference.self, from: Data(contentsOf: TestSupport.fixture("onnx/reference.json")))
        // At the size it was trained and exported at, as the reference ran it.
        let detector = try UltralyticsDetector(path: UltralyticsDetector.defaultModelPath, inputSize: 640, threads: 2)
        #expect(detector.name == "onnx:yolo11n")
        #expect(detector.vocabulary.names.count == 80 && detector.vocabulary.names.first == "person")
        for entry in reference.entries {
            let image = try ImageDecoder.decode(contentsOf: TestSupport.testImage(entry.photo)).image
            let (tensor, _) = Preprocessor(spec: detector.inputSpec).tensor(from: image)
            // Both sides fed the same input (sums agree to float rounding).
            let sum = tensor.values.reduce(0.0) { $0 + Double($1) }
            let squares = tensor.values.reduce(0.0) { $0 + Double($1) * Double($1) }
            #expect(abs(sum - entry.input_sum) <= 1e-4 * Double(tensor.values.count), "\(entry.photo): input sum \(sum) vs \(entry.input_sum)")
            #expect(abs(squares - entry.input_sum_of_squares) <= 1e-4 * Double(tensor.values.count), "\(entry.photo): input squares")

            let output = try #require(try detector.interpreter.run(tensor.values).first)
            #expect(detector.interpreter.outputShapes == [entry.shape])
            let anchors = entry.shape[2]
            let (boxes, boxRounding) = try Self.values(entry.boxes)
            let (best, scoreRounding) = try Self.values(entry.best_scores)
            let classes = try Self.codes(entry.classes)
            try #require(output.count == 84 * anchors && boxes.count == 4 * anchors && best.count == anchors)
            // Boxes within 0.05 px (of a 640-px input), scores within 1e-4.
            var boxError = 0.0
            for i in 0..<4 * anchors { boxError = max(boxError, abs(Double(output[i]) - boxes[i])) }
            #expect(boxError <= 0.05 + boxRounding, "\(entry.photo): worst box difference \(boxError) px")
            var scoreError = 0.0, classMismatches = 0
            for a in 0..<anchors {
                let scores: [Float] = (0..<80).map { output[(4 + $0) * anchors + a] }
                var top = 0
                for c in scores.indices where scores[c] > scores[top] { top = c }
                scoreError = max(scoreError, abs(Double(scores[top]) - best[a]))
                // The best class agrees wherever it is clearly best and scores at all.
                var runnerUp: Float = 0
                for c in scores.indices where c != top { runnerUp = max(runnerUp, scores[c]) }
                if best[a] >= 0.05, scores[top] - runnerUp > 1e-3, top != Int(classes[a]) { classMismatches += 1 }
            }
            #expect(scoreError <= 1e-4 + scoreRounding, "\(entry.photo): worst best-score difference \(scoreError)")
            #expect(classMismatches == 0, "\(entry.photo): \(classMismatches) anchors with another best class")
        }
    }

    /// Same input, same answer: a batch of two (each image on one worker) gives exactly what each
    /// image alone gives with every operator split between two threads, and on one thread; the
    /// Darknet runtime too (the kernels cut their work by shape, never by thread count).
    @Test func batchesAndThreadsGiveTheSameDetections() throws {
        let split = try UltralyticsDetector(path: UltralyticsDetector.defaultModelPath, inputSize: 320, threads: 2)
        let single = try UltralyticsDetector(path: UltralyticsDetector.defaultModelPath, inputSize: 320, threads: 1)
        var batch = PlanarTensor(batch: 2, channels: 3, height: 320, width: 320)
        var alone: [PlanarTensor] = []
        for (index, photo) in ["horses.jpg", "bus.jpg"].enumerated() {
            let image = try ImageDecoder.decode(contentsOf: TestSupport.testImage(photo)).image
            let (tensor, _) = Preprocessor(spec: split.inputSpec).tensor(from: image)
            batch.values.replaceSubrange(index * tensor.values.count..<(index + 1) * tensor.values.count, with: tensor.values)
            alone.append(tensor)
        }
        let together = try split.detect(batch, scoreThreshold: 0.1)
        for (index, tensor) in alone.enumerated() {
            let byOne = try single.detect(tensor, scoreThreshold: 0.1)[0]
            let bySplit = try split.detect(tensor, scoreThreshold: 0.1)[0]
            #expect(!byOne.isEmpty && together[index] == byOne && bySplit == byOne, "image \(index)")
        }
        let darknet = try [1, 2].map { try DarknetDetector(modelDirectory: TestSupport.modelDirectory, threads: $0) }
        let (tensor, _) = Preprocessor(spec: darknet[0].inputSpec).tensor(from: try ImageDecoder.decode(contentsOf: TestSupport.testImage("bus.jpg")).image)
        #expect(try darknet[0].detect(tensor, scoreThreshold: 0.1) == darknet[1].detect(tensor, scoreThreshold: 0.1))
    }
}
