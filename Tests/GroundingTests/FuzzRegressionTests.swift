import Foundation
import Testing
import Grounding

/// Replays the committed seed corpora (Tests/GroundingTests/Fuzz/Seeds, see FUZZING.md) through
/// the entry points the fuzz targets call: they are valid files and must keep loading, or the
/// fuzzers would start from inputs that stop at the first check. An input that crashes a target
/// goes to Fuzz/Crashes/TARGET/ with a test here that it is now refused cleanly.
@Suite struct FuzzRegressionTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fuzz")

    /// The files of `Seeds/target`, sorted.
    static func seeds(_ target: String) -> [URL] {
        let folder = root.appendingPathComponent("Seeds").appendingPathComponent(target)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.sorted().map { folder.appendingPathComponent($0) }
    }

    static let model = root.appendingPathComponent("Model")

    /// What the weights target does: load the fixed model with these weights and run it once.
    private static func loadAndRun(weights path: String) throws -> [[Detection]] {
        let detector = try DarknetDetector(cfg: model.appendingPathComponent("fuzz.cfg").path, weights: path,
                                           names: model.appendingPathComponent("fuzz.names").path, threads: 1)
        var input = PlanarTensor(batch: 1, channels: 3, height: detector.inputHeight, width: detector.inputWidth)
        for i in input.values.indices { input.values[i] = Float(i % 7) / 7 }
        return try detector.detect(input, scoreThreshold: 0.001)
    }

    @Test func imageSeedsDecode() throws {
        let seeds = Self.seeds("jpeg") + Self.seeds("png")
        #expect(seeds.count >= 10)
        for seed in seeds {
            let decoded = try ImageDecoder.decode(Array(try Data(contentsOf: seed)), name: seed.lastPathComponent)
            #expect(decoded.image.width >= 1 && decoded.image.height >= 1)
            #expect(decoded.warnings.isEmpty, "\(seed.lastPathComponent): \(decoded.warnings)")
        }
    }

    @Test func exifSeedsGiveTheirOrientation() throws {
        let seeds = Self.seeds("exif")
        #expect(seeds.count == 8)
        for seed in seeds {
            // orientation-N.jpg: a JPEG head (cut short) carrying Orientation = N.
            let expected = Int(seed.deletingPathExtension().lastPathComponent.split(separator: "-").last ?? "")
            #expect(ExifOrientation.parse(jpeg: Array(try Data(contentsOf: seed))).rawValue == expected, "\(seed.lastPathComponent)")
        }
    }

    @Test func cfgSeedsBuildNetworks() throws {
        let seeds = Self.seeds("cfg")
        #expect(!seeds.isEmpty)
        for seed in seeds {
            let config = try DarknetConfig(text: try String(contentsOf: seed, encoding: .utf8), file: seed.lastPathComponent)
            #expect(try !DarknetNetwork.layers(of: config).layers.isEmpty)
        }
    }

    @Test func weightsSeedsLoadAndRun() throws {
        let seeds = Self.seeds("weights")
        #expect(seeds.count == 3)
        for seed in seeds {
            #expect(try Self.loadAndRun(weights: seed.path).count == 1)
        }
    }

    /// Models the onnx target crashed on (Fuzz/Crashes/onnx, FUZZING.md "Findings"), each refused
    /// now with the runtime's error instead of trapping: resize scales of 1.6e28 made a size no
    /// Int holds; a Conv without an output was read by place.
    @Test func onnxCrashesAreRefused() throws {
        let folder = Self.root.appendingPathComponent("Crashes").appendingPathComponent("onnx")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(names.contains("resize-scales-not-finite.onnx") && names.contains("node-without-output.onnx"))
        for name in names {
            let error = #expect(throws: ONNXError.self, "\(name)") {
                try ONNXInterpreter(contentsOf: folder.appendingPathComponent(name).path, inputShape: [1, 1, 4, 4], threads: 1)
            }
            #expect(error.map { "\($0)" }?.contains(folder.path) == true, "\(name): the error names the file")
        }
    }

    /// What the onnx target does: plan the model for a 1×1×4×4 input and run it once. Every seed
    /// must get that far, with finite outputs of the shape its graph declares.
    @Test func onnxSeedsPlanAndRun() throws {
        let seeds = Self.seeds("onnx")
        #expect(seeds.count == 4)
        let shapes = ["conv-relu.onnx": [1, 2, 4, 4], "silu-pool-resize-concat.onnx": [1, 4, 4, 4],
                      "shape-reshape-softmax-matmul.onnx": [1, 1], "split-slice-transpose.onnx": [1, 6]]
        for seed in seeds {
            let interpreter = try ONNXInterpreter(contentsOf: seed.path, inputShape: [1, 1, 4, 4], threads: 1)
            #expect(interpreter.outputShapes == [try #require(shapes[seed.lastPathComponent])], "\(seed.lastPathComponent)")
            let outputs = try interpreter.run((0..<16).map { Float($0 % 5) / 5 })
            #expect(outputs.count == 1 && outputs[0].allSatisfy(\.isFinite), "\(seed.lastPathComponent)")
        }
    }

    /// What the names target reads: each seed is text a person or an assistant might send, and
    /// the parser finds at least one name in it, resolved or refused with its reason.
    @Test func nameSeedsAreReadAsNames() throws {
        let seeds = Self.seeds("names")
        #expect(seeds.count == 20)
        let resolver = QueryResolver(classNames: CocoClass.all.map(\.name))
        for seed in seeds {
            let text = try String(contentsOf: seed, encoding: .utf8)
            let results = resolver.resolveNames(in: text)
            #expect(!results.isEmpty && resolver.explain(text).count == results.count, "\(seed.lastPathComponent)")
            #expect(!results.contains { if case .failure(.emptyName) = $0 { true } else { false } }, "\(seed.lastPathComponent)")
        }
    }

    /// What the request target decodes: the seeds are requests the C library and Python send,
    /// and the two made to fail are refused with what is wrong in them.
    @Test func requestSeedsDecodeOrSayWhatIsWrong() throws {
        let seeds = Self.seeds("request")
        #expect(seeds.count == 6)
        let refusals = ["duplicate-key.json": "given twice", "big-number.json": "number"]
        for seed in seeds {
            let json = Array(try Data(contentsOf: seed))
            guard let expected = refusals[seed.lastPathComponent] else {
                #expect(throws: Never.self, "\(seed.lastPathComponent)") { try GroundingRequest(json: json) }
                continue
            }
            let error = #expect(throws: GroundingError.self) { try GroundingRequest(json: json) }
            guard case .invalidRequest(let message) = error else {
                Issue.record("\(seed.lastPathComponent): \(String(describing: error))")
                continue
            }
            #expect(message.contains(expected), "\(seed.lastPathComponent): \(message)")
        }
    }

    /// What the answer target answers: each seed is a whole request with its image inside, which
    /// the default engine answers, each name it holds with an object of the answer.
    @Test func answerSeedsAreAnswered() throws {
        let seeds = Self.seeds("answer")
        #expect(seeds.count == 5)
        let engine = try TestSupport.engine()
        for seed in seeds {
            let request = try GroundingRequest(json: Array(try Data(contentsOf: seed)))
            #expect(request.image.path == nil, "\(seed.lastPathComponent): the target skips requests that name a file")
            let response = try engine.answer(request)
            #expect(response.result.objects.count == request.queries.count, "\(seed.lastPathComponent)")
            #expect((response.drawing != nil) == (request.drawing != nil), "\(seed.lastPathComponent)")
        }
    }
}
