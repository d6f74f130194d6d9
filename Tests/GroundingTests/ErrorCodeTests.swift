import Foundation
import Testing
import Synchronization
import Grounding

/// Stable error codes from real failing input, one family at a time, and the documentation that
/// lists them.
@Suite struct ErrorCodeTests {
    /// The code `body` fails with, or nil when it does not fail.
    private func code(_ body: () throws -> Void) -> GroundingErrorCode? {
        do { try body(); return nil } catch { return GroundingErrorCode(of: error) }
    }

    private func request(_ image: ImageSource, _ queries: [ObjectQuery], options: GroundingOptions = GroundingOptions()) -> GroundingRequest {
        GroundingRequest(image: image, queries: queries, mode: .count, options: options)
    }

    private func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("grounding-codes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func imageErrorsHaveImageCodes() throws {
        let engine = try TestSupport.engine()
        let dog = [UInt8](try Data(contentsOf: URL(fileURLWithPath: TestSupport.testImage("dog.jpg"))))
        let cases: [(ImageSource, GroundingErrorCode)] = [
            (.path("/no/such/photo.jpg"), .imageNotFound),
            (.path(TestSupport.repositoryRoot.path), .imageUnreadable),
            (.encoded(Array(dog.prefix(dog.count / 2))), .imageTruncated),
            (.encoded([]), .imageTruncated),
            (.encoded(Array("just some text".utf8)), .imageUnsupportedFormat),
            // dog.jpg's frame header starts at byte 8338; its fifth byte is the sample precision.
            (.encoded(Array(dog.prefix(8342)) + [12] + dog.dropFirst(8343)), .imageUnsupportedFormat),
        ]
        for (source, expected) in cases {
            #expect(code { _ = try engine.answer(request(source, [.name("dog")])) } == expected, "\(source)")
        }
        // The same code from the `ground` overloads: the code belongs to the error, not the entry point.
        #expect(code { _ = try engine.ground(contentsOf: "/no/such/photo.jpg", objects: ["dog"], mode: .count) } == .imageNotFound)
        // Stray bytes before the end marker: answered with a warning, or refused with `strict`.
        let padded = ImageSource.encoded(Array(dog.dropLast(2)) + [0x12, 0x34, 0x56, 0xFF, 0xD9])
        var strict = request(padded, [.name("dog")])
        #expect(try engine.answer(strict).result.warnings.count == 1)
        strict.strict = true
        #expect(code { _ = try engine.answer(strict) } == .imageCorrupt)
        // An image over the pixel limit is refused from its header.
        var limits = DecodeOptions()
        limits.maxPixels = 100_000
        #expect(code { _ = try ImageDecoder.decode(dog, name: "dog.jpg", options: limits) } == .imageTooLarge)
    }

    @Test func queryErrorsHaveQueryCodes() throws {
        let engine = try TestSupport.engine()
        let dog = ImageSource.path(TestSupport.testImage("dog.jpg"))
        #expect(code { _ = try engine.answer(request(dog, [.name("xyzzyq"), .name("pelicn")])) } == .queryUnknownName)
        #expect(code { _ = try engine.answer(request(dog, [.name("  ")])) } == .queryEmpty)
        #expect(code { _ = try engine.resolver.resolve("dogs and cats") } == .querySeveralNames)
        // One known name is enough: the request is answered and the unknown one listed.
        let response = try engine.answer(request(dog, [.name("xyzzyq"), .name("dog")]))
        #expect(response.result.unresolved.map(\.name) == ["xyzzyq"] && response.result.objects.map(\.count) == [1])
    }

    @Test func exemplarAndOptionErrorsHaveTheirCodes() throws {
        let engine = try TestSupport.engine()
        let flat = ImageSource.pixels(RGBImage(width: 200, height: 200, filledWith: RGBPixel(red: 90, green: 90, blue: 90)))
        let coins = ImageSource.path(TestSupport.testImage("coins.png"))
        #expect(code { _ = try engine.answer(request(coins, [.exemplar([PixelRect(x: 5000, y: 0, width: 40, height: 40)])])) } == .exemplarInvalidBox)
        #expect(code { _ = try engine.answer(request(coins, [.exemplar([])])) } == .exemplarInvalidBox)
        #expect(code { _ = try engine.answer(request(flat, [.exemplar([PixelRect(x: 10, y: 10, width: 40, height: 40)])])) } == .exemplarFeatureless)
        let namesOnly = GroundingEngine(detectors: engine.detectors, exemplarMatcher: nil)
        #expect(code { _ = try namesOnly.answer(request(coins, [.exemplar([PixelRect(x: 193, y: 29, width: 46, height: 46)])])) } == .exemplarUnsupported)
        var options = GroundingOptions()
        options.scoreThreshold = 2
        #expect(code { _ = try engine.answer(request(coins, [.name("dog")], options: options)) } == .optionInvalid)
        #expect(code { _ = try GroundingRequest(json: Array("{".utf8)) } == .requestInvalid)
    }

    @Test func modelErrorsHaveModelCodes() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(code { _ = try GroundingEngine(modelDirectory: directory.appendingPathComponent("none").path) } == .modelMissing)
        // Nothing at a model path no loader knows by name: no file or folder of that name, not a
        // model folder waiting for its download; a folder without a model's files is one.
        for path in ["face", directory.appendingPathComponent("model.tflite").path] {
            #expect(throws: ModelRegistry.MissingModel.self) { _ = try GroundingEngine(models: [path]) }
            #expect(code { _ = try GroundingEngine(models: [path]) } == .modelMissing)
        }
        #expect(throws: DarknetError.self) { _ = try GroundingEngine(models: [directory.path]) }
        #expect(code { _ = try GroundingEngine(models: [directory.path]) } == .modelMissing)
        try Data("not a model".utf8).write(to: directory.appendingPathComponent("model.tflite"))
        #expect(code { _ = try GroundingEngine(models: [directory.appendingPathComponent("model.tflite").path]) } == .modelUnsupported)
        // A file that is no model is not a Darknet folder whose files are missing.
        for file in [TestSupport.testImage("dog.jpg"), "/dev/zero"] {
            #expect(code { _ = try GroundingEngine(models: [file]) } == .modelUnsupported, "\(file)")
        }

        // A Darknet folder with the real cfg and names but weights of the wrong size.
        let darknet = directory.appendingPathComponent("darknet")
        try FileManager.default.createDirectory(at: darknet, withIntermediateDirectories: true)
        for file in ["yolov4-tiny.cfg", "coco.names"] {
            try FileManager.default.copyItem(atPath: TestSupport.modelDirectory + "/" + file, toPath: darknet.appendingPathComponent(file).path)
        }
        try Data(repeating: 0, count: 4096).write(to: darknet.appendingPathComponent("yolov4-tiny.weights"))
        #expect(code { _ = try GroundingEngine(modelDirectory: darknet.path) } == .modelInvalid)

        // A file named like MediaPipe's face detector that is no TFLite model.
        let face = directory.appendingPathComponent("face_detection_short_range.tflite")
        try Data("not a flatbuffer at all, just text".utf8).write(to: face)
        #expect(code { _ = try GroundingEngine(models: [face.path]) } == .modelInvalid)

        // ONNX: the default model's file missing, a damaged file, an operator the runtime lacks.
        #expect(code { _ = try GroundingEngine(models: [directory.appendingPathComponent("yolo11n.onnx").path]) } == .modelMissing)
        let damaged = directory.appendingPathComponent("damaged.onnx")
        try Data("not protobuf".utf8).write(to: damaged)
        #expect(code { _ = try GroundingEngine(models: [damaged.path]) } == .modelInvalid)
        var lstm = ONNXModelBuilder()
        lstm.value(11, "image", shape: [-1, 3, -1, -1])
        lstm.node("LSTM", ["image"], ["out"])
        lstm.value(12, "out", shape: [1])
        let unsupported = directory.appendingPathComponent("lstm.onnx")
        try Data(lstm.model()).write(to: unsupported)
        #expect(code { _ = try GroundingEngine(models: [unsupported.path]) } == .modelUnsupported)
    }

    /// Several models load side by side, and come back in the order given; of several that
    /// fail, the first one given is the error, whichever thread failed first.
    @Test func modelsLoadSideBySideInTheirOrderAndTheFirstFailureIsTheError() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let faces = MediaPipeModelDirectory.default + "/" + MediaPipeFaceDetector.Model.fullRange.fileName
        let models = try ModelRegistry.load([TestSupport.modelDirectory, faces, TestSupport.modelDirectory], threads: 1)
        #expect(models.map { "\(type(of: $0))" } == ["DarknetDetector", "MediaPipeFaceDetector", "DarknetDetector"])
        #expect(try ModelRegistry.defaultModels(threads: 1).map { "\(type(of: $0))" }
                == ["DarknetDetector", "MediaPipeFaceDetector", "MediaPipePalmDetector"])
        let missing = directory.appendingPathComponent("yolo11n.onnx").path
        let damaged = directory.appendingPathComponent("damaged.onnx")
        try Data("not protobuf".utf8).write(to: damaged)
        // The damaged file fails at once; the missing model, given first, is still the error.
        for _ in 0..<5 {
            #expect(code { _ = try GroundingEngine(models: [missing, TestSupport.modelDirectory, damaged.path]) } == .modelMissing)
            #expect(code { _ = try GroundingEngine(models: [damaged.path, TestSupport.modelDirectory, missing]) } == .modelInvalid)
        }
    }

    /// The first failure in the loads' order is the error even when a later load fails sooner:
    /// the first one given fails only after the second has.
    @Test func theFirstLoadGivenIsTheErrorEvenWhenALaterOneFailsFirst() throws {
        struct Failure: Error, Equatable { let index: Int }
        let secondFailed = Mutex(false)
        let loads: [@Sendable () throws -> any Detector] = [
            {
                // Waits (at most 5 s) until the second load has failed, then fails itself.
                for _ in 0..<500 where !secondFailed.withLock({ $0 }) { usleep(10_000) }
                throw Failure(index: 0)
            },
            {
                secondFailed.withLock { $0 = true }
                throw Failure(index: 1)
            },
        ]
        #expect(throws: Failure(index: 0)) { try ModelRegistry.loadSideBySide(loads) }
        #expect(secondFailed.withLock { $0 })
    }

    @Test func codesAreDistinctAndDocumented() throws {
        let codes = GroundingErrorCode.allCases
        #expect(Set(codes.map(\.number)).count == codes.count && !codes.map(\.number).contains(0))
        let errors = try String(contentsOf: TestSupport.repositoryRoot.appendingPathComponent("docs/ERRORS.md"), encoding: .utf8)
        // Each code has its row: | `code` | number | HTTP status | meaning |
        for code in codes {
            let row = errors.split(separator: "\n").first { $0.hasPrefix("| `\(code.rawValue)` |") }
            let cells = row.map { $0.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) } } ?? []
            #expect(cells.count >= 4 && cells[1] == String(code.number) && cells[2] == String(code.httpStatus),
                    "docs/ERRORS.md row for \(code.rawValue): \(row ?? "missing")")
        }
    }
}
