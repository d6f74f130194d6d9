import Foundation
import Testing
import Grounding

/// The ONNX runtime on small graphs built in the test, against the operators' definitions
/// computed naively here; and its refusals: damaged files, unsupported operators, impossible
/// sizes, and random damage to a valid model, none of which may crash it.
@Suite final class ONNXRuntimeTests {
    /// This test's temporary folder, removed when the test ends (a test writes hundreds of
    /// damaged models, which would otherwise pile up in the system's temporary folder).
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("onnx-\(UUID().uuidString)")

    deinit {
        try? FileManager.default.removeItem(at: folder)
    }

    /// Writes `bytes` to a new `.onnx` file named `name`, in a folder of its own inside ``folder``.
    func file(_ bytes: [UInt8], name: String = "model.onnx") throws -> String {
        let own = folder.appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: own, withIntermediateDirectories: true)
        let url = own.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }

    /// `x · σ(x)`.
    static func silu(_ x: Float) -> Float { x / (1 + Float(exp(Double(-x)))) }

    /// input [1, 1, H, W] → Conv 1×1 (2 filters) → SiLU → MaxPool 2×2/2 → Resize ×2 → "features"
    /// [1, 2, H, W]; features reshaped by a folded shape to [1, 2, H·W] → Transpose → [1, H·W, 2] →
    /// Softmax → "attention"; MatMul of it with its transpose → "similarity" [1, H·W, H·W].
    static func model() -> [UInt8] {
        var m = ONNXModelBuilder()
        m.value(11, "image", shape: [-1, 1, -1, -1])
        m.constant("w", shape: [2, 1, 1, 1], [1, -1])
        m.constant("b", shape: [2], [0, 0.5])
        m.constant("scales", shape: [4], [1, 1, 2, 2])
        m.integers("zero", [0])
        m.integers("tail", [2, -1])
        m.node("Conv", ["image", "w", "b"], ["conv"], ints: ["kernel_shape": [1, 1], "pads": [0, 0, 0, 0], "strides": [1, 1]])
        m.node("Sigmoid", ["conv"], ["gate"])
        m.node("Mul", ["conv", "gate"], ["act"])
        m.node("MaxPool", ["act"], ["pooled"], ints: ["kernel_shape": [2, 2], "strides": [2, 2]])
        m.node("Resize", ["pooled", "", "scales"], ["features"], strings: ["mode": "nearest", "coordinate_transformation_mode": "asymmetric", "nearest_mode": "floor"])
        m.node("Shape", ["features"], ["shape"])
        m.node("Gather", ["shape", "zero"], ["batch"], int: ["axis": 0])
        m.node("Concat", ["batch", "tail"], ["target"], int: ["axis": 0])
        m.node("Reshape", ["features", "target"], ["rows"])
        m.node("Transpose", ["rows"], ["columns"], ints: ["perm": [0, 2, 1]])
        m.node("Softmax", ["columns"], ["attention"], int: ["axis": -1])
        m.node("Transpose", ["attention"], ["attentionT"], ints: ["perm": [0, 2, 1]])
        m.node("MatMul", ["attention", "attentionT"], ["similarity"])
        m.value(12, "features", shape: [1, 2, 4, 4])
        m.value(12, "attention", shape: [1, 16, 2])
        m.value(12, "similarity", shape: [1, 16, 16])
        return m.model()
    }

    @Test func smallGraphMatchesTheOperatorDefinitions() throws {
        let interpreter = try ONNXInterpreter(contentsOf: try file(Self.model()), inputShape: [1, 1, 4, 4], threads: 2)
        #expect(interpreter.outputShapes == [[1, 2, 4, 4], [1, 16, 2], [1, 16, 16]])
        let image = (0..<16).map { Float($0) / 4 - 2 }
        let outputs = try interpreter.run(image)

        // Naive: conv + SiLU per filter, 2×2 max, repeated 2×2.
        var features = [Float](repeating: 0, count: 32)
        for (f, (w, b)) in [(Float(1), Float(0)), (-1, 0.5)].enumerated() {
            let act = image.map { Self.silu(w * $0 + b) }
            for y in 0..<4 {
                for x in 0..<4 {
                    let (py, px) = (y / 2 * 2, x / 2 * 2)
                    features[f * 16 + y * 4 + x] = [act[py * 4 + px], act[py * 4 + px + 1], act[(py + 1) * 4 + px], act[(py + 1) * 4 + px + 1]].max()!
                }
            }
        }
        for (ours, expected) in zip(outputs[0], features) { #expect(abs(ours - expected) <= 1e-5) }
        // attention[i] = softmax over the two channels at position i.
        var attention = [Float](repeating: 0, count: 32)
        for i in 0..<16 {
            let (a, b) = (features[i], features[16 + i])
            let m = max(a, b)
            let (ea, eb) = (Float(exp(Double(a - m))), Float(exp(Double(b - m))))
            (attention[2 * i], attention[2 * i + 1]) = (ea / (ea + eb), eb / (ea + eb))
        }
        for (ours, expected) in zip(outputs[1], attention) { #expect(abs(ours - expected) <= 1e-5) }
        for i in 0..<16 {
            for j in 0..<16 {
                let expected = attention[2 * i] * attention[2 * j] + attention[2 * i + 1] * attention[2 * j + 1]
                #expect(abs(outputs[2][i * 16 + j] - expected) <= 1e-5)
            }
        }
    }

    /// Softmax along a middle axis (positions after it taken four at a time, the last block
    /// short) and along the last one (a line four at a time, a short tail), against the
    /// definition in `Double`, on values far apart (the largest must be subtracted first).
    @Test func softmaxFollowsItsDefinitionAlongAnyAxis() throws {
        let shape = [2, 7, 3, 5]
        let count = shape.reduce(1, *)
        let input = (0..<count).map { Float(($0 * 37) % 101) / 3 - 15 }
        for axis in [1, 3] {
            var m = ONNXModelBuilder()
            m.value(11, "x", shape: shape)
            m.node("Softmax", ["x"], ["y"], int: ["axis": axis])
            m.value(12, "y", shape: shape)
            for threads in [1, 2] {
                let output = try ONNXInterpreter(contentsOf: try file(m.model()), inputShape: shape, threads: threads).run(input)[0]
                let extent = shape[axis], inner = shape[(axis + 1)...].reduce(1, *)
                for line in 0..<(count / extent) {
                    let base = (line / inner) * extent * inner + line % inner
                    let values = (0..<extent).map { Double(input[base + $0 * inner]) }
                    let exps = values.map { exp($0 - values.max()!) }
                    for k in 0..<extent {
                        let expected = exps[k] / exps.reduce(0, +)
                        #expect(abs(Double(output[base + k * inner]) - expected) <= 1e-6 * max(1, expected), "axis \(axis) line \(line)")
                    }
                }
            }
        }
    }

    @Test func theSameFileAtAnotherSizeIsPlannedAgain() throws {
        let interpreter = try ONNXInterpreter(contentsOf: try file(Self.model()), inputShape: [1, 1, 8, 6], threads: 1)
        #expect(interpreter.outputShapes == [[1, 2, 8, 6], [1, 48, 2], [1, 48, 48]])
    }

    @Test func anUnsupportedOperatorIsNamedWithItsNode() throws {
        var m = ONNXModelBuilder()
        m.value(11, "image", shape: [1, 1, 4, 4])
        m.node("LSTM", ["image"], ["out"])
        m.value(12, "out", shape: [1])
        let path = try file(m.model())
        #expect(throws: ONNXError.unsupportedOperator(path: path, operator: "LSTM", node: "out_node")) {
            try ONNXInterpreter(contentsOf: path, inputShape: [1, 1, 4, 4], threads: 1)
        }
    }

    @Test func damagedAndForeignFilesAreRefusedByName() throws {
        let bytes = Self.model()
        for damaged in [Array(bytes.prefix(bytes.count / 2)), [], Array("not a model\n".utf8),
                        try Array(Data(contentsOf: URL(fileURLWithPath: TestSupport.testImage("horses.jpg")))).prefix(4096).map { $0 }] {
            let path = try file(damaged)
            do {
                _ = try ONNXInterpreter(contentsOf: path, inputShape: [1, 1, 4, 4], threads: 1)
                Issue.record("\(damaged.count) damaged bytes loaded")
            } catch let error as ONNXError {
                guard case .malformed(let file, _, _, _) = error else { Issue.record("\(error)"); continue }
                #expect(file == path)
                #expect(error.description.contains("not a valid ONNX model"))
            }
        }
        // The default model's file names its fetch command; any other missing file its path.
        #expect(throws: ONNXError.missingModelFile(path: "/nonexistent/yolo11n.onnx", fetchCommand: "scripts/fetch-yolo11.sh /nonexistent")) {
            try UltralyticsDetector(path: "/nonexistent/yolo11n.onnx", threads: 1)
        }
        #expect(throws: ONNXError.unreadableFile(path: "/nonexistent/mine.onnx", reason: "no such file; check the path")) {
            try ONNXInterpreter(contentsOf: "/nonexistent/mine.onnx", inputShape: [1, 3, 64, 64], threads: 1)
        }
    }

    @Test func impossibleSizesAreRefusedBeforeAllocating() throws {
        var m = ONNXModelBuilder()
        m.value(11, "image", shape: [1, 1, 4, 4])
        m.constant("huge", shape: [1 << 20, 1 << 20], [])
        m.node("Add", ["image", "huge"], ["out"])
        m.value(12, "out", shape: [1])
        let path = try file(m.model())
        #expect(throws: ONNXError.self) { try ONNXInterpreter(contentsOf: path, inputShape: [1, 1, 4, 4], threads: 1) }
        // A planned input larger than the limits.
        #expect(throws: ONNXError.self) {
            try ONNXInterpreter(contentsOf: try file(Self.model()), inputShape: [1, 1, 1 << 16, 1 << 16], threads: 1)
        }
    }

    /// Random damage to a valid model: every variant loads (and runs) or is refused with an
    /// ``ONNXError``; nothing crashes.
    @Test func randomDamageNeverCrashes() throws {
        let bytes = Self.model()
        var random = SeededGenerator(state: 14)
        let image = (0..<16).map { Float($0) / 8 }
        var refused = 0
        for _ in 0..<300 {
            var damaged = bytes
            for _ in 0..<Int.random(in: 1...4, using: &random) {
                damaged[Int.random(in: 0..<damaged.count, using: &random)] = UInt8.random(in: 0...255, using: &random)
            }
            do {
                let interpreter = try ONNXInterpreter(contentsOf: try file(damaged), inputShape: [1, 1, 4, 4], threads: 1)
                if interpreter.inputCount == image.count { _ = try interpreter.run(image) }
            } catch is ONNXError {
                refused += 1
            }
        }
        #expect(refused > 0)
    }

    /// A one-layer "detector" in Ultralytics' output form: a 1×1 convolution of the image into
    /// 4 + classes rows, reshaped to [1, 4 + classes, anchors]; `names` in its metadata.
    static func detector(names: String?) -> [UInt8] {
        var m = ONNXModelBuilder()
        if let names { m.metadata = ["names": names, "imgsz": "[64, 64]"] }
        m.value(11, "images", shape: [-1, 3, -1, -1])
        // Rows: centre x = 32 · red, centre y = 32, w = h = 16, score = green.
        m.constant("w", shape: [5, 3, 1, 1], [32, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0])
        m.constant("b", shape: [5], [0, 32, 16, 16, 0])
        m.integers("rows", [1, 5, -1])
        m.node("Conv", ["images", "w", "b"], ["conv"], ints: ["kernel_shape": [1, 1]])
        m.node("Reshape", ["conv", "rows"], ["output0"])
        m.value(12, "output0", shape: [1, 5, -1])
        return m.model()
    }

    @Test func anUltralyticsExportIsReadAsADetector() throws {
        let detector = try UltralyticsDetector(path: try file(Self.detector(names: "{0: 'widget'}"), name: "widgets.onnx"), threads: 1)
        #expect(detector.name == "onnx:widgets")
        #expect(detector.vocabulary.names == ["widget"])
        #expect(detector.inputWidth == 96, "1.5 × the 64 px it was trained at")
        // One bright green pixel with some red scores 0.9 at its anchor and nowhere else.
        var tensor = PlanarTensor(batch: 1, channels: 3, height: 96, width: 96)
        let anchor = 10 * 96 + 20
        tensor.values[anchor] = 0.5
        tensor.values[96 * 96 + anchor] = 0.9
        let found = try detector.detect(tensor, scoreThreshold: 0.5)[0]
        #expect(found.count == 1)
        #expect(found.first.map { abs($0.box.center.x - 16) < 1e-4 && abs($0.box.center.y - 32) < 1e-4 && abs($0.score - 0.9) < 1e-6 } == true)

        // Exported without names: a `.names` file beside it gives them.
        let bare = try file(Self.detector(names: nil), name: "bare.onnx")
        try Data("gadget\n".utf8).write(to: URL(fileURLWithPath: String(bare.dropLast(5)) + ".names"))
        #expect(try UltralyticsDetector(path: bare, inputSize: 64, threads: 1).vocabulary.names == ["gadget"])
    }

    @Test func aModelThatIsNotAnUltralyticsDetectorSaysWhatItNeeds() throws {
        for (names, expected) in [(nil, "no class names"), ("{0: 'a', 1: 'b'}", "not one [1, 6, anchors]")] {
            let path = try file(Self.detector(names: names))
            do {
                _ = try UltralyticsDetector(path: path, inputSize: 64, threads: 1)
                Issue.record("loaded")
            } catch let error as ONNXError {
                #expect(error.description.contains(expected), "\(error)")
            }
            // The registry sends .onnx files to the ONNX loader.
            #expect(throws: ONNXError.self) { try ModelRegistry.load(path, threads: 1) }
        }
    }
}
