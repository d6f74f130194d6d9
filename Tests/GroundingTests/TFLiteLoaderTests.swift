import Foundation
import Testing
import Grounding

/// The TFLite loader on bad files: every defect gets a specific error (the table and byte, the
/// operator, the tensor), never a crash; and on MediaPipe's real models.
@Suite struct TFLiteLoaderTests {
    /// Loads `bytes` as a model and plans it.
    static func load(_ bytes: [UInt8]) throws -> TFLiteInterpreter {
        try TFLiteInterpreter(model: try TFLiteModel(bytes: bytes, path: "test.tflite"), compute: ComputeBackend(threads: 1))
    }

    @Test func handMadeReLUModelRuns() throws {
        let interpreter = try Self.load(FlatBufferWriter.singleOperatorModel(builtin: 19))
        let input = (0..<32).map { Float($0) - 16 }
        let output = try interpreter.run(input)
        // Planar in, row-major NHWC out: the value of channel c at pixel p is input[c · 16 + p].
        let expected = (0..<32).map { i in max(0, input[(i % 2) * 16 + i / 2]) }
        #expect(output == [expected])
    }

    @Test func unknownOperatorsAreNamed() {
        #expect(throws: TFLiteError.unsupportedOperator(path: "test.tflite", name: "SOFTMAX", index: 0)) {
            try Self.load(FlatBufferWriter.singleOperatorModel(builtin: 25))
        }
        #expect(throws: TFLiteError.unsupportedOperator(path: "test.tflite", name: "CUSTOM (MyOp)", index: 0)) {
            try Self.load(FlatBufferWriter.singleOperatorModel(builtin: 32, custom: "MyOp"))
        }
        #expect(throws: TFLiteError.unsupportedOperator(path: "test.tflite", name: "BUILTIN 4000", index: 0)) {
            try Self.load(FlatBufferWriter.singleOperatorModel(builtin: 4000))
        }
    }

    @Test func declaredShapesMustMatchComputedOnes() {
        #expect(throws: TFLiteError.invalidGraph(path: "test.tflite", detail: "RELU (operator 0): computes an output of shape [1, 4, 4, 2], the file declares [1, 4, 4, 3] for \"output\"")) {
            try Self.load(FlatBufferWriter.singleOperatorModel(builtin: 19, outputShape: [1, 4, 4, 3]))
        }
        #expect(throws: TFLiteError.self) {
            try Self.load(FlatBufferWriter.singleOperatorModel(builtin: 19, inputShape: [1, -4, 4, 2]))
        }
    }

    @Test func nonModelsAndTruncationsNameWhatIsWrong() throws {
        let jpeg = [UInt8](try Data(contentsOf: URL(fileURLWithPath: TestSupport.testImage("dog.jpg"))))
        #expect(throws: TFLiteError.notAModel(path: "test.tflite", detail: "no \"TFL3\" identifier at byte 4")) {
            try TFLiteModel(bytes: jpeg, path: "test.tflite")
        }
        let model = try MediaPipeTestSupport.modelBytes(MediaPipeFaceDetector.Model.shortRange.fileName)
        do {
            _ = try TFLiteModel(bytes: Array(model.prefix(model.count / 2)), path: "test.tflite")
            Issue.record("a model cut in half loaded")
        } catch {
            guard case .malformed(_, let table, let offset, _) = error else { Issue.record("\(error)"); return }
            #expect(!table.isEmpty && offset > 0, "\(error)")
        }
    }

    @Test func missingFilesSayHowToFetchThem() {
        #expect(throws: TFLiteError.missingModelFile(path: "/nonexistent/face_detection_short_range.tflite",
                                                     fetchCommand: "scripts/fetch-mediapipe-models.sh /nonexistent")) {
            try MediaPipeFaceDetector(model: .shortRange, modelDirectory: "/nonexistent")
        }
    }

    @Test func allFourModelsLoadWithTheirOperators() throws {
        for file in ["face_detection_short_range.tflite", "face_detection_full_range_sparse.tflite",
                     "palm_detection_full.tflite", "palm_detection_lite.tflite"] {
            let model = try TFLiteModel(contentsOf: MediaPipeTestSupport.modelPath(file))
            let names = Set(model.operators.map(\.code.description))
            #expect(names.isSubset(of: ["CONV_2D", "DEPTHWISE_CONV_2D", "ADD", "RELU", "PRELU", "MAX_POOL_2D", "PAD", "RESHAPE",
                                        "CONCATENATION", "DEQUANTIZE", "DENSIFY", "RESIZE_BILINEAR", "DEPTH_TO_SPACE"]), "\(file): \(names)")
            _ = try TFLiteInterpreter(model: model, compute: ComputeBackend(threads: 1))
        }
    }

    /// A `PAD` of zero rows and columns read only by a convolution without padding is not
    /// computed: the convolution adds the border (the outputs stay LiteRT's, TFLiteParityTests).
    /// The full-range face model pads before each of its 42 depthwise convolutions and its first
    /// convolution; the palm model pads channels (to widen residual connections), which no
    /// convolution can add, so those run.
    @Test func padsAConvolutionAddsItselfAreNotComputed() throws {
        for (file, pads, computed) in [("face_detection_full_range_sparse.tflite", 43, 0), ("palm_detection_full.tflite", 3, 3)] {
            let model = try TFLiteModel(contentsOf: MediaPipeTestSupport.modelPath(file))
            #expect(model.operators.filter { $0.code.description == "PAD" }.count == pads, "\(file)")
            let interpreter = try TFLiteInterpreter(model: model, compute: ComputeBackend(threads: 1))
            #expect(interpreter.kernelNames.filter { $0 == "TFLitePad" }.count == computed, "\(file)")
        }
    }

    /// A `RELU` or `PRELU` that alone reads a sum is applied by the `ADD` (the outputs stay
    /// LiteRT's, TFLiteParityTests): the short-range face model keeps one `RELU` of 17 (after a
    /// convolution), the palm model 3 `PRELU`s of 31.
    @Test func rectifiersOfASumAreAppliedByTheAddition() throws {
        for (file, name, kernel, count, computed) in [
            ("face_detection_short_range.tflite", "RELU", "TFLiteElementwiseActivation", 17, 1),
            ("palm_detection_full.tflite", "PRELU", "TFLitePReLU", 31, 3),
        ] {
            let model = try TFLiteModel(contentsOf: MediaPipeTestSupport.modelPath(file))
            #expect(model.operators.filter { $0.code.description == name }.count == count, "\(file)")
            let interpreter = try TFLiteInterpreter(model: model, compute: ComputeBackend(threads: 1))
            #expect(interpreter.kernelNames.filter { $0 == kernel }.count == computed, "\(file)")
        }
    }

    /// Fuzz-style: truncations and byte flips of a real model never crash; each either loads
    /// (and then runs) or throws a TFLiteError.
    @Test func truncationsAndByteFlipsNeverCrash() throws {
        let model = try MediaPipeTestSupport.modelBytes(MediaPipeFaceDetector.Model.shortRange.fileName)
        var generator = SeededGenerator(state: 0x7F1E)
        var variants: [[UInt8]] = (0..<100).map { _ in Array(model.prefix(Int.random(in: 0..<model.count, using: &generator))) }
        // Flips land in the flatbuffer's structure (its first and last 8 KB: header, vtables,
        // tensor and operator tables) far more often than in the weights between.
        let structure = Array(0..<8192) + Array(model.count - 8192..<model.count)
        for _ in 0..<300 {
            var copy = model
            for _ in 0..<Int.random(in: 1...4, using: &generator) {
                copy[structure.randomElement(using: &generator)!] ^= UInt8.random(in: 1...255, using: &generator)
            }
            variants.append(copy)
        }
        var loaded = 0
        for bytes in variants {
            do {
                let interpreter = try Self.load(bytes)
                loaded += 1
                if loaded <= 3 { _ = try interpreter.run([Float](repeating: 0.25, count: interpreter.inputCount)) }
            } catch is TFLiteError {
            } catch {
                Issue.record("unexpected error type: \(error)")
            }
        }
        #expect(loaded < variants.count, "some variants must be refused")
    }

    @Test func sparseTensorsDensify() throws {
        let sparsity = TFLiteSparsity(traversalOrder: [0, 1], blockMap: [],
                                      levels: [.dense(size: 2), .compressed(segments: [0, 1, 2], indices: [1, 2])])
        #expect(try sparsity.densify([5, 7], shape: [2, 3], zero: 0, tensor: "w", path: "m") == [0, 5, 0, 0, 0, 7])
        // 2×2 blocks of a 4×4 matrix, blocks stored in CSR: blocks (0, 1) and (1, 0).
        let blocks = TFLiteSparsity(traversalOrder: [0, 1, 2, 3], blockMap: [0, 1],
                                    levels: [.dense(size: 2), .compressed(segments: [0, 1, 2], indices: [1, 0]), .dense(size: 2), .dense(size: 2)])
        let dense = try blocks.densify(Array(1...8), shape: [4, 4], zero: 0, tensor: "w", path: "m")
        #expect(dense == [0, 0, 1, 2,
                          0, 0, 3, 4,
                          5, 6, 0, 0,
                          7, 8, 0, 0])
        #expect(throws: TFLiteError.self) {
            try sparsity.densify([5], shape: [2, 3], zero: 0, tensor: "w", path: "m")
        }
    }
}
