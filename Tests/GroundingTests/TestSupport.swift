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
}
