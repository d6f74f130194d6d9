import Foundation
import Grounding

/// What the engine-level tests share: the repository's paths, the real model, one engine.
enum TestSupport {
    /// The repository root (three levels above this file).
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The path of a photo in `TestImages/`.
    static func testImage(_ name: String) -> String {
        repositoryRoot.appendingPathComponent("TestImages").appendingPathComponent(name).path
    }

    /// Every photo in `TestImages/`, sorted.
    static let testImageNames: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: repositoryRoot.appendingPathComponent("TestImages").path)) ?? []
        return names.filter { $0.hasSuffix(".jpg") || $0.hasSuffix(".png") }.sorted()
    }()

    /// A file in `Tests/GroundingTests/Fixtures/`.
    static func fixture(_ name: String) -> URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures").appendingPathComponent(name)
    }

    /// Where `make test` puts YOLOv4-tiny (`$GROUNDING_MODEL_DIR`, else the default cache).
    static let modelDirectory = GroundingEngine.defaultModelDirectory

    /// One engine on the real model for the whole suite (loading it once keeps tests fast).
    /// `make test` fetches the model first; a missing model fails the tests that need it.
    static let sharedEngine: Result<GroundingEngine, any Error> = Result {
        try GroundingEngine(modelDirectory: modelDirectory, threads: 2)
    }

    /// The shared engine, or the error that loading it gave.
    static func engine() throws -> GroundingEngine {
        try sharedEngine.get()
    }

    /// One engine on the default models, as `ground` loads them without `--model` (YOLOv4-tiny
    /// for COCO names, MediaPipe's for faces and hands), for the tests that compare the CLI with
    /// the library.
    static let sharedDefaultEngine: Result<GroundingEngine, any Error> = Result {
        try GroundingEngine(models: [], threads: 2)
    }

    /// The default-models engine, or the error that loading it gave.
    static func defaultEngine() throws -> GroundingEngine {
        try sharedDefaultEngine.get()
    }

    /// YOLO11n (`$GROUNDING_YOLO11_MODEL`, which `make test` fetches), loaded once for every
    /// suite that runs it.
    static let yolo11 = Result { try UltralyticsDetector(path: UltralyticsDetector.defaultModelPath, threads: 2) }
}

/// SplitMix64: a small seeded generator, so every run of a test sees the same data.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// `count` bytes drawn uniformly.
    mutating func bytes(_ count: Int) -> [UInt8] {
        (0..<count).map { _ in UInt8.random(in: 0...255, using: &self) }
    }

    /// `count` floats drawn uniformly from `range`.
    mutating func floats(_ count: Int, in range: ClosedRange<Float>) -> [Float] {
        (0..<count).map { _ in Float.random(in: range, using: &self) }
    }
}
